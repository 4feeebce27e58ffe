"""MkDocs glue: a title written in a page's front matter is text, not HTML.

The theme prints ``page.meta.title`` unescaped in the heading, the navigation and ``<title>``; a
title from the page's first ``# heading`` is already HTML (Markdown escaped it)."""

from __future__ import annotations

from coi_course.templating import html_title


def on_page_markdown(markdown, page, config, files):
    title = page.meta.get("title")
    if title is not None and not getattr(page, "coi_title_escaped", False):
        page.meta["title"] = html_title(title)
        page.coi_title_escaped = True
    return markdown
