"""Where things are in the project, and the project's own settings from pyproject.toml."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

# COI_COURSE_ROOT points the tools at another project folder (used by the benchmarks).
ROOT = Path(os.environ.get("COI_COURSE_ROOT") or Path(__file__).resolve().parents[2])
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
