"""Estimated heights for the blocks of a page that the browser lays out only as they come into view.

site.css gives the blocks of ``.md-content__inner`` (and each quiz question) ``content-visibility:
auto``. Until a block has been shown, the browser sizes it by ``contain-intrinsic-size``: a guess.
One guess per kind of block had to be as tall as the tallest block of that kind, because a checker
that lays out a skipped block on its own (axe, in Lighthouse) places its content inside the guessed
box; pages then looked 2.3-5 times longer than they were until scrolled through.

``size_blocks`` estimates each block's height on a phone from what it holds (characters, lines,
rows, images) and adds ``data-coi-h="N"``: site.css sizes the block at N em of text (.8rem). The
estimate is meant to be at least the block's real height on a 390 px phone, rounded up to the next
size in ``SIZES`` (tests/browser/test_block_sizes.py checks it on pages of every kind). Blocks that
a script fills or shows in part, and empty ones, get no size: site.css's estimate for their kind.
"""

from __future__ import annotations

import html as html_lib
import math
import re
from dataclasses import dataclass, field

# The sizes (em) site.css has a rule for; a block gets the first that holds its estimate.
SIZES = tuple(range(2, 16)) + tuple(sorted({round(16 * 1.1**k) for k in range(34)}))

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
_RAW = ("script", "style", "svg", "template", "textarea")
_TOKENS = re.compile(
    r"<!--.*?-->|" + "|".join(rf"<{t}\b.*?</{t}\s*>" for t in _RAW) + r"|</?[a-zA-Z][^>]*>",
    re.S | re.I,
)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
_ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements that start a line of their own inside a block, by the room around them.
KIND = {
    **dict.fromkeys("p dt dd summary figcaption label legend".split(), "para"),
    "li": "item",
    **dict.fromkeys("h2 h3 h4 h5 h6".split(), "head"),
    "tr": "row",
    "br": "br",
}
THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # above and below the line: no width


@dataclass
class Run:
    """One element that starts a line of its own (``KIND``), and the characters it holds."""

    kind: str
    chars: int = 0


@dataclass
class Block:
    """What one block holds, and where its start tag is in the page."""

    tag_start: int
    tag_end: int
    name: str
    runs: list[Run] = field(default_factory=list)
    pre_lines: int = 0
    image_em: float = 0.0
    scripted: bool = False  # holds parts a script shows, hides or fills: its size is unknown here

    @property
    def chars(self) -> int:
        return sum(r.chars for r in self.runs)

    def estimate_em(self) -> float:
        return MARGIN * (
            BASE_EM
            + sum(
                EM[r.kind] + LINE_EM[r.kind] * math.ceil(r.chars / PER_LINE[r.kind])
                for r in self.runs
            )
            + PRE_LINE_EM * self.pre_lines
            + self.image_em
        )


# Fitted (a linear programme: the least total height that holds every block) on this site's blocks
# as Chromium lays them out on a 390 px phone, then rounded up; MARGIN leaves room for new text.
PER_LINE = {"para": 40, "item": 40, "head": 30, "row": 20, "br": 1}  # characters on a line
EM = {"para": 3.75, "item": 1.55, "head": 2.3, "row": 2.3, "br": 1.6}  # room around the element
LINE_EM = {"para": 2.05, "item": 2.55, "head": 2.65, "row": 1.55, "br": 0.0}  # each of its lines
PRE_LINE_EM = 1.3
CODE_WIDTH = 2  # a character of code takes this many of text (wider, breaks only at spaces)
BASE_EM = 0.35
MARGIN = 1.1
PHONE_TEXT_PX = 358  # the text column of a 390 px phone
FONT_PX = 16


def _attrs(tag: str) -> dict[str, str]:
    return {k.lower(): v for k, v in _ATTR.findall(tag)}


def _has(tag: str, attribute: str) -> bool:
    """Whether a start tag has ``attribute``, with a value or without."""
    return re.search(rf"\s{attribute}(?=[\s=>/])", tag) is not None


def _visible_chars(text: str) -> int:
    return len(THAI_MARKS.sub("", html_lib.unescape(text)).strip())


