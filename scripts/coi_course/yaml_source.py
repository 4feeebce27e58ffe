"""Read YAML keeping line numbers, so every later error can point at ``file:line``.

libyaml (PyYAML's C loader) composes the node tree, which carries positions; the same walk builds the
plain data and an index from each value's path (``("questions", 2, "answer")``) to its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError, SourceErrors

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """YAML data plus the 1-based line of every mapping key and sequence item in it."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)


def _walk(loader, node, path: tuple, out: Located) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, bool | int) else str(key)
            if key in result:
                out.duplicates.append((path + (key,), key_node.start_mark.line + 1))
            out.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _walk(loader, value_node, path + (key,), out)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            out.lines[path + (i,)] = item.start_mark.line + 1
            items.append(_walk(loader, item, path + (i,), out))
        return items
    return loader.construct_object(node, deep=True)


def load_yaml(path: Path, display: str, loader_class=None) -> Located:
    """Parse ``path``; on a syntax error raise SourceErrors naming the line YAML stopped at.

    ``loader_class`` replaces the safe libyaml loader (e.g. one that accepts mkdocs.yml's tags)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceErrors(
            [SourceError(display, None, f"is not UTF-8 text ({exc.reason})")]
        ) from None
    loader = (loader_class or _Loader)(text)
    try:
        node = loader.get_single_node()
        out = Located(None)
        out.data = _walk(loader, node, (), out) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1}: check it is closed)"
        elif exc.context:
            what = f"{exc.context}: {what}"
        raise SourceErrors([SourceError(display, line, f"YAML syntax error: {what}")]) from None
    finally:
        loader.dispose()
    if out.duplicates:
        raise SourceErrors(
            [
                SourceError(display, line, f"key '{p[-1]}' appears twice in the same block")
                for p, line in out.duplicates
            ]
        )
    return out


class _DuplicateKey(Exception):
    pass


class _PlainLoader(_Loader):
    """libyaml without positions; a repeated key is refused (load_yaml then explains it)."""

    def construct_mapping(self, node, deep=False):
        mapping = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in mapping:
                raise _DuplicateKey
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def load_yaml_plain(path: Path) -> Any | None:
    """Just the data, fast; None when anything is wrong (use load_yaml for the messages)."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)  # noqa: S506
    except (UnicodeDecodeError, yaml.YAMLError, _DuplicateKey, TypeError):
        return None


def line_of(located: Located, loc: tuple) -> int | None:
    """Line of the value at ``loc`` (a pydantic-style path), or of the nearest parent that has one."""
    for end in range(len(loc), 0, -1):
        if (line := located.lines.get(tuple(loc[:end]))) is not None:
            return line
    return 1
