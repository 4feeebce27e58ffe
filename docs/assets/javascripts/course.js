/* The course as a whole, on every page: records that a lesson was opened (the completion record needs
   all of them) and, on the home page, shows the state of each step of the course path and a "continue
   where I left off" button. Storage (this browser only):
   - "coi-course.progress.v1": quiz results, written by quiz.js: {quizzes: {id: {...}}};
   - "coi-course.lesson.<slug>": when a lesson was first opened (ISO time), one key per lesson, so that
     no write ever rewrites another (pages opened in quick succession, a quiz saved meanwhile);
   - "coi-course.learner.v1": {name, position, unit} as typed on the record or the progress page.
   load() puts them together as {quizzes, lessons: {slug: time}, learner}. No libraries, no network. */
(function () {
  "use strict";
  var STORE = "coi-course.progress.v1"; /* the same key as quiz.js */
  var LESSON = "coi-course.lesson.", LEARNER = "coi-course.learner.v1";

  function fmt(s, v) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? v[k] : m; }); }
  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; /* corrupt or unavailable */ }
  }
  function keys() {
    var out = [];
    try { for (var i = 0; i < localStorage.length; i++) out.push(localStorage.key(i)); } catch (e) { /* unavailable */ }
    return out;
  }
  /* Everything stored, always with quizzes, lessons and learner objects. */
  function load() {
    var data = read(STORE);
    if (!isObject(data)) data = {};
    if (!isObject(data.quizzes)) data.quizzes = {};
    if (!isObject(data.lessons)) data.lessons = {};
    keys().forEach(function (k) {
      if (k && k.indexOf(LESSON) === 0) {
        var slug = k.slice(LESSON.length), when = localStorage.getItem(k);
        if (!data.lessons[slug] || when < data.lessons[slug]) data.lessons[slug] = when;
      }
    });
    var learner = read(LEARNER);
    data.learner = isObject(learner) ? learner : isObject(data.learner) ? data.learner : {};
    return data;
  }
  function saveLearner(learner) { try { localStorage.setItem(LEARNER, JSON.stringify(learner)); } catch (e) { /* private mode */ } }
  /* Forget everything this course stored in this browser. */
  function clearAll() {
    keys().forEach(function (k) {
      if (k === STORE || k === LEARNER || (k && k.indexOf(LESSON) === 0)) {
        try { localStorage.removeItem(k); } catch (e) { /* ignore */ }
      }
    });
  }

  /* A quiz's stored result if it is from this version of the quiz, else null. */
  function quiz(data, q) {
    var s = q ? data.quizzes[q.id] : null;
    return isObject(s) && s.version === q.version && typeof s.best === "number" ? s : null;
  }
  /* True when a result is stored for another version of the quiz (the quiz changed since). */
  function changed(data, q) {
    var s = q ? data.quizzes[q.id] : null;
    return isObject(s) && s.version !== q.version;
  }
  /* "2026-12-05" (this device's calendar day) for an ISO time or a Date; null if unreadable. */
  function isoDay(value) {
    var d = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
    if (!d || isNaN(d.getTime())) return null;
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function facts(root) {
    var island = (root || document).querySelector(".coi-course-data");
    return island ? JSON.parse(island.textContent) : null;
  }

  /* Where the learner stands: the record needs every lesson opened and the post-test passed. */
  function status(data, f) {
    var pre = quiz(data, f.pre), post = quiz(data, f.post);
    var opened = f.lessons.filter(function (l) { return !!data.lessons[l.slug]; });
    var missing = f.lessons.filter(function (l) { return !data.lessons[l.slug]; });
    var passed = !!(post && post.passed === true), complete = passed && missing.length === 0;
    var completed = null;
    if (complete) {
      completed = isoDay(post.passedAt) || isoDay(new Date());
      opened.forEach(function (l) { var d = isoDay(data.lessons[l.slug]); if (d && d > completed) completed = d; });
    }
    return { pre: pre, post: post, passed: passed, opened: opened.map(function (l) { return l.slug; }),
      missing: missing, complete: complete, completed: completed };
  }

  function markLesson() {
    var mark = document.querySelector(".coi-lesson-mark[data-lesson]");
    if (!mark) return;
    try {
      var key = LESSON + mark.dataset.lesson;
      if (!localStorage.getItem(key)) localStorage.setItem(key, new Date().toISOString());
    } catch (e) { /* private mode: nothing is recorded */ }
  }

  /* The home page's course path: each step's state, and the button to the step after the last one done. */
  function coursePath(root) {
    var ui = JSON.parse(root.querySelector(".coi-path__ui").textContent), f = facts(root);
    var data = load(), st = status(data, f), steps = [].slice.call(root.querySelectorAll(".coi-path__step"));
    var lastDone = -1;
    steps.forEach(function (li, i) {
      var kind = li.dataset.step, done = false, text = ui.path_not_started;
      if (kind === "pre-test") {
        if (st.pre) { done = true; text = fmt(ui.path_baseline, { percent: st.pre.first ? st.pre.first.percent : st.pre.best }); }
        else if (changed(data, f.pre)) text = ui.path_changed;
      } else if (kind === "lesson") {
        done = !!data.lessons[li.dataset.lesson];
        if (done) text = ui.path_opened;
      } else if (kind === "post-test") {
        if (st.passed) { done = true; text = fmt(ui.path_post_passed, { percent: st.post.best, attempts: st.post.attempts || 1 }); }
        else if (st.post) text = fmt(ui.path_post_not_passed, { percent: st.post.best });
        else if (changed(data, f.post)) text = ui.path_changed;
      } else {
        done = st.complete;
        text = done ? ui.path_ready : ui.path_not_ready;
      }
      li.dataset.state = done ? "done" : "todo";
      li.classList.toggle("coi-path__step--done", done);
      li.querySelector(".coi-path__state").textContent = text;
      if (done) lastDone = i;
    });
    var next = steps.filter(function (li, i) { return i > lastDone && li.dataset.state !== "done"; })[0] ||
      steps.filter(function (li) { return li.dataset.state !== "done"; })[0];
    var target = (next || steps[steps.length - 1]).querySelector("a");
    var button = root.querySelector(".coi-path__continue a");
    button.href = target.getAttribute("href");
    button.textContent = fmt(lastDone < 0 ? ui.path_start : next ? ui.path_continue : ui.path_review, { step: target.textContent });
    button.parentNode.hidden = false;
  }

  window.COICourse = { storageKey: STORE, load: load, saveLearner: saveLearner, clearAll: clearAll, quiz: quiz, changed: changed,
    isoDay: isoDay, facts: facts, status: status };
  markLesson();
  var path = document.getElementById("course-path");
  if (path) coursePath(path);
})();
