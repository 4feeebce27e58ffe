"""Images that do not move the page (issue 16): every ``<img>`` of a page's content that shows a
local SVG gets its ``width`` and ``height`` (from the SVG, keeping an author's width), so the
browser reserves its space before it loads, and images after the first heading of the page's
body (below the fold on a phone) load lazily."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.DOTALL)
_NUMBER = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
_FOLD = re.compile(
    r"<h2\b", re.IGNORECASE
)  # content before the first section heading loads at once


def svg_size(path: Path) -> tuple[float, float] | None:
    """(width, height) of an SVG file from its width/height or its viewBox, or None."""
    try:
        head = path.read_bytes()[:4000]
    except OSError:
        return None
    tag = _SVG_TAG.search(head)
    if not tag:
        return None
    attrs = dict(_ATTR.findall(tag.group().decode("utf-8", "replace")))
    width, height = (_NUMBER.match(attrs.get(k, "")) for k in ("width", "height"))
    if width and height:
        return float(width.group(1)), float(height.group(1))
    box = attrs.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            w, h = float(box[2]), float(box[3])
        except ValueError:
            return None
        if w > 0 and h > 0:
            return w, h
    return None


def _format(value: float) -> str:
    return str(round(value))


def settle_images(html: str, locate: Callable[[str], Path | None]) -> str:
    """``html`` of a page's content with sized, lazily loaded images (see the module).
    ``locate`` gives the source file of an image's (relative) address, or None."""
    fold = _FOLD.search(html)
    fold_at = fold.start() if fold else len(html)

    def fix(match: re.Match) -> str:
        tag = match.group()
        attrs = dict((k.lower(), v) for k, v in _ATTR.findall(tag))
        extra = []
        src = attrs.get("src", "")
        parts = urlsplit(src)
        if not parts.scheme and not parts.netloc and parts.path.lower().endswith(".svg"):
            path = locate(unquote(parts.path))
            size = svg_size(path) if path else None
            if size and "height" not in attrs:
                width, height = size
                if "width" in attrs and _NUMBER.match(attrs["width"]):
                    shown = float(_NUMBER.match(attrs["width"]).group(1))
                    extra.append(f'height="{_format(height * shown / width)}"')
                elif "width" not in attrs:
                    extra += [f'width="{_format(width)}"', f'height="{_format(height)}"']
        if match.start() > fold_at and "loading" not in attrs:
            extra.append('loading="lazy"')
        if "decoding" not in attrs:
            extra.append('decoding="async"')
        if not extra:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f"{tag[:end].rstrip()} {' '.join(extra)}{tag[end:]}"

    return _IMG.sub(fix, html)
