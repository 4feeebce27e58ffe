"""The course as a learner walks it, in the real browser on the built site, in Thai and English:
the course path on the home page, the pre-test as a baseline, clearing with confirmation, the
post-test leading to the completion record, the record's requirements, fields and check code, the
results file, and the progress page.

Results files downloaded here are kept in ``dist/test-results/`` (or ``$COI_RESULTS_DIR``) so that
the officer's report can be tested on files the browser really made."""

from __future__ import annotations

import json
import os
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from coi_course.course.thai_dates import format_date
from coi_course.project import DOCS, QUIZZES, ROOT
from coi_course.quiz.loader import load_all_quizzes
from coi_course.record.check_code import RECORD_FIELDS, check_code
from coi_course.site.serve import SiteServer
from tests.browser.conftest import blocking_violations, run_axe
from tests.browser.test_packages import LMS_PAGE
from tests.browser.test_quiz import _answer, _play

STORE = "coi-course.progress.v1"
QUIZZES_BY_ID = {q.id: q for q in load_all_quizzes(QUIZZES, DOCS)}
PRE = next(q for q in QUIZZES_BY_ID.values() if q.kind == "pre-test")
POST = next(q for q in QUIZZES_BY_ID.values() if q.kind == "post-test")
LESSONS = [
    Path(src).stem
    for src in re.findall(
        r"^\s+- (lessons/[\w-]+\.md)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M
    )
]
AGENCY = {
    "th": "สำนักงานส่งเสริมสหกรณ์กรุงเทพมหานคร พื้นที่ 2",
    "en": "Bangkok Area 2 Cooperative Promotion Office",
}
RESULTS_DIR = Path(os.environ.get("COI_RESULTS_DIR", ROOT / "dist" / "test-results"))
LANGS = ["th", "en"]


def _prefix(lang: str) -> str:
    return "" if lang == "th" else "en/"


def _go(page, site_url: str, lang: str, path: str) -> None:
    page.goto(f"{site_url}{_prefix(lang)}{path}", wait_until="networkidle")


def _stored(page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}') || 'null')") or {}


def _seed(page, site_url: str, data: dict | None) -> None:
    page.goto(site_url + "privacy/")
    page.evaluate(
        "([k, v]) => v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v)",
        [STORE, None if data is None else json.dumps(data)],
    )


def _attempt(percent: int, when: str, quiz=None, right: bool = True) -> dict:
    answers = {q.id: right for q in quiz.questions} if quiz else {}
    return {"percent": percent, "date": when, "answers": answers}


def _entry(quiz, best: int, passed: bool, attempts: int = 1, first: int | None = None) -> dict:
    when = "2026-12-01T03:00:00.000Z"
    return {
        "best": best,
        "last": best,
        "passed": passed,
        "version": quiz.content_version,
        "attempts": attempts,
        "passedAt": "2026-12-04T03:00:00.000Z" if passed else None,
        "first": _attempt(best if first is None else first, when, quiz, False),
        "top": _attempt(best, "2026-12-04T03:00:00.000Z", quiz, True),
    }


def _lessons(n: int) -> dict:
    return {slug: f"2026-12-0{1 + i % 3}T02:00:00.000Z" for i, slug in enumerate(LESSONS[:n])}


def _open_lessons(page, site_url: str, lang: str, slugs) -> None:
    """Open each lesson and wait until course.js has recorded it (a loaded machine may be slower):
    that is the condition, so the page's network need not go idle first (half a second a page)."""
    for slug in slugs:
        page.goto(f"{site_url}{_prefix(lang)}lessons/{slug}/", wait_until="load")
        _recorded(page, slug)


def _recorded(page, slug: str) -> None:
    page.wait_for_function("k => localStorage.getItem(k) !== null", arg=f"coi-course.lesson.{slug}")


class Dialogs:
    """Answers every confirm() of the page: dismissed unless ``accept`` is set; keeps the messages."""

    def __init__(self, page):
        self.seen: list[str] = []
        self.accept = False
        page.on("dialog", self._answer)

    def _answer(self, dialog) -> None:
        self.seen.append(dialog.message)
        dialog.accept() if self.accept else dialog.dismiss()


