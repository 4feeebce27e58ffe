"""What the quiz checks need to know about lesson files: front matter and heading anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..errors import SourceError, SourceErrors, not_utf8

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""\bid=["']([A-Za-z0-9_-]+)["']""")
_ATTR_ID = re.compile(r"\{:?\s*[^}]*#([A-Za-z0-9_-]+)[^}]*\}")


@dataclass(frozen=True)
class Lesson:
    path: Path
    meta: dict = field(hash=False)
    anchors: frozenset[str]

    @property
    def objective_ids(self) -> list[str]:
        return [str(o.get("id")) for o in self.meta.get("objectives") or [] if isinstance(o, dict)]


def split_front_matter(text: str, display: str = "<page>") -> tuple[dict, str]:
    """(front matter, body); broken front matter raises SourceErrors at its line in the file."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1), Loader=_YAML_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening ---, +1 to count from 1
        what = getattr(exc, "problem", None) or "invalid YAML"
        raise SourceErrors(
            [
                SourceError(
                    display,
                    line,
                    f"front matter (between the --- lines) is not valid YAML: {what}; "
                    "check that every quote and bracket on this line is closed",
                )
            ]
        ) from None
    if not isinstance(meta, dict):
        raise SourceErrors(
            [SourceError(display, 2, "front matter must be 'key: value' lines, such as title: ...")]
        )
    return meta, text[match.end() :]


def display_path(path: Path) -> str:
    """``docs/th/lessons/x.md`` for a page inside a docs folder, else the path as given."""
    parts = path.parts
    if "docs" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs") :])
    return path.as_posix()


def read_page_text(path: Path) -> str:
    """A page's text; a file that is not UTF-8 raises SourceErrors saying how to save it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceErrors([not_utf8(path, display_path(path))]) from None


def prose_lines(body: str):
    """The Markdown lines outside fenced code blocks and HTML comments."""
    in_fence = False
    body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence:
            yield line


def headings(body: str) -> list[tuple[str, str | None]]:
    """Every Markdown heading as (text, explicit ``{#id}`` or None)."""
    out = []
    for line in prose_lines(body):
        if line.startswith("#") and (m := _HEADING.match(line)):
            ident = _HEADING_ID.match(line)
            out.append((m.group(1), ident.group(1) if ident else None))
    return out


@cache
def read_lesson(path: Path) -> Lesson | None:
    """The lesson at ``path``; None when there is no such file; SourceErrors when it cannot be read."""
    if not path.is_file():
        return None
    meta, body = split_front_matter(read_page_text(path), display_path(path))
    anchors = {ident for _, ident in headings(body) if ident}
    for line in prose_lines(body):
        anchors.update(_HTML_ID.findall(line))
        if not line.startswith("#"):
            anchors.update(_ATTR_ID.findall(line))
    return Lesson(path, meta, frozenset(anchors))


def lesson_slug(src: str) -> str:
    """``lessons/gifts.md#x`` -> ``gifts``: the name a lesson is known by in the browser's storage."""
    return Path(src.partition("#")[0]).stem
