"""The gift decision helper: one data file, checked here, turned into a page section and a JSON data island.

``data/gift-helper.yml`` holds the whole decision tree and every text in Thai and English. From it this module
builds, for one language:

- the full decision list in Markdown (``render_markdown``), readable without JavaScript: numbered steps that
  link to each other and to the outcomes, and for each outcome first what to do (the stricter of the law
  and the No Gift Policy decides it), then why: the deciding rule first, the other one as explanation;
- the JSON data island (``island``) that ``docs/assets/javascripts/gift-helper.js`` walks step by step. The
  script shows the outcome by copying the matching section of the decision list, so both views share one
  source and one set of rules.

``decide`` walks the same tree in Python; the tests compare it with the decision list and with the script.
Nothing here imports MkDocs: ``scripts/hooks/gift_helper.py`` is the thin MkDocs side.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from ruamel.yaml import YAML

from ..project import LANGUAGES

PACKAGE = Path(__file__).resolve().parents[1]
DATA_FILE = PACKAGE / "data" / "gift-helper.yml"
TEMPLATES = PACKAGE / "templates"
TEMPLATE = "gift-helper.md.j2"
MARKER = "<!-- gift-helper -->"  # replaced in docs/{th,en}/gift-helper.md by the hook
ASSETS = {
    "css": "assets/stylesheets/gift-helper.css",
    "js": "assets/javascripts/gift-helper.js",
}

_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_PLACEHOLDERS = re.compile(r"TODO|lorem|coming soon|อยู่ระหว่างจัดทำ", re.IGNORECASE)
ICONS = {"ok": "✓", "caution": "!", "no": "✕"}
SEVERITY = {"ok": 0, "caution": 1, "no": 2}
Kind = Literal["ok", "caution", "no"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """One text in both languages."""

    th: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @field_validator("th", "en")
    @classmethod
    def _no_placeholder(cls, value: str) -> str:
        if _PLACEHOLDERS.search(value):
            raise ValueError(f"placeholder text: {value!r}")
        return value.strip()

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


class Option(_Strict):
    value: str
    label: Text
    summary: Text  # short phrase used in "this result applies when ..." and "your answers"

    @field_validator("value")
    @classmethod
    def _ascii(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"option value must be a lowercase ASCII id: {value!r}")
        return value


class Question(_Strict):
    legend: Text
    hint: Text | None = None
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_values(self) -> Question:
        values = [o.value for o in self.options]
        if len(values) != len(set(values)):
            raise ValueError(f"duplicate option values: {values}")
        return self

    def option(self, value: str) -> Option:
        return next(o for o in self.options if o.value == value)


class Target(_Strict):
    step: str | None = None
    outcome: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Target:
        if (self.step is None) == (self.outcome is None):
            raise ValueError("a target names exactly one of 'step' or 'outcome'")
        return self


class Step(_Strict):
    ask: str
    context: Text | None = (
        None  # shown in the decision list where the same question comes up more than once
    )
    then: dict[str, Target]


class Verdict(_Strict):
    kind: Kind
    label: Text
    text: Text


class Decision(_Strict):
    """What to do, shown first: never more lenient than the law or the No Gift Policy."""

    kind: Kind
    label: Text


class Link(_Strict):
    page: str  # Markdown file relative to docs/<lang>/
    anchor: str
    text: Text

    @field_validator("page")
    @classmethod
    def _markdown_page(cls, value: str) -> str:
        if not value.endswith(".md") or value.startswith("/") or "://" in value:
            raise ValueError(f"link to a relative .md page: {value!r}")
        return value


class Outcome(_Strict):
    title: Text
    decision: Decision
    law: Verdict
    policy: Verdict
    actions: list[Text] = Field(min_length=1)
    links: list[Link] = Field(min_length=1)

    @model_validator(mode="after")
    def _decision_follows_the_stricter_rule(self) -> Outcome:
        strictest = max(self.law.kind, self.policy.kind, key=SEVERITY.__getitem__)
        if self.decision.kind != strictest:
            raise ValueError(
                f"decision.kind must be {strictest!r}, the stricter of law ({self.law.kind!r}) "
                f"and policy ({self.policy.kind!r})"
            )
        return self

    def reasons(self) -> list[tuple[str, Verdict]]:
        """(ui label key, verdict), the rule that decides first: when the No Gift Policy is stricter
        than the law, what to do comes from the policy and the law explains why it is still lawful."""
        law, policy = ("law_label", self.law), ("policy_label", self.policy)
        return (
            [policy, law] if SEVERITY[self.policy.kind] > SEVERITY[self.law.kind] else [law, policy]
        )


class GiftRules(_Strict):
    ui: dict[str, Text]
    questions: dict[str, Question]
    start: str
    steps: dict[str, Step]
    shared: dict[str, object] = Field(default_factory=dict)  # only a home for YAML anchors
    outcomes: dict[str, Outcome]

    @model_validator(mode="after")
    def _check_tree(self) -> GiftRules:
        for name in (*self.questions, *self.steps, *self.outcomes):
            if not _ID.match(name):
                raise ValueError(f"ids must be lowercase ASCII: {name!r}")
        if self.start not in self.steps:
            raise ValueError(f"start step {self.start!r} does not exist")
        for sid, step in self.steps.items():
            if step.ask not in self.questions:
                raise ValueError(f"step {sid!r} asks unknown question {step.ask!r}")
            values = [o.value for o in self.questions[step.ask].options]
            if sorted(step.then) != sorted(values):
                raise ValueError(f"step {sid!r} must map every answer of {step.ask!r}: {values}")
            for value, target in step.then.items():
                if target.step is not None and target.step not in self.steps:
                    raise ValueError(
                        f"step {sid!r}, answer {value!r}: unknown step {target.step!r}"
                    )
                if target.outcome is not None and target.outcome not in self.outcomes:
                    raise ValueError(
                        f"step {sid!r}, answer {value!r}: unknown outcome {target.outcome!r}"
                    )
        reached_steps, reached_outcomes = set(), set()
        for path, outcome in _walk(self):
            reached_steps.update(sid for sid, _ in path)
            reached_outcomes.add(outcome)
        if unreached := set(self.steps) - reached_steps:
            raise ValueError(f"steps never reached: {sorted(unreached)}")
        if unreached := set(self.outcomes) - reached_outcomes:
            raise ValueError(f"outcomes never reached: {sorted(unreached)}")
        missing = {"law_label", "policy_label", "action_label", "why_label", "links_label"} - set(
            self.ui
        )
        if missing:
            raise ValueError(f"ui texts missing: {sorted(missing)}")
        return self


Path_ = tuple[tuple[str, str], ...]  # ((step id, answer value), ...)


def _walk(rules: GiftRules, sid: str | None = None, path: Path_ = ()):
    """Every root-to-outcome path, depth first in the order of the answers; rejects cycles and a
    question asked twice on one path."""
    sid = sid or rules.start
    step = rules.steps[sid]
    asked = [rules.steps[s].ask for s, _ in path]
    if sid in (s for s, _ in path):
        raise ValueError(f"cycle through step {sid!r}")
    if step.ask in asked:
        raise ValueError(f"question {step.ask!r} is asked twice on one path (step {sid!r})")
    for option in rules.questions[step.ask].options:
        target = step.then[option.value]
        here = (*path, (sid, option.value))
        if target.outcome is not None:
            yield here, target.outcome
        else:
            yield from _walk(rules, target.step, here)


@cache
def load(path: Path = DATA_FILE) -> GiftRules:
    yaml = YAML(typ="safe", pure=True)
    with path.open(encoding="utf-8") as fh:
        return GiftRules.model_validate(yaml.load(fh))


def paths(rules: GiftRules | None = None) -> list[tuple[dict[str, str], str]]:
    """Every way through the tree as ({question id: answer value}, outcome id)."""
    rules = rules or load()
    return [
        ({rules.steps[sid].ask: value for sid, value in path}, outcome)
        for path, outcome in _walk(rules)
    ]


def decide(answers: dict[str, str], rules: GiftRules | None = None) -> str:
    """The outcome id for answers keyed by question id; extra answers are ignored."""
    rules = rules or load()
    sid = rules.start
    while True:
        step = rules.steps[sid]
        if step.ask not in answers:
            raise KeyError(f"no answer to question {step.ask!r} (step {sid!r})")
        try:
            target = step.then[answers[step.ask]]
        except KeyError:
            raise ValueError(f"{answers[step.ask]!r} is not an answer to {step.ask!r}") from None
        if target.outcome is not None:
            return target.outcome
        sid = target.step


def step_numbers(rules: GiftRules | None = None) -> dict[str, int]:
    """Steps numbered 1.. in the order a reader meets them (depth first, answers in order)."""
    rules = rules or load()
    order: list[str] = []

    def visit(sid: str) -> None:
        if sid in order:
            return
        order.append(sid)
        step = rules.steps[sid]
        for option in rules.questions[step.ask].options:
            target = step.then[option.value]
            if target.step is not None:
                visit(target.step)

    visit(rules.start)
    return {sid: n for n, sid in enumerate(order, start=1)}


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    return lang


def island(lang: str, rules: GiftRules | None = None) -> dict:
    """Everything gift-helper.js needs for one language: texts, questions and the decision tree."""
    rules = rules or load()
    _check_lang(lang)
    return {
        "lang": lang,
        "ui": {key: text(lang) for key, text in rules.ui.items()},
        "questions": {
            qid: {
                "legend": q.legend(lang),
                "hint": q.hint(lang) if q.hint else "",
                "options": [
                    {"value": o.value, "label": o.label(lang), "summary": o.summary(lang)}
                    for o in q.options
                ],
            }
            for qid, q in rules.questions.items()
        },
        "start": rules.start,
        "steps": {
            sid: {
                "ask": s.ask,
                "then": {v: t.model_dump(exclude_none=True) for v, t in s.then.items()},
            }
            for sid, s in rules.steps.items()
        },
        "outcomes": {oid: {"title": o.title(lang)} for oid, o in rules.outcomes.items()},
    }


def island_json(lang: str, rules: GiftRules | None = None) -> str:
    """The data island as JSON that is safe inside <script> (no '<', '>' or '&' characters)."""
    text = json.dumps(
        island(lang, rules), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _fmt(template: str, **values) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


_JOINERS = {"th": " และ", "en": "; "}


def _conditions(rules: GiftRules, answers: dict[str, str], lang: str) -> str:
    return _JOINERS[lang].join(
        rules.questions[qid].option(value).summary(lang) for qid, value in answers.items()
    )


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=False,  # the output is Markdown; HTML parts escape with |e explicitly
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown heading ids are written {#like-this}: Jinja comments use {## ... ##} instead.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["fmt"] = _fmt
    return env


def head_html(assets_base: str) -> str:
    """The page's own stylesheet and script, for <head>; ``assets_base`` is the relative URL from the
    page to the site root (``../`` for /gift-helper/, ``../../`` for /en/gift-helper/)."""
    css, js = assets_base + ASSETS["css"], assets_base + ASSETS["js"]
    return f'<link rel="stylesheet" href="{css}"><script src="{js}" defer></script>'


def render_markdown(lang: str, rules: GiftRules | None = None) -> str:
    """The page section that replaces MARKER: the (empty) form container, the data island, the
    decision list and the outcomes."""
    rules = rules or load()
    _check_lang(lang)
    numbers = step_numbers(rules)
    when: dict[str, list[str]] = {oid: [] for oid in rules.outcomes}
    for answers, outcome in paths(rules):
        when[outcome].append(_conditions(rules, answers, lang))
    steps = sorted(rules.steps.items(), key=lambda item: numbers[item[0]])
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            lang=lang,
            ui={key: text(lang) for key, text in rules.ui.items()},
            rules=rules,
            steps=steps,
            numbers=numbers,
            when=when,
            icons=ICONS,
            island=island_json(lang, rules),
        )
    )
