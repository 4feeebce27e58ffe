"""The completion record section and the lessons' "last updated" line, as rendered and as built."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import markdown
import pytest

from coi_course.course.content_version import course_version
from coi_course.course.thai_dates import date_from_epoch, format_date
from coi_course.project import DOCS, LANGUAGES, ROOT
from coi_course.record import certificate
from coi_course.search.thai_wrap import unmark  # the page text without line-break marks

EDITION = certificate.Edition("0123456789", date(2024, 2, 1))


def _html(section: str) -> str:
    return markdown.markdown(section, extensions=["md_in_html", "attr_list", "admonition"])


@pytest.fixture(scope="module")
def post_test():
    return certificate.post_test()


def test_the_post_test_is_found(post_test):
    assert post_test.kind == "post-test" and post_test.id == "post-test"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_section_carries_post_test_edition_and_calendar(post_test, lang):
    section = certificate.render_section(lang, "certificate.md", "Course", post_test, EDITION)
    html = _html(section)
    assert f'data-quiz-id="{post_test.id}"' in html
    assert f'data-quiz-version="{post_test.content_version}"' in html
    assert f'data-pass="{post_test.pass_percent}"' in html
    assert 'data-content-version="0123456789"' in html
    assert "0123456789 (" in html and f" {format_date(EDITION.built, lang)})" in html
    assert 'href="quizzes/post-test.md"' in html  # a Markdown link: MkDocs checks and rewrites it
    assert re.search(r'<label for="coi-cert-name">[^<]+</label>', html)
    assert 'id="coi-cert-name"' in html
    island = re.search(r'<script[^>]*class="coi-cert__data"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(island.group(1))
    assert data["yearOffset"] == (543 if lang == "th" else 0) and len(data["months"]) == 12
    # Nothing shows without JavaScript but the explanation and the edition line.
    assert html.count('hidden="hidden"') == 2


def test_section_escapes_what_it_inserts(post_test):
    section = certificate.render_section(
        "en", "certificate.md", "<img src=x onerror=alert(1)>", post_test, EDITION
    )
    assert "<img" not in section and "&lt;img src=x onerror=alert(1)&gt;" in section


def test_link_to_the_post_test_is_relative_to_the_page(post_test):
    section = certificate.render_section("th", "tools/certificate.md", "x", post_test, EDITION)
    assert "](../quizzes/post-test.md)" in section


def test_both_pages_carry_the_marker_and_the_flag():
    for lang in LANGUAGES:
        text = (DOCS / lang / "certificate.md").read_text(encoding="utf-8")
        assert certificate.MARKER in text, lang
        assert re.search(rf"^{certificate.FLAG}: true$", text, re.M), lang


def test_last_updated_line():
    th = certificate.render_last_updated("th", date(2024, 2, 1))
    assert "อัปเดตล่าสุด" in th and '<time datetime="2024-02-01">1 กุมภาพันธ์ 2567</time>' in th
    assert "data-search-exclude" in th
    en = certificate.render_last_updated("en", date(2024, 2, 1))
    assert "Last updated" in en and ">1 February 2024</time>" in en


def _built_date(lang: str) -> str:
    return format_date(
        date_from_epoch(int(os.environ.get("SOURCE_DATE_EPOCH", "1735689600"))), lang
    )


def test_built_certificate_pages_show_this_edition(built_site: Path):
    version = course_version(ROOT)
    for lang, prefix in (("th", ""), ("en", "en/")):
        html = unmark((built_site / prefix / "certificate/index.html").read_text(encoding="utf-8"))
        assert f'data-content-version="{version}"' in html, lang
        assert f"{version} (" in html and f"{_built_date(lang)})" in html, lang
        assert "assets/javascripts/certificate.js" in html and "certificate.css" in html, lang
        assert 'href="../quizzes/post-test/"' in html, lang
    other = (built_site / "privacy/index.html").read_text(encoding="utf-8")
    assert "certificate.js" not in other and "certificate.css" not in other


def test_built_lessons_end_with_the_build_date(built_site: Path):
    lessons = sorted(p.stem for p in (DOCS / "th" / "lessons").glob("*.md"))
    assert lessons
    for lang, prefix in (("th", ""), ("en", "en/")):
        for lesson in lessons:
            html = unmark(
                (built_site / prefix / "lessons" / lesson / "index.html").read_text("utf-8")
            )
            found = re.findall(
                r'<p class="coi-updated"[^>]*><small>([^<]+) <time[^>]*>([^<]+)<', html
            )
            assert found == [
                ("อัปเดตล่าสุด" if lang == "th" else "Last updated", _built_date(lang))
            ], (lang, lesson)
    assert "coi-updated" not in (built_site / "index.html").read_text(encoding="utf-8")