# --- the course path on the home page --------------------------------------------------------


def test_course_has_eight_lessons_in_navigation():
    assert len(LESSONS) == 8 and len(set(LESSONS)) == 8


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_home_page_path_reflects_progress(page, site_url, lang):
    _seed(page, site_url, None)
    _go(page, site_url, lang, "")
    steps = page.locator(".coi-path__step")
    assert steps.count() == 1 + 8 + 1 + 1
    assert steps.evaluate_all("s => s.map(x => x.dataset.state)") == ["todo"] * 11
    button = page.locator(".coi-path__continue a")
    assert button.is_visible() and button.get_attribute("href").endswith("quizzes/pre-test/")
    assert ("เริ่มเรียน" if lang == "th" else "Start") in button.inner_text()
    total = sum(int(re.search(r"^minutes: (\d+)$", (DOCS / lang / "lessons" / f"{s}.md").read_text(encoding="utf-8"), re.M).group(1)) for s in LESSONS)  # fmt: skip
    assert str(total) in page.locator(".coi-path__total").inner_text()

    data = {
        "quizzes": {PRE.id: _entry(PRE, 40, False), POST.id: _entry(POST, 60, False, 2)},
        "lessons": _lessons(3),
    }
    _seed(page, site_url, data)
    _go(page, site_url, lang, "")
    states = steps.evaluate_all("s => s.map(x => x.dataset.state)")
    assert states == ["done"] * 4 + ["todo"] * 7
    assert "40%" in steps.nth(0).locator(".coi-path__state").inner_text()
    post_state = steps.nth(9).locator(".coi-path__state").inner_text()
    assert "60%" in post_state and "✓" not in post_state
    assert button.get_attribute("href").endswith(f"lessons/{LESSONS[3]}/")
    assert ("ทำต่อจากที่ค้างไว้" if lang == "th" else "Continue where I left off") in button.inner_text()
    button.click()
    page.wait_for_url(f"**/lessons/{LESSONS[3]}/")
    _recorded(page, LESSONS[3])
    _go(page, site_url, lang, "")
    assert steps.nth(4).get_attribute("data-state") == "done"  # opening the lesson recorded it

    data["lessons"] = _lessons(8)
    data["quizzes"][POST.id] = _entry(POST, 92, True, 2)
    _seed(page, site_url, data)
    _go(page, site_url, lang, "")
    assert steps.evaluate_all("s => s.map(x => x.dataset.state)") == ["done"] * 11
    assert button.get_attribute("href").endswith("certificate/")
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_home_page_path_without_javascript_is_an_ordered_list_of_links(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        pg = ctx.new_page()
        pg.goto(site_url, wait_until="load")
        links = pg.locator("ol.coi-path__steps > li > a")
        hrefs = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert len(hrefs) == 11
        assert hrefs[0] == "quizzes/pre-test/" and hrefs[-2] == "quizzes/post-test/"
        assert hrefs[1:9] == [f"lessons/{s}/" for s in LESSONS]
        assert hrefs[-1] == "certificate/"
        assert pg.locator(".coi-path__continue").is_hidden()
    finally:
        ctx.close()


# --- the pre-test is a baseline ----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_pre_test_points_out_unanswered_questions_and_blocks_submission(page, site_url, lang):
    _seed(page, site_url, None)
    _go(page, site_url, lang, f"quizzes/{PRE.id}/")
    for q in PRE.questions[:3]:
        _answer(page, q, True)
    page.locator(".coi-quiz__submit").click()
    missing = page.locator(".coi-quiz__missing")
    assert missing.is_visible()
    links = missing.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == [f"#q-{q.id}" for q in PRE.questions[3:]]
    assert page.locator("fieldset.coi-q--missing").count() == len(PRE.questions) - 3
    assert page.locator(".coi-quiz__score").count() == 0
    assert _stored(page).get("quizzes", {}).get(PRE.id) is None  # nothing was recorded
    assert page.locator(".coi-quiz__submit").is_visible()
    focused = page.evaluate("document.activeElement.closest('fieldset').dataset.qid")
    assert focused == PRE.questions[3].id
    # "I don't know" answers a question; the mark goes as soon as it is answered
    dont_know = page.locator(f"fieldset[data-qid='{PRE.questions[3].id}'] .coi-q__dontknow input")
    assert dont_know.get_attribute("value") == "dont-know"
    label = page.locator(f"label[for='{dont_know.get_attribute('id')}']").inner_text()
    assert label == ("ไม่ทราบ" if lang == "th" else "I don't know")
    dont_know.check()
    assert page.locator("fieldset.coi-q--missing").count() == len(PRE.questions) - 4


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_pre_test_keeps_the_first_attempt_and_reveals_no_answers(page, site_url, lang):
    _seed(page, site_url, None)
    _go(page, site_url, lang, f"quizzes/{PRE.id}/")
    assert "%" not in page.locator(".coi-quiz__intro").inner_text()  # no pass mark
    for q in PRE.questions[:4]:
        _answer(page, q, True)
    for q in PRE.questions[4:]:
        dk = page.locator(f"fieldset[data-qid='{q.id}'] .coi-q__dontknow input")
        dk.check()
        if q.type == "multiple":  # a checkbox "I don't know" excludes the other choices
            page.locator(f"fieldset[data-qid='{q.id}'] input[value='{q.correct_ids[0]}']").check()
            assert not dk.is_checked()
            dk.check()
            assert page.locator(f"fieldset[data-qid='{q.id}'] input:checked").count() == 1
    page.locator(".coi-quiz__submit").click()
    result = page.locator(".coi-quiz__result")
    first = round(100 * 4 / len(PRE.questions))
    assert int(result.get_attribute("data-percent")) == first
    text = result.inner_text()
    assert "ยังไม่ผ่าน" not in text and "Not passed" not in text and "ผ่านเกณฑ์" not in text
    assert result.locator(".coi-quiz__pass, .coi-quiz__fail").count() == 0
    summary = result.locator(".coi-quiz__by-lesson li").all_inner_texts()
    assert len(summary) == len({Path(q.source.partition("#")[0]).stem for q in PRE.questions})

    def no_answers_shown():
        assert (
            page.locator(
                ".coi-q__verdict, .coi-q__choice-feedback, .coi-q--right, .coi-q--wrong"
            ).count()
            == 0
        )
        body = page.locator("form.coi-quiz").inner_text()
        for q in PRE.questions:
            assert q.explanation[lang] not in body
        assert ("คำตอบที่ถูก" if lang == "th" else "Correct answer") not in body

    no_answers_shown()
    stored = _stored(page)["quizzes"][PRE.id]
    assert stored["first"]["percent"] == first and stored["attempts"] == 1
    assert stored["first"]["answers"] == {q.id: i < 4 for i, q in enumerate(PRE.questions)}

    retry = page.locator(".coi-quiz__retry")
    assert retry.is_visible()
    retry.click()
    _play(page, PRE, [True] * len(PRE.questions))
    no_answers_shown()
    stored = _stored(page)["quizzes"][PRE.id]
    assert stored["first"]["percent"] == first and stored["attempts"] == 2 and stored["best"] == 100
    assert f"{first}%" in page.locator(".coi-quiz__baseline").inner_text()
    page.reload(wait_until="networkidle")
    assert f"{first}%" in page.locator(".coi-quiz__best").inner_text()
    _go(page, site_url, lang, "progress/")
    row = page.locator(f"tr[data-quiz-id='{PRE.id}']")
    assert row.locator(".coi-progress__best").inner_text() == f"{first}%"
    assert page.locator(".coi-progress__pre").inner_text() == f"{first}%"
    assert page.watched.console_errors == []


# --- clearing needs a confirmation ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_clearing_one_quiz_asks_first_and_keeps_the_rest(page, site_url, lang):
    data = {
        "quizzes": {PRE.id: _entry(PRE, 40, False), POST.id: _entry(POST, 92, True, 2)},
        "lessons": _lessons(8),
    }
    _seed(page, site_url, data)
    dialogs = Dialogs(page)
    _go(page, site_url, lang, f"quizzes/{POST.id}/")
    clear = page.locator(".coi-quiz__clear")
    assert clear.inner_text() == (
        "ล้างผลของแบบทดสอบนี้" if lang == "th" else "Clear this test's results"
    )
    clear.click()
    assert len(dialogs.seen) == 1 and POST.title[lang] in dialogs.seen[0]
    assert ("หลักฐานการเรียนจบ" if lang == "th" else "certificate") in dialogs.seen[0]
    assert _stored(page)["quizzes"][POST.id]["best"] == 92  # dismissed: nothing lost
    dialogs.accept = True
    clear.click()
    assert len(dialogs.seen) == 2
    stored = _stored(page)
    assert POST.id not in stored["quizzes"]
    assert stored["quizzes"][PRE.id]["first"]["percent"] == 40  # the baseline is kept
    assert len(stored["lessons"]) == 8
    assert page.evaluate("COICourse.load().lessons") == data["lessons"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_clearing_everything_only_on_the_progress_page_saying_what_is_lost(page, site_url, lang):
    data = {
        "quizzes": {PRE.id: _entry(PRE, 40, False), POST.id: _entry(POST, 92, True, 2)},
        "lessons": _lessons(8),
        "learner": {"name": "สมชาย ใจดี"},
    }
    _seed(page, site_url, data)
    _go(page, site_url, lang, f"quizzes/{PRE.id}/")
    assert page.locator(".coi-quiz__clear").count() == 1  # per quiz only
    dialogs = Dialogs(page)
    _go(page, site_url, lang, "progress/")
    warning = page.locator("#clear-all + p").inner_text()
    for word in (("คะแนนตั้งต้น", "บทเรียนที่เปิดแล้ว", "หลักฐานการเรียนจบ") if lang == "th" else ("baseline", "lessons you opened", "certificate")):  # fmt: skip
        assert word in warning
    page.locator(".coi-progress .coi-quiz__clear").click()
    assert len(dialogs.seen) == 1
    assert ("บทเรียนที่เปิดแล้ว" if lang == "th" else "lessons you opened") in dialogs.seen[0]
    assert _stored(page)["quizzes"][POST.id]["best"] == 92
    dialogs.accept = True
    page.locator(".coi-progress .coi-quiz__clear").click()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('coi-course.'))") == []
    assert page.locator(f"tr[data-quiz-id='{POST.id}'] .coi-progress__best").inner_text() == "–"
    assert page.locator("#coi-progress-learner-name").input_value() == ""


# --- the post-test leads to the record --------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_post_test_pass_links_to_the_record_and_shows_attempts(page, site_url, lang):
    _seed(page, site_url, None)
    _go(page, site_url, lang, f"quizzes/{POST.id}/")
    _play(page, POST, [False] * len(POST.questions))
    attempts = page.locator(".coi-quiz__attempts")
    assert re.search(r"\b1\b", attempts.inner_text())
    assert page.locator(".coi-quiz__certificate").count() == 0
    page.locator(".coi-quiz__retry").click()
    _play(page, POST, [True] * len(POST.questions))
    assert re.search(r"\b2\b", attempts.inner_text())
    link = page.locator(".coi-quiz__certificate")
    assert link.inner_text() == (
        "ไปที่หลักฐานการเรียนจบ" if lang == "th" else "Go to my certificate of completion"
    )
    link.click()
    page.wait_for_url(f"**/{_prefix(lang)}certificate/")
    assert page.watched.console_errors == []


# --- the completion record -------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_passed_post_test_after_three_lessons_gives_no_record_but_says_what_is_missing(
    page, site_url, lang
):
    _seed(page, site_url, None)
    _open_lessons(page, site_url, lang, LESSONS[:3])
    _go(page, site_url, lang, f"quizzes/{POST.id}/")
    _play(page, POST, [True] * len(POST.questions))
    page.locator(".coi-quiz__certificate").click()
    page.wait_for_url(f"**/{_prefix(lang)}certificate/")
    page.wait_for_load_state("networkidle")
    missing = page.locator(".coi-cert__missing")
    assert missing.is_visible()
    assert (
        page.locator(".coi-cert__passed").is_hidden()
        and page.locator(".coi-cert__record").is_hidden()
    )
    links = missing.locator(".coi-cert__todo-lessons a")
    assert links.evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        f"../lessons/{s}/" for s in LESSONS[3:]
    ]
    assert re.search(r"\b5\b", missing.locator(".coi-cert__todo-lessons > span").inner_text())
    assert missing.locator(".coi-cert__todo-post").is_hidden()  # the post-test is done
    links.first.click()
    page.wait_for_url(f"**/lessons/{LESSONS[3]}/")
    _recorded(page, LESSONS[3])
    _open_lessons(page, site_url, lang, LESSONS[4:])
    _go(page, site_url, lang, "certificate/")
    assert page.locator(".coi-cert__record").is_visible()
    assert page.watched.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_passed_post_test_is_listed_as_missing(page, site_url, lang):
    _seed(page, site_url, {"quizzes": {POST.id: _entry(POST, 60, False)}, "lessons": _lessons(8)})
    _go(page, site_url, lang, "certificate/")
    todo = page.locator(".coi-cert__todo-post")
    assert todo.is_visible() and "80%" in todo.inner_text() and "60%" in todo.inner_text()
    assert page.locator(".coi-cert__todo-lessons").is_hidden()


