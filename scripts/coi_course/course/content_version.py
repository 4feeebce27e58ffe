"""Which edition of the course a page was built from: a short hash of the sources and their date.

The completion record shows both, so that the HR unit can tell which edition a learner took. The hash
covers every lesson page (docs/**/*.md, both languages) and every quiz (quizzes/*.yml): any change to
the text or the questions gives a new version; a rebuild of the same sources gives the same one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..project import ROOT
from .thai_dates import date_from_epoch

VERSION_LENGTH = 10


def course_sources(root: Path = ROOT) -> list[Path]:
    """The files the content version covers, sorted by their path relative to ``root``."""
    docs, quizzes = root / "docs", root / "quizzes"
    files = [*docs.rglob("*.md"), *quizzes.glob("*.yml")]
    return sorted((p for p in files if p.is_file()), key=lambda p: p.relative_to(root).as_posix())


def course_version(root: Path = ROOT) -> str:
    """First 10 hex digits of a SHA-256 over each source's relative path and bytes, in path order."""
    digest = hashlib.sha256()
    for path in course_sources(root):
        rel = path.relative_to(root).as_posix().encode()
        data = path.read_bytes()
        # Lengths first, so that no two different file sets can produce the same byte stream.
        digest.update(b"%d:%s\0%d:" % (len(rel), rel, len(data)))
        digest.update(data)
    return digest.hexdigest()[:VERSION_LENGTH]


def _git_epoch(paths: Iterable[Path], cwd: Path) -> int | None:
    try:
        proc = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", *(str(p) for p in paths)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    out = proc.stdout.strip()
    return int(out) if proc.returncode == 0 and out.isdigit() else None


def source_epoch(paths: Iterable[Path], root: Path = ROOT, environ=None) -> int:
    """The Unix time the pages built from ``paths`` are dated with.

    SOURCE_DATE_EPOCH when set (the Makefile sets it to the last commit, which keeps builds
    reproducible); else the last commit that touched ``paths``; else their newest modification time.
    """
    environ = os.environ if environ is None else environ
    fixed = str(environ.get("SOURCE_DATE_EPOCH", "")).strip()
    if fixed.isdigit():
        return int(fixed)
    paths = list(paths)
    epoch = _git_epoch(paths, root)
    if epoch is not None:
        return epoch
    times = [p.stat().st_mtime for p in paths if p.exists()]
    if not times:
        raise FileNotFoundError(f"none of these sources exists: {', '.join(map(str, paths))}")
    return int(max(times))


def source_date(paths: Iterable[Path], root: Path = ROOT, environ=None) -> date:
    """``source_epoch`` as a calendar date in Thailand."""
    return date_from_epoch(source_epoch(paths, root, environ))
