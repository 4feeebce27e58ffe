"""MkDocs hook: ``<wbr>`` between Thai words, so that lines wrap between words (see
coi_course.search.thai_wrap). Runs on the finished page, after Material's search plugin has read the
page, so the search index is unchanged. ``COI_THAI_LINE_BREAKS=off`` builds without the marks (the
tests compare both builds)."""

from __future__ import annotations

import os

from coi_course.search.thai_wrap import LineBreaker

_breaker: list[LineBreaker] = []


def on_post_page(output, page, config):
    if os.environ.get("COI_THAI_LINE_BREAKS") == "off":
        return output
    if not _breaker:
        _breaker.append(LineBreaker())
    return _breaker[0].mark_html(output)
