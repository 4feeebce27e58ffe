/* Certificate of completion page (docs/{th,en}/certificate.md, section rendered by
   scripts/coi_course/certificate.py). Reads the post-test result that quiz.js stored on this device and
   shows either a link to the post-test or a printable record. No libraries, no network, nothing stored.
   The learner's name is only ever set with textContent. */
(function () {
  "use strict";
  var STORE = "coi-course.progress.v1"; /* the same key as quiz.js */

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

  /* The stored result of this edition of the post-test, if it was passed; otherwise null. */
  function passedResult(id, version) {
    var data = null;
    try { data = JSON.parse(localStorage.getItem(STORE)); } catch (e) { /* unavailable or corrupt */ }
    var q = data && data.quizzes && typeof data.quizzes === "object" ? data.quizzes[id] : null;
    if (!q || q.passed !== true || q.version !== version || typeof q.best !== "number") return null;
    return q;
  }

  function field(root, name) { return root.querySelector('[data-field="' + name + '"]'); }

  function init(root) {
    var cal = JSON.parse(root.querySelector(".coi-cert__data").textContent);
    var ui = { score: root.dataset.scoreFormat };
    root.classList.add("coi-js");
    root.querySelector(".coi-cert__nojs").hidden = true;
    var result = passedResult(root.dataset.quizId, root.dataset.quizVersion);
    if (!result) {
      root.querySelector(".coi-cert__missing").hidden = false;
      return;
    }
    root.classList.add("coi-cert--passed");
    document.documentElement.classList.add("coi-cert-printable");
    root.querySelector(".coi-cert__passed").hidden = false;
    var best = Math.max(0, Math.min(100, Math.round(result.best)));
    field(root, "score").textContent = fmt(ui.score, { best: best, pass: root.dataset.pass });
    var day = parseDay(result.passedAt);
    var date = field(root, "date");
    date.textContent = formatDate(day, cal);
    date.dataset.iso = day.getFullYear() + "-" + ("0" + (day.getMonth() + 1)).slice(-2) + "-" + ("0" + day.getDate()).slice(-2);
    var input = root.querySelector(".coi-cert__input"), name = field(root, "name");
    function showName() { name.textContent = input.value.replace(/\s+/g, " ").trim(); }
    input.addEventListener("input", showName);
    showName();
    root.querySelector(".coi-cert__print").addEventListener("click", function () { window.print(); });
  }

  window.COICertificate = { formatDate: formatDate, parseDay: parseDay, storageKey: STORE };
  var root = document.getElementById("coi-cert");
  if (root) init(root);
})();
