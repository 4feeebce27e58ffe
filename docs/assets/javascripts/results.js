/* The learner's results file (schema coi-course-results/1, see README "Results file") and the check
   code of the completion record, on the progress page and the completion record page. Uses course.js
   (stored progress, course facts) and quiz.js (cyrb53, the hash scripts/coi_course/quiz/keys.py has
   too). The check code must stay equal to scripts/coi_course/record/check_code.py: a test compares them.
   The learner's name, position and unit are kept in this browser only and only ever set as text. */
(function () {
  "use strict";
  var C = window.COICourse, SCHEMA = "coi-course-results/1";

  function clean(value) { return String(value == null ? "" : value).normalize("NFC").replace(/\s+/g, " ").trim(); }
  function percent(v) { return typeof v === "number" && isFinite(v) ? Math.max(0, Math.min(100, Math.round(v))) : null; }

  function learner(data) {
    var l = data.learner && typeof data.learner === "object" ? data.learner : {};
    return { name: clean(l.name), position: clean(l.position), unit: clean(l.unit) };
  }
  /* Fill the learner fields inside root from storage, keep what is typed, call changed() after each edit. */
  function bindLearner(root, changed) {
    var stored = learner(C.load());
    [].forEach.call(root.querySelectorAll(".coi-learner__input"), function (input) {
      var key = input.dataset.learner;
      input.value = stored[key] || "";
      input.addEventListener("input", function () {
        var now = C.load().learner;
        now[key] = input.value;
        C.saveLearner(now);
        if (changed) changed();
      });
    });
  }

  /* The record: what the completion record shows and the check code covers. */
  function record(f, data) {
    var st = C.status(data, f), who = learner(data);
    return {
      agency: clean(f.agency), name: who.name, position: who.position, unit: who.unit,
      baseline_percent: st.pre && st.pre.first ? percent(st.pre.first.percent) : null,
      post_test_percent: st.post ? percent(st.post.best) : null,
      post_test_attempts: st.post ? st.post.attempts || 0 : 0,
      completed: st.complete ? st.completed : null,
      version: f.version
    };
  }
  /* JSON with keys sorted, no spaces, non-ASCII as is: json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False). */
  function canonical(rec) {
    var sorted = {};
    Object.keys(rec).sort().forEach(function (k) { sorted[k] = rec[k]; });
    return JSON.stringify(sorted);
  }
  function checkCode(rec) {
    var h = window.COIQuiz.cyrb53(canonical(rec), 0).slice(0, 12).toUpperCase();
    return h.slice(0, 4) + "-" + h.slice(4, 8) + "-" + h.slice(8, 12);
  }

  function attemptFacts(a) { return a && typeof a === "object" ? { percent: percent(a.percent), date: C.isoDay(a.date) } : null; }
  function answers(a, ids) {
    var out = {};
    ids.forEach(function (id) { out[id] = !!(a.answers && a.answers[id] === true); });
    return out;
  }
  function attemptDetail(q, a) {
    return { quiz: q.id, version: q.version, date: C.isoDay(a.date), percent: percent(a.percent), answers: answers(a, q.questions) };
  }

  function results(f, data, now) {
    var rec = record(f, data), st = C.status(data, f), quizzes = {};
    f.quizzes.forEach(function (q) {
      var s = C.quiz(data, q);
      if (!s) return;
      var entry = { kind: q.kind, version: q.version, attempts: s.attempts || 0 };
      if (q.kind !== "pre-test") entry.passed = s.passed === true;
      entry.first = attemptFacts(s.first);
      entry.best = attemptFacts(s.top) || { percent: percent(s.best), date: null };
      quizzes[q.id] = entry;
    });
    return {
      schema: SCHEMA, lang: f.lang, created: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      record: rec, check: checkCode(rec),
      lessons: { opened: st.opened, total: f.lessons.length },
      quizzes: quizzes,
      baseline: st.pre && st.pre.first ? attemptDetail(f.pre, st.pre.first) : null,
      post_test: st.post && st.post.top ? attemptDetail(f.post, st.post.top) : null
    };
  }
  function fileName(rec, now) {
    var slug = rec.name.replace(/[\/\\:*?"<>|]/g, "").replace(/\s+/g, "-") || "learner";
    return "coi-results-" + slug + "-" + C.isoDay(now) + ".json";
  }
  function download(f) {
    var now = new Date(), r = results(f, C.load(), now);
    var blob = new Blob([JSON.stringify(r, null, 2) + "\n"], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName(r.record, now);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  window.COIResults = { schema: SCHEMA, canonical: canonical, checkCode: checkCode, record: record,
    results: results, fileName: fileName, bindLearner: bindLearner };
  /* The progress page: learner fields and the download button (certificate.js binds its own page's). */
  var progress = document.querySelector(".coi-progress");
  if (progress) bindLearner(progress);
  [].forEach.call(document.querySelectorAll(".coi-results__download"), function (button) {
    var f = C.facts(button.closest(".coi-progress, .coi-cert"));
    if (!f) return;
    button.hidden = false;
    button.addEventListener("click", function () { download(f); });
  });
})();
