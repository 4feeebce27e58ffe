"""Read YAML keeping line numbers, so every later error can point at ``file:line``.

libyaml (PyYAML's C loader) composes the node tree, which carries positions; the same walk builds the
plain data and an index from each value's path (``("questions", 2, "answer")``) to its line.

Values mean what the author sees. YAML 1.1 reads ``010`` as 8, ``12:30`` as 750, ``yes`` as true
and ``2024-01-01`` as a date; here only plain decimal whole numbers (``80``) and ``true``/``false``
keep a type, and every other unquoted scalar that is not text comes back as ``Unquoted`` with the
text as typed, which the schema then refuses with a message ("put it in quotes"). Anchors and
aliases (``&a``, ``*a``) are refused before anything is built, so a nested alias bomb costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError, SourceErrors, not_utf8

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_PLAIN_BOOL["FALSE"] = False


@dataclass(frozen=True)
class Unquoted:
    """An unquoted value YAML 1.1 would turn into something else than the text typed: 010, 12:30,
    yes, 1.5, 2024-01-01. ``kind`` says what YAML would have made of it."""

    text: str
    kind: str

    def __str__(self) -> str:
        return self.text


class _AuthorLoader(_Loader):
    """libyaml with the author's meaning of numbers, booleans and dates (see the module docstring)."""

    def _int(self, node):
        return (
            int(node.value) if _PLAIN_INT.fullmatch(node.value) else Unquoted(node.value, "number")
        )

    def _bool(self, node):
        value = _PLAIN_BOOL.get(node.value)
        return Unquoted(node.value, "yes/no value") if value is None else value


def _unquoted(kind: str):
    return lambda loader, node: Unquoted(node.value, kind)


_AuthorLoader.add_constructor("tag:yaml.org,2002:int", _AuthorLoader._int)
_AuthorLoader.add_constructor("tag:yaml.org,2002:bool", _AuthorLoader._bool)
_AuthorLoader.add_constructor("tag:yaml.org,2002:float", _unquoted("number"))
_AuthorLoader.add_constructor("tag:yaml.org,2002:timestamp", _unquoted("date"))


def _anchor_errors(text: str, display: str) -> list[SourceError]:
    """Every anchor (&name) and alias (*name), found from the parser's events without building
    anything; [] when there are none or the text has a syntax error (load_yaml reports that)."""
    if "&" not in text and "*" not in text:
        return []
    errors: dict[int, SourceError] = {}  # one message per line is enough
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                what = f"alias *{event.anchor}"
            elif getattr(event, "anchor", None):
                what = f"anchor &{event.anchor}"
            else:
                continue
            line = event.start_mark.line + 1
            errors.setdefault(
                line,
                SourceError(
                    display,
                    line,
                    f"YAML {what}: anchors and aliases are not allowed here, write the value out",
                ),
            )
    except yaml.YAMLError:
        return []
    return list(errors.values())


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
    except UnicodeDecodeError:
        raise SourceErrors([not_utf8(path, display)]) from None
    if errors := _anchor_errors(text, display):
        raise SourceErrors(errors)
    loader = (loader_class or _AuthorLoader)(text)
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


class _PlainLoader(_AuthorLoader):
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
        text = path.read_text(encoding="utf-8")
        if _anchor_errors(text, ""):
            return None
        return yaml.load(text, Loader=_PlainLoader)  # noqa: S506
    except (UnicodeDecodeError, yaml.YAMLError, _DuplicateKey, TypeError):
        return None


def line_of(located: Located, loc: tuple) -> int | None:
    """Line of the value at ``loc`` (a pydantic-style path), or of the nearest parent that has one."""
    for end in range(len(loc), 0, -1):
        if (line := located.lines.get(tuple(loc[:end]))) is not None:
            return line
    return 1
