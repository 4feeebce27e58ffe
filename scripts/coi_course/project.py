"""Where things are in the project, and the project's own settings from pyproject.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
QUIZZES = ROOT / "quizzes"
INCLUDES = ROOT / "includes"
LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"


@cache
def settings() -> dict:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data.get("tool", {}).get("coi-course", {})


def allowed_link_hosts() -> list[str]:
    return list(settings().get("links", {}).get("allowed_hosts", []))
