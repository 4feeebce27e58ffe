"""MkDocs hook: each block of a page's text gets the size a phone shows it at, so that the page is
about as long before it has been scrolled through as after (see coi_course.site.block_sizes)."""

from __future__ import annotations

from coi_course.site.block_sizes import size_blocks


def on_post_page(output, page, config):
    return size_blocks(output)
