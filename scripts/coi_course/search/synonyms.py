"""The search synonyms list (``data/search_synonyms.yml``): spellings learners type that the lessons
do not use (ไอทีเอ for ITA). The Thai query script replaces each typed spelling with the words the
lessons use, so results and highlighting are those of the lessons' words."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import SourceError, SourceErrors
from ..yaml_source import load_yaml

SYNONYMS_FILE = Path(__file__).parents[1] / "data" / "search_synonyms.yml"


def load_synonyms(path: Path = SYNONYMS_FILE, display: str | None = None) -> dict[str, str]:
    """{typed: found}; raises SourceErrors naming ``file:line`` for every bad entry."""
    display = display or str(path)
    located = load_yaml(path, display)
    data = located.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceErrors([SourceError(display, 1, "write one 'typed: found' pair per line")])
    errors: list[SourceError] = []
    synonyms: dict[str, str] = {}
    for typed, found in data.items():
        line = located.lines.get((typed,))
        typed_text = str(typed).strip()
        if not isinstance(found, str) or not found.strip():
            errors.append(SourceError(display, line, f"'{typed}' needs the words it stands for"))
        elif re.search(r"\s", typed_text):
            errors.append(SourceError(display, line, f"'{typed}' must be one word (no spaces)"))
        elif typed_text.lower() == found.strip().lower():
            errors.append(SourceError(display, line, f"'{typed}' stands for itself"))
        else:
            synonyms[typed_text.lower()] = " ".join(found.split())
    if errors:
        raise SourceErrors(errors)
    return synonyms
