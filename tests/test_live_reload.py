"""`mkdocs serve` rebuilds when a quiz file or the navigation changes, and shows the new content."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from coi_course.bench.quiz_build import write_project

NAV = """nav:
  - index.md
  - {lesson}: lessons/l.md
  - quizzes/quiz-0.md
  - quizzes/quiz-1.md
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, proc, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"mkdocs serve stopped:\n{''.join(proc.lines)}", pytrace=False)
        body = _fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.3)
    pytest.fail(f"{url} did not show {text!r} within {seconds} s", pytrace=False)


@contextlib.contextmanager
def mkdocs_serve(root: Path):
    """``mkdocs serve`` of the project copy ``root`` on a free port: (url, process); the process's
    output is collected in ``proc.lines`` as it comes."""
    port = _free_port()
    env = {**os.environ, "COI_COURSE_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve"]
        + ["-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    proc.lines = []
    threading.Thread(target=lambda: proc.lines.extend(proc.stdout), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/", proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def served(tmp_path):
    root = tmp_path / "course"
    write_project(root, 2, quizzes=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + NAV.format(lesson="Lesson"), "utf-8")
    with mkdocs_serve(root) as (url, proc):
        yield root, url, proc


def test_serve_shows_an_edited_quiz_and_an_edited_nav(served):
    root, url, proc = served
    page = url + "quizzes/quiz-0/"
    body = _wait_for(page, "คำถามที่ 1 ของชุด 0", proc)
    assert "Lesson" in body and "ชุดที่แก้ไขแล้ว" not in body

    quiz = root / "quizzes" / "quiz-0.yml"
    quiz.write_text(quiz.read_text("utf-8").replace("คำถามที่ 1 ของชุด 0", "ชุดที่แก้ไขแล้ว"), "utf-8")
    _wait_for(page, "ชุดที่แก้ไขแล้ว", proc)

    config: Path = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("- Lesson:", "- Renamed lesson:"), "utf-8")
    body = _wait_for(page, "Renamed lesson", proc)
    assert "ชุดที่แก้ไขแล้ว" in body


def test_serve_names_the_broken_line_and_recovers_when_it_is_fixed(served):
    root, url, proc = served
    page = url + "quizzes/quiz-1/"
    _wait_for(page, "คำถามที่ 1 ของชุด 1", proc)
    quiz = root / "quizzes" / "quiz-1.yml"
    good = quiz.read_text("utf-8")
    quiz.write_text(good.replace("answer: b", "answer: e", 1), "utf-8")
    message = "quizzes/quiz-1.yml:28: answer 'e' is not one of the choices a, b, c"
    deadline = time.monotonic() + 60
    while not any(message in line for line in proc.lines):
        assert proc.poll() is None and time.monotonic() < deadline, "".join(proc.lines)
        time.sleep(0.3)
    assert quiz.read_text("utf-8") != good  # the author's file is left as they wrote it
    quiz.write_text(good.replace("คำถามที่ 1 ของชุด 1", "แก้แล้ว"), "utf-8")
    _wait_for(page, "แก้แล้ว", proc)
