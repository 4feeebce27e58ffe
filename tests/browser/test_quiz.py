"""Quizzes in the real browser, on the real built site: scoring, feedback, storage, no-JS fallback."""

from __future__ import annotations

import pytest

from coi_course.project import DOCS, QUIZZES
from coi_course.quiz_loader import load_all_quizzes

QUIZZES_BY_KIND: dict[str, list] = {}
for _q in load_all_quizzes(QUIZZES, DOCS):
    QUIZZES_BY_KIND.setdefault(_q.kind, []).append(_q)


def _quiz(kind: str):
    if not QUIZZES_BY_KIND.get(kind):
        pytest.fail(f"no {kind} quiz in quizzes/", pytrace=False)
    return QUIZZES_BY_KIND[kind][0]


def _url(site_url: str, quiz, lang: str = "th") -> str:
    return f"{site_url}{'' if lang == 'th' else 'en/'}quizzes/{quiz.id}/"


def _answer(page, q, right: bool) -> None:
    fs = page.locator(f"fieldset[data-qid='{q.id}']")
    if q.type == "short-answer":
        fs.locator("input[type=text]").fill(q.answer[0] if right else "คำตอบผิด")
    elif q.type == "true-false":
        value = q.answer if right else not q.answer
        fs.locator(f"input[value='{'true' if value else 'false'}']").check()
    else:
        wrong = [c.id for c in q.choices if c.id not in q.correct_ids]
        for cid in q.correct_ids if right else wrong[:1]:
            fs.locator(f"input[value='{cid}']").check()


def _play(page, quiz, pattern) -> dict:
    """Answer every question (pattern[i] says right or wrong) and return the result box's data."""
    for q, right in zip(quiz.questions, pattern, strict=True):
        _answer(page, q, right)
        if not quiz.deferred:
            page.locator(f"fieldset[data-qid='{q.id}'] .coi-q__check").click()
            verdict = page.locator(f"fieldset[data-qid='{q.id}'] .coi-q__verdict").inner_text()
            assert verdict.startswith("✓" if right else "✗"), (q.id, verdict)
    if quiz.deferred:
        page.locator(".coi-quiz__submit").click()
    result = page.locator(".coi-quiz__result")
    result.locator(".coi-quiz__score").wait_for()
    return {
        "percent": int(result.get_attribute("data-percent")),
        "passed": result.get_attribute("data-passed") == "true",
        "text": result.inner_text(),
    }


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["self-check", "post-test"])
def test_all_right_all_wrong_and_mixed_scores(page, site_url, kind):
    quiz = _quiz(kind)
    n = len(quiz.questions)
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    r = _play(page, quiz, [True] * n)
    assert (r["percent"], r["passed"]) == (100, True)
    assert "ผ่านเกณฑ์" in r["text"]
    page.locator(".coi-quiz__retry").click()
    r = _play(page, quiz, [False] * n)
    assert (r["percent"], r["passed"]) == (0, False)
    page.locator(".coi-quiz__retry").click()
    pattern = [i % 3 != 0 for i in range(n)]
    expected = int(100 * sum(pattern) / n + 0.5)  # JavaScript's Math.round, not banker's rounding
    r = _play(page, quiz, pattern)
    assert (r["percent"], r["passed"]) == (expected, expected >= quiz.pass_percent)
    page.reload(wait_until="networkidle")
    assert "100%" in page.locator(".coi-quiz__best").inner_text()
    assert page.watched.console_errors == [] and page.watched.foreign_requests(site_url) == []


@pytest.mark.browser
def test_immediate_feedback_shows_explanation_and_keyboard_does_not_submit(page, site_url):
    quiz = _quiz("self-check")
    q = next(q for q in quiz.questions if q.type == "single")
    page.goto(_url(site_url, quiz, "en"), wait_until="networkidle")
    fs = page.locator(f"fieldset[data-qid='{q.id}']")
    fs.locator("input").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert fs.locator(".coi-q__feedback").inner_text() == ""  # arrows choose, they never submit
    fs.locator(".coi-q__check").focus()
    page.keyboard.press("Enter")
    feedback = fs.locator(".coi-q__feedback").inner_text()
    assert q.explanation.en in feedback and "Correct answer:" in feedback
    assert fs.locator(".coi-q__feedback").get_attribute("aria-live") == "polite"
    assert "1 of" in page.locator(".coi-quiz__answered").inner_text()


@pytest.mark.browser
def test_corrupt_storage_is_ignored_and_clear_works(page, site_url):
    quiz = _quiz("self-check")
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    page.evaluate("localStorage.setItem(COIQuiz.storageKey, '{not json')")
    page.reload(wait_until="networkidle")
    assert page.watched.console_errors == []
    _play(page, quiz, [True] * len(quiz.questions))
    stored = page.evaluate("JSON.parse(localStorage.getItem(COIQuiz.storageKey))")
    assert stored["quizzes"][quiz.id]["best"] == 100
    bad_record = {"quizzes": {quiz.id: {"best": "x"}}}
    page.evaluate("r => localStorage.setItem(COIQuiz.storageKey, JSON.stringify(r))", bad_record)
    page.reload(wait_until="networkidle")
    assert page.locator(".coi-quiz__best").inner_text() == ""
    page.locator(".coi-quiz__clear").click()
    assert page.evaluate("localStorage.getItem(COIQuiz.storageKey)") is None


@pytest.mark.browser
def test_progress_page_shows_best_scores_and_pre_post(page, site_url):
    quiz = _quiz("self-check")
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    _play(page, quiz, [True] * len(quiz.questions))
    page.goto(site_url + "progress/", wait_until="networkidle")
    row = page.locator(f"tr[data-quiz-id='{quiz.id}']")
    assert row.locator(".coi-progress__best").inner_text() == "100%"
    assert "ผ่าน" in row.locator(".coi-progress__state").inner_text()


@pytest.mark.browser
def test_js_hash_and_normalisation_match_python(page, site_url):
    from coi_course.quiz_keys import cyrb53, normalize_answer

    page.goto(_url(site_url, _quiz("self-check")), wait_until="networkidle")
    samples = ["", "abc", "ผลประโยชน์ทับซ้อน", "๓,๐๐๐ บาท\u200b", "ABC Def", "e\u0301", "😀"]
    js = page.evaluate("s => s.map(x => [COIQuiz.cyrb53(x), COIQuiz.normalize(x)])", samples)
    assert js == [[cyrb53(s), normalize_answer(s)] for s in samples]


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["self-check", "post-test"])
def test_without_javascript(browser, site_url, kind):
    quiz = _quiz(kind)
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(_url(site_url, quiz), wait_until="load")
    assert page.locator("fieldset.coi-q").count() == len(quiz.questions)
    html = page.content()
    if kind == "self-check":
        assert page.locator("details.coi-q__answer").count() == len(quiz.questions)
        assert quiz.questions[0].explanation.th in html
        assert page.locator(".coi-quiz__nojs").is_visible()
    else:
        assert "ต้องใช้ JavaScript" in page.locator(".coi-quiz__nojs").inner_text()
        assert "<details" not in html
        for q in quiz.questions:
            assert q.explanation.th not in html
    ctx.close()
