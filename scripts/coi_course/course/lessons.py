"""What the quiz checks need to know about lesson files: front matter and heading anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

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


def split_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def prose_lines(body: str):
    """The Markdown lines outside fenced code blocks."""
    in_fence = False
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
    if not path.is_file():
        return None
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    anchors = {ident for _, ident in headings(body) if ident}
    for line in prose_lines(body):
        anchors.update(_HTML_ID.findall(line))
        if not line.startswith("#"):
            anchors.update(_ATTR_ID.findall(line))
    return Lesson(path, meta, frozenset(anchors))


def lesson_slug(src: str) -> str:
    """``lessons/gifts.md#x`` -> ``gifts``: the name a lesson is known by in the browser's storage."""
    return Path(src.partition("#")[0]).stem
