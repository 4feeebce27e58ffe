/*
 * Gift decision helper (gift-helper.md): turns the page's decision list into a step-by-step form.
 *
 * The questions, texts and decision tree come from the JSON data island #gift-helper-data, which the build
 * writes from scripts/coi_course/data/gift-helper.yml (the same source as the decision list). Each result is
 * copied from the matching outcome section of the list, so the form and the list cannot disagree. The result
 * opens with what to do (the decision), right under its heading, and is scrolled to the top of the window,
 * clear of the sticky header and of Material's back-to-top button, so the verdict is what the learner sees.
 * Without JavaScript the list alone is shown. Nothing is stored and nothing is sent anywhere.
 */
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function Helper(app, data) {
    this.app = app;
    this.data = data;
    this.ui = data.ui;
    this.history = []; // [{step, value}] answers given so far, in order
    this.chosen = {}; // step id -> last value chosen there (restored when going back)
    this.current = data.start;
    this.build();
    this.showStep(false);
    app.hidden = false;
  }

  Helper.prototype.build = function () {
    var ui = this.ui;
    var self = this;
    this.heading = el("h2", { id: "gift-helper-form", text: ui.app_heading });
    this.fieldset = el("fieldset", { class: "gh-step" });
    this.error = el("p", { id: "gift-helper-error", class: "gh-error", hidden: true }, [
      el("span", { class: "gh-error__icon", "aria-hidden": "true", text: "!" }),
      " " + ui.error,
    ]);
    this.backButton = el("button", { type: "button", class: "md-button gh-back", text: ui.back });
    this.nextButton = el("button", {
      type: "submit",
      class: "md-button md-button--primary gh-next",
      text: ui.next,
    });
    this.form = el("form", { class: "gh-form", "aria-labelledby": "gift-helper-form", novalidate: true }, [
      this.fieldset,
      el("div", { class: "gh-buttons" }, [this.backButton, this.nextButton]),
    ]);
    this.resultHeading = el("h3", { id: "gift-helper-result", class: "gh-result__heading", tabindex: "-1" });
    this.answers = el("ol", { class: "gh-answers__list" });
    this.resultBody = el("div", { class: "gh-result__body" });
    this.resultBack = el("button", { type: "button", class: "md-button gh-back", text: ui.back });
    this.restartButton = el("button", { type: "button", class: "md-button gh-restart", text: ui.restart });
    // The decision comes straight after the heading; the answers given are a recap below the reasons.
    this.result = el("div", { class: "gh-result", hidden: true }, [
      this.resultHeading,
      this.resultBody,
      el("div", { class: "gh-answers" }, [el("p", {}, [el("strong", { text: ui.answers_heading })]), this.answers]),
      el("div", { class: "gh-buttons" }, [this.resultBack, this.restartButton]),
    ]);
    this.status = el("p", { class: "gh-sr-only", role: "status", "aria-live": "polite" });

    this.app.textContent = "";
    [this.heading, el("p", { class: "gh-intro", text: ui.app_intro }), this.form, this.result, this.status].forEach(
      function (node) {
        self.app.appendChild(node);
      }
    );

    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.next();
    });
    this.form.addEventListener("change", function () {
      self.hideError();
    });
    this.backButton.addEventListener("click", function () {
      self.back();
    });
    this.resultBack.addEventListener("click", function () {
      self.back();
    });
    this.restartButton.addEventListener("click", function () {
      self.restart();
    });
  };

  Helper.prototype.announce = function (message) {
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 100);
  };

  Helper.prototype.radios = function () {
    return Array.prototype.slice.call(this.fieldset.querySelectorAll("input[type=radio]"));
  };

  Helper.prototype.focusAnswer = function () {
    var radios = this.radios();
    var checked = radios.filter(function (r) {
      return r.checked;
    })[0];
    (checked || radios[0]).focus();
  };

  Helper.prototype.showStep = function (moveFocus) {
    var sid = this.current;
    var question = this.data.questions[this.data.steps[sid].ask];
    var hintId = "gift-helper-hint";
    var chosen = this.chosen[sid];
    var fieldset = this.fieldset;

    fieldset.textContent = "";
    fieldset.setAttribute("data-step", sid);
    fieldset.appendChild(
      el("legend", {}, [
        el("span", { class: "gh-step__number", text: fmt(this.ui.step_label, { n: this.history.length + 1 }) }),
        " ",
        el("span", { class: "gh-step__question", text: question.legend }),
      ])
    );
    if (question.hint) {
      fieldset.appendChild(el("p", { id: hintId, class: "gh-hint", text: question.hint }));
      fieldset.setAttribute("aria-describedby", hintId);
    } else {
      fieldset.removeAttribute("aria-describedby");
    }
    var options = el("div", { class: "gh-options" });
    question.options.forEach(function (option) {
      var id = "gh-" + sid + "-" + option.value;
      options.appendChild(
        el("div", { class: "gh-option" }, [
          el("input", {
            type: "radio",
            id: id,
            name: "gh-" + sid,
            value: option.value,
            checked: option.value === chosen,
          }),
          el("label", { for: id, text: option.label }),
        ])
      );
    });
    fieldset.appendChild(options);
    fieldset.appendChild(this.error);
    this.hideError();

    this.backButton.hidden = this.history.length === 0;
    this.form.hidden = false;
    this.result.hidden = true;
    if (moveFocus) this.focusAnswer();
  };

  Helper.prototype.showError = function () {
    this.error.hidden = false;
    var described = this.fieldset.getAttribute("aria-describedby");
    this.fieldset.setAttribute("aria-describedby", (described ? described + " " : "") + this.error.id);
    this.announce(this.ui.error);
    this.radios()[0].focus();
  };

  Helper.prototype.hideError = function () {
    if (this.error.hidden) return;
    this.error.hidden = true;
    var described = (this.fieldset.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter(function (id) {
        return id && id !== "gift-helper-error";
      })
      .join(" ");
    if (described) this.fieldset.setAttribute("aria-describedby", described);
    else this.fieldset.removeAttribute("aria-describedby");
  };

  Helper.prototype.next = function () {
    var sid = this.current;
    var checked = this.radios().filter(function (r) {
      return r.checked;
    })[0];
    if (!checked) {
      this.showError();
      return;
    }
    this.chosen[sid] = checked.value;
    this.history.push({ step: sid, value: checked.value });
    var target = this.data.steps[sid].then[checked.value];
    if (target.outcome) {
      this.showResult(target.outcome);
    } else {
      this.current = target.step;
      this.showStep(true);
    }
  };

  Helper.prototype.back = function () {
    var last = this.history.pop();
    if (!last) return;
    this.current = last.step;
    this.showStep(true);
  };

  Helper.prototype.restart = function () {
    this.history = [];
    this.chosen = {};
    this.current = this.data.start;
    this.showStep(true);
  };

  Helper.prototype.showResult = function (outcomeId) {
    var data = this.data;
    var title = data.outcomes[outcomeId].title;
    var heading = fmt(this.ui.status_result, { title: title });
    var section = document.querySelector('.gh-outcome[data-outcome="' + outcomeId + '"]');

    this.app.setAttribute("data-outcome", outcomeId);
    this.resultHeading.textContent = heading;
    this.answers.textContent = "";
    this.history.forEach(function (answer) {
      var question = data.questions[data.steps[answer.step].ask];
      var option = question.options.filter(function (o) {
        return o.value === answer.value;
      })[0];
      this.answers.appendChild(el("li", { text: option.summary }));
    }, this);

    this.resultBody.textContent = "";
    var verdicts = [];
    if (section) {
      var copy = section.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll("h1, h2, h3, h4, h5, h6, .gh-when"), function (node) {
        node.parentNode.removeChild(node);
      });
      Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (node) {
        node.removeAttribute("id");
      });
      Array.prototype.forEach.call(
        copy.querySelectorAll(".gh-decision__label strong, .gh-verdict__label strong"),
        function (node) {
          verdicts.push(node.textContent.trim());
        }
      );
      while (copy.firstChild) this.resultBody.appendChild(copy.firstChild);
    }

    this.form.hidden = true;
    this.result.hidden = false;
    // Focus without the browser's own scroll (which may leave the heading at the bottom of the window),
    // then bring the heading to the top; its scroll-margin-top keeps it below the header and the
    // back-to-top button (gift-helper.css).
    this.resultHeading.focus({ preventScroll: true });
    this.resultHeading.scrollIntoView({ block: "start", behavior: "instant" });
    this.announce([heading].concat(verdicts).join(". "));
  };

  function init() {
    var app = document.getElementById("gift-helper-app");
    var source = document.getElementById("gift-helper-data");
    if (!app || !source) return;
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      return; // the decision list still works on its own
    }
    app.giftHelper = new Helper(app, data);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
