"""The build's output folder: a read-only place gets a plain message, two builds at once both succeed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coi_course.bench.quiz_build import write_project
from coi_course.project import ROOT
from coi_course.site.output import write_problem

HOLD = """
import sys
from pathlib import Path
from coi_course.site.output import lock_output
lock_output(Path(sys.argv[1]), on_wait=lambda m: print("WAITING", m, flush=True))
print("LOCKED", flush=True)
sys.stdin.read()  # hold the lock until the test closes stdin
"""


def test_a_writable_folder_has_no_problem(tmp_path):
    assert write_problem(tmp_path / "site") is None


def test_an_unwritable_folder_gets_a_plain_message():
    # /sys refuses new files even to root, like a read-only checkout does
    problem = write_problem(Path("/sys/coi-course/site"))
    assert problem.startswith("cannot write the built site to /sys/coi-course/site: /sys is not")
    assert "mkdocs build --strict -d /tmp/coi-site" in problem


def _holder(site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", HOLD, str(site)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_second_build_waits_for_the_first(tmp_path):
    site = tmp_path / "site"
    first = _holder(site)
    assert first.stdout.readline().startswith("LOCKED")
    second = _holder(site)
    try:
        assert second.stdout.readline().startswith(f"WAITING another build is writing {site}")
        first.stdin.close()  # the first build ends
        assert second.stdout.readline().startswith("LOCKED")
    finally:
        for proc in (first, second):
            if proc.stdin and not proc.stdin.closed:
                proc.stdin.close()
            proc.wait(timeout=30)


def _build(config: Path, site: Path) -> subprocess.Popen:
    env = {**os.environ, "COI_COURSE_ROOT": str(config.parent), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_builds_at_once_both_succeed(tmp_path):
    root = tmp_path / "course"
    write_project(root, 3, quizzes=True)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "hooks:\n", f"hooks:\n  - {ROOT / 'scripts/hooks/site_dir.py'}\n"
        ),
        encoding="utf-8",
    )
    site = root / "site"
    builds = [_build(config, site), _build(config, site)]
    outputs = [b.communicate(timeout=300)[0] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert all("Traceback" not in out for out in outputs)
    assert sorted(p.parent.name for p in (site / "quizzes").glob("*/index.html")) == [
        "quiz-0",
        "quiz-1",
        "quiz-2",
    ]


def test_a_build_into_an_unwritable_folder_stops_with_the_message(tmp_path):
    root = tmp_path / "course"
    write_project(root, 1, quizzes=True)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "hooks:\n", f"hooks:\n  - {ROOT / 'scripts/hooks/site_dir.py'}\n"
        ),
        encoding="utf-8",
    )
    build = _build(config, Path("/sys/coi-course/site"))
    out = build.communicate(timeout=300)[0]
    assert build.returncode != 0
    assert "cannot write the built site to /sys/coi-course/site" in out
    assert "Traceback" not in out


def test_export_to_an_unwritable_folder_is_a_plain_message(capsys):
    from coi_course.cli import main

    fixtures = Path(__file__).parents[1] / "fixtures"
    code = main(
        [
            "export",
            "--quizzes",
            str(fixtures / "quizzes" / "good"),
            "--docs",
            str(fixtures / "docs"),
            "--out",
            "/sys/coi-course/export",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: cannot write /sys/coi-course")
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", ["offline", "scorm"])
def test_packages_in_an_unwritable_checkout_are_a_plain_message(kind, capsys, monkeypatch):
    import coi_course.project as project
    from coi_course.cli import main

    monkeypatch.setattr(project, "ROOT", Path("/sys/coi-course"))
    assert main(["package", kind]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write the package to /sys/coi-course/dist: /sys is")
    assert "copy the project to a folder you can write" in err and "Traceback" not in err
