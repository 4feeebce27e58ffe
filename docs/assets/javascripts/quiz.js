/* Self-check, pre-test and post-test pages, plus the "my progress" page. No libraries, no network.
   Answer keys are salted hashes (see scripts/coi_course/quiz_keys.py, which must stay in step). */
(function () {
  "use strict";
  var STORE = "coi-course.progress.v1";

  function cyrb53(str, seed) {
    var h1 = 0xdeadbeef ^ (seed || 0), h2 = 0x41c6ce57 ^ (seed || 0);
    for (var i = 0; i < str.length; i++) {
      var ch = str.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    var v = 4294967296 * (2097151 & h2) + (h1 >>> 0);
    return ("00000000000000" + v.toString(16)).slice(-14);
  }
  function normalize(text) {
    return text.normalize("NFC").replace(/[\s\u200b\u200c\u200d\u2060\ufeff]+/g, "")
      .replace(/[\u0e50-\u0e59]/g, function (d) { return String(d.charCodeAt(0) - 0x0e50); })
      .toLowerCase();
  }
  function unseal(salt, sealed) {
    var bin = atob(sealed), bytes = new Uint8Array(bin.length), hex = cyrb53(salt + "#"), key = [];
    for (var k = 0; k < 14; k += 2) key.push(parseInt(hex.substr(k, 2), 16));
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i) ^ key[i % 7];
    return JSON.parse(new TextDecoder().decode(bytes));
  }
  /* What to show after an answer: sealed in pre/post tests, in the <details> of a self-check. */
  function reveal(fs) {
    if (fs.dataset.sealed) return unseal(fs.dataset.salt, fs.dataset.sealed);
    var d = fs.querySelector(".coi-q__answer"), info = { feedback: {} };
    function text(sel) { var e = d.querySelector(sel); return e ? e.textContent : null; }
    info.answer = text(".coi-r__answer"); info.explanation = text(".coi-r__explanation");
    info.basis = text(".coi-r__basis"); info.source = d.querySelector(".coi-r__source").getAttribute("href");
    if (d.dataset.correct) info.correct = d.dataset.correct.split(" ");
    [].forEach.call(d.querySelectorAll("[data-choice]"), function (li) { info.feedback[li.dataset.choice] = li.querySelector("span").textContent; });
    return info;
  }
  function fmt(s, v) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? v[k] : m; }); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* Stored progress: {quizzes: {id: {best, last, passed, version, attempts}}}; anything else is ignored. */
  function load() {
    try {
      var data = JSON.parse(localStorage.getItem(STORE));
      if (data && typeof data === "object" && data.quizzes && typeof data.quizzes === "object") return data;
    } catch (e) { /* corrupt or unavailable storage: start afresh */ }
    return { quizzes: {} };
  }
  function save(data) { try { localStorage.setItem(STORE, JSON.stringify(data)); } catch (e) { /* private mode */ } }
  function record(id, version, percent, passed) {
    var data = load(), old = data.quizzes[id];
    if (!old || old.version !== version || typeof old.best !== "number") old = { best: 0, attempts: 0 };
    data.quizzes[id] = { best: Math.max(old.best, percent), last: percent, passed: !!(passed || old.passed),
      version: version, attempts: (old.attempts || 0) + 1,
      passedAt: passed && !old.passedAt ? new Date().toISOString() : old.passedAt || null };
    save(data);
    return data.quizzes[id];
  }
  function stored(id, version) {
    var q = load().quizzes[id];
    return q && q.version === version && typeof q.best === "number" ? q : null;
  }
  function clearButton(root, ui, after) {
    var b = root.querySelector(".coi-quiz__clear");
    if (!b) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      try { localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
      after(ui.cleared);
    });
  }

  function given(fs) {
    var type = fs.dataset.type;
    if (type === "short-answer") {
      var v = fs.querySelector("input[type=text]").value;
      return normalize(v) ? normalize(v) : null;
    }
    var ids = [].map.call(fs.querySelectorAll("input:checked"), function (i) { return i.value; });
    return ids.length ? ids.sort().join(",") : null;
  }
  function isRight(fs, answer) {
    return answer !== null && fs.dataset.keys.split(" ").indexOf(cyrb53(fs.dataset.salt + "|" + answer)) >= 0;
  }
  /* "ข. text; ค. text": the right choices as the page labels them now (shuffling relabels them). */
  function choiceText(fs, ids) {
    return ids.map(function (c) {
      var input = fs.querySelector("input[value='" + c + "']");
      return input ? fs.querySelector("label[for='" + input.id + "']").textContent.trim() : c;
    }).join("; ");
  }
  function shuffle(parent, selector) {
    var items = [].slice.call(parent.querySelectorAll(selector));
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = items[i]; items[i] = items[j]; items[j] = t;
    }
    items.forEach(function (item) { item.parentNode.appendChild(item); });
  }

  // ✓ or ✗ beside each option the learner chose (not only in the feedback box), with the words for
  // screen readers; cleared before every review and on retry.
  function clearMarks(fs) {
    [].forEach.call(fs.querySelectorAll(".coi-q__mark"), function (m) { m.parentNode.removeChild(m); });
  }
  function markChosen(fs, ui, info, right) {
    clearMarks(fs);
    [].forEach.call(fs.querySelectorAll("input:checked, input[type=text]"), function (input) {
      if (input.type === "text" && !input.value.trim()) return;
      var ok = input.type === "text" || !info.correct ? right : info.correct.indexOf(input.value) >= 0;
      var mark = el("span", "coi-q__mark " + (ok ? "coi-q__mark--right" : "coi-q__mark--wrong"));
      mark.appendChild(el("span", null, ok ? "✓" : "✗")).setAttribute("aria-hidden", "true");
      mark.appendChild(el("span", "coi-sr-only", ok ? ui.correct : ui.incorrect));
      input.parentNode.appendChild(mark);
    });
  }
  // After "check", focus moves to the feedback (its live region announces it too).
  function focusFeedback(fs) {
    var box = fs.querySelector(".coi-q__feedback");
    if (box) box.focus();
  }

  function quiz(form) {
    var ui = JSON.parse(form.querySelector(".coi-quiz__ui").textContent);
    var deferred = form.dataset.mode === "deferred", pass = +form.dataset.pass;
    var id = form.dataset.quizId, version = form.dataset.version;
    var qs = [].slice.call(form.querySelectorAll(".coi-q"));
    var status = form.querySelector(".coi-quiz__status"), bar = form.querySelector(".coi-quiz__bar");
    var answeredText = form.querySelector(".coi-quiz__answered");
    var result = form.querySelector(".coi-quiz__result"), best = form.querySelector(".coi-quiz__best");
    var actions = form.querySelector(".coi-quiz__actions"), retry = form.querySelector(".coi-quiz__retry");
    var done = {};
    form.classList.add("coi-js");
    status.hidden = false; actions.hidden = false;
    if (form.dataset.shuffle === "true") {
      shuffle(form, ".coi-q");
      qs.forEach(function (fs) { var c = fs.querySelector(".coi-q__choices"); if (c && fs.dataset.type !== "true-false") shuffle(c, ".coi-q__choice"); });
      qs = [].slice.call(form.querySelectorAll(".coi-q"));
      form.appendChild(actions); form.appendChild(result); form.appendChild(best);
      qs.forEach(function (fs, i) {
        fs.querySelector(".coi-q__num").textContent = fmt(ui.question_of, { n: i + 1, total: qs.length });
        [].forEach.call(fs.querySelectorAll(".coi-q__label"), function (l, k) { l.textContent = (ui.choice_labels[k] || "") + "."; });
        var li = form.querySelector(".coi-quiz__key li[data-qid='" + fs.dataset.qid + "']");
        if (!li) return;
        li.parentNode.appendChild(li);
        if (li.dataset.correct) li.textContent = choiceText(fs, li.dataset.correct.split(" "));
      });
    }
    function showBest() {
      var s = stored(id, version);
      best.textContent = s ? fmt(ui.best, { best: s.best }) : "";
    }
    function progress() {
      var n = qs.filter(function (fs) { return deferred ? given(fs) !== null : done[fs.dataset.qid] !== undefined; }).length;
      bar.value = n;
      answeredText.textContent = fmt(ui.answered, { answered: n, total: qs.length });
    }
    function review(fs, answer) {
      var right = isRight(fs, answer), info = reveal(fs);
      var box = fs.querySelector(".coi-q__feedback");
      box.textContent = "";
      fs.classList.remove("coi-q--right", "coi-q--wrong");
      fs.classList.add(right ? "coi-q--right" : "coi-q--wrong");
      box.appendChild(el("p", "coi-q__verdict", (right ? "✓ " + ui.correct : "✗ " + (answer === null ? ui.not_answered : ui.incorrect))));
      if (answer && info.feedback) {
        answer.split(",").forEach(function (c) { if (info.feedback[c]) box.appendChild(el("p", "coi-q__choice-feedback", info.feedback[c])); });
      }
      var p = el("p"); p.appendChild(el("strong", null, ui.correct_answer + " ")); p.appendChild(document.createTextNode(info.correct && info.correct.length ? choiceText(fs, info.correct) : info.answer)); box.appendChild(p);
      p = el("p"); p.appendChild(el("strong", null, ui.explanation + ": ")); p.appendChild(document.createTextNode(info.explanation)); box.appendChild(p);
      if (info.basis) { p = el("p"); p.appendChild(el("strong", null, ui.basis + ": ")); p.appendChild(document.createTextNode(info.basis)); box.appendChild(p); }
      var a = el("a", null, ui.read_more); a.href = info.source; p = el("p"); p.appendChild(a); box.appendChild(p);
      [].forEach.call(fs.querySelectorAll("input"), function (i) { i.disabled = true; });
      var check = fs.querySelector(".coi-q__check"); if (check) check.hidden = true;
      markChosen(fs, ui, info, right);
      return right;
    }
    function finish() {
      var correct = qs.filter(function (fs) { return done[fs.dataset.qid]; }).length;
      var percent = Math.round(100 * correct / qs.length), passed = percent >= pass;
      record(id, version, percent, passed);
      window.dispatchEvent(new CustomEvent("coi-quiz:finished", { detail: { id: id, kind: form.dataset.kind, percent: percent, passed: passed } }));
      result.textContent = "";
      result.appendChild(el("p", "coi-quiz__score", fmt(ui.score, { correct: correct, total: qs.length, percent: percent })));
      result.appendChild(el("p", passed ? "coi-quiz__pass" : "coi-quiz__fail", (passed ? "✓ " : "✗ ") + fmt(passed ? ui.passed : ui.failed, { pass: pass })));
      result.dataset.percent = percent;
      result.dataset.passed = passed;
      retry.hidden = false;
      showBest();
      result.focus();
    }
    qs.forEach(function (fs) {
      var check = fs.querySelector(".coi-q__check"), details = fs.querySelector(".coi-q__answer");
      if (details) details.hidden = true;
      fs.addEventListener("change", progress);
      fs.addEventListener("input", progress);
      if (!check) return;
      check.hidden = false;
      check.addEventListener("click", function () {
        var answer = given(fs);
        if (answer === null) { fs.querySelector(".coi-q__feedback").textContent = ui.choose_first; return; }
        done[fs.dataset.qid] = review(fs, answer);
        focusFeedback(fs);
        progress();
        if (Object.keys(done).length === qs.length) finish();
      });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!deferred) return;
      qs.forEach(function (fs) { done[fs.dataset.qid] = review(fs, given(fs)); });
      form.querySelector(".coi-quiz__submit").hidden = true;
      finish();
    });
    retry.addEventListener("click", function () {
      done = {};
      qs.forEach(function (fs) {
        fs.classList.remove("coi-q--right", "coi-q--wrong");
        fs.querySelector(".coi-q__feedback").textContent = "";
        clearMarks(fs);
        [].forEach.call(fs.querySelectorAll("input"), function (i) { i.disabled = false; i.checked = false; if (i.type === "text") i.value = ""; });
        var check = fs.querySelector(".coi-q__check"); if (check) check.hidden = false;
      });
      var submit = form.querySelector(".coi-quiz__submit"); if (submit) submit.hidden = false;
      result.textContent = ""; retry.hidden = true;
      progress();
      qs[0].querySelector("input").focus();
    });
    clearButton(form, ui, function (msg) { best.textContent = msg; });
    progress();
    showBest();
  }

  function progressPage(root) {
    var ui = JSON.parse(root.querySelector(".coi-quiz__ui").textContent);
    function fill() {
      var pre = null, post = null;
      [].forEach.call(root.querySelectorAll("tr[data-quiz-id]"), function (row) {
        var s = stored(row.dataset.quizId, row.dataset.version);
        row.querySelector(".coi-progress__best").textContent = s ? s.best + "%" : "–";
        row.querySelector(".coi-progress__state").textContent = !s ? ui.progress_not_taken : (s.passed ? "✓ " + ui.progress_pass : "✗ " + ui.progress_fail);
        if (s && row.dataset.kind === "pre-test") pre = s.best;
        if (s && row.dataset.kind === "post-test") post = s.best;
      });
      var a = root.querySelector(".coi-progress__pre"), b = root.querySelector(".coi-progress__post");
      if (a) { a.textContent = pre === null ? "–" : pre + "%"; b.textContent = post === null ? "–" : post + "%"; }
    }
    root.classList.add("coi-js");
    clearButton(root, ui, function (msg) { fill(); root.querySelector(".coi-progress__msg").textContent = msg; });
    fill();
  }

  window.COIQuiz = { cyrb53: cyrb53, normalize: normalize, unseal: unseal, storageKey: STORE };
  [].forEach.call(document.querySelectorAll("form.coi-quiz"), quiz);
  [].forEach.call(document.querySelectorAll(".coi-progress"), progressPage);
})();
