"""Open Graph and Twitter tags on every page, the share image and the PNG icons."""

from __future__ import annotations

import html
import re
import struct
from pathlib import Path

import pytest

from coi_course.course.lessons import split_front_matter
from coi_course.project import DOCS
from coi_course.site.share_images import ICONS, SHARE_IMAGE
from tests.conftest import BUILD_SITE_URL, site_pages

META = re.compile(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"')


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def _tags(page: Path) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in META.findall(page.read_text(encoding="utf-8"))}


def test_share_image_and_icons_are_pngs_of_the_announced_size():
    name, width, height = SHARE_IMAGE
    assert _png_size(DOCS / "assets/images" / name) == (width, height)
    for name, size, _ in ICONS:
        assert _png_size(DOCS / "assets/images" / name) == (size, size)


def test_every_page_has_share_tags_from_its_front_matter(built_site):
    pages = site_pages(built_site)
    assert len(pages) > 40
    for rel in pages:
        tags = _tags(built_site / rel)
        lang = "en" if rel.startswith("en/") else "th"
        assert tags["og:locale"] == {"th": "th_TH", "en": "en_US"}[lang], rel
        assert tags["og:locale:alternate"] == {"th": "en_US", "en": "th_TH"}[lang], rel
        assert tags["og:title"] and tags["og:title"] == tags["twitter:title"], rel
        assert tags["og:description"] and tags["og:description"] == tags["twitter:description"]
        assert tags["og:url"] == BUILD_SITE_URL + rel.removesuffix("index.html"), rel
        assert (
            tags["og:image"] == tags["twitter:image"] == BUILD_SITE_URL + "assets/images/share.png"
        )
        assert (built_site / tags["og:image"].removeprefix(BUILD_SITE_URL)).is_file()
        assert tags["twitter:card"] == "summary_large_image"
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_lesson_description_comes_from_front_matter(built_site, lang):
    meta, _ = split_front_matter((DOCS / lang / "lessons/gifts.md").read_text(encoding="utf-8"))
    prefix = "en/" if lang == "en" else ""
    tags = _tags(built_site / f"{prefix}lessons/gifts/index.html")
    assert tags["og:description"] == meta["description"]
    assert tags["og:title"] == meta["title"]
    assert tags["og:type"] == "article"


def test_icons_are_linked_from_every_page(built_site):
    for rel in ["index.html", "en/lessons/gifts/index.html", "404.html"]:
        text = (built_site / rel).read_text(encoding="utf-8")
        for name, _, _ in ICONS:
            found = re.search(rf'href="([^"]*{re.escape(name)})"', text)
            assert found, (rel, name)
            base = built_site / Path(rel).parent
            target = (
                (built_site / "assets/images" / name)
                if rel == "404.html"
                else base / found.group(1)
            )
            assert target.resolve().is_file(), (rel, name)
        assert 'rel="apple-touch-icon"' in text
