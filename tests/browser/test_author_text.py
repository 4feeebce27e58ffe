"""Titles an author types are shown as typed: in the heading, the navigation and the tab title."""

from __future__ import annotations

import pytest

from coi_course.bench.quiz_build import write_project
from coi_course.site.serve import SiteServer
from tests.conftest import build_project_with_hook

QUIZ_TITLE = 'ทดสอบ <img src=x onerror="window.injected=1"> a <gift> & c {{ 7*7 }}'
LESSON_TITLE = "บท <b>หนา</b> & 'quotes'"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "course"
    write_project(root, 1, quizzes=True)
    quiz = root / "quizzes" / "quiz-0.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(
        text.replace("th: ชุด 0", f"th: '{QUIZ_TITLE}'").replace("en: Set 0", f"en: '{QUIZ_TITLE}'"),
        encoding="utf-8",
    )
    for lang in ("th", "en"):
        lesson = root / "docs" / lang / "lessons" / "l.md"
        lesson.write_text(
            f'---\ntitle: "{LESSON_TITLE}"\n---\n' + lesson.read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    proc = build_project_with_hook(root, "titles.py")
    assert proc.returncode == 0, proc.stderr
    with SiteServer(root / "site", prefix="/") as server:
        yield server.url


def _nav_texts(page) -> list[str]:
    return [
        " ".join(t.split())
        for t in page.locator(".md-nav--primary .md-nav__link").all_text_contents()
    ]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_quiz_title_is_printed_literally_in_heading_and_navigation(page, hostile_site, lang):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site + lang + "quizzes/quiz-0/", wait_until="networkidle")
    assert page.locator("article h1").inner_text().strip() == QUIZ_TITLE
    assert QUIZ_TITLE in _nav_texts(page)
    assert page.title().startswith(QUIZ_TITLE)
    # nothing was injected: no <img>, <gift> or <b> element came from a title, no script ran
    assert page.locator("img[src='x'], gift").count() == 0
    assert page.evaluate("() => window.injected") is None
    assert dialogs == []
    # the lesson page lists the quiz title literally in its navigation too
    page.goto(hostile_site + lang + "lessons/l/", wait_until="networkidle")
    assert {QUIZ_TITLE, LESSON_TITLE} <= set(_nav_texts(page))
    assert page.title().startswith(LESSON_TITLE)
    assert page.locator(".md-nav b, .md-header b, img[src='x'], gift").count() == 0
    assert page.evaluate("() => window.injected") is None
