"""A test that fails because of a content problem shows the file:line messages, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

FAILING = """
from coi_course.errors import SourceError, SourceErrors


def test_content():
    raise SourceErrors([SourceError("docs/en/lessons/gifts.md", 3, "front matter is not valid")])
"""


def test_source_errors_fail_a_test_with_their_messages_only(tmp_path):
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_runtest_makereport  # noqa: F401\n", encoding="utf-8"
    )
    (tmp_path / "test_x.py").write_text(FAILING, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "scripts")])}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout
    assert "docs/en/lessons/gifts.md:3: front matter is not valid" in proc.stdout
    assert "raise SourceErrors" not in proc.stdout and "errors.py" not in proc.stdout
