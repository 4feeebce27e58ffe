"""Pages that cannot be read, or exist in one language only, stop the build with file:line messages."""

from __future__ import annotations

from pathlib import Path

from coi_course.bench.quiz_build import write_project
from coi_course.course.sources import check_sources
from tests.conftest import build_project_with_hook

THAI = "---\ntitle: ของขวัญ\n---\n\n# ของขวัญ {#gifts}\n\nรับได้ไม่เกิน 3,000 บาท\n"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    write_project(root, 1, quizzes=True)
    (root / "includes").mkdir()
    return root


def _check(root: Path) -> list[str]:
    return [str(e) for e in check_sources(root, root / "docs", root / "includes", ("th", "en"))]


def test_a_clean_project_has_no_problems(tmp_path):
    assert _check(_project(tmp_path)) == []


def test_a_page_in_one_language_only_names_the_missing_file(tmp_path):
    root = _project(tmp_path)
    (root / "docs" / "th" / "lessons" / "new.md").write_text(THAI, encoding="utf-8")
    (root / "docs" / "en" / "only-en.md").write_text("# Only\n", encoding="utf-8")
    assert _check(root) == [
        "docs/th/only-en.md: this page is missing: docs/en/only-en.md exists, and every page must "
        "exist in every language (th, en); write the translation under the same file name",
        "docs/en/lessons/new.md: this page is missing: docs/th/lessons/new.md exists, and every "
        "page must exist in every language (th, en); write the translation under the same file name",
    ]


def test_a_tis620_page_and_include_are_named_with_line_and_advice(tmp_path):
    root = _project(tmp_path)
    (root / "docs" / "th" / "lessons" / "l.md").write_bytes(THAI.encode("cp874"))
    (root / "includes" / "abbreviations.th.md").write_bytes(
        "*[ป.ป.ช.]: คณะกรรมการ\n".encode("cp874")
    )
    problems = _check(root)
    assert [p.split(": ", 1)[0] for p in problems] == [
        "docs/th/lessons/l.md:2",
        "includes/abbreviations.th.md:1",
    ]
    assert all(
        "TIS-620 / Windows-874" in p and "save it again with the encoding UTF-8" in p
        for p in problems
    )


def test_a_latin1_page_is_not_called_thai(tmp_path):
    root = _project(tmp_path)
    (root / "docs" / "en" / "index.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    [problem] = _check(root)
    assert problem.startswith("docs/en/index.md:1: this file is not UTF-8 text: ")


def test_broken_front_matter_names_its_line(tmp_path):
    root = _project(tmp_path)
    page = root / "docs" / "en" / "lessons" / "l.md"
    page.write_text('---\ndescription: fine\ntitle: "Gifts\n---\n# Gifts\n', encoding="utf-8")
    [problem] = _check(root)
    assert problem.startswith(
        "docs/en/lessons/l.md:3: front matter (between the --- lines) is not valid YAML"
    )


def test_the_strict_build_stops_with_the_messages_and_no_traceback(tmp_path):
    root = _project(tmp_path)
    (root / "docs" / "th" / "lessons" / "new.md").write_text(THAI, encoding="utf-8")
    (root / "docs" / "en" / "index.md").write_bytes("# หน้าแรก\n".encode("cp874"))
    proc = build_project_with_hook(root, "sources.py")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out
    assert "docs/en/lessons/new.md: this page is missing: docs/th/lessons/new.md exists" in out
    assert "docs/en/index.md:1: this file is Thai text in the old TIS-620" in out
    assert not (root / "site").exists()


def test_settings_files_that_are_not_utf8_are_named(tmp_path):
    root = _project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_bytes(
        config.read_bytes().replace(b"site_name: bench", "site_name: ทดสอบ".encode("cp874"))
    )
    [problem] = _check(root)
    assert problem.startswith("mkdocs.yml:1: this file is Thai text in the old TIS-620")


def test_cli_check_sources_prints_messages_and_fails(tmp_path, capsys, monkeypatch):
    import coi_course.project as project
    from coi_course.cli import main

    root = _project(tmp_path)
    (root / "docs" / "th" / "extra.md").write_text("# x\n", encoding="utf-8")
    for name, value in (("ROOT", root), ("DOCS", root / "docs"), ("INCLUDES", root / "includes")):
        monkeypatch.setattr(project, name, value)
    assert main(["check-sources"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("docs/en/extra.md: this page is missing: docs/th/extra.md exists")
    assert "Traceback" not in err
