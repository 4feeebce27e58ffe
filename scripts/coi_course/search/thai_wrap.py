"""Thai line breaking: lines wrap between words (PyThaiNLP ``newmm`` with the project dictionary), not
inside them as the browser's own Thai dictionary does (หลัก|ฐาน, ส่ง|เสริม, เจ้า|หน้าที่).

Each word of more than one Thai character cluster is wrapped in ``<t-w>`` (``white-space:
nowrap`` in thai-wrap.css: the browser cannot split it; a custom element, so that no script looking
for a ``span`` finds it), and ``<wbr>`` marks the boundaries between
words (where the browser's dictionary might see none). Words of one cluster cannot be split anyway and
stay bare, which keeps pages small. Short words are kept with their neighbours: no ``<wbr>`` next to a
one-letter token or before ๆ and ฯ. Elements are not characters: the text that search, copy-and-paste
and screen readers see is unchanged.

``mark_html`` changes only text between tags, never inside ``<head>``, ``<script>``, ``<style>``,
``<pre>``, ``<code>``, ``<kbd>``, ``<textarea>``, ``<select>``, ``<option>``, ``<svg>`` or comments.
"""

from __future__ import annotations

import re

from .thai_words import THAI, default_words, load_terms

WBR = "<wbr>"
KEEP = "<t-w>{}</t-w>"
THAI_LETTERS = re.compile(rf"[{THAI}]+")
NO_BREAK_BEFORE = frozenset("ๆฯ")
MIN_WORD = 2  # words shorter than this stay attached to their neighbours

MARKS = re.compile(r"</?t-w>|<wbr>")


def unmark(html: str) -> str:
    """``html`` without the line-break marks: what the page was before ``mark_html``."""
    return MARKS.sub("", html)


_SKIP = ("script", "style", "pre", "code", "kbd", "textarea", "select", "option", "svg", "head")
# Raw-text and skipped elements whole, comments, then any other tag; what lies between is text.
_TOKENS = re.compile(
    r"<!--.*?-->|" + "|".join(rf"<{tag}\b.*?</{tag}\s*>" for tag in _SKIP) + r"|<[^>]*>",
    re.S | re.I,
)


class LineBreaker:
    """Word boundaries of Thai text, cached per run of Thai letters."""

    def __init__(self, words=None):
        from pythainlp.tokenize import newmm, tcc

        self.words = words if words is not None else default_words(load_terms())
        self._newmm = newmm.segment
        self._clusters = tcc.segment
        self._cache: dict[str, list[int]] = {}
        self._marked: dict[str, str] = {}

    def _run_breaks(self, run: str) -> list[int]:
        """Offsets inside ``run`` (0 < k < len) where a line may break."""
        found = self._cache.get(run)
        if found is None:
            found = []
            words = [w for w in self._newmm(run, self.words) if w]
            offset = 0
            for left, right in zip(words, words[1:], strict=False):
                offset += len(left)
                if (
                    len(left) >= MIN_WORD
                    and len(right) >= MIN_WORD
                    and right[0] not in NO_BREAK_BEFORE
                ):
                    found.append(offset)
            self._cache[run] = found
        return found

    def word_boundaries(self, text: str) -> set[int]:
        """Every offset in ``text`` between two Thai letters that is a word boundary (short words
        included), for measuring where a browser broke a line."""
        bounds: set[int] = set()
        for match in THAI_LETTERS.finditer(text):
            offset = match.start()
            for word in self._newmm(match.group(), self.words):
                offset += len(word)
                bounds.add(offset)
            bounds.discard(match.end())
        return bounds

    def mark_text(self, text: str) -> str:
        """``text`` (a text node, HTML-escaped) with ``<wbr>`` at the line-break opportunities."""

        return THAI_LETTERS.sub(lambda match: self.mark_run(match.group()), text)

    def mark_run(self, run: str) -> str:
        """One run of Thai letters, its long words kept whole and its boundaries marked."""
        marked = self._marked.get(run)
        if marked is None:
            breaks = self._run_breaks(run)
            pieces = [run[i:j] for i, j in zip([0, *breaks], [*breaks, len(run)], strict=True)]
            marked = WBR.join(self._keep(piece) for piece in pieces)
            self._marked[run] = marked
        return marked

    def _keep(self, piece: str) -> str:
        """A piece between two break opportunities: its words of several clusters made unbreakable."""
        words = [w for w in self._newmm(piece, self.words) if w]
        return "".join(KEEP.format(w) if len(self._clusters(w)) > 1 else w for w in words)

    def mark_html(self, html: str) -> str:
        """A whole page: text of ``<body>`` marked, everything else byte for byte as it was."""
        body = re.search(r"<body\b[^>]*>", html, re.I)
        start = body.end() if body else 0
        out = [html[:start]]
        pos = start
        for token in _TOKENS.finditer(html, start):
            if token.start() > pos:
                out.append(self.mark_text(html[pos : token.start()]))
            out.append(token.group())
            pos = token.end()
        out.append(self.mark_text(html[pos:]))
        return "".join(out)
