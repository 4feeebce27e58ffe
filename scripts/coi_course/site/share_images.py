"""PNG images made from the course's own drawings: the share image for Open Graph / Twitter (1200×630)
and the PNG and apple-touch icons drawn from favicon.svg.

They are drawn by Chromium (the one the browser tests use) from templates/share-image.html.j2 with
the self-hosted Sarabun font and committed in docs/assets/images/, because a build must not need a
browser. Run ``python -m coi_course images`` after changing the drawing or the favicon;
tests/site/test_share_tags.py checks the committed files have the sizes the pages announce.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..project import DOCS
from ..templating import render

IMAGES = DOCS / "assets" / "images"
FAVICON = IMAGES / "favicon.svg"
SHARE_IMAGE = ("share.png", 1200, 630)
# Apple draws its own rounded corners: the touch icon is a full square (no transparent corners).
ICONS = (("favicon-32.png", 32, True), ("apple-touch-icon.png", 180, False))


def _logo(rounded: bool) -> str:
    svg = FAVICON.read_text(encoding="utf-8")
    return svg if rounded else re.sub(r'\s+rx="[^"]*"', "", svg, count=1)


def render_images(out: Path = IMAGES, chromium: str | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = chromium or os.environ.get("CHROMIUM", "/usr/bin/chromium")
    fonts_css = (DOCS / "assets" / "stylesheets" / "fonts.css").as_uri()
    jobs = [("share", SHARE_IMAGE[0], SHARE_IMAGE[1], SHARE_IMAGE[2], True)]
    jobs += [("icon", name, size, size, rounded) for name, size, rounded in ICONS]
    written = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for kind, name, width, height, rounded in jobs:
            html = Path(tmp, f"{name}.html")
            html.write_text(
                render(
                    "share-image.html.j2",
                    kind=kind,
                    logo=_logo(rounded),
                    fonts_css=fonts_css,
                    icon_size=width,
                ),
                encoding="utf-8",
            )
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(html.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready")
            target = out / name
            page.screenshot(path=str(target), omit_background=rounded and kind == "icon")
            page.close()
            written.append(target)
        browser.close()
    return written
