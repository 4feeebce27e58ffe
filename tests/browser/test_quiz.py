"""Quizzes in the real browser, on the real built site: scoring, feedback, storage, no-JS fallback."""

from __future__ import annotations

import re

import pytest

from coi_course.project import DOCS, QUIZZES
from coi_course.quiz.loader import load_all_quizzes
from coi_course.search.thai_wrap import unmark
from tests.browser.conftest import (
    PHONE,
    focus_outline_px,
    settled_layout,
    shown_text,
    shown_texts,
    tab_to,
)

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
    page.on("dialog", lambda d: d.accept())  # clearing asks first (tests/browser/test_course.py)
    page.locator(".coi-quiz__clear").click()
    assert (
        quiz.id
        not in page.evaluate("JSON.parse(localStorage.getItem(COIQuiz.storageKey))")["quizzes"]
    )


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
    from coi_course.quiz.keys import cyrb53, normalize_answer

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
    html = unmark(page.content())  # without the Thai line-break marks between words
    for control in (".coi-q__check", ".coi-quiz__status", ".coi-quiz__actions"):
        assert page.locator(f"{control}:visible").count() == 0, control  # they would do nothing
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


QUIZ_JS = re.compile(r".*/assets/javascripts/quiz\.js(\?.*)?$")
# Each question's place and what of it shows: the same before and after quiz.js starts.
QUIZ_LAYOUT = """() => {
  const shown = e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const form = document.querySelector("form.coi-quiz");
  return {
    status: shown(form.querySelector(".coi-quiz__status")),
    actions: shown(form.querySelector(".coi-quiz__actions")),
    note: shown(form.querySelector(".coi-nojs")),
    questions: [...form.querySelectorAll("fieldset.coi-q")].map(fs => {
      const r = fs.getBoundingClientRect();
      return {top: Math.round(r.top + scrollY), height: Math.round(r.height),
              check: shown(fs.querySelector(".coi-q__check")), answer: shown(fs.querySelector(".coi-q__answer"))};
    }),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["self-check", "pre-test"])
def test_questions_do_not_change_when_quiz_js_starts(browser, site_url, kind):
    """What quiz.js needs is laid out from the first paint (quiz.css, on the root's "js" class): while
    quiz.js is still on its way the controls show and the answers do not, and nothing in the questions
    shows, hides or moves when it starts (that relayout was most of a self-check's blocking time)."""
    quiz = _quiz(kind)
    ctx = browser.new_context(viewport=PHONE)
    held = []
    ctx.route(QUIZ_JS, lambda route: held.append(route))
    page = ctx.new_page()
    page.goto(_url(site_url, quiz), wait_until="commit")
    page.wait_for_function(
        "() => document.querySelector('.md-footer') &&"
        " [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"
    )
    assert held, "quiz.js was not requested"
    before = settled_layout(page, QUIZ_LAYOUT)
    started = page.evaluate("!!document.querySelector('form.coi-quiz.coi-js')")
    assert not started, "quiz.js ran while it was held back"
    for route in held:
        route.continue_()
    page.wait_for_selector("form.coi-quiz.coi-js", state="attached")
    page.wait_for_load_state("networkidle")
    after = settled_layout(page, QUIZ_LAYOUT)
    ctx.close()
    assert before["status"] and before["actions"] and not before["note"], before
    assert len(before["questions"]) == len(quiz.questions)
    checks = [q["check"] for q in before["questions"]]
    assert checks == [kind == "self-check"] * len(quiz.questions), checks
    assert not any(q["answer"] for q in before["questions"])
    assert after == before


@pytest.mark.browser
def test_answers_show_when_quiz_js_does_not_run(browser, site_url):
    """JavaScript on, but quiz.js blocked or broken: by the load event the head script marks the quiz,
    and the self-check reads as it does without JavaScript (answers open to read, no dead buttons)."""
    quiz = _quiz("self-check")
    ctx = browser.new_context()
    ctx.route(QUIZ_JS, lambda route: route.abort())
    page = ctx.new_page()
    page.goto(_url(site_url, quiz), wait_until="load")
    page.wait_for_selector("form.coi-quiz.coi-no-script", state="attached")
    assert page.locator("details.coi-q__answer:visible").count() == len(quiz.questions)
    assert page.locator(".coi-q__check:visible").count() == 0
    assert page.locator(".coi-quiz__status").is_hidden()
    assert page.locator(".coi-quiz__actions").is_hidden()
    assert page.locator(".coi-quiz__nojs").is_visible()
    ctx.close()


def _shuffled(page, site_url, quiz) -> None:
    """Open ``quiz`` as if its file said ``shuffle: true``, with Math.random pinned to 0: the
    Fisher-Yates shuffle then moves the first item to the end (1, 2, ..., n, 0)."""
    url = _url(site_url, quiz)

    def flip(route):
        response = route.fetch()
        body = response.text()
        assert 'data-shuffle="false"' in body
        route.fulfill(
            response=response, body=body.replace('data-shuffle="false"', 'data-shuffle="true"')
        )

    page.route(url, flip)
    page.add_init_script("Math.random = () => 0;")
    page.goto(url, wait_until="networkidle")


def _label_texts(fieldset, ids) -> str:
    texts = []
    for cid in ids:
        input_id = fieldset.locator(f"input[value='{cid}']").get_attribute("id")
        texts.append(shown_text(fieldset.locator(f"label[for='{input_id}']")).strip())
    return "; ".join(texts)


@pytest.mark.browser
def test_shuffled_quiz_renumbers_relabels_and_still_scores(page, site_url):
    quiz = _quiz("self-check")
    _shuffled(page, site_url, quiz)
    ids = [q.id for q in quiz.questions]
    shown = page.locator("fieldset.coi-q").evaluate_all("fs => fs.map(f => f.dataset.qid)")
    assert shown == ids[1:] + ids[:1]
    n = len(ids)
    assert shown_texts(page.locator(".coi-q__num")) == [f"ข้อ {i} จาก {n}" for i in range(1, n + 1)]
    by_id = {q.id: q for q in quiz.questions}
    for qid in shown:
        q, fs = by_id[qid], page.locator(f"fieldset[data-qid='{qid}']")
        if q.type in ("single", "multiple"):
            order = [c.id for c in q.choices]
            values = fs.locator("input").evaluate_all("xs => xs.map(x => x.value)")
            assert values == order[1:] + order[:1]
            labels = shown_texts(fs.locator(".coi-q__label"))
            assert labels == [f"{x}." for x in "กขคงจฉชซ"[: len(order)]]
    # the printed answer key follows the new order and the new labels
    key = page.locator(".coi-quiz__key li")
    assert key.evaluate_all("ls => ls.map(l => l.dataset.qid)") == shown
    for i, qid in enumerate(shown):
        q = by_id[qid]
        if q.type in ("single", "multiple"):
            fs = page.locator(f"fieldset[data-qid='{qid}']")
            assert key.nth(i).text_content() == _label_texts(fs, q.correct_ids)
    r = _play(page, quiz, [True] * n)
    assert (r["percent"], r["passed"]) == (100, True)
    for qid in shown:
        q = by_id[qid]
        if q.type in ("single", "multiple"):
            fs = page.locator(f"fieldset[data-qid='{qid}']")
            feedback = shown_text(fs.locator(".coi-q__feedback"))
            assert f"คำตอบที่ถูก: {_label_texts(fs, q.correct_ids)}" in feedback, feedback
    assert page.watched.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["self-check", "post-test"])
def test_print_gives_a_clean_question_sheet(page, site_url, kind):
    quiz = _quiz(kind)
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    key = page.locator(".coi-quiz__key")
    if kind == "self-check":
        assert key.count() == 1 and not key.is_visible()  # on screen the key stays hidden
    page.emulate_media(media="print")
    assert page.locator("fieldset.coi-q:visible").count() == len(quiz.questions)
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(chrome).first.is_visible(), chrome
    for control in (".coi-q__check", ".coi-quiz__submit", ".coi-quiz__clear", ".coi-quiz__status"):
        assert page.locator(f"{control}:visible").count() == 0, control
    assert page.locator("details.coi-q__answer:visible").count() == 0
    if kind == "self-check":
        assert key.is_visible()
        items = key.locator("li").all_inner_texts()
        assert len(items) == len(quiz.questions) and all(items)
    else:
        assert key.count() == 0  # no answer key in a pre/post test, on paper or on screen


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_progress_page_compares_pre_and_post_test(page, site_url, lang):
    prefix = "" if lang == "th" else "en/"
    page.goto(f"{site_url}{prefix}progress/", wait_until="networkidle")
    assert page.locator(".coi-progress__pre").inner_text() == "–"
    assert page.locator(".coi-progress__post").inner_text() == "–"
    pre, post = _quiz("pre-test"), _quiz("post-test")
    pattern = [i % 2 == 0 for i in range(len(pre.questions))]
    page.goto(_url(site_url, pre, lang), wait_until="networkidle")
    expected = _play(page, pre, pattern)["percent"]
    assert expected == int(100 * sum(pattern) / len(pattern) + 0.5)
    page.goto(f"{site_url}{prefix}progress/", wait_until="networkidle")
    assert page.locator(".coi-progress__pre").inner_text() == f"{expected}%"
    assert page.locator(".coi-progress__post").inner_text() == "–"
    page.goto(_url(site_url, post, lang), wait_until="networkidle")
    _play(page, post, [True] * len(post.questions))
    page.goto(f"{site_url}{prefix}progress/", wait_until="networkidle")
    compare = page.locator(".coi-progress__compare")
    assert page.locator(".coi-progress__pre").inner_text() == f"{expected}%"
    assert page.locator(".coi-progress__post").inner_text() == "100%"
    assert compare.get_attribute("aria-live") == "polite"
    assert ("ก่อนเรียน" if lang == "th" else "Pre-test") in compare.inner_text()


@pytest.mark.browser
def test_keyboard_only_with_visible_focus(page, site_url):
    quiz = _quiz("self-check")
    q = quiz.questions[0]
    assert q.type in ("single", "multiple", "true-false"), "first question needs choices"
    page.goto(_url(site_url, quiz), wait_until="networkidle")
    tab_to(page, f"() => document.activeElement.closest(\"fieldset[data-qid='{q.id}']\") !== null")
    assert page.evaluate("() => document.activeElement.matches('input')")
    assert focus_outline_px(page) >= 2
    page.keyboard.press("Space")  # a checkbox needs Space; a radio is chosen by it too
    assert page.evaluate("() => document.activeElement.checked")
    tab_to(page, "() => document.activeElement.matches('.coi-q__check')")
    assert focus_outline_px(page) >= 2
    page.keyboard.press("Enter")
    fs = page.locator(f"fieldset[data-qid='{q.id}']")
    assert fs.locator(".coi-q__verdict").inner_text()[:1] in ("✓", "✗")  # not colour alone
    assert "ตอบแล้ว 1 จาก" in page.locator(".coi-quiz__answered").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["self-check", "post-test"])
def test_review_shows_the_chosen_choice_feedback_basis_and_lesson_link(page, site_url, kind):
    quiz = next(
        q
        for q in QUIZZES_BY_KIND[kind]
        if any(c.feedback for x in q.questions for c in x.choices or [])
    )
    q = next(x for x in quiz.questions if any(c.feedback for c in x.choices or []))
    chosen = next(c for c in q.choices if c.feedback)
    page.goto(_url(site_url, quiz, "en"), wait_until="networkidle")
    fs = page.locator(f"fieldset[data-qid='{q.id}']")
    fs.locator(f"input[value='{chosen.id}']").check()
    if quiz.deferred:
        page.locator(".coi-quiz__submit").click()
    else:
        fs.locator(".coi-q__check").click()
    box = fs.locator(".coi-q__feedback")
    assert shown_text(box.locator(".coi-q__choice-feedback")) == chosen.feedback.en
    text = shown_text(box)
    assert q.explanation.en in text and (q.basis is None or q.basis in text)
    link = box.locator("a")
    href = link.get_attribute("href")
    lesson, _, anchor = q.source.partition("#")
    assert href.endswith(f"{lesson.removesuffix('.md')}/#{anchor}"), href
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.watched.console_errors == [] and page.watched.failed == []
