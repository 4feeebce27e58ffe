"""MkDocs hook: Material's skip link on quiz, pre-test, post-test and progress pages, leading to the
first question (see coi_course.quiz.skip_link)."""

from __future__ import annotations

from coi_course.quiz.skip_link import skip_toc


def on_page_context(context, page, config, nav):
    if page.toc and list(page.toc):
        return context
    toc = skip_toc(page.meta or {}, page.title or "")
    if toc is not None:
        page.toc = toc
        page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
    return context
