"""The abbreviation list (includes/abbreviations.<lang>.md) appended to every page of that language,
so that python-markdown's ``abbr`` extension explains ป.ป.ช., ITA, COI ... on hover everywhere."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..project import INCLUDES


@cache
def _read(path: Path, mtime_ns: int) -> str:
    return path.read_text(encoding="utf-8")


def abbreviations(lang: str, includes: Path = INCLUDES) -> str:
    """The abbreviation definitions for ``lang`` ("" when there is no file)."""
    path = includes / f"abbreviations.{lang}.md"
    if not path.is_file():
        return ""
    return _read(path, path.stat().st_mtime_ns)


def append_abbreviations(markdown: str, lang: str, includes: Path = INCLUDES) -> str:
    extra = abbreviations(lang, includes)
    return f"{markdown}\n\n{extra}" if extra else markdown
