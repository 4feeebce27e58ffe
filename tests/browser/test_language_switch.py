"""The header language switcher keeps the section (#anchor) and, on quiz pages, the learner's answers."""

from __future__ import annotations

import pytest

from tests.browser.test_quiz import _answer, _quiz, _url


def _switch(page, lang: str) -> None:
    page.locator(".md-header .md-select").first.hover()
    with page.expect_navigation(wait_until="networkidle"):
        page.locator(f"a.md-select__link[hreflang='{lang}']").click()
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "lang", "landing"),
    [
        ("lessons/gifts/#gift-limit", "en", "en/lessons/gifts/#gift-limit"),
        ("en/lessons/gifts/#gift-limit", "th", "lessons/gifts/#gift-limit"),
    ],
)
def test_switcher_keeps_the_section(page, site_url, start, lang, landing):
    page.goto(site_url + start, wait_until="networkidle")
    _switch(page, lang)
    assert page.url == site_url + landing
    assert page.evaluate("document.documentElement.lang") == lang
    # The section is on screen, not the top of the page.
    box = page.locator("#gift-limit").bounding_box()
    assert box and 0 <= box["y"] < 400


@pytest.mark.browser
def test_switcher_keeps_quiz_answers_and_checked_questions(page, site_url):
    quiz = _quiz("self-check")
    first, second = quiz.questions[0], quiz.questions[1]
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    _answer(page, first, True)
    page.locator(f"fieldset[data-qid='{first.id}'] .coi-q__check").click()
    _answer(page, second, False)
    _switch(page, "en")
    assert page.url.split("#")[0] == _url(site_url, quiz, "en")
    fs1 = page.locator(f"fieldset[data-qid='{first.id}']")
    assert fs1.locator(".coi-q__verdict").inner_text() == "✓ Correct"
    fs2 = page.locator(f"fieldset[data-qid='{second.id}']")
    assert fs2.locator(".coi-q__verdict").count() == 0  # chosen but not checked yet
    chosen = fs2.evaluate("f => [...f.querySelectorAll('input:checked')].map(i => i.value)")
    assert chosen and not set(chosen) & set(second.correct_ids or [])
    assert "1" in page.locator(".coi-quiz__answered").inner_text()
    # Only the next page gets the answers: a reload starts clean.
    page.reload(wait_until="networkidle")
    assert page.locator(".coi-q__verdict").count() == 0
