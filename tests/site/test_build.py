"""The strict build itself: reproducible output, right language per page, self-hosted fonts."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.conftest import build_site, site_pages


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(built_site, tmp_path):
    again = build_site(tmp_path / "again")
    first, second = _digests(built_site), _digests(again)
    assert first.keys() == second.keys()
    differing = [k for k in first if first[k] != second[k]]
    assert differing == []


def test_every_page_declares_its_language(built_site):
    pages = site_pages(built_site)
    assert any(p.startswith("en/") for p in pages) and any(not p.startswith("en/") for p in pages)
    for rel in pages:
        expected = "en" if rel.startswith("en/") else "th"
        html = (built_site / rel).read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{expected}"', html), rel


def test_fonts_are_self_hosted_with_licence(built_site):
    css = (built_site / "assets/stylesheets/fonts.css").read_text(encoding="utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls and all(u.startswith("../fonts/") and u.endswith(".woff2") for u in urls)
    for url in urls:
        assert (built_site / "assets/stylesheets" / url).resolve().is_file(), url
    assert "SIL Open Font License" in (built_site / "assets/fonts/OFL.txt").read_text(
        encoding="utf-8"
    )
    for rel in site_pages(built_site):
        html = (built_site / rel).read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, rel


def test_sitemap_and_robots_txt(built_site):
    from tests.conftest import BUILD_SITE_URL

    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BUILD_SITE_URL}lessons/gifts/</loc>" in sitemap
    assert f"{BUILD_SITE_URL}en/lessons/gifts/" in sitemap
    robots = (built_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and f"Sitemap: {BUILD_SITE_URL}sitemap.xml" in robots


def test_robots_without_site_url_has_no_sitemap_line():
    from coi_course.site.robots import robots_txt

    assert "Sitemap" not in robots_txt("")
    assert "Sitemap: https://x.go.th/a/sitemap.xml" in robots_txt("https://x.go.th/a")


def test_robots_under_a_sub_path_says_what_to_put_at_the_host_root():
    from coi_course.site.robots import robots_txt

    robots = robots_txt("https://x.go.th/elearning/coi/")
    assert "https://x.go.th/robots.txt" in robots and "/elearning/coi/" in robots
    assert "Sitemap: https://x.go.th/elearning/coi/sitemap.xml" in robots.splitlines()
    assert "host" not in robots_txt("https://x.go.th/")  # at the root the file itself counts
