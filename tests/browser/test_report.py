"""The training officer's report in a real browser: loads nothing else, axe clean, fits A4 when printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from coi_course.bench.report import random_folder
from coi_course.cli import main
from coi_course.course.content_version import course_version
from coi_course.project import DOCS, QUIZZES, ROOT
from coi_course.quiz.loader import course_quizzes
from tests.browser.conftest import assert_axe_clean

A4_WIDTH_PX = 794  # 210 mm at 96 px per inch


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("report")
    kinds = {q.kind: q for q in course_quizzes(QUIZZES, DOCS)}
    (root / "in").mkdir()
    random_folder(root / "in", 12, kinds["pre-test"], kinds["post-test"], course_version(ROOT))
    out = {}
    for lang in ("th", "en"):
        assert main(["report", str(root / "in"), "--lang", lang, "--out", str(root / lang)]) == 0
        out[lang] = root / lang / "index.html"
    return out


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_report_page_is_self_contained_accessible_and_fits_a4_and_a_phone(page, reports, lang):
    url = reports[lang].as_uri()
    page.goto(url, wait_until="load")
    assert page.watched.requests == [url]
    assert page.watched.console_errors == []
    assert_axe_clean(Axe(), page, f"{lang} report")
    assert page.locator("svg[role=img] g[data-lesson]").count() == 8
    assert page.locator("#rejected-table tbody tr").count() == 3
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: wide tables scroll in place
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH_PX
    assert page.pdf(format="A4")[:4] == b"%PDF"


@pytest.mark.browser
def test_check_code_contract_gives_the_same_code_in_the_browser(page, site_url):
    """The contract's JS side (key-sorted JSON.stringify, quiz.js cyrb53, first 12 hex digits in
    groups of 4) and record.check_code agree, Thai text, quotes, new lines and nulls included."""
    from coi_course.record.check_code import canonical, check_code

    page.goto(site_url + "quizzes/pre-test/", wait_until="networkidle")
    records = [
        {
            "name": "สมชาย ใจดี",
            "unit": 'กลุ่ม "1"\n\\',
            "baseline_percent": None,
            "post_test_percent": 92,
        },
        {"z": "é😀", "a": 0, "completed": "2026-12-05", "version": "a1b2c3d4e5"},
    ]
    js = page.evaluate(
        """records => records.map(r => {
            const sorted = {};
            Object.keys(r).sort().forEach(k => { sorted[k] = r[k]; });
            const text = JSON.stringify(sorted);
            const hex = COIQuiz.cyrb53(text).slice(0, 12).toUpperCase();
            return [text, hex.match(/.{4}/g).join("-")];
        })""",
        records,
    )
    assert js == [[canonical(r), check_code(r)] for r in records]
