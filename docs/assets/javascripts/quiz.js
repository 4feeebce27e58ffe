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

  /* Stored progress: {quizzes: {id: {best, last, passed, version, attempts, passedAt, first, top}}}, where
     first and top are {percent, date, answers: {question id: right?}} of the first and the best attempt;
     other keys (lessons, learner: see course.js) are kept as they are. */
  function load() {
    try {
      var data = JSON.parse(localStorage.getItem(STORE));
      if (data && typeof data === "object" && data.quizzes && typeof data.quizzes === "object") return data;
    } catch (e) { /* corrupt or unavailable storage: start afresh */ }
    return { quizzes: {} };
  }
  function save(data) { try { localStorage.setItem(STORE, JSON.stringify(data)); } catch (e) { /* private mode */ } }
  function record(id, version, percent, passed, answers) {
    var data = load(), old = data.quizzes[id];
    if (!old || old.version !== version || typeof old.best !== "number") old = { best: 0, attempts: 0 };
    var attempt = { percent: percent, date: new Date().toISOString(), answers: answers || {} };
    data.quizzes[id] = { best: Math.max(old.best, percent), last: percent, passed: !!(passed || old.passed),
      version: version, attempts: (old.attempts || 0) + 1,
      passedAt: passed && !old.passedAt ? new Date().toISOString() : old.passedAt || null,
      first: old.attempts ? old.first || null : attempt,
      top: old.top && old.top.percent >= percent ? old.top : attempt };
    save(data);
    return data.quizzes[id];
  }
  function stored(id, version) {
    var q = load().quizzes[id];
    return q && q.version === version && typeof q.best === "number" ? q : null;
  }
  /* "Clear" asks first (question() says what will be lost), then wipe() and after(). */
  function clearButton(root, question, wipe, after) {
    var b = root.querySelector(".coi-quiz__clear");
    if (!b) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      if (!window.confirm(question())) return;
      wipe();
      after();
    });
  }
  function forgetQuiz(id) { var data = load(); delete data.quizzes[id]; save(data); }
  function forgetAll() {
    if (window.COICourse) window.COICourse.clearAll(); /* lessons opened and learner fields too */
    else try { localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
  }

  /* Pre-test: every question needs an answer ("I don't know" counts); the missing ones are pointed out. */
  function pointOutMissing(form, qs, ui) {
    var missing = qs.filter(function (fs) { return given(fs) === null; });
    qs.forEach(function (fs) {
      var gap = missing.indexOf(fs) >= 0;
      fs.classList.toggle("coi-q--missing", gap);
      fs.querySelector(".coi-q__feedback").textContent = gap ? ui.missing_one : "";
    });
    var result = form.querySelector(".coi-quiz__result");
    result.textContent = "";
    if (!missing.length) return true;
    /* The summary names each missing question with a link to it, where the text says {list}. */
    var p = el("p", "coi-quiz__missing"), parts = fmt(ui.missing_summary, { count: missing.length, list: "\u0000" }).split("\u0000");
    p.textContent = parts[0];
    missing.forEach(function (fs, i) {
      var a = el("a", null, String(qs.indexOf(fs) + 1));
      a.href = "#" + fs.id;
      if (i) p.appendChild(document.createTextNode(", "));
      p.appendChild(a);
    });
    p.appendChild(document.createTextNode(parts[1] || ""));
    result.appendChild(p);
    var first = missing[0].querySelector("input");
    if (first) first.focus();
    return false;
  }
  /* "I don't know" as a checkbox (multiple choice, typed answers) excludes every other answer. */
  function dontKnowExclusive(fs) {
    var dk = fs.querySelector(".coi-q__dontknow input");
    fs.addEventListener("change", function (e) {
      if (fs.classList.contains("coi-q--missing") && given(fs) !== null) {
        fs.classList.remove("coi-q--missing");
        fs.querySelector(".coi-q__feedback").textContent = "";
      }
      if (!dk || dk.type !== "checkbox") return;
      [].forEach.call(fs.querySelectorAll("input"), function (i) {
        if (e.target === dk && dk.checked && i !== dk) { i.checked = false; if (i.type === "text") i.value = ""; }
        if (e.target !== dk && i === dk && (e.target.checked || e.target.value)) dk.checked = false;
      });
    });
  }
  function localDay(iso, lang) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return "";
    return d.toLocaleDateString(lang === "th" ? "th-TH" : "en-GB", { year: "numeric", month: "long", day: "numeric" });
  }
  /* After a pre-test: the score is the baseline (first attempt, kept), and a summary per lesson only. */
  function baselineResult(result, entry, qs, done, ui, form) {
    var f = courseFacts(form), lang = form.dataset.lang;
    var first = entry.first, isFirst = entry.attempts === 1 || !first;
    result.appendChild(el("p", "coi-quiz__baseline", isFirst ? ui.baseline_saved
      : fmt(ui.baseline_kept, { percent: first.percent, date: localDay(first.date, lang) })));
    var counts = {};
    qs.forEach(function (fs) {
      var c = counts[fs.dataset.lesson] = counts[fs.dataset.lesson] || { right: 0, total: 0 };
      c.total += 1; if (done[fs.dataset.qid]) c.right += 1;
    });
    var lessons = f ? f.lessons : Object.keys(counts).map(function (k) { return { slug: k, title: k }; });
    result.appendChild(el("p", "coi-quiz__by-lesson-title", ui.by_lesson));
    var ul = el("ul", "coi-quiz__by-lesson");
    lessons.forEach(function (l) {
      var c = counts[l.slug];
      if (c) ul.appendChild(el("li", null, fmt(ui.lesson_score, { lesson: l.title, correct: c.right, total: c.total })));
    });
    result.appendChild(ul);
  }
  /* After a post-test: the number of attempts and, once passed, the way to the completion record. */
  function postTestNext(box, entry, ui, url) {
    box.appendChild(el("p", "coi-quiz__attempts", fmt(ui.attempts, { attempts: entry.attempts })));
    if (!entry.passed || !url) return;
    var a = el("a", "md-button md-button--primary coi-quiz__certificate", ui.go_certificate);
    a.href = url;
    var p = el("p"); p.appendChild(a); box.appendChild(p);
  }
  function courseFacts(root) { return window.COICourse ? window.COICourse.facts(root) : null; } /* course.js */

  function given(fs) {
    var type = fs.dataset.type, dk = fs.querySelector(".coi-q__dontknow input");
    if (dk && dk.checked) return "dont-know";
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
    var id = form.dataset.quizId, version = form.dataset.version, baseline = form.dataset.kind === "pre-test";
    var qs = [].slice.call(form.querySelectorAll(".coi-q"));
    var bar = form.querySelector(".coi-quiz__bar");
    var answeredText = form.querySelector(".coi-quiz__answered");
    var result = form.querySelector(".coi-quiz__result"), best = form.querySelector(".coi-quiz__best");
    var actions = form.querySelector(".coi-quiz__actions"), retry = form.querySelector(".coi-quiz__retry");
    var done = {};
    /* The controls are already laid out (quiz.css shows them on the root's "js" class); this class says
       the quiz is live, for language-switch.js and for the head script's fallback. */
    form.classList.add("coi-js");
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
      best.textContent = !s ? "" : baseline && s.first
        ? fmt(ui.baseline_known, { percent: s.first.percent, date: localDay(s.first.date, form.dataset.lang) })
        : fmt(ui.best, { best: s.best });
      if (s && form.dataset.certificateUrl) postTestNext(best, s, ui, form.dataset.certificateUrl);
    }
    function progress() {
      var n = qs.filter(function (fs) { return deferred ? given(fs) !== null : done[fs.dataset.qid] !== undefined; }).length;
      var text = fmt(ui.answered, { answered: n, total: qs.length });
      if (bar.value !== n) bar.value = n;
      if (answeredText.textContent !== text) answeredText.textContent = text;
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
      var percent = Math.round(100 * correct / qs.length), passed = !baseline && percent >= pass;
      var entry = record(id, version, percent, passed, JSON.parse(JSON.stringify(done)));
      window.dispatchEvent(new CustomEvent("coi-quiz:finished", { detail: { id: id, kind: form.dataset.kind, percent: percent, passed: passed,
        answers: qs.map(function (fs) { return { id: fs.dataset.qid, type: fs.dataset.type, response: given(fs), correct: !!done[fs.dataset.qid] }; }) } }));
      result.textContent = "";
      result.appendChild(el("p", "coi-quiz__score", fmt(ui.score, { correct: correct, total: qs.length, percent: percent })));
      if (baseline) baselineResult(result, entry, qs, done, ui, form);
      else result.appendChild(el("p", passed ? "coi-quiz__pass" : "coi-quiz__fail", (passed ? "✓ " : "✗ ") + fmt(passed ? ui.passed : ui.failed, { pass: pass })));
      result.dataset.percent = percent;
      result.dataset.passed = passed;
      retry.hidden = false;
      showBest();
      result.focus();
    }
    qs.forEach(function (fs) {
      var check = fs.querySelector(".coi-q__check");
      fs.addEventListener("change", progress);
      fs.addEventListener("input", progress);
      dontKnowExclusive(fs);
      if (!check) return;
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
      if (baseline && !pointOutMissing(form, qs, ui)) return;
      qs.forEach(function (fs) {
        if (!baseline) { done[fs.dataset.qid] = review(fs, given(fs)); return; }
        done[fs.dataset.qid] = isRight(fs, given(fs)); /* no marks, no answers: they would spoil the post-test */
        [].forEach.call(fs.querySelectorAll("input"), function (i) { i.disabled = true; });
      });
      form.querySelector(".coi-quiz__submit").hidden = true;
      finish();
    });
    retry.addEventListener("click", function () {
      done = {};
      qs.forEach(function (fs) {
        fs.classList.remove("coi-q--right", "coi-q--wrong", "coi-q--missing");
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
    clearButton(form, function () {
      return fmt(ui.confirm_clear_quiz, { title: form.dataset.title }) +
        (baseline ? ui.confirm_clear_baseline : form.dataset.kind === "post-test" ? ui.confirm_clear_post : "");
    }, function () { forgetQuiz(id); }, function () { best.textContent = ui.cleared_quiz; });
    progress();
    showBest();
  }

  /* Right answers among ``ids`` in an attempt's answers ({question id: right?}), or null without them. */
  function tally(attempt, ids) {
    if (!attempt || !attempt.answers || typeof attempt.answers !== "object") return null;
    return ids.filter(function (q) { return attempt.answers[q] === true; }).length;
  }
  function share(right, total) { return right === null || !total ? "–" : right + "/" + total + " (" + Math.round(100 * right / total) + "%)"; }

  /* Baseline (first pre-test attempt) against the best post-test attempt, on the paired questions only. */
  function comparePairs(root, f, data) {
    var a = root.querySelector(".coi-progress__pre"), b = root.querySelector(".coi-progress__post");
    if (!a || !f || !f.pre || !f.post) return;
    var pre = data.quizzes[f.pre.id], post = data.quizzes[f.post.id];
    pre = pre && pre.version === f.pre.version ? pre.first : null;
    post = post && post.version === f.post.version ? post.top : null;
    function pct(attempt, key) {
      var right = tally(attempt, f.pairs.map(function (p) { return p[key]; }));
      return right === null ? "–" : Math.round(100 * right / f.pairs.length) + "%";
    }
    a.textContent = pct(pre, "pre"); b.textContent = pct(post, "post");
    [].forEach.call(root.querySelectorAll("tr[data-lesson]"), function (row) {
      var here = f.pairs.filter(function (p) { return p.lesson === row.dataset.lesson; });
      row.querySelector(".coi-progress__lesson-pre").textContent = share(tally(pre, here.map(function (p) { return p.pre; })), here.length);
      row.querySelector(".coi-progress__lesson-post").textContent = share(tally(post, here.map(function (p) { return p.post; })), here.length);
    });
  }

  function progressPage(root) {
    var ui = JSON.parse(root.querySelector(".coi-quiz__ui").textContent), f = courseFacts(root);
    function fill() {
      var data = window.COICourse ? window.COICourse.load() : load(); /* with the lessons opened */
      [].forEach.call(root.querySelectorAll("tr[data-quiz-id]"), function (row) {
        var s = stored(row.dataset.quizId, row.dataset.version), old = data.quizzes[row.dataset.quizId];
        var pre = row.dataset.kind === "pre-test", score = !s ? "–" : (pre && s.first ? s.first.percent : s.best) + "%";
        row.querySelector(".coi-progress__best").textContent = score;
        row.querySelector(".coi-progress__state").textContent = !s ? (old ? ui.progress_changed : ui.progress_not_taken)
          : pre ? "✓ " + ui.progress_baseline_done : (s.passed ? "✓ " + ui.progress_pass : "✗ " + ui.progress_fail);
      });
      if (f) {
        var lessons = data.lessons && typeof data.lessons === "object" ? data.lessons : {};
        var opened = f.lessons.filter(function (l) { return lessons[l.slug]; }).length;
        root.querySelector(".coi-progress__lessons").textContent = fmt(ui.progress_lessons, { opened: opened, total: f.lessons.length });
      }
      comparePairs(root, f, data);
    }
    root.classList.add("coi-js");
    clearButton(root, function () { return ui.confirm_clear_all; }, forgetAll, function () {
      [].forEach.call(root.querySelectorAll(".coi-learner__input"), function (i) { i.value = ""; });
      fill();
      root.querySelector(".coi-progress__msg").textContent = ui.cleared;
    });
    fill();
  }

  window.COIQuiz = { cyrb53: cyrb53, normalize: normalize, unseal: unseal, storageKey: STORE };
  [].forEach.call(document.querySelectorAll("form.coi-quiz"), quiz);
  [].forEach.call(document.querySelectorAll(".coi-progress"), progressPage);
})();
