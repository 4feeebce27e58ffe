"""A small LMS for browser tests: scorm-again (npm, pinned in package.json) is the SCORM 1.2 API.

The LMS page puts ``window.API = new Scorm12API(...)`` in the window that frames the package's launch
page, the way Moodle's player does. scorm-again sends every commit to ``/commit`` on the same local
server (synchronous requests for LMSCommit, ``navigator.sendBeacon`` for LMSFinish); the server keeps
them like an LMS database, and ``next_launch()`` gives a later launch what an LMS would (status, score,
suspend data, location, total time, ``entry = "resume"`` after ``exit = "suspend"``).
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from coi_course.project import ROOT
from coi_course.site.serve import SiteServer

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"

LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>LMS</title></head><body>
<script src="scorm12.min.js"></script>
<script>
window.API = new Scorm12API({lmsCommitUrl: "/commit", logLevel: 5, autocommit: false,
                             terminateCommitPayloadField: "terminate"});
var start = __START__;
if (start) window.API.loadFromJSON(start);
window.courseSets = [];  // every LMSSetValue the course made, in order
window.API.on("LMSSetValue.cmi.*", function (element, value) { window.courseSets.push([element, value]); });
</script>
<iframe id="sco" title="course" src="course/scorm-launch.html" style="width:1200px;height:800px"></iframe>
</body></html>"""


class _Server(SiteServer):
    """The static server of the site tests, plus ``POST /commit`` answered the way scorm-again expects."""

    def __init__(self, root: Path, lms: ScormLMS):
        super().__init__(root)
        factory = self.httpd.RequestHandlerClass

        def do_post(handler) -> None:
            body = handler.rfile.read(int(handler.headers.get("Content-Length", 0)))
            ok = lms.receive(json.loads(body.decode("utf-8")))
            answer = json.dumps({"result": ok, "errorCode": 0 if ok else 101}).encode()
            handler.send_response(200 if ok else 500)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(answer)))
            handler.end_headers()
            handler.wfile.write(answer)

        handler = type("LMSHandler", (factory.func,), {"do_POST": do_post})
        self.httpd.RequestHandlerClass = functools.partial(handler, **factory.keywords)


class ScormLMS:
    """Serve the unzipped package under ``course/`` with scorm-again as the LMS API."""

    def __init__(self, package: Path, root: Path):
        if not SCORM_AGAIN.exists():
            pytest.fail(f"{SCORM_AGAIN} not found: run 'make node'", pytrace=False)
        with zipfile.ZipFile(package) as zf:
            zf.extractall(root / "course")
        shutil.copy(SCORM_AGAIN, root / SCORM_AGAIN.name)
        self.root = root
        self.commits: list[dict] = []  # what the LMS kept, in order
        self.refused: list[dict] = []  # what it answered with an error
        self.refuse = False  # answer every commit with HTTP 500 and {"result": false}
        self._arrived = threading.Condition()
        self.server = _Server(root, self)

    def __enter__(self) -> ScormLMS:
        self.server.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.server.__exit__(*exc)

    @property
    def url(self) -> str:
        return self.server.url

    def receive(self, body: dict) -> bool:
        with self._arrived:
            (self.refused if self.refuse else self.commits).append(body)
            self._arrived.notify_all()
        return not self.refuse

    def launch(self, page, start: dict | None = None):
        """Open the LMS page (``start``: CMI data the LMS holds, e.g. from ``next_launch``) and
        return the course frame once the launch page has started its session."""
        html = LMS_PAGE.replace("__START__", json.dumps(start or None, ensure_ascii=False))
        (self.root / "lms.html").write_text(html, encoding="utf-8")
        page.goto(self.url + "lms.html", wait_until="load")
        launch = page.frame_locator("#sco")
        launch.frame_locator("#course").locator("body").wait_for()
        page.wait_for_function("() => document.querySelector('#sco').contentWindow.COIScorm")
        return self.launch_frame(page).child_frames[0]

    @staticmethod
    def launch_frame(page):
        """The package's launch page (scorm-launch.html) inside the LMS page."""
        return next(f for f in page.frames if f.url.endswith("/scorm-launch.html"))

    def _finals(self) -> list[dict]:
        """The final commits (sent by LMSFinish) received so far, kept or refused, in order."""
        return [c for c in self.commits + self.refused if c.get("terminate")]

    def end(self, page, timeout: float = 30) -> dict:
        """Close the course the way a learner does (leave the page) and return this session's final
        commit (a later launch waits for its own, not an earlier session's)."""
        with self._arrived:
            before = len(self._finals())
        page.goto("about:blank")
        with self._arrived:
            done = self._arrived.wait_for(lambda: len(self._finals()) > before, timeout)
        assert done, "LMSFinish sent no final commit"
        return self._finals()[-1]

    def next_launch(self) -> dict:
        """The CMI data an LMS hands the next launch of the same learner, from the last commit."""
        cmi = self.commits[-1]["cmi"]
        core = cmi["core"]
        start: dict = {"core": {}}
        for key in ("lesson_status", "lesson_location", "total_time"):
            if core.get(key):
                start["core"][key] = core[key]
        if core.get("score", {}).get("raw", "") != "":
            start["core"]["score"] = {"raw": core["score"]["raw"]}
        if core.get("exit") == "suspend":
            start["core"]["entry"] = "resume"
            start["suspend_data"] = cmi.get("suspend_data", "")
        return start
