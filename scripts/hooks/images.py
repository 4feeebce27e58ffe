"""Sized, lazily loaded content images (issue 16): a thin hook around coi_course.site.images."""

from __future__ import annotations

import posixpath
from pathlib import Path

from coi_course.site.images import settle_images


def on_page_content(html, page, config, files):
    def locate(src: str) -> Path | None:
        # at this point links are relative to the page's address, e.g. ../../assets/x.svg
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.dest_uri), src))
        file = files.get_file_from_path(target) or next(
            (f for f in files if f.dest_uri == target), None
        )
        return Path(file.abs_src_path) if file and file.abs_src_path else None

    return settle_images(html, locate)
