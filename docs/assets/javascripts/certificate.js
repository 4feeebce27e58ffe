/* Completion record page (docs/{th,en}/certificate.md, section rendered by
   scripts/coi_course/record/certificate.py). The record is available once every lesson was opened and
   the current post-test was passed on this device (course.js); otherwise the page lists what is
   missing, with links. The record shows the agency, the learner's typed name, position and unit, the
   baseline and post-test scores, attempts, the completion date and the check code (results.js).
   No libraries, no network. Typed text is only ever set with textContent. */
(function () {
  "use strict";
  var STORE = "coi-course.progress.v1"; /* the same key as quiz.js and course.js */
  var C = window.COICourse, R = window.COIResults;

  function fmt(s, v) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? v[k] : m; }); }

  /* The page's calendar comes from coi_course.thai_dates.calendar(): month names and the year offset
     (543 on Thai pages: Buddhist Era). Same output as thai_dates.format_date for the same day. */
  function formatDate(d, cal) {
    cal = cal || pageCalendar();
    return d.getDate() + " " + cal.months[d.getMonth()] + " " + (d.getFullYear() + cal.yearOffset);
  }
  function pageCalendar() {
    var island = document.querySelector(".coi-cert__data");
    return JSON.parse(island.textContent);
  }

  /* "2024-02-01" is that day; a full ISO time (quiz.js stores new Date().toISOString()) is the day it
     was on this device. Anything unreadable gives today. */
  function parseDay(value) {
    if (typeof value === "string") {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (m) return new Date(+m[1], +m[2] - 1, +m[3]);
      var d = new Date(value);
      if (!isNaN(d.getTime())) return d;
    }
    return new Date();
  }

  function field(root, name) { return root.querySelector('[data-field="' + name + '"]'); }

  /* What is still missing, as links: lessons not opened yet, and the post-test. */
  function showMissing(root, st) {
    var box = root.querySelector(".coi-cert__missing");
    var lessons = box.querySelector(".coi-cert__todo-lessons"), post = box.querySelector(".coi-cert__todo-post");
    lessons.hidden = !st.missing.length;
    lessons.querySelector("span").textContent = fmt(lessons.dataset.format, { count: st.missing.length });
    var list = lessons.querySelector("ul");
    list.textContent = "";
    st.missing.forEach(function (l) {
      var a = document.createElement("a"), li = document.createElement("li");
      a.href = l.url; a.textContent = l.title;
      li.appendChild(a); list.appendChild(li);
    });
    post.hidden = st.passed;
    post.querySelector("span").textContent = st.post ? fmt(post.dataset.bestFormat, { best: st.post.best }) : "";
    box.hidden = false;
  }

  function showRecord(root, f, st, cal) {
    var ui = { score: root.dataset.scoreFormat };
    root.classList.add("coi-cert--passed");
    document.documentElement.classList.add("coi-cert-printable");
    root.querySelector(".coi-cert__passed").hidden = false;
    function update() {
      var rec = R.record(f, C.load());
      field(root, "name").textContent = rec.name;
      var role = field(root, "role");
      role.textContent = rec.position || rec.unit ? fmt(role.dataset.format, { position: rec.position, unit: rec.unit }) : "";
      var baseline = field(root, "baseline");
      baseline.textContent = rec.baseline_percent === null ? baseline.dataset.none : rec.baseline_percent + "%";
      field(root, "score").textContent = fmt(ui.score, { best: rec.post_test_percent, pass: root.dataset.pass });
      field(root, "attempts").textContent = String(rec.post_test_attempts);
      var day = parseDay(rec.completed), date = field(root, "date");
      date.textContent = formatDate(day, cal);
      date.dataset.iso = rec.completed;
      field(root, "check").textContent = R.checkCode(rec);
    }
    R.bindLearner(root, update);
    update();
    root.querySelector(".coi-cert__print").addEventListener("click", function () { window.print(); });
  }

  function init(root) {
    var cal = JSON.parse(root.querySelector(".coi-cert__data").textContent), f = C.facts(root);
    root.classList.add("coi-js");
    root.querySelector(".coi-cert__nojs").hidden = true;
    var st = C.status(C.load(), f);
    if (st.complete) showRecord(root, f, st, cal);
    else showMissing(root, st);
  }

  window.COICertificate = { formatDate: formatDate, parseDay: parseDay, storageKey: STORE };
  var root = document.getElementById("coi-cert");
  if (root) init(root);
})();
