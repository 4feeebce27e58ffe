"""The SCORM package inside a pretend LMS, and the offline copy opened straight from disk."""

from __future__ import annotations

import json
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe

from coi_course.project import DOCS, QUIZZES
from coi_course.quiz.loader import load_all_quizzes
from coi_course.site.serve import SiteServer
from tests.browser.conftest import assert_axe_clean
from tests.browser.test_quiz import _answer

# A SCORM 1.2 API test double in the LMS window for what scorm-again does not show: the order of calls
# (LMSGetLastError after each one) and an LMS that refuses one value (cmi.suspend_data, error 405).
# The package's behaviour in an LMS is tested on scorm-again itself in test_scorm_lms.py.
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>LMS</title></head><body>
<script>
window.calls = []; window.cmi = {"cmi.core.lesson_status": "not attempted"}; var last = "0";
function rec(name, args, result, error) { window.calls.push([name].concat(args)); last = error || "0"; return result; }
window.API = {
  LMSInitialize: function (a) { return rec("LMSInitialize", [a], "true"); },
  LMSGetValue: function (k) { return rec("LMSGetValue", [k], window.cmi[k] || ""); },
  LMSSetValue: function (k, v) {
    if (k === "cmi.suspend_data") return rec("LMSSetValue", [k, v], "false", "405");
    window.cmi[k] = v; return rec("LMSSetValue", [k, v], "true");
  },
  LMSCommit: function (a) { return rec("LMSCommit", [a], "true"); },
  LMSFinish: function (a) { return rec("LMSFinish", [a], "true"); },
  LMSGetLastError: function () { window.calls.push(["LMSGetLastError"]); return last; },
  LMSGetErrorString: function (c) { return c === "405" ? "Incorrect Data Type" : ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script>
<iframe id="sco" title="course" src="course/scorm-launch.html" style="width:1200px;height:800px"></iframe>
</body></html>"""


def _post_test():
    return next(q for q in load_all_quizzes(QUIZZES, DOCS) if q.kind == "post-test")


@pytest.mark.browser
def test_scorm_package_checks_every_call_and_survives_a_refused_value(page, scorm_zip, tmp_path):
    root = tmp_path / "lms"
    with zipfile.ZipFile(scorm_zip) as zf:
        zf.extractall(root / "course")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    quiz = _post_test()
    with SiteServer(root) as server:
        page.goto(server.url + "lms.html", wait_until="networkidle")
        course = page.frame_locator("#sco").frame_locator("#course")
        course.locator("body").wait_for()
        launch = next(f for f in page.frames if f.url.endswith("/scorm-launch.html"))
        inner = launch.child_frames[0]
        lesson = sorted({q.lesson for q in load_all_quizzes(QUIZZES, DOCS) if q.lesson})[0]
        inner.goto(server.url + "course/" + lesson.replace(".md", ".html"), wait_until="load")
        note = launch.locator("#coi-scorm-note")
        note.wait_for(state="visible")
        assert "LMSSetValue cmi.suspend_data: 405" in note.inner_text()
        problems = launch.evaluate("window.COIScorm.problems")
        assert problems == [
            {
                "call": "LMSSetValue",
                "element": "cmi.suspend_data",
                "error": "405",
                "text": "Incorrect Data Type",
            }
        ]
        inner.goto(server.url + "course/quizzes/post-test.html", wait_until="networkidle")
        for q in quiz.questions:
            _answer(inner, q, True)
        inner.locator(".coi-quiz__submit").click()
        inner.locator(".coi-quiz__score").wait_for()  # the course goes on
        calls = page.evaluate("window.calls")
    assert calls[0][0] == "LMSInitialize"
    for i, call in enumerate(calls):
        if call[0] not in ("LMSGetLastError", "LMSFinish"):
            assert calls[i + 1] == ["LMSGetLastError"], (i, call)
    assert ["LMSSetValue", "cmi.core.lesson_status", "passed"] in calls
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_scorm_package_is_silent_without_an_lms(page, scorm_zip, tmp_path):
    with zipfile.ZipFile(scorm_zip) as zf:
        zf.extractall(tmp_path / "course")
    with SiteServer(tmp_path / "course") as server:
        page.goto(server.url + "scorm-launch.html", wait_until="networkidle")
        assert page.evaluate("window.COIScorm.active") is False
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_scorm_launch_page_notes_pass_axe(page, scorm_zip, tmp_path):
    with zipfile.ZipFile(scorm_zip) as zf:
        zf.extractall(tmp_path / "course")
    with SiteServer(tmp_path / "course") as server:
        page.goto(server.url + "scorm-launch.html", wait_until="networkidle")
        page.evaluate(
            "document.querySelectorAll('.coi-scorm-bar').forEach(b => { b.hidden = false; })"
        )
        assert page.locator("#coi-scorm-resume button").is_visible()
        assert page.locator("#coi-scorm-note").is_visible()
        assert_axe_clean(Axe(), page, "scorm-launch.html with both notes shown")


@pytest.mark.browser
def test_offline_copy_works_from_file_url(page, offline_zip, tmp_path):
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
