"""Read YAML keeping line numbers, so every later error can point at ``file:line``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import SourceError, SourceErrors


def load_yaml(path: Path, display: str) -> Any:
    """Parse ``path``; on a syntax error raise SourceErrors naming the line YAML stopped at."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceErrors(
            [SourceError(display, None, f"is not UTF-8 text ({exc.reason})")]
        ) from None
    try:
        return YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1}: check it is closed)"
        elif exc.context:
            what = f"{exc.context}: {what}"
        raise SourceErrors([SourceError(display, line, f"YAML syntax error: {what}")]) from None


def line_of(data: Any, loc: tuple[str | int, ...]) -> int | None:
    """1-based line of the value at ``loc`` (a pydantic-style path), or of the nearest parent found."""
    node, best = data, 1
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            best = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            best = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return best


def plain(data: Any) -> Any:
    """Convert ruamel's containers into plain dicts and lists (what pydantic expects)."""
    if isinstance(data, dict):
        return {str(k) if not isinstance(k, bool | int) else k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
