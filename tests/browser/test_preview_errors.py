"""While the site is broken, the preview shows the file:line messages, and comes back by itself."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from coi_course.bench.quiz_build import write_project
from tests.conftest import ROOT
from tests.test_live_reload import NAV, _free_port, _wait_for


@pytest.fixture
def preview(tmp_path):
    root = tmp_path / "course"
    write_project(root, 1, quizzes=True)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "hooks:\n", f"hooks:\n  - {ROOT / 'scripts/hooks/preview_errors.py'}\n"
    )
    config.write_text(text + NAV.format(lesson="Lesson").replace("  - quizzes/quiz-1.md\n", ""))
    port = _free_port()
    env = {**os.environ, "COI_COURSE_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    proc.lines = []
    threading.Thread(target=lambda: proc.lines.extend(proc.stdout), daemon=True).start()
    try:
        yield root, f"http://127.0.0.1:{port}/", proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
