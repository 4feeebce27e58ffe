"""Nothing moves while a page loads (issue 16): sized images, lazy images below the fold, the
regular Thai font preloaded. (CLS itself is measured by `make bench` page-load.)"""

from __future__ import annotations

import re
from pathlib import Path

from coi_course.site.images import settle_images, svg_size
from tests.conftest import site_pages

IMG = re.compile(r"<img\b[^>]*>")


def _svg(tmp_path: Path, name: str, head: str) -> Path:
    path = tmp_path / name
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {head}><rect/></svg>', "utf-8")
    return path


def test_svg_size_from_width_and_height_or_viewbox(tmp_path):
    assert svg_size(_svg(tmp_path, "a.svg", 'width="64px" height="32"')) == (64, 32)
    assert svg_size(_svg(tmp_path, "b.svg", 'viewBox="0 0 360 640"')) == (360, 640)
    assert svg_size(_svg(tmp_path, "c.svg", 'width="100%"')) is None
    assert svg_size(tmp_path / "missing.svg") is None


def test_images_get_their_size_and_below_the_fold_load_lazily(tmp_path):
    svg = _svg(tmp_path, "d.svg", 'viewBox="0 0 400 200"')
    html = (
        '<p><img alt="top" src="d.svg" width="200"></p><h2 id="x">X</h2>'
        '<p><img alt="below" src="d.svg" /><img alt="far" src="https://example.org/x.png"></p>'
    )
    out = IMG.findall(settle_images(html, lambda src: svg if src == "d.svg" else None))
    assert out == [
        '<img alt="top" src="d.svg" width="200" height="100" decoding="async">',
        '<img alt="below" src="d.svg" width="400" height="200" loading="lazy" decoding="async"/>',
        '<img alt="far" src="https://example.org/x.png" loading="lazy" decoding="async">',
    ]


def test_every_image_of_the_built_site_has_its_size(built_site):
    unsized = []
    for rel in site_pages(built_site):
        for tag in IMG.findall((built_site / rel).read_text("utf-8")):
            if not ('width="' in tag and 'height="' in tag):
                unsized.append(f"{rel}: {tag[:120]}")
    assert not unsized, unsized


def test_lesson_diagrams_below_the_fold_load_lazily(built_site):
    html = (built_site / "lessons" / "gifts" / "index.html").read_text("utf-8")
    diagrams = [t for t in IMG.findall(html) if "/diagrams/" in t]
    assert diagrams and all('loading="lazy"' in t for t in diagrams)


def test_the_regular_weight_of_the_page_language_is_preloaded(built_site):
    for rel, font in (("index.html", "thai"), ("en/index.html", "latin")):
        html = (built_site / rel).read_text("utf-8")
        link = re.search(r'<link rel="preload" href="([^"]+)" as="font"[^>]*crossorigin>', html)
        assert link and f"sarabun-{font}-400-normal.woff2" in link.group(1), rel
        assert (built_site / Path(rel).parent / link.group(1)).resolve().is_file()