def _record_page(page, site_url, lang, pre: bool = True):
    data = {"quizzes": {POST.id: _entry(POST, 92, True, 3)}, "lessons": _lessons(8)}
    if pre:
        data["quizzes"][PRE.id] = _entry(PRE, 40, False)
    _seed(page, site_url, data)
    _go(page, site_url, lang, "certificate/")
    page.locator("#coi-cert-name").fill("  สมชาย   ใจดี ")
    page.locator("#coi-cert-position").fill("นักวิชาการส่งเสริมสหกรณ์")
    page.locator("#coi-cert-unit").fill("กลุ่มส่งเสริมสหกรณ์ 1")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_record_shows_agency_fields_scores_attempts_date_version_and_check_code(
    page, site_url, lang
):
    _record_page(page, site_url, lang)
    record = page.locator(".coi-cert__record")
    assert record.locator(".coi-cert__agency").inner_text() == AGENCY[lang]
    assert record.locator("[data-field='name']").inner_text() == "สมชาย ใจดี"
    role = record.locator("[data-field='role']").inner_text()
    assert "นักวิชาการส่งเสริมสหกรณ์" in role and "กลุ่มส่งเสริมสหกรณ์ 1" in role
    assert record.locator("[data-field='baseline']").inner_text() == "40%"
    assert record.locator("[data-field='score']").inner_text().startswith("92%")
    assert record.locator("[data-field='attempts']").inner_text() == "3"
    # completed: the later of the pass (4 Dec) and the last lesson opened (3 Dec)
    assert record.locator("[data-field='date']").inner_text() == format_date(
        date(2026, 12, 4), lang
    )
    if lang == "th":
        assert "2569" in record.locator("[data-field='date']").inner_text()
    version = page.locator("#coi-cert").get_attribute("data-content-version")
    assert record.locator("[data-field='version']").inner_text() == version
    expected = {
        "agency": AGENCY[lang],
        "name": "สมชาย ใจดี",
        "position": "นักวิชาการส่งเสริมสหกรณ์",
        "unit": "กลุ่มส่งเสริมสหกรณ์ 1",
        "baseline_percent": 40,
        "post_test_percent": 92,
        "post_test_attempts": 3,
        "completed": "2026-12-04",
        "version": version,
    }
    assert record.locator("[data-field='check']").inner_text() == check_code(expected)
    note = record.locator(".coi-cert__self-declared").inner_text()
    assert ("รับรองตนเอง" if lang == "th" else "Self-declared") in note
    assert ("ไม่ใช่ลายมือชื่อ" if lang == "th" else "not a signature") in note
    # typed fields persist on this device and change the code
    page.reload(wait_until="networkidle")
    assert page.locator("#coi-cert-unit").input_value() == "กลุ่มส่งเสริมสหกรณ์ 1"
    page.locator("#coi-cert-unit").fill("กลุ่มส่งเสริมสหกรณ์ 2")
    changed = {**expected, "unit": "กลุ่มส่งเสริมสหกรณ์ 2"}
    assert record.locator("[data-field='check']").inner_text() == check_code(changed)
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_record_without_a_pre_test_says_not_taken(page, site_url):
    _record_page(page, site_url, "th", pre=False)
    assert page.locator(".coi-cert__record [data-field='baseline']").inner_text() == "ไม่ได้ทำ"


