"""The course as a learner walks it: lessons in navigation order with their minutes, the facts pages
give their scripts, the home page's course path and the progress page (rendered, not in a browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coi_course.project import DOCS, LANGUAGES, QUIZZES, ROOT
from coi_course.quiz.course_map import (
    PATH_TEXTS,
    course_facts,
    course_lessons,
    nav_lessons,
    ordered_quizzes,
    render_course_path,
    render_progress,
)
from coi_course.quiz.loader import load_all_quizzes
from coi_course.quiz.render import render_lesson_extras

FIX = Path(__file__).parents[1] / "fixtures"
NAV = [
    "index.md",
    "quizzes/pre-test.md",
    {"บทเรียน": ["lessons/gifts.md", {"More": ["lessons/other.md"]}, "lessons/gifts.md"]},
    "quizzes/post-test.md",
]


@pytest.fixture(scope="module")
def quizzes():
    return load_all_quizzes(QUIZZES, DOCS)


@pytest.fixture(scope="module")
def course_nav():
    lessons = re.findall(
        r"^\s+- (lessons/[\w-]+\.md)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M
    )
    return [{"บทเรียน": lessons}]


def test_nav_lessons_in_order_once():
    assert nav_lessons(NAV) == ["lessons/gifts.md", "lessons/other.md"]
    assert nav_lessons(None) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lessons_carry_title_and_minutes_from_front_matter(lang):
    (lesson,) = course_lessons(["lessons/gifts.md"], DOCS, lang)
    assert lesson["slug"] == "gifts" and lesson["minutes"] == 20
    assert ("ของขวัญ" if lang == "th" else "gift") in lesson["title"].lower()
    (bare,) = course_lessons(["lessons/gifts.md"], FIX / "docs", lang)  # no minutes: 0, not a crash
    assert bare["minutes"] == 0 and bare["title"] == "Gifts"


def test_quizzes_in_course_order(quizzes, course_nav):
    lessons = course_lessons(course_nav, DOCS, "th")
    order = [q.kind for q in ordered_quizzes(quizzes, lessons)]
    assert order[0] == "pre-test" and order[-1] == "post-test"
    checks = [q.lesson for q in ordered_quizzes(quizzes, lessons) if q.kind == "self-check"]
    assert checks == [x["src"] for x in lessons]


def test_facts_links_are_relative_to_the_page(quizzes, course_nav):
    lessons = course_lessons(course_nav, DOCS, "en")
    facts = course_facts(
        quizzes, lessons, "en", "progress.md", True, {"agency": "A", "version": "v"}
    )
    assert facts["lessons"][0]["url"] == "../lessons/what-is-coi/"
    assert facts["certificate"] == "../certificate/" and facts["agency"] == "A"
    flat = course_facts(quizzes, lessons, "en", "progress.md", False)
    assert flat["lessons"][0]["url"] == "lessons/what-is-coi.html"
    assert flat["post"]["url"] == "quizzes/post-test.html"
    assert [p["pre"] for p in facts["pairs"]] == facts["pre"]["questions"]
    assert all(p["lesson"] in {x["slug"] for x in lessons} for p in facts["pairs"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_course_path_is_an_ordered_list_of_links_with_minutes(quizzes, course_nav, lang):
    lessons = course_lessons(course_nav, DOCS, lang)
    html = render_course_path(quizzes, lessons, lang, "index.md")
    hrefs = re.findall(r'<li class="coi-path__step"[^>]*><a href="([^"]+)">', html)
    assert hrefs == (
        ["quizzes/pre-test/"]
        + [f"lessons/{x['slug']}/" for x in lessons]
        + ["quizzes/post-test/", "certificate/"]
    )
    total = sum(x["minutes"] for x in lessons)
    assert total > 0 and str(total) in html
    for lesson in lessons:
        assert str(lesson["minutes"]) in html and lesson["title"] in html
    texts = json.loads(re.search(r'class="coi-path__ui">(.*?)</script>', html, re.S).group(1))
    assert set(texts) == set(PATH_TEXTS)


def test_course_js_uses_exactly_the_path_texts():
    script = (ROOT / "docs/assets/javascripts/course.js").read_text(encoding="utf-8")
    assert set(re.findall(r"\bui\.([a-z_]+)", script)) == set(PATH_TEXTS)


def test_progress_page_rows_in_course_order_without_kind_suffix(quizzes, course_nav):
    lessons = course_lessons(course_nav, DOCS, "th")
    page = render_progress(quizzes, "th", True, lessons, {"agency": "A", "version": "v"})
    ids = re.findall(r'<tr data-quiz-id="([^"]+)"', page.html)
    assert ids == [q.id for q in ordered_quizzes(quizzes, lessons)]
    assert "<small>(" not in page.html
    assert page.html.count('<tr data-lesson="') == len({x["slug"] for x in lessons})


def test_lessons_carry_the_mark_course_js_records():
    head, _ = render_lesson_extras({"objectives": []}, "th", None, "lessons/gifts.md")
    assert '<div class="coi-lesson-mark" data-lesson="gifts" hidden></div>' in head
