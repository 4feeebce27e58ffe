"""The SCORM package on scorm-again 3.4.3 (the SCORM 1.2 runtime from npm) as the LMS API.

Each test launches the package in an LMS page whose ``window.API`` is scorm-again's Scorm12API, plays
the course like a learner, leaves the page (which ends the session) and checks what reached the LMS's
commit endpoint. Later launches get what an LMS would give them (``ScormLMS.next_launch``)."""

from __future__ import annotations

import json
import re

import pytest

from coi_course.project import DOCS, QUIZZES
from coi_course.publish.package import SUSPEND_DATA_MAX
from coi_course.quiz.loader import load_all_quizzes
from tests.browser.test_quiz import _play
from tests.support.scorm_lms import ScormLMS

QUIZZES_ALL = load_all_quizzes(QUIZZES, DOCS)
POST = next(q for q in QUIZZES_ALL if q.kind == "post-test")
LESSONS = sorted({q.lesson.removesuffix(".md") + ".html" for q in QUIZZES_ALL if q.lesson})
SCORM_TYPES = {"single": "choice", "multiple": "choice", "true-false": "true-false"}


@pytest.fixture
def lms(scorm_zip, tmp_path):
    with ScormLMS(scorm_zip, tmp_path / "lms") as server:
        yield server


def _read(course, lms, lessons) -> None:
    for lesson in lessons:
        course.goto(lms.url + "course/" + lesson, wait_until="load")


def _post_test(course, lms, right: bool) -> dict:
    course.goto(lms.url + "course/quizzes/post-test.html", wait_until="load")
    return _play(course, POST, [right] * len(POST.questions))


def _seconds(timespan: str) -> float:
    match = re.fullmatch(r"(\d{2,4}):(\d\d):(\d\d(?:\.\d{1,2})?)", timespan)
    assert match, f"not a SCORM 1.2 CMITimespan: {timespan!r}"
    h, m, s = match.groups()
    return int(h) * 3600 + int(m) * 60 + float(s)


def _interactions(commit: dict) -> list[dict]:
    found = commit["cmi"]["interactions"]
    return [found[str(i)] for i in range(len(found))]


