from pathlib import Path

from coi_course.course.glossary import append_abbreviations
from coi_course.project import INCLUDES, LANGUAGES


def test_abbreviations_are_appended_per_language(tmp_path: Path):
    (tmp_path / "abbreviations.th.md").write_text(
        "*[ป.ป.ช.]: คณะกรรมการ ป.ป.ช.\n", encoding="utf-8"
    )
    assert append_abbreviations("# x", "th", tmp_path).endswith("*[ป.ป.ช.]: คณะกรรมการ ป.ป.ช.\n")
    assert append_abbreviations("# x", "en", tmp_path) == "# x"


def test_project_has_abbreviations_in_every_language():
    for lang in LANGUAGES:
        lines = (INCLUDES / f"abbreviations.{lang}.md").read_text(encoding="utf-8").splitlines()
        defs = [line for line in lines if line.startswith("*[")]
        assert len(defs) >= 5 and all("]: " in d for d in defs), lang
