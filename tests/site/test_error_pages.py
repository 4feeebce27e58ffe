"""The "page not found" pages: Thai at the root, English in en/, links relative to their own folder."""

from __future__ import annotations

import re

import pytest

from coi_course.site.error_pages import error_page_links

URL_ATTR = re.compile(r'\b(?:href|src)="([^"]*)"')


@pytest.mark.parametrize(
    ("site_url", "lang", "target", "base_url", "base_href"),
    [
        ("https://www.example.go.th/elearning/coi/", "th", "404.html", ".", "/elearning/coi/"),
        (
            "https://www.example.go.th/elearning/coi",
            "en",
            "en/404.html",
            "..",
            "/elearning/coi/en/",
        ),
        ("https://www.example.go.th/", "en", "en/404.html", "..", "/en/"),
        ("", "th", "404.html", ".", ""),  # offline ZIP and SCORM: no <base>
        (None, "en", "en/404.html", "..", ""),
    ],
)
def test_error_page_links(site_url, lang, target, base_url, base_href):
    links = error_page_links(site_url, lang, ["th", "en"])
    assert (links.target, links.base_url, links.base_href) == (target, base_url, base_href)
    assert links.homes == {"th": "./", "en": "en/"}
    assert links.progress == ("en/" if lang == "en" else "") + "progress/"
    assert links.scope == (base_href.removesuffix("en/") if base_href else base_url)


def test_error_page_links_on_disk_name_the_html_files():
    links = error_page_links("", "en", ["th", "en"], directory_urls=False)
    assert links.homes == {"th": "index.html", "en": "en/index.html"}
    assert links.progress == "en/progress.html"


@pytest.mark.parametrize(
    ("rel", "lang", "heading"),
    [("404.html", "th", "ไม่พบหน้า"), ("en/404.html", "en", "Page not found")],
)
def test_built_error_pages_are_in_their_language_and_relative(built_site, rel, lang, heading):
    html = (built_site / rel).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert re.search(rf"<h1[^>]*>{heading}", html)
    assert f'<base href="/elearning/coi/{"en/" if lang == "en" else ""}">' in html
    urls = URL_ATTR.findall(html)
    assert len(urls) > 20
    absolute = [u for u in urls if u.startswith("/") or u.startswith("http")]
    assert absolute == [f"/elearning/coi/{'en/' if lang == 'en' else ''}"]  # the <base> only
    assert '"base": "/elearning/coi/"' in html  # Material's search resolves it against the address


def test_error_pages_are_not_in_the_sitemap(built_site):
    assert "404" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
