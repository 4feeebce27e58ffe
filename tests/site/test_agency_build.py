"""Another office republishes the course by editing extra.agency only: a build with other settings
has no trace of the default office in any page, search index or sitemap of either language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coi_course.project import ROOT
from coi_course.search.thai_wrap import unmark  # the text without line-break marks
from tests.conftest import build_site

DEFAULT = {
    "th": "สำนักงานส่งเสริมสหกรณ์กรุงเทพมหานคร พื้นที่ 2",
    "en": "Bangkok Area 2 Cooperative Promotion Office",
}
OTHER = {"th": "สำนักงานสหกรณ์จังหวัดเชียงใหม่", "en": "Chiang Mai Provincial Cooperative Office"}
OTHER_LOGO = "assets/diagrams/seven-forms.th.svg"  # any image under docs/ will do
# Every way the default office is written (full names, short forms, the area number).
TRACES = (*DEFAULT.values(), "พื้นที่ 2", "Bangkok Area 2", "Area 2", "สสพ.2", "สสพ. 2")


def other_office_config(folder: Path) -> Path:
    """A copy of the project in ``folder`` (as another office would make one) whose agency block
    names another office; returns the copy's mkdocs.yml. The copy shares this checkout's Thai
    segmentation cache, so it costs no extra segmenting."""
    for name in ("docs", "quizzes", "includes", "overrides", "scripts/hooks"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy2(ROOT / "pyproject.toml", folder / "pyproject.toml")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (folder / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("  agency:\n") : text.index("\nplugins:")]
    assert DEFAULT["th"] in block and DEFAULT["en"] in block
    new_block = block.replace(DEFAULT["th"], OTHER["th"]).replace(DEFAULT["en"], OTHER["en"])
    new_block = new_block.replace("logo: assets/images/favicon.svg", f"logo: {OTHER_LOGO}")
    path = folder / "mkdocs.yml"
    path.write_text(text.replace(block, new_block), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def other_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("other-office")
    return build_site(folder / "site", config_file=other_office_config(folder))


def test_no_trace_of_the_default_office(other_site):
    texts = [p for p in other_site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".js")]
    assert len([p for p in texts if p.name == "index.html"]) > 20
    found = [
        f"{p.relative_to(other_site)}: {trace}"
        for p in texts
        for trace in TRACES
        if trace in unmark(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("lang, prefix", [("th", ""), ("en", "en/")])
def test_home_page_and_footer_name_the_new_office(other_site, lang, prefix):
    home = unmark((other_site / prefix / "index.html").read_text(encoding="utf-8"))
    lesson = unmark((other_site / prefix / "lessons/gifts/index.html").read_text(encoding="utf-8"))
    footer = lesson[lesson.index('class="md-copyright__highlight"') :][:400]
    assert OTHER[lang] in footer
    body = home[home.index('id="home"') :]
    assert body.count(OTHER[lang]) >= 2  # the introduction and the footer
    assert f'<meta name="author" content="{OTHER[lang]}">' in home
    assert f'<img src="{"../" if prefix else ""}{OTHER_LOGO}" alt="logo"' in home
