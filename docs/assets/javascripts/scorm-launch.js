/* SCORM 1.2 host for the course (used only in the SCORM package): the LMS session lives here, in the
   launch page, so that moving between course pages inside the frame does not end it. Course pages
   report to window.COIScorm through scorm-page.js. Without an LMS it does nothing.

   What it keeps in the LMS (see "SCORM behaviour" in the publisher's guide):
   - lesson_status never goes down: incomplete -> completed (every lesson read) -> passed/failed
     (post-test); a failed attempt never replaces "passed", and score.raw only ever rises;
   - lessons read (cmi.suspend_data, at most 4,096 characters) and the page the learner is on
     (cmi.core.lesson_location), with cmi.core.exit = "suspend" until the course is passed, so a
     later launch with entry = "resume" carries on;
   - post-test answers as cmi.interactions.n.*;
   - cmi.core.session_time at the end of every session.
   In lesson_mode "browse" or "review" nothing is recorded; with credit "no-credit" no score is sent.
   Every call is checked with LMSGetLastError; if the LMS refuses to record something, a note says so
   and the course stays usable. On pagehide only LMSFinish runs (a commit there would need a
   synchronous request, which browsers refuse while a page is being dismissed). */
(function () {
  "use strict";
  var SUSPEND_MAX = 4096; // SCORM 1.2 CMIString4096
  var config = JSON.parse(document.getElementById("coi-scorm-config").textContent);
  var frame = document.getElementById("course");
  var note = document.getElementById("coi-scorm-note");
  var resumeBox = document.getElementById("coi-scorm-resume");
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
  var started = false, finished = false, recording = false, scoring = false;
  var status = "", best = null, visited = {}, location_ = "", startedAt = 0, problems = [];
  var base = window.location.pathname.replace(/[^/]*$/, "");

  function lastError() {
    try { return String(api.LMSGetLastError()); } catch (e) { return "?"; }
  }
  function errorText(code) {
    try { return String(api.LMSGetErrorString(code)); } catch (e) { return ""; }
  }
  /* One LMS call; returns [result, errorCode]. */
  function raw(name, args) {
    var result;
    try { result = String(api[name].apply(api, args)); } catch (e) { return ["", "exception"]; }
    return [result, lastError()];
  }
  /* Something the LMS refused: keep a record and tell the learner once, then carry on. */
  function refused(name, args, code) {
    problems.push({ call: name, element: args[0] || "", error: code, text: code === "exception" ? "" : errorText(code) });
    if (note && note.hidden) {
      var detail = note.querySelector(".coi-scorm-note__code");
      if (detail) detail.textContent = name + (args[0] ? " " + args[0] : "") + ": " + code;
      note.hidden = false;
    }
  }
  /* Calls that change what the LMS holds: "true" and error 0, or they count as refused. */
  function write(name) {
    var args = [].slice.call(arguments, 1);
    if (!api || !started || finished) return false;
    var r = raw(name, args);
    if (r[0] !== "true" || (r[1] !== "0" && r[1] !== "")) { refused(name, args, r[1]); return false; }
    return true;
  }
  function set(element, value) { return recording && write("LMSSetValue", element, value); }
  function commit() { return recording && write("LMSCommit", ""); }
  /* Reads: an element the LMS does not support reads as "" (its error is kept, not shown). */
  function get(element) {
    var r = raw("LMSGetValue", [element]);
    if (r[1] !== "0" && r[1] !== "") { problems.push({ call: "LMSGetValue", element: element, error: r[1], text: "" }); return ""; }
    return r[0];
  }

  function suspendData() {
    var read = config.lessons.filter(function (l) { return visited[l]; });
    var text = JSON.stringify({ v: 1, read: read });
    while (text.length > SUSPEND_MAX && read.length) { read.pop(); text = JSON.stringify({ v: 1, read: read }); }
    return text;
  }
  function restore(text) {
    try {
      var data = JSON.parse(text);
      if (data && data.v === 1 && Array.isArray(data.read)) {
        data.read.forEach(function (l) { if (config.lessons.indexOf(l) >= 0) visited[l] = true; });
      }
    } catch (e) { /* not ours or damaged: start with nothing read */ }
  }
  function allRead() { return config.lessons.every(function (l) { return visited[l]; }); }
  function sessionTime() {
    var cs = Math.max(0, Math.round((Date.now() - startedAt) / 10));
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(Math.min(h, 9999)) + ":" + two(m) + ":" + two(s) + "." + two(cs % 100);
  }
  function responseFor(answer) {
    if (answer.response === null || answer.response === undefined) return "";
    if (answer.type === "true-false") return answer.response === "true" ? "t" : "f";
    return String(answer.response).slice(0, 255);
  }
  var TYPES = { single: "choice", multiple: "choice", "true-false": "true-false", "short-answer": "fill-in" };

  if (api) {
    var init = raw("LMSInitialize", [""]);
    if (init[0] === "true") {
      started = true;
      startedAt = Date.now();
      var mode = get("cmi.core.lesson_mode") || "normal";
      recording = mode === "normal";
      scoring = recording && (get("cmi.core.credit") || "credit") === "credit";
      status = get("cmi.core.lesson_status");
      var score = get("cmi.core.score.raw");
      best = score === "" || isNaN(+score) ? null : +score;
      restore(get("cmi.suspend_data"));
      var entry = get("cmi.core.entry");
      location_ = get("cmi.core.lesson_location");
      if (entry === "resume" && location_ && location_ !== frame.getAttribute("src") && resumeBox) {
        var resumeTo = location_;
        resumeBox.querySelector("button").addEventListener("click", function () {
          frame.src = resumeTo;
          resumeBox.hidden = true;
        });
        resumeBox.hidden = false;
      }
      if (status === "not attempted" || status === "browsed" || status === "") {
        status = "incomplete";
        if (set("cmi.core.lesson_status", status)) commit();
      }
    } else {
      refused("LMSInitialize", [""], init[1]);
    }
  }

  window.COIScorm = {
    active: started,
    recording: recording,
    problems: problems,
    visit: function (path) {
      if (!started || finished) return;
      var rel = path.indexOf(base) === 0 ? path.slice(base.length) : path;
      var offering = resumeBox && !resumeBox.hidden;
      if (offering && rel !== frame.getAttribute("src")) { resumeBox.hidden = true; offering = false; }
      /* While the learner has not yet chosen, the start page does not replace the saved place. */
      if (!offering && rel.length <= 255 && rel !== location_) {
        location_ = rel;
        set("cmi.core.lesson_location", rel);
      }
      var changed = false;
      config.lessons.forEach(function (l) {
        if (path.indexOf(l) >= 0 && !visited[l]) { visited[l] = true; changed = true; }
      });
      if (!changed) return;
      set("cmi.suspend_data", suspendData());
      if ((status === "incomplete" || status === "") && allRead()) {
        status = "completed";
        set("cmi.core.lesson_status", status);
      }
      commit();
    },
    quizFinished: function (detail) {
      if (!started || finished || detail.kind !== "post-test") return;
      if (scoring && (best === null || detail.percent > best)) {
        best = detail.percent;
        set("cmi.core.score.min", "0");
        set("cmi.core.score.max", "100");
        set("cmi.core.score.raw", String(best));
      }
      if (status !== "passed") {
        status = detail.passed ? "passed" : "failed";
        set("cmi.core.lesson_status", status);
      }
      var n = recording && detail.answers ? parseInt(get("cmi.interactions._count"), 10) : NaN;
      if (!isNaN(n)) {
        detail.answers.forEach(function (a, i) {
          var k = "cmi.interactions." + (n + i) + ".";
          set(k + "id", a.id) && set(k + "type", TYPES[a.type] || "choice") &&
            set(k + "student_response", responseFor(a)) && set(k + "result", a.correct ? "correct" : "wrong") &&
            set(k + "weighting", "1");
        });
      }
      commit();
    }
  };

  function finish() {
    if (!started || finished) return;
    if (recording) {
      set("cmi.core.session_time", sessionTime());
      set("cmi.core.exit", status === "passed" ? "" : "suspend");
    }
    var r = raw("LMSFinish", [""]);
    if (r[0] !== "true") refused("LMSFinish", [""], r[1]);
    finished = true;
  }
  window.addEventListener("pagehide", finish);
})();
