/* SCORM 1.2 host for the course (used only in the SCORM package): the LMS session lives here, in the
   launch page, so that moving between course pages inside the frame does not end it. Course pages
   report to window.COIScorm through scorm-page.js. Without an LMS it does nothing. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("coi-scorm-config").textContent);
  function findAPI(win) {
    for (var i = 0; win && i < 10; i++) {
      try { if (win.API) return win.API; } catch (e) { return null; }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window.parent !== window ? window.parent : null) ||
    (window.opener ? findAPI(window.opener) : null);
  var started = false, finished = false, visited = {}, status = "";
  function call(name) {
    if (!api || finished) return "";
    try { return api[name].apply(api, [].slice.call(arguments, 1)); } catch (e) { return ""; }
  }
  if (api && String(call("LMSInitialize", "")) === "true") {
    started = true;
    status = String(call("LMSGetValue", "cmi.core.lesson_status"));
    if (status === "not attempted" || status === "") {
      status = "incomplete";
      call("LMSSetValue", "cmi.core.lesson_status", status);
      call("LMSCommit", "");
    }
  }
  function done() { return status === "passed" || status === "failed"; }
  window.COIScorm = {
    active: started,
    visit: function (path) {
      if (!started) return;
      config.lessons.forEach(function (l) { if (path.indexOf(l) >= 0) visited[l] = true; });
      if (!done() && status !== "completed" && config.lessons.every(function (l) { return visited[l]; })) {
        status = "completed";
        call("LMSSetValue", "cmi.core.lesson_status", status);
        call("LMSCommit", "");
      }
    },
    quizFinished: function (detail) {
      if (!started || detail.kind !== "post-test") return;
      call("LMSSetValue", "cmi.core.score.raw", String(detail.percent));
      call("LMSSetValue", "cmi.core.score.min", "0");
      call("LMSSetValue", "cmi.core.score.max", "100");
      status = detail.passed ? "passed" : "failed";
      call("LMSSetValue", "cmi.core.lesson_status", status);
      call("LMSCommit", "");
    }
  };
  function finish() {
    if (!started || finished) return;
    call("LMSCommit", "");
    call("LMSFinish", "");
    finished = true;
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
