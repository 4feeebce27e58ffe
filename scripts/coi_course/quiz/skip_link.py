"""The skip link of quiz and progress pages.

Material shows its "skip to content" link (the first thing a Tab reaches) only when the page has a
table of contents, and generated quiz pages have none: without it a keyboard user tabs through the
whole header and menu (34 presses) to reach question 1. A one-entry table of contents pointing at
the questions (``#questions`` in quiz.html.j2) or at the progress table brings the link back; the
table itself stays hidden on these pages.
"""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink, TableOfContents

QUIZ_TARGET = "questions"  # the (visually hidden) heading just before the first question
PROGRESS_TARGET = "progress"  # the progress view's container in progress.html.j2


def skip_target(meta: dict) -> str | None:
    if meta.get("quiz"):
        return QUIZ_TARGET
    if meta.get("quiz_progress"):
        return PROGRESS_TARGET
    return None


def skip_toc(meta: dict, title: str) -> TableOfContents | None:
    """A table of contents whose only entry is the skip target, or None for other pages."""
    target = skip_target(meta)
    if target is None:
        return None
    return TableOfContents([AnchorLink(title, target, 2)])