def _image_em(attrs: dict[str, str]) -> float:
    try:
        width, height = float(attrs["width"]), float(attrs["height"])
    except (KeyError, ValueError):
        return 0.0
    if width <= 0:
        return 0.0
    return min(width, PHONE_TEXT_PX) / width * height / FONT_PX


def find_blocks(page: str) -> list[Block]:
    """The blocks of the page's article that site.css lays out as they come into view: its
    children but the title and a quiz's form, and every quiz question (``coi-q``)."""
    found = ARTICLE.search(page)
    if not found:
        return []
    blocks: list[Block] = []
    # Open elements, each with the block and the line (run) that text inside it counts for.
    stack: list[tuple[str, Block | None, Run | None]] = []
    shown_summary: Block | None = None  # the block that a closed details' summary counts for
    pos = found.end()
    for token in _TOKENS.finditer(page, pos):
        between = page[pos : token.start()]
        pos = token.end()
        if stack and stack[-1][1] is not None:
            _, block, run = stack[-1]
            in_pre = any(name == "pre" for name, _, _ in stack)
            chars = 0 if in_pre else _visible_chars(between)  # code blocks count lines only
            if any(name == "code" for name, _, _ in stack):
                chars *= CODE_WIDTH
            if run is None and chars:  # text straight in the block: a line of its own
                run = Run("para")
                block.runs.append(run)
                stack[-1] = (stack[-1][0], block, run)
            if run is not None:
                run.chars += chars
            if in_pre:
                block.pre_lines += between.count("\n")
        text = token.group()
        match = _TAG.match(text)
        if text.startswith("<!--") or not match:
            continue
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _RAW:
            continue
        if closing:
            if not stack:  # the article's own end
                return blocks
            while stack and stack.pop()[0] != name:
                pass
            continue
        attrs = _attrs(text)
        block, run = (stack[-1][1], stack[-1][2]) if stack else (None, None)
        if (not stack and name not in ("h1", "form")) or "coi-q" in attrs.get("class", "").split():
            block, run = Block(token.start(), token.end(), name), None
            blocks.append(block)
        if name == "details" and not _has(text, "open"):
            # Closed: only its summary shows, and it counts for the block the details is in.
            stack.append((name, None, None))
            shown_summary = block
            continue
        if name == "summary" and stack and stack[-1][0] == "details" and stack[-1][1] is None:
            block, shown_summary = shown_summary, None
        if block is not None:
            if name in KIND:
                run = Run(KIND[name])
                block.runs.append(run)
            if name == "img":
                block.image_em += _image_em(attrs)
            if name == "pre":
                block.pre_lines += 1  # its first line; each line break inside adds one
            # A quiz question's feedback is hidden until it is checked, on screen: sized anyway.
            if (name == "noscript" or _has(text, "hidden")) and block.name != "fieldset":
                block.scripted = True
        if name not in VOID and not text.endswith("/>"):
            stack.append((name, block, run))
    return blocks


def size_of(block: Block) -> int:
    """The size (em) site.css gives ``block``: the first of ``SIZES`` that holds its estimate."""
    estimate = block.estimate_em()
    return next((s for s in SIZES if s >= estimate), SIZES[-1])


def with_attribute(tag: str, name: str, value: str) -> str:
    """A start tag with one more attribute (``value`` holds no quote or ampersand)."""
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end].rstrip()} {name}="{value}"{tag[end:]}'


def size_blocks(page: str) -> str:
    """``page`` with ``data-coi-h`` on every block of its article (see the module's docstring).
    An attribute, not a class: Material wraps only tables without a class in its scrolling box."""
    out, pos = [], 0
    for block in find_blocks(page):
        if block.scripted or not (block.chars or block.image_em or block.pre_lines):
            continue  # site.css's estimate for its kind of block
        tag = page[block.tag_start : block.tag_end]
        out += [page[pos : block.tag_start], with_attribute(tag, "data-coi-h", str(size_of(block)))]
        pos = block.tag_end
    out.append(page[pos:])
    return "".join(out)