@pytest.mark.browser
def test_pass_in_one_launch_reports_status_score_time_and_answers(page, lms):
    course = lms.launch(page)
    _read(course, lms, LESSONS)
    assert lms.commits[-1]["cmi"]["core"]["lesson_status"] == "completed"  # committed at once
    assert _post_test(course, lms, True)["passed"]
    assert lms.commits[-1]["cmi"]["core"]["lesson_status"] == "passed"  # before the learner leaves
    final = lms.end(page)
    core = final["cmi"]["core"]
    assert core["lesson_status"] == "passed"
    assert core["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert _seconds(core["session_time"]) > 0
    assert _seconds(core["total_time"]) == _seconds(core["session_time"])
    assert core["exit"] == ""  # passed: nothing to resume
    answers = _interactions(final)
    assert [a["id"] for a in answers] == [q.id for q in POST.questions]
    for a, q in zip(answers, POST.questions, strict=True):
        assert a["result"] == "correct" and a["weighting"] == "1"
        assert a["type"] == SCORM_TYPES.get(q.type, "fill-in")
        if q.type in ("single", "multiple"):
            assert a["student_response"] == ",".join(sorted(q.correct_ids))
        elif q.type == "true-false":
            assert a["student_response"] == ("t" if q.answer else "f")
        else:
            assert a["student_response"]
    assert lms.refused == []
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_failed_post_test_reports_failed_score_and_wrong_answers(page, lms):
    course = lms.launch(page)
    assert not _post_test(course, lms, False)["passed"]
    final = lms.end(page)
    core = final["cmi"]["core"]
    assert core["lesson_status"] == "failed"
    assert core["score"]["raw"] == "0"
    assert core["exit"] == "suspend"  # not passed yet: the next launch resumes
    assert {a["result"] for a in _interactions(final)} == {"wrong"}
    assert _seconds(core["session_time"]) > 0


@pytest.mark.browser
def test_lessons_read_over_two_launches_reach_completed(page, lms):
    half = len(LESSONS) // 2
    course = lms.launch(page)
    _read(course, lms, LESSONS[:half])
    first = lms.end(page)
    core = first["cmi"]["core"]
    assert core["lesson_status"] == "incomplete"
    assert core["exit"] == "suspend"
    assert core["lesson_location"] == LESSONS[half - 1]
    assert json.loads(first["cmi"]["suspend_data"]) == {"v": 1, "read": LESSONS[:half]}

    start = lms.next_launch()
    assert start["core"]["entry"] == "resume"
    course = lms.launch(page, start)
    launch = lms.launch_frame(page)
    offer = launch.locator("#coi-scorm-resume")
    assert offer.is_visible()
    # the start page shown behind the offer does not replace the saved place
    assert "cmi.core.lesson_location" not in dict(page.evaluate("window.courseSets"))
    offer.locator("button").click()
    course.wait_for_url("**/" + LESSONS[half - 1])
    assert offer.is_hidden()
    _read(course, lms, LESSONS[half:])
    assert lms.commits[-1]["cmi"]["core"]["lesson_status"] == "completed"
    second = lms.end(page)
    assert second["cmi"]["core"]["lesson_status"] == "completed"
    assert json.loads(second["cmi"]["suspend_data"])["read"] == LESSONS
    assert len(second["cmi"]["suspend_data"]) <= SUSPEND_DATA_MAX
    total, session = second["cmi"]["core"]["total_time"], second["cmi"]["core"]["session_time"]
    assert _seconds(total) > _seconds(session) > 0  # the first launch's time is kept
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_failed_retake_after_a_pass_keeps_passed_and_best_score(page, lms):
    course = lms.launch(page)
    assert _post_test(course, lms, True)["passed"]
    lms.end(page)
    course = lms.launch(page, lms.next_launch())
    assert not _post_test(course, lms, False)["passed"]  # the site shows this attempt as failed
    assert ["cmi.core.lesson_status", "failed"] not in page.evaluate("window.courseSets")
    assert lms.commits[-1]["cmi"]["core"]["lesson_status"] == "passed"
    final = lms.end(page)
    core = final["cmi"]["core"]
    assert core["lesson_status"] == "passed"
    assert core["score"]["raw"] == "100"
    assert {a["result"] for a in _interactions(final)} == {"wrong"}  # the attempt itself is kept


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["browse", "review"])
def test_browse_and_review_modes_record_nothing(page, lms, mode):
    course = lms.launch(page, {"core": {"lesson_mode": mode}})
    _read(course, lms, LESSONS)
    assert _post_test(course, lms, True)["passed"]  # the course still works
    assert page.evaluate("window.courseSets") == []
    final = lms.end(page)
    core = final["cmi"]["core"]
    assert core["lesson_status"] not in ("passed", "completed", "failed")
    assert core["score"]["raw"] == "" and final["cmi"]["interactions"] == {}
    assert final["cmi"]["suspend_data"] == "" and core["session_time"] == "00:00:00"


@pytest.mark.browser
def test_no_credit_sends_no_score(page, lms):
    course = lms.launch(page, {"core": {"credit": "no-credit"}})
    assert _post_test(course, lms, True)["passed"]
    sets = [element for element, _ in page.evaluate("window.courseSets")]
    assert not any(element.startswith("cmi.core.score") for element in sets)
    final = lms.end(page)
    assert final["cmi"]["core"]["score"]["raw"] == ""
    assert final["cmi"]["core"]["lesson_status"] == "passed"


@pytest.mark.browser
def test_lms_that_refuses_commits_gets_noticed_and_the_course_goes_on(page, lms):
    lms.refuse = True
    course = lms.launch(page)  # the first commit (status incomplete) is refused
    launch = lms.launch_frame(page)
    note = launch.locator("#coi-scorm-note")
    note.wait_for(state="visible")
    assert "LMS" in note.inner_text() and "LMSCommit: 101" in note.inner_text()
    problems = launch.evaluate("window.COIScorm.problems")
    assert {"call": "LMSCommit", "error": "101"}.items() <= problems[0].items()
    result = _post_test(course, lms, True)  # still usable: the quiz scores as always
    assert result["passed"] and result["percent"] == 100
    assert lms.commits == [] and len(lms.refused) >= 2
