"""Every page, both languages, in a real browser: own-origin requests only, no console errors, axe clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import assert_axe_clean
from tests.conftest import site_pages


def _all_pages():
    # Collected at import time from the sources so each page gets its own test id: every Markdown
    # page, and the pages generated from quizzes/ (one per quiz, and the progress page) in each
    # language. test_every_built_page_is_checked compares this list with the built site.
    from coi_course.project import DOCS, LANGUAGES, QUIZZES
    from coi_course.quiz.loader import load_all_quizzes
    from coi_course.quiz.render import PROGRESS_PAGE, quiz_page_path

    quizzes = load_all_quizzes(QUIZZES, DOCS)
    generated = [quiz_page_path(q.id) for q in quizzes] + ([PROGRESS_PAGE] if quizzes else [])
    sources = [md.relative_to(DOCS).as_posix() for md in DOCS.rglob("*.md")]
    sources += [f"{lang}/{path}" for lang in LANGUAGES for path in generated]
    pages = []
    for source in sorted(sources):
        lang, *rest = source.removesuffix(".md").split("/")
        stem = "/".join(rest)
        stem = "" if stem == "index" else stem.removesuffix("/index") + "/"
        pages.append(("" if lang == LANGUAGES[0] else f"{lang}/") + stem)
    return pages


PAGES = _all_pages()


def test_every_built_page_is_checked(built_site: Path):
    built = {p.removesuffix("index.html") for p in site_pages(built_site)}
    assert set(PAGES) == built, {"not built": set(PAGES) - built, "not checked": built - set(PAGES)}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_is_accessible(page, site_url, axe, path):
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    assert page.watched.foreign_requests(site_url) == [], f"{path}: third-party requests"
    assert page.watched.failed == [], f"{path}: failed requests"
    assert page.watched.console_errors == [], f"{path}: console errors"
    assert_axe_clean(axe, page, path)


@pytest.mark.browser
def test_search_dialog_passes_axe_when_open(page, site_url, axe):
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut opens the search dialog
    # Type once the index is ready: a query typed while "initializing" is not run again.
    page.wait_for_function(
        """() => {
          const t = JSON.parse(document.getElementById("__config").textContent).translations
          const meta = document.querySelector(".md-search-result__meta")
          return meta && meta.textContent.trim() !== t["search.result.initializer"]
        }""",
        timeout=120_000,
    )
    page.locator(".md-search__input").fill("ของขวัญ")
    page.keyboard.press("End")  # Material runs the query on keyup; fill() alone sends no key
    page.locator(".md-search-result__item").first.wait_for()
    assert_axe_clean(axe, page, "search results")  # once the results have faded in