@pytest.mark.browser
def test_js_check_code_matches_python(page, site_url):
    _record_page(page, site_url, "th")
    samples = [
        {f: None for f in RECORD_FIELDS},
        {
            "agency": 'หน่วยงาน "ทดสอบ" \\ / ๑๒๓',
            "name": "e\u0301 😀 สมชาย",
            "position": "",
            "unit": "ก\tข",
            "baseline_percent": 0,
            "post_test_percent": 100,
            "post_test_attempts": 12,
            "completed": "2026-01-31",
            "version": "0123456789",
        },
    ]
    js = page.evaluate("rs => rs.map(r => COIResults.checkCode(r))", samples)
    assert js == [check_code(r) for r in samples]
    canon = page.evaluate("r => COIResults.canonical(r)", samples[1])
    from coi_course.record.check_code import canonical

    assert canon == canonical(samples[1])


@pytest.mark.browser
def test_record_prints_on_one_a4_page(page, site_url):
    _record_page(page, site_url, "th")
    page.emulate_media(media="print")
    assert page.locator(".coi-cert__record").is_visible()
    for hidden in (".coi-learner", ".coi-results__download", ".coi-cert__print", ".md-header"):
        assert page.locator(hidden).first.is_hidden(), hidden
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1


# --- the results file ---------------------------------------------------------------------


