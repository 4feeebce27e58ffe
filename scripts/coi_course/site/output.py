"""Where a build writes: check it can be written before anything is built, and let one build at a time
write it (a second ``make build`` waits for the first instead of failing half-way)."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

_held: dict[Path, int] = {}  # lock file -> open descriptor, for the life of this process


def write_problem(folder: Path, what: str = "the built site") -> str | None:
    """Why ``folder`` (or, if it does not exist yet, the folder it would be created in) cannot be
    written, as a plain sentence; None when it can. Tries for real: permissions, read-only mounts."""
    target = folder
    while not target.exists() and target != target.parent:
        target = target.parent
    try:
        with tempfile.NamedTemporaryFile(dir=target, prefix=".coi-write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return (
            f"cannot write {what} to {folder}: {target} is not writable ({reason}). "
            "If this checkout is read-only, copy the project to a folder you can write, or build "
            "the site elsewhere: mkdocs build --strict -d /tmp/coi-site"
        )
    return None


def lock_output(folder: Path, on_wait: Callable[[str], None] = print) -> Path:
    """Hold an exclusive lock for ``folder`` until this process ends; wait (saying so) while another
    build holds it. Taking it again in the same process (one build per language) is a no-op."""
    lock = folder.parent / f".{folder.name}.build-lock"
    lock = lock.resolve()
    if lock in _held:
        return lock
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        on_wait(f"another build is writing {folder}; waiting for it to finish ...")
        fcntl.flock(fd, fcntl.LOCK_EX)
    _held[lock] = fd
    return lock
