"""While the site is broken, the preview shows the file:line messages, and comes back by itself."""

from __future__ import annotations

import pytest

from coi_course.bench.quiz_build import write_project
from tests.conftest import ROOT
from tests.test_live_reload import NAV, _wait_for, mkdocs_serve


@pytest.fixture
def preview(tmp_path):
    root = tmp_path / "course"
    write_project(root, 1, quizzes=True)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "hooks:\n", f"hooks:\n  - {ROOT / 'scripts/hooks/preview_errors.py'}\n"
    )
    config.write_text(text + NAV.format(lesson="Lesson").replace("  - quizzes/quiz-1.md\n", ""))
    with mkdocs_serve(root) as (url, proc):
        yield root, url, proc


@pytest.mark.browser
def test_the_browser_shows_the_broken_line_and_reloads_when_it_is_fixed(page, preview):
    root, url, proc = preview
    _wait_for(url + "quizzes/quiz-0/", "คำถามที่ 1 ของชุด 0", proc)
    page.goto(url + "quizzes/quiz-0/")
    quiz = root / "quizzes" / "quiz-0.yml"
    good = quiz.read_text("utf-8")
    quiz.write_text(good.replace("answer: b", "answer: e", 1), "utf-8")
    # the same tab, not navigated by the test, reloads into the error page
    page.wait_for_selector("#coi-build-error", timeout=90_000)
    messages = page.locator(".coi-build-errors li").all_inner_texts()
    assert "quizzes/quiz-0.yml:28: answer 'e' is not one of the choices a, b, c" in messages
    assert quiz.read_text("utf-8") != good  # the author's file is left as they wrote it
    quiz.write_text(good.replace("คำถามที่ 1 ของชุด 0", "แก้แล้ว"), "utf-8")
    page.wait_for_selector("text=แก้แล้ว", timeout=90_000)
    assert page.locator("#coi-build-error").count() == 0
    assert "Traceback" not in "".join(proc.lines)
