"""Quiz pages for keyboard, screen-reader and phone users: skip link to the first question, focus on the
feedback after "check", ✓/✗ beside the chosen option, nothing covering the sticky counter."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, shown_text
from tests.browser.test_quiz import _answer, _quiz, _url

FOCUSED_IN = "sel => !!document.activeElement.closest(sel)"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("kind", "lang"), [("self-check", "th"), ("pre-test", "th"), ("post-test", "en")]
)
def test_skip_link_reaches_the_first_question_in_two_presses(page, site_url, kind, lang):
    quiz = _quiz(kind)
    page.goto(_url(site_url, quiz, lang), wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.evaluate("document.querySelector('fieldset.coi-q').dataset.qid")
    assert page.evaluate(FOCUSED_IN, f"fieldset[data-qid='{first}']")
    assert page.evaluate("document.activeElement.tagName") == "INPUT"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_skip_link_on_the_progress_page(page, site_url, lang):
    page.goto(site_url + ("en/" if lang == "en" else "") + "progress/", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_IN, ".coi-progress__table")


@pytest.mark.browser
@pytest.mark.parametrize("right", [True, False])
def test_check_moves_focus_to_feedback_and_marks_the_chosen_option(page, site_url, right):
    quiz = _quiz("self-check")
    q = next(q for q in quiz.questions if q.type == "single")
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    fs = page.locator(f"fieldset[data-qid='{q.id}']")
    _answer(page, q, right)
    fs.locator(".coi-q__check").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('coi-q__feedback')")
    assert page.evaluate(FOCUSED_IN, f"fieldset[data-qid='{q.id}']")
    assert page.evaluate("document.activeElement.getAttribute('aria-live')") == "polite"
    marks = fs.locator(".coi-q__choice:has(input:checked) .coi-q__mark")
    assert marks.count() == 1
    assert marks.inner_text().startswith("✓" if right else "✗")
    assert ("ถูกต้อง" if right else "ยังไม่ถูก") in marks.text_content()  # words for screen readers
    assert fs.locator(".coi-q__choice:not(:has(input:checked)) .coi-q__mark").count() == 0


@pytest.mark.browser
def test_post_test_marks_every_chosen_option(page, site_url):
    quiz = _quiz("post-test")
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    for i, q in enumerate(quiz.questions):
        _answer(page, q, i % 2 == 0)
    page.locator(".coi-quiz__submit").click()
    page.locator(".coi-quiz__score").wait_for()
    for i, q in enumerate(quiz.questions):
        if q.type == "short-answer":
            continue
        marks = page.locator(f"fieldset[data-qid='{q.id}'] .coi-q__mark")
        assert marks.count() >= 1, q.id
        if q.type != "multiple":
            assert shown_text(marks.first).startswith("✓" if i % 2 == 0 else "✗"), q.id


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_nothing_covers_the_counter_on_a_phone(browser, site_url, lang):
    quiz = _quiz("self-check")
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    try:
        page.goto(_url(site_url, quiz, lang), wait_until="networkidle")
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(200)
        page.mouse.wheel(0, -300)  # scrolling up is when Material shows its "back to top" pill
        page.wait_for_timeout(500)
        box = page.evaluate(
            """() => {
              const r = e => e && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden'
                ? e.getBoundingClientRect().toJSON() : null;
              const status = document.querySelector('.coi-quiz__status');
              const text = document.querySelector('.coi-quiz__answered');
              return {status: r(status), top: r(document.querySelector('.md-top')),
                      header: r(document.querySelector('.md-header')),
                      lines: text.getClientRects().length,
                      height: text.getBoundingClientRect().height,
                      lineHeight: parseFloat(getComputedStyle(text).lineHeight) || 24};
            }"""
        )
        status = box["status"]
        assert status and status["top"] >= box["header"]["bottom"] - 1  # stuck below the header
        top = box["top"]
        if top:
            overlap = not (
                top["bottom"] <= status["top"]
                or top["top"] >= status["bottom"]
                or top["right"] <= status["left"]
                or top["left"] >= status["right"]
            )
            assert not overlap, (top, status)
        assert box["lines"] == 1 and box["height"] < 1.5 * box["lineHeight"]
        assert status["right"] <= 390
    finally:
        ctx.close()
