"""Where things are in the project, and the project's own settings from pyproject.toml."""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

CONFIG_NAME = "mkdocs.yml"
_INSTALLED_AT = Path(__file__).resolve().parents[2]


def _config_option(argv: Sequence[str]) -> Path | None:
    """The ``-f``/``--config-file`` of a ``mkdocs build|serve|gh-deploy`` command line, if any."""
    if not argv or "mkdocs" not in argv[0]:  # .venv/bin/mkdocs, python -m mkdocs
        return None
    for i, arg in enumerate(argv[1:], 1):
        if arg in ("-f", "--config-file") and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--config-file="):
            return Path(arg.split("=", 1)[1])
        if arg.startswith("-f") and len(arg) > 2:
            return Path(arg[2:])
    return None


def find_root(
    argv: Sequence[str], cwd: Path, environ: Mapping[str, str], installed_at: Path = _INSTALLED_AT
) -> Path:
    """The project folder: the folder of the mkdocs.yml being built, never where this package is
    installed (a copy of the project that reuses another checkout's .venv builds its own files).

    In order: ``COI_COURSE_ROOT`` (the benchmarks and tests point the tools at generated projects);
    the folder of ``mkdocs ... -f path/mkdocs.yml``; the nearest folder from the working directory
    up that holds a mkdocs.yml (``python -m coi_course`` and plain ``mkdocs build``); the checkout
    the package is installed from, as a last resort."""
    if environ.get("COI_COURSE_ROOT"):
        return Path(environ["COI_COURSE_ROOT"]).resolve()
    if (config := _config_option(argv)) is not None:
        return (cwd / config).resolve().parent
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder.resolve()
    return installed_at


ROOT = find_root(sys.argv, Path.cwd(), os.environ)
DOCS = ROOT / "docs"
QUIZZES = ROOT / "quizzes"
INCLUDES = ROOT / "includes"
LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"


@cache
def settings() -> dict:
    path = ROOT / "pyproject.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return data.get("tool", {}).get("coi-course", {})


def allowed_link_hosts() -> list[str]:
    return list(settings().get("links", {}).get("allowed_hosts", []))


def root_mismatch(config_file: str | os.PathLike | None, root: Path = ROOT) -> str | None:
    """Why a build of ``config_file`` must not run with the tools working on ``root``, or None."""
    if not config_file:
        return None
    folder = Path(config_file).resolve().parent
    if folder == root.resolve():
        return None
    return (
        f"this build reads {Path(config_file)}, but the course tools work on the project in "
        f"{root}: run the build from {folder} (or set COI_COURSE_ROOT={folder})"
    )
