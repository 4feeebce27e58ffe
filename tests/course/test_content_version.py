"""The content version on the certificate: a short hash of docs/**/*.md and quizzes/*.yml, and its date."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from coi_course.course.content_version import (
    BuildDateError,
    course_sources,
    course_version,
    source_date,
    source_epoch,
)
from coi_course.project import ROOT
from tests.conftest import build_project_with_hook


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    for rel, text in {
        "docs/th/index.md": "# หน้าแรก {#home}\n",
        "docs/en/index.md": "# Home {#home}\n",
        "docs/th/lessons/gifts.md": "# ของขวัญ {#gifts}\n",
        "quizzes/post-test.yml": "id: post-test\n",
        "quizzes/notes.txt": "not a source\n",
        "docs/assets/site.css": "body {}\n",
        "README.md": "not a source\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_sources_are_markdown_pages_and_quizzes_in_path_order(course):
    rel = [p.relative_to(course).as_posix() for p in course_sources(course)]
    assert rel == [
        "docs/en/index.md",
        "docs/th/index.md",
        "docs/th/lessons/gifts.md",
        "quizzes/post-test.yml",
    ]


def test_version_is_short_hex_and_stable(course):
    first = course_version(course)
    assert re.fullmatch(r"[0-9a-f]{10}", first)
    assert course_version(course) == first
    # Copying the tree elsewhere (other absolute path, other mtimes) gives the same version.
    copy = course.parent / "copy"
    shutil.copytree(course, copy)
    os.utime(copy / "docs/th/index.md", (0, 0))
    assert course_version(copy) == first


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "docs/th/lessons/gifts.md").write_text("# ของขวัญ! {#gifts}\n"),
        lambda root: (root / "quizzes/post-test.yml").write_text("id: post-test-2\n"),
        lambda root: (root / "docs/en/new.md").write_text("# New {#new}\n"),
        lambda root: (root / "docs/th/lessons/gifts.md").unlink(),
        lambda root: (root / "docs/th/lessons/gifts.md").rename(root / "docs/th/lessons/gift.md"),
    ],
    ids=["lesson-edited", "quiz-edited", "page-added", "page-removed", "page-renamed"],
)
def test_version_changes_when_a_source_changes(course, change):
    before = course_version(course)
    change(course)
    assert course_version(course) != before


def test_other_files_do_not_change_the_version(course):
    before = course_version(course)
    (course / "docs/assets/site.css").write_text("body { color: red }\n")
    (course / "quizzes/notes.txt").write_text("changed\n")
    (course / "README.md").write_text("changed\n")
    assert course_version(course) == before


def test_the_real_course_has_a_version():
    assert re.fullmatch(r"[0-9a-f]{10}", course_version(ROOT))
    assert any(p.suffix == ".yml" for p in course_sources(ROOT))


def test_source_date_epoch_wins(course):
    env = {"SOURCE_DATE_EPOCH": "1706745600"}  # 2024-02-01 00:00 UTC
    assert source_epoch([course / "docs/th/index.md"], course, env) == 1706745600
    assert source_date([course / "docs/th/index.md"], course, env) == date(2024, 2, 1)


def test_without_source_date_epoch_the_file_time_is_used_outside_git(course):
    page = course / "docs/th/index.md"
    os.utime(page, (1706745600, 1706745600))
    # tmp_path is outside any git work tree: the modification time is used
    assert source_epoch([page], course, {}) == 1706745600


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_without_source_date_epoch_the_last_commit_of_the_file_is_used(course):
    def git(*args, **env):
        subprocess.run(
            ["git", *args],
            cwd=course,
            check=True,
            capture_output=True,
            env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, **env},
        )

    git("init", "-q")
    git("add", "docs/th/index.md")
    when = {"GIT_COMMITTER_DATE": "1706745600 +0700", "GIT_AUTHOR_DATE": "1706745600 +0700"}
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x", **when)
    page = course / "docs/th/index.md"
    os.utime(page, (1800000000, 1800000000))
    assert source_epoch([page], course, {}) == 1706745600


def _git(*args, cwd, env=None):
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def _commit(course: Path, epoch: int) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"@{epoch} +0000",
        "GIT_COMMITTER_DATE": f"@{epoch} +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    assert _git("init", "-q", cwd=course).returncode == 0
    assert _git("add", "-A", cwd=course, env=env).returncode == 0
    assert _git("commit", "-qm", "x", cwd=course, env=env).returncode == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the checkout to another user")
def test_a_checkout_owned_by_another_user_is_still_dated_by_its_last_commit(course):
    _commit(course, 1750000000)
    for path in (course, *course.rglob("*")):
        os.chown(path, 12345, 12345, follow_symlinks=False)
    plain = _git("log", "-1", "--format=%ct", cwd=course)
    assert plain.returncode != 0 and "dubious ownership" in plain.stderr  # what git does by default
    assert source_epoch(course_sources(course), course, environ={}) == 1750000000


def test_git_failing_in_a_checkout_is_an_error_that_says_why_and_how(course):
    (course / ".git").write_text("gitdir: /nonexistent/worktree\n", encoding="utf-8")
    with pytest.raises(BuildDateError) as info:
        source_epoch(course_sources(course), course, environ={})
    message = str(info.value)
    assert message.startswith(f"git cannot give the date of the last commit in {course}: ")
    assert "not a git repository" in message and "set SOURCE_DATE_EPOCH" in message


def test_a_source_date_epoch_that_is_not_a_number_is_an_error(course):
    with pytest.raises(BuildDateError, match="SOURCE_DATE_EPOCH='yesterday' is not a Unix time"):
        source_epoch(course_sources(course), course, environ={"SOURCE_DATE_EPOCH": "yesterday"})


def test_the_build_stops_with_the_reason_when_git_cannot_date_it(tmp_path):
    from coi_course.bench.quiz_build import write_project

    root = tmp_path / "course"
    write_project(root, 1, quizzes=True)
    (root / ".git").write_text("gitdir: /nonexistent/worktree\n", encoding="utf-8")
    proc = build_project_with_hook(root, "build_date.py", drop_env=("SOURCE_DATE_EPOCH",))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    assert "build date: git cannot give the date of the last commit" in out
