"""Dark mode: Material's palette toggle (follow the device, light, dark), and axe (contrast included) in
both schemes on what has colours of its own: quiz feedback, the completion record, the gift helper,
lessons with diagrams, the progress and 404 pages.

Every browser test runs in the light scheme (tests/browser/conftest.py's context), so where another
test already runs axe on the very same page and state, only the dark scheme is checked here: the light
one is that test's (named beside each test below). axe on a long Thai page takes seconds."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import assert_axe_clean
from tests.browser.test_certificate import _open, _passed, _seed, post_test_version  # noqa: F401
from tests.browser.test_gift_helper import COOP_SMALL, answer_all, open_helper
from tests.browser.test_quiz import _answer, _quiz, _url

SCHEMES = {"light": "default", "dark": "slate"}
DIAGRAM_PAGES = ["lessons/gifts/", "lessons/forms-of-coi/", "en/lessons/managing-coi/"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


def _use(page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_device_setting_is_followed(page, site_url, scheme):
    _use(page, scheme)
    page.goto(site_url, wait_until="networkidle")
    assert _scheme(page) == SCHEMES[scheme]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "names"),
    [("th", ("ใช้โหมดสว่าง", "ใช้โหมดมืด")), ("en", ("Switch to light mode", "Switch to dark mode"))],
)
def test_toggle_picks_light_then_dark_and_remembers_it(page, site_url, lang, names):
    _use(page, "dark")
    page.goto(site_url + ("en/" if lang == "en" else ""), wait_until="networkidle")
    assert _scheme(page) == "slate"  # follows the device first
    page.get_by_title(names[0]).click()
    assert _scheme(page) == "default"
    page.get_by_title(names[1]).click()
    assert _scheme(page) == "slate"
    _use(page, "light")  # the learner's choice now wins over the device
    page.goto(site_url + "lessons/gifts/", wait_until="networkidle")
    assert _scheme(page) == "slate"


# Pages written in docs/ get axe in light from test_pages.py (every such page, as it opens); the pages
# generated at build time (progress, quizzes) get it here in both schemes.
DOCS_PAGES = [*DIAGRAM_PAGES, ""]
GENERATED_PAGES = ["progress/", "en/quizzes/pre-test/"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("scheme", "path"),
    [("dark", path) for path in DOCS_PAGES + GENERATED_PAGES]
    + [("light", path) for path in GENERATED_PAGES],
)
def test_pages_pass_axe(page, site_url, axe, scheme, path):
    _use(page, scheme)
    page.goto(site_url + path, wait_until="networkidle")
    assert _scheme(page) == SCHEMES[scheme]
    assert_axe_clean(axe, page, f"{scheme} {path}")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_quiz_feedback_passes_axe_in_both_schemes(page, site_url, axe, scheme, lang):
    quiz = _quiz("self-check")
    _use(page, scheme)
    page.goto(_url(site_url, quiz, lang), wait_until="networkidle")
    for i, q in enumerate(quiz.questions[:4]):  # right and wrong feedback, with their ✓/✗ marks
        _answer(page, q, i % 2 == 0)
        page.locator(f"fieldset[data-qid='{q.id}'] .coi-q__check").click()
    assert page.locator(".coi-q--right").count() and page.locator(".coi-q--wrong").count()
    assert_axe_clean(axe, page, f"{scheme} quiz feedback")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_post_test_result_passes_axe_in_both_schemes(page, site_url, axe, scheme):
    quiz = _quiz("post-test")
    _use(page, scheme)
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    for q in quiz.questions:
        _answer(page, q, False)
    page.locator(".coi-quiz__submit").click()
    page.locator(".coi-quiz__fail").wait_for()
    assert_axe_clean(axe, page, f"{scheme} post-test result")


@pytest.mark.browser
def test_completion_record_passes_axe_in_dark_mode(page, site_url, axe, post_test_version):  # noqa: F811
    """Light: test_certificate.py's test_record_passes_axe[th] (the same record, name and page)."""
    _use(page, "dark")
    _seed(page, site_url, _passed(post_test_version))
    _open(page, site_url, "th")
    page.locator("#coi-cert-name").fill("สมชาย ใจดี")
    assert _scheme(page) == SCHEMES["dark"]
    assert_axe_clean(axe, page, "dark certificate")


@pytest.mark.browser
def test_gift_helper_result_passes_axe_in_dark_mode(page, site_url, axe):
    """Light: the form in test_pages.py (gift-helper/, as it opens), this result in test_gift_helper.py's
    test_small_gift_from_a_cooperative_is_lawful_but_declined_under_the_policy[th]."""
    _use(page, "dark")
    app = open_helper(page, site_url, "th")
    assert _scheme(page) == SCHEMES["dark"]
    assert_axe_clean(axe, page, "dark gift helper form")
    answer_all(page, app, "th", COOP_SMALL)  # a "caution" verdict beside an "ok" one
    assert_axe_clean(axe, page, "dark gift helper result")


@pytest.mark.browser
@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_diagrams_stay_on_white_in_dark_mode(page, site_url, path):
    _use(page, "dark")
    page.goto(site_url + path, wait_until="networkidle")
    backgrounds = page.evaluate(
        "() => [...document.querySelectorAll('img[src*=\"assets/diagrams/\"]')]"
        ".map(i => getComputedStyle(i).backgroundColor)"
    )
    assert backgrounds and set(backgrounds) == {"rgb(255, 255, 255)"}