def _download(page, button, name: str) -> dict:
    with page.expect_download() as info:
        button.click()
    download = info.value
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    assert re.fullmatch(r"coi-results-.+-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    target = RESULTS_DIR / name
    download.save_as(target)
    return json.loads(target.read_text(encoding="utf-8"))


def _valid(results: dict, lang: str) -> None:
    assert results["schema"] == "coi-course-results/1" and results["lang"] == lang
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", results["created"])
    record = results["record"]
    assert tuple(sorted(record)) == tuple(sorted(RECORD_FIELDS))
    assert results["check"] == check_code(record)
    assert results["lessons"]["total"] == 8
    assert set(results["lessons"]["opened"]) <= set(LESSONS)
    for quiz_id, q in results["quizzes"].items():
        assert q["kind"] == QUIZZES_BY_ID[quiz_id].kind
        assert q["version"] == QUIZZES_BY_ID[quiz_id].content_version
        assert ("passed" in q) == (q["kind"] != "pre-test")
    for key, quiz in (("baseline", PRE), ("post_test", POST)):
        if results[key] is not None:
            assert results[key]["quiz"] == quiz.id
            assert set(results[key]["answers"]) == {q.id for q in quiz.questions}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_results_file_from_the_record_page(page, site_url, lang):
    _record_page(page, site_url, lang)
    shown = page.locator(".coi-cert__record [data-field='check']").inner_text()
    results = _download(
        page, page.locator(".coi-cert .coi-results__download"), f"record-{lang}.json"
    )
    _valid(results, lang)
    assert results["check"] == shown
    assert results["record"]["name"] == "สมชาย ใจดี" and results["record"]["post_test_percent"] == 92
    assert results["record"]["completed"] == "2026-12-04"
    assert results["lessons"]["opened"] == LESSONS
    assert results["quizzes"][PRE.id]["first"] == {"percent": 40, "date": "2026-12-01"}
    assert results["quizzes"][POST.id]["best"] == {"percent": 92, "date": "2026-12-04"}
    assert results["quizzes"][POST.id]["attempts"] == 3 and results["quizzes"][POST.id]["passed"]
    assert results["baseline"]["percent"] == 40 and not any(results["baseline"]["answers"].values())
    assert results["post_test"]["percent"] == 92 and all(results["post_test"]["answers"].values())


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_results_file_from_the_progress_page_after_real_attempts(page, site_url, lang):
    _seed(page, site_url, None)
    _go(page, site_url, lang, f"quizzes/{PRE.id}/")
    pattern = [i % 2 == 0 for i in range(len(PRE.questions))]
    baseline = _play(page, PRE, pattern)["percent"]
    _open_lessons(page, site_url, lang, LESSONS[:5])
    _go(page, site_url, lang, f"quizzes/{POST.id}/")
    post_pattern = [i % 4 != 0 for i in range(len(POST.questions))]
    post = _play(page, POST, post_pattern)["percent"]
    _go(page, site_url, lang, "progress/")
    page.locator("#coi-progress-learner-name").fill("Somchai Jaidee")
    page.locator("#coi-progress-learner-position").fill("Cooperative promotion officer")
    page.locator("#coi-progress-learner-unit").fill("Group 1")
    results = _download(
        page, page.locator(".coi-progress .coi-results__download"), f"progress-{lang}.json"
    )
    _valid(results, lang)
    record = results["record"]
    assert record["name"] == "Somchai Jaidee" and record["completed"] is None
    assert record["baseline_percent"] == baseline and record["post_test_percent"] == post
    assert results["lessons"]["opened"] == LESSONS[:5]
    assert results["baseline"]["answers"] == {
        q.id: r for q, r in zip(PRE.questions, pattern, strict=True)
    }
    assert results["post_test"]["answers"] == {
        q.id: r for q, r in zip(POST.questions, post_pattern, strict=True)
    }
    assert results["quizzes"][POST.id]["passed"] == (post >= POST.pass_percent)


# --- the progress page ------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_progress_page_in_course_order_with_clean_labels(page, site_url, lang):
    data = {"quizzes": {PRE.id: _entry(PRE, 10, False)}, "lessons": _lessons(2)}
    _seed(page, site_url, data)
    _go(page, site_url, lang, "progress/")
    rows = page.locator("tr[data-quiz-id]")
    ids = rows.evaluate_all("rs => rs.map(r => r.dataset.quizId)")
    checks = {q.lesson: q.id for q in QUIZZES_BY_ID.values() if q.kind == "self-check"}
    assert ids == [PRE.id] + [checks[f"lessons/{s}.md"] for s in LESSONS] + [POST.id]
    labels = rows.locator("th").all_inner_texts()
    assert all("(" not in label for label in labels), labels
    pre_row = rows.nth(0)
    assert pre_row.locator(".coi-progress__best").inner_text() == "10%"
    state = pre_row.locator(".coi-progress__state").inner_text()
    assert "✗" not in state and state.startswith("✓")
    align = page.locator(".coi-progress__table th").evaluate_all(
        "xs => xs.map(x => getComputedStyle(x).textAlign)"
    )
    assert set(align) <= {"left", "start"}, align
    opened = page.locator(".coi-progress__lessons").inner_text()
    assert "2" in opened and "8" in opened


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_progress_page_says_when_a_quiz_changed_since_the_attempt(page, site_url, lang):
    old = {**_entry(POST, 92, True), "version": "0000000000"}
    _seed(page, site_url, {"quizzes": {POST.id: old}})
    _go(page, site_url, lang, "progress/")
    state = page.locator(f"tr[data-quiz-id='{POST.id}'] .coi-progress__state").inner_text()
    assert ("เปลี่ยนไป" if lang == "th" else "changed") in state
    _go(page, site_url, lang, "")
    post_step = page.locator(".coi-path__step[data-step='post-test'] .coi-path__state")
    assert ("เปลี่ยนไป" if lang == "th" else "changed") in post_step.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_progress_page_compares_paired_questions_per_lesson(page, site_url, lang):
    pre = _entry(PRE, 0, False)
    post = _entry(POST, 100, True)
    first_pair = PRE.questions[0]
    pre["first"]["answers"][first_pair.id] = True  # one paired question right before the lessons
    _seed(page, site_url, {"quizzes": {PRE.id: pre, POST.id: post}})
    _go(page, site_url, lang, "progress/")
    n = len(PRE.questions)
    assert page.locator(".coi-progress__pre").inner_text() == f"{round(100 / n)}%"
    assert page.locator(".coi-progress__post").inner_text() == "100%"
    lesson = Path(first_pair.source.partition("#")[0]).stem
    row = page.locator(f"tr[data-lesson='{lesson}']")
    total = sum(1 for q in PRE.questions if Path(q.source.partition("#")[0]).stem == lesson)
    assert row.locator(".coi-progress__lesson-pre").inner_text().startswith(f"1/{total}")
    assert row.locator(".coi-progress__lesson-post").inner_text().startswith(f"{total}/{total}")
    order = page.locator("tr[data-lesson]").evaluate_all("rs => rs.map(r => r.dataset.lesson)")
    assert order == [s for s in LESSONS if s in order]


# --- the offline copy and the SCORM package ------------------------------------------------------


def _walk_the_course(pg, base: str) -> None:
    """Open every lesson and pass the post-test, in a copy built with .html page names."""
    for slug in LESSONS:
        pg.goto(f"{base}lessons/{slug}.html", wait_until="load")
        _recorded(pg, slug)
    pg.goto(f"{base}quizzes/{POST.id}.html", wait_until="load")
    _play(pg, POST, [True] * len(POST.questions))
    link = pg.locator(".coi-quiz__certificate")
    assert link.get_attribute("href") == "../certificate.html"
    pg.goto(f"{base}certificate.html", wait_until="load")
    pg.locator("#coi-cert-name").fill("สมชาย ใจดี")


@pytest.mark.browser
def test_record_works_in_the_offline_copy(page, offline_zip, tmp_path):
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(tmp_path / "off")
    base = (tmp_path / "off").as_uri() + "/"
    page.goto(base + "index.html", wait_until="load")
    hrefs = page.locator("ol.coi-path__steps a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    assert hrefs[0] == f"quizzes/{PRE.id}.html" and hrefs[-1] == "certificate.html"
    _walk_the_course(page, base)
    assert page.locator(".coi-cert__record").is_visible()
    assert re.fullmatch(
        r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", page.locator("[data-field='check']").inner_text()
    )
    page.goto(base + "index.html", wait_until="load")
    states = page.locator(".coi-path__step").evaluate_all("s => s.map(x => x.dataset.state)")
    assert states[1:] == ["done"] * 10  # every lesson, the post-test and the record; no pre-test
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_record_works_in_the_scorm_package(page, scorm_zip, tmp_path):
    root = tmp_path / "lms"
    with zipfile.ZipFile(scorm_zip) as zf:
        zf.extractall(root / "course")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    with SiteServer(root) as server:
        page.goto(server.url + "lms.html", wait_until="networkidle")
        page.frame_locator("#sco").frame_locator("#course").locator("body").wait_for()
        inner = page.frames[-1]
        _walk_the_course(inner, server.url + "course/")
        assert inner.locator(".coi-cert__record").is_visible()
        assert inner.locator("[data-field='name']").inner_text() == "สมชาย ใจดี"
    assert page.watched.console_errors == []


# --- accessibility of the new states ------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_path_missing_answers_progress_and_missing_record_pass_axe(page, site_url, lang):
    from axe_playwright_python.sync_playwright import Axe

    data = {
        "quizzes": {PRE.id: _entry(PRE, 40, False), POST.id: _entry(POST, 60, False, 2)},
        "lessons": _lessons(3),
    }
    _seed(page, site_url, data)
    blocking = []
    for path, act in (
        ("", None),
        (f"quizzes/{PRE.id}/", lambda: page.locator(".coi-quiz__submit").click()),
        ("progress/", None),
        ("certificate/", None),
    ):
        _go(page, site_url, lang, path)
        if act:
            act()
        blocking += [f"{path}: {v}" for v in blocking_violations(run_axe(Axe(), page))]
    assert page.locator(".coi-cert__missing").is_visible()
    assert not blocking, blocking
