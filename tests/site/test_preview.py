"""The live preview: the port is checked first; a failed rebuild becomes a page listing file:line."""

from __future__ import annotations

import socket
import subprocess
import sys

from coi_course.site.preview import catch_build_errors, port_problem, show_build_errors
from tests.conftest import ROOT


def test_a_free_port_has_no_problem():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert port_problem("127.0.0.1", port) is None


def test_a_busy_port_says_what_to_do():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        problem = port_problem("127.0.0.1", port)
    assert problem.startswith(f"port {port} on 127.0.0.1 is already in use")
    assert f"make serve PORT={port + 1}" in problem


def test_make_serve_stops_before_building_when_the_port_is_busy():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = subprocess.run(
            ["make", "-s", "serve", f"PORT={port}", f"PY={sys.executable}", "STAMP="],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode != 0
    assert f"error: port {port} on 127.0.0.1 is already in use" in proc.stderr
    assert "Building documentation" not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_failed_rebuild_writes_the_messages_over_every_page(tmp_path):
    (tmp_path / "en" / "lessons").mkdir(parents=True)
    (tmp_path / "en" / "lessons" / "index.html").write_text("<p>old</p>", encoding="utf-8")
    reported = []

    def broken():
        raise RuntimeError(
            "2 problem(s):\nquizzes/x.yml:3: title <b> is required\nquizzes/y.yml:9: z"
        )

    catch_build_errors(broken, tmp_path, reported.append)()  # returns: browsers are released
    assert reported == [
        "2 problem(s):",
        "quizzes/x.yml:3: title <b> is required",
        "quizzes/y.yml:9: z",
    ]
    for page in ("index.html", "en/lessons/index.html"):
        html = (tmp_path / page).read_text(encoding="utf-8")
        assert "<code>quizzes/x.yml:3: title &lt;b&gt; is required</code>" in html
        assert "The site cannot be built" in html and "สร้างเว็บไซต์ไม่ได้" in html


def test_show_build_errors_counts_the_pages(tmp_path):
    assert show_build_errors(tmp_path, ["a.yml:1: x"]) == 1


def test_messages_mkdocs_logged_before_aborting_are_the_ones_shown(tmp_path):
    import logging

    reported = []

    def aborted():
        logging.getLogger("mkdocs.plugins").error("1 problem(s):\nquizzes/x.yml:28: answer 'e'")
        raise SystemError("Aborted with a BuildError!")

    catch_build_errors(aborted, tmp_path, reported.append)()
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<code>quizzes/x.yml:28: answer &#39;e&#39;</code>" in html
    assert "Aborted" not in html and reported == []  # MkDocs printed it already
