"""The SCORM package inside a pretend LMS, and the offline copy opened straight from disk."""

from __future__ import annotations

import json
import zipfile

import pytest

from coi_course.project import DOCS, QUIZZES
from coi_course.quiz.loader import load_all_quizzes
from coi_course.site.serve import SiteServer
from tests.browser.test_quiz import _answer
from tests.publish.test_package import offline_zip, scorm_zip  # noqa: F401 - session fixtures

# A SCORM 1.2 API test double in the LMS window: it records every call in order.
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>LMS</title></head><body>
<script>
window.calls = []; window.cmi = {"cmi.core.lesson_status": "not attempted"};
function rec(name, args, result) { window.calls.push([name].concat(args)); return result; }
window.API = {
  LMSInitialize: function (a) { return rec("LMSInitialize", [a], "true"); },
  LMSGetValue: function (k) { return rec("LMSGetValue", [k], window.cmi[k] || ""); },
  LMSSetValue: function (k, v) { window.cmi[k] = v; return rec("LMSSetValue", [k, v], "true"); },
  LMSCommit: function (a) { return rec("LMSCommit", [a], "true"); },
  LMSFinish: function (a) { return rec("LMSFinish", [a], "true"); },
  LMSGetLastError: function () { return "0"; }, LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script>
<iframe id="sco" title="course" src="course/scorm-launch.html" style="width:1200px;height:800px"></iframe>
</body></html>"""


def _post_test():
    return next(q for q in load_all_quizzes(QUIZZES, DOCS) if q.kind == "post-test")


@pytest.mark.browser
def test_scorm_package_reports_post_test_to_the_lms(page, scorm_zip, tmp_path):  # noqa: F811
    root = tmp_path / "lms"
    with zipfile.ZipFile(scorm_zip) as zf:
        zf.extractall(root / "course")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    quiz = _post_test()
    with SiteServer(root) as server:
        page.goto(server.url + "lms.html", wait_until="networkidle")
        course = page.frame_locator("#sco").frame_locator("#course")
        course.locator("body").wait_for()
        inner = page.frames[-1]
        lessons = sorted({q.lesson for q in load_all_quizzes(QUIZZES, DOCS) if q.lesson})
        for lesson in lessons:  # reading every lesson completes the course (before any test result)
            inner.goto(server.url + "course/" + lesson.replace(".md", ".html"), wait_until="load")
        inner.goto(server.url + "course/quizzes/post-test.html", wait_until="networkidle")
        for q in quiz.questions:
            _answer(inner, q, True)
        inner.locator(".coi-quiz__submit").click()
        inner.locator(".coi-quiz__score").wait_for()
        calls = page.evaluate("window.calls")
    names = [c[0] for c in calls]
    assert names[0] == "LMSInitialize"
    sets = [c[1:] for c in calls if c[0] == "LMSSetValue"]
    assert sets[0] == ["cmi.core.lesson_status", "incomplete"]
    assert sets[1] == ["cmi.core.lesson_status", "completed"]  # all lessons read
    assert sets[-4:] == [
        ["cmi.core.score.raw", "100"],
        ["cmi.core.score.min", "0"],
        ["cmi.core.score.max", "100"],
        ["cmi.core.lesson_status", "passed"],
    ]
    assert names[-1] == "LMSCommit"
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_scorm_package_is_silent_without_an_lms(page, scorm_zip, tmp_path):  # noqa: F811
    with zipfile.ZipFile(scorm_zip) as zf:
        zf.extractall(tmp_path / "course")
    with SiteServer(tmp_path / "course") as server:
        page.goto(server.url + "scorm-launch.html", wait_until="networkidle")
        assert page.evaluate("window.COIScorm.active") is False
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_offline_copy_works_from_file_url(page, offline_zip, tmp_path):  # noqa: F811
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(tmp_path / "off")
    page.goto((tmp_path / "off" / "index.html").as_uri())
    assert "ฉบับออฟไลน์" in page.locator(".md-banner").inner_text()
    page.locator("nav.md-nav a[href='lessons/gifts.html']").first.click()
    assert page.url.endswith("/lessons/gifts.html")
    quiz = next(q for q in load_all_quizzes(QUIZZES, DOCS) if q.id == "gifts-self-check")
    page.locator("a[href$='quizzes/gifts-self-check.html']").first.click()
    q = quiz.questions[0]
    _answer(page, q, True)
    page.locator(f"fieldset[data-qid='{q.id}'] .coi-q__check").click()
    assert page.locator(f"fieldset[data-qid='{q.id}'] .coi-q__verdict").inner_text().startswith("✓")
    stored = json.loads(page.evaluate("localStorage.getItem(COIQuiz.storageKey) || '{}'") or "{}")
    assert stored == {} or "quizzes" in stored
    assert page.watched.console_errors == []
