"""The project is the folder of the mkdocs.yml being built, not where the package is installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coi_course.bench.quiz_build import write_project
from coi_course.project import ROOT, find_root, root_mismatch

ELSEWHERE = Path("/opt/installed-checkout")


def test_coi_course_root_wins(tmp_path):
    env = {"COI_COURSE_ROOT": str(tmp_path)}
    assert (
        find_root(["mkdocs", "build", "-f", "/x/mkdocs.yml"], tmp_path, env, ELSEWHERE) == tmp_path
    )


def test_the_config_file_of_the_mkdocs_command_line_names_the_project(tmp_path):
    (tmp_path / "copy").mkdir()
    for argv in (
        ["/venv/bin/mkdocs", "build", "-f", "copy/mkdocs.yml"],
        ["/venv/bin/mkdocs", "serve", "--config-file", "copy/mkdocs.yml"],
        ["/venv/lib/mkdocs/__main__.py", "build", "--config-file=copy/mkdocs.yml"],
    ):
        assert find_root(argv, tmp_path, {}, ELSEWHERE) == tmp_path / "copy", argv


def test_otherwise_the_working_directory_or_a_parent_with_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "docs" / "th").mkdir(parents=True)
    assert find_root(["pytest"], tmp_path / "docs" / "th", {}, ELSEWHERE) == tmp_path
    assert find_root(["/venv/bin/mkdocs", "build"], tmp_path, {}, ELSEWHERE) == tmp_path


def test_the_install_location_is_only_the_last_resort(tmp_path):
    assert find_root(["python"], tmp_path, {}, ELSEWHERE) == ELSEWHERE


def test_a_build_of_another_folder_is_refused_with_a_plain_message(tmp_path):
    assert root_mismatch(ROOT / "mkdocs.yml") is None
    problem = root_mismatch(tmp_path / "mkdocs.yml")
    assert f"run the build from {tmp_path}" in problem


def _env_without_root() -> dict:
    return {k: v for k, v in os.environ.items() if k != "COI_COURSE_ROOT"} | {
        "NO_MKDOCS_2_WARNING": "1"
    }


def test_a_copy_of_the_project_builds_and_checks_its_own_quizzes(tmp_path):
    copy = tmp_path / "copy"
    write_project(copy, 2, quizzes=True)
    # built from somewhere else, with this checkout's environment: the copy's own quizzes appear
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(copy / "mkdocs.yml")],
        cwd=tmp_path,
        env=_env_without_root(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    built = sorted(p.parent.name for p in (copy / "site" / "quizzes").glob("*/index.html"))
    assert built == ["quiz-0", "quiz-1"]
    check = subprocess.run(
        [sys.executable, "-m", "coi_course", "check"],
        cwd=copy / "docs",
        env=_env_without_root(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("2 quiz files OK")


def test_the_cli_takes_the_project_folder_as_an_option(tmp_path):
    copy = tmp_path / "copy"
    write_project(copy, 3, quizzes=True)
    run = [sys.executable, "-m", "coi_course", "--project", str(copy), "check"]
    proc = subprocess.run(
        run, cwd=tmp_path, env=_env_without_root(), capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("3 quiz files OK")
    missing = run[:4] + [str(tmp_path / "nowhere"), "check"]
    proc = subprocess.run(
        missing, cwd=tmp_path, env=_env_without_root(), capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "no mkdocs.yml in" in proc.stderr
