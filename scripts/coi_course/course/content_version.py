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


class BuildDateError(Exception):
    """Git is there but cannot give the date of the last commit; the message says why and what to do."""


def _in_git_checkout(folder: Path) -> bool:
    return any((f / ".git").exists() for f in (folder.resolve(), *folder.resolve().parents))


def _git_epoch(paths: Iterable[Path], cwd: Path) -> int | None:
    """Time of the last commit that touched ``paths``; None outside a git checkout or for files not
    committed yet. Raises BuildDateError when git fails inside a checkout: never a silent guess.

    ``safe.directory=*`` lets a build user who does not own the checkout read it (git otherwise
    refuses with "dubious ownership"); it is the project being built, whose code the build runs."""
    if not _in_git_checkout(cwd):
        return None
    command = ["git", "-c", "safe.directory=*", "log", "-1", "--format=%ct", "--"]
    try:
        proc = subprocess.run(
            [*command, *(str(p) for p in paths)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise BuildDateError(
            f"{cwd} is a git checkout, but the git command is not installed, so the pages cannot "
            "be dated with their last commit: install git (apt-get install git), or set "
            "SOURCE_DATE_EPOCH to the Unix time to print (e.g. SOURCE_DATE_EPOCH=1735689600)"
        ) from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise BuildDateError(f"git could not be run in {cwd}: {exc}") from None
    out = proc.stdout.strip()
    if proc.returncode != 0:
        reason = " ".join(proc.stderr.split()) or f"exit status {proc.returncode}"
        raise BuildDateError(
            f"git cannot give the date of the last commit in {cwd}: {reason}. Fix what git says "
            "(for 'dubious ownership': git config --global --add safe.directory "
            f"{cwd.resolve()}), or set SOURCE_DATE_EPOCH to the Unix time to print"
        )
    return int(out) if out.isdigit() else None


def source_epoch(paths: Iterable[Path], root: Path = ROOT, environ=None) -> int:
    """The Unix time the pages built from ``paths`` are dated with.

    SOURCE_DATE_EPOCH when set (the Makefile sets it to the last commit, which keeps builds
    reproducible); else the last commit that touched ``paths``; else (outside a git checkout, or
    files not committed yet) their newest modification time. A git failure is an error.
    """
    environ = os.environ if environ is None else environ
    fixed = str(environ.get("SOURCE_DATE_EPOCH", "")).strip()
    if fixed.isdigit():
        return int(fixed)
    if fixed:
        raise BuildDateError(
            f"SOURCE_DATE_EPOCH={fixed!r} is not a Unix time: give whole seconds since 1970, "
            "e.g. SOURCE_DATE_EPOCH=1735689600, or leave it unset to use the last commit"
        )
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
