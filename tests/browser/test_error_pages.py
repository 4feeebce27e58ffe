"""The "page not found" pages in a browser: served by a web server at any depth under a sub-path, opened
from the offline ZIP on disk, and inside the SCORM package. Every link and asset must resolve."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from coi_course.site.serve import SiteServer
from tests.conftest import SUB_PATH

# Every URL the page refers to, resolved the way the browser resolves it (with <base> if any).
RESOLVED_URLS = """() => [
  ...[...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#'))
     .map(a => a.href),
  ...[...document.querySelectorAll('link[href]')].map(l => l.href),
  ...[...document.querySelectorAll('script[src], img[src]')].map(e => e.src),
].map(u => u.split('#')[0])"""


def _assert_styled(page) -> None:
    # Material's stylesheet and the site's own (Sarabun) are applied: the page is in the site's look.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
    assert "Sarabun" in page.evaluate("getComputedStyle(document.body).fontFamily")


def _missing_over_http(page, urls: list[str]) -> list[str]:
    return [u for u in sorted(set(urls)) if not page.request.get(u).ok]


def _missing_on_disk(urls: list[str]) -> list[str]:
    missing = []
    for u in sorted(set(urls)):
        path = Path(unquote(urlsplit(u).path))
        if u.startswith("file:") and not path.is_file():
            missing.append(u)
    return missing


@pytest.fixture(scope="module")
def error_server(built_site):
    with SiteServer(built_site, prefix=SUB_PATH, error_pages=True) as server:
        yield server.url


@pytest.mark.browser
@pytest.mark.parametrize(
    ("missing", "lang", "heading"),
    [
        ("no-such-page", "th", "ไม่พบหน้าที่ต้องการ"),
        ("lessons/gifts/old/deeper/", "th", "ไม่พบหน้าที่ต้องการ"),
        ("en/lessons/no-such-lesson/", "en", "Page not found"),
        ("en/a/b/c/d.html", "en", "Page not found"),
    ],
)
def test_error_page_works_at_any_depth_under_a_sub_path(page, error_server, missing, lang, heading):
    response = page.goto(error_server + missing, wait_until="networkidle")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    assert heading in page.locator("h1").inner_text()
    _assert_styled(page)
    urls = page.evaluate(RESOLVED_URLS)
    assert all(u.startswith(error_server) for u in urls), [
        u for u in urls if not u.startswith(error_server)
    ]
    assert _missing_over_http(page, urls) == []
    # The page's own 404 status is logged as a console error; other failed loads are in watched.failed.
    assert [e for e in page.watched.console_errors if "status of 404" not in e] == []
    assert [
        f for f in page.watched.failed if not f.startswith("404 " + error_server + missing)
    ] == []
    page.locator("article a").first.click()
    page.wait_for_load_state("load")
    home = error_server + ("en/" if lang == "en" else "")
    assert page.url == home


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["404.html", "en/404.html"])
def test_error_page_in_the_offline_zip(page, offline_zip, tmp_path, rel):
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(tmp_path)
    page.goto((tmp_path / rel).as_uri(), wait_until="load")
    _assert_styled(page)
    urls = page.evaluate(RESOLVED_URLS)
    assert len(urls) > 20 and all(u.startswith(tmp_path.as_uri()) for u in urls)
    assert _missing_on_disk(urls) == []
    page.locator("article a").first.click()
    page.wait_for_load_state("load")
    assert page.url == (tmp_path / rel).parent.joinpath("index.html").as_uri()


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["404.html", "en/404.html"])
def test_error_page_in_the_scorm_package(page, scorm_zip, tmp_path, rel):
    with zipfile.ZipFile(scorm_zip) as zf:
        zf.extractall(tmp_path / "course")
        assert rel in zf.namelist()
    with SiteServer(tmp_path, prefix="/") as server:
        base = server.url + "course/"
        page.goto(base + rel, wait_until="networkidle")
        _assert_styled(page)
        urls = page.evaluate(RESOLVED_URLS)
        assert len(urls) > 20 and all(u.startswith(base) for u in urls)
        assert _missing_over_http(page, urls) == []
        assert page.watched.failed == []
