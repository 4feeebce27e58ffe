/* The header language switcher keeps the learner's place: the section (#anchor, identical in both
   languages) and, on a quiz page, the answers given and the questions already checked. The answers
   travel in sessionStorage for the next page only; nothing is sent anywhere. */
(function () {
  var KEY = "coi-language-switch";

  function quizState(form) {
    var state = { quiz: form.dataset.quizId, answers: {}, checked: [] };
    [].forEach.call(form.querySelectorAll(".coi-q"), function (fs) {
      var text = fs.querySelector("input[type=text]");
      var picked = [].map.call(fs.querySelectorAll("input:checked"), function (i) { return i.value; });
      if (text && text.value) state.answers[fs.dataset.qid] = text.value;
      else if (picked.length) state.answers[fs.dataset.qid] = picked;
      if (fs.classList.contains("coi-q--right") || fs.classList.contains("coi-q--wrong")) state.checked.push(fs.dataset.qid);
    });
    return state;
  }

  function restoreQuiz(form, state) {
    [].forEach.call(form.querySelectorAll(".coi-q"), function (fs) {
      var answer = state.answers[fs.dataset.qid];
      if (answer === undefined) return;
      if (typeof answer === "string") {
        var text = fs.querySelector("input[type=text]");
        if (text) text.value = answer;
      } else {
        [].forEach.call(fs.querySelectorAll("input"), function (i) { i.checked = answer.indexOf(i.value) >= 0; });
      }
      fs.dispatchEvent(new Event("change", { bubbles: true }));
      var check = fs.querySelector(".coi-q__check");
      if (check && state.checked.indexOf(fs.dataset.qid) >= 0) check.click();
    });
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var form = document.querySelector("form.coi-quiz");
    if (form) {
      try { sessionStorage.setItem(KEY, JSON.stringify(quizState(form))); } catch (err) { /* storage off */ }
    }
    if (location.hash) link.href = link.href.split("#")[0] + location.hash;
  });

  var saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(KEY)); sessionStorage.removeItem(KEY); } catch (err) { /* ignore */ }
  var form = document.querySelector("form.coi-quiz");
  if (saved && form && saved.quiz === form.dataset.quizId && form.classList.contains("coi-js")) restoreQuiz(form, saved);
})();
