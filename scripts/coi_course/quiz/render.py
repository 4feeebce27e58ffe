"""Turn Quiz models into Markdown pages (one per quiz per language) through Jinja templates."""

from __future__ import annotations

import json
import posixpath
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml
from markupsafe import Markup

from ..course.lessons import lesson_slug
from ..templating import html_title, markdown_text, template_env
from .keys import answer_key, canonical_choices, normalize_answer, salt_for, seal
from .model import Question, Quiz

QUIZ_DIR = "quizzes"  # URL folder of generated quiz pages, inside each language
PROGRESS_PAGE = "progress.md"


# The texts quiz.js writes itself; everything else is in the page already. A test keeps this list in
# step with docs/assets/javascripts/quiz.js.
SCRIPT_TEXTS = (
    "answered", "attempts", "baseline_kept", "baseline_known", "baseline_saved", "basis", "best",
    "by_lesson", "choice_labels", "choose_first", "cleared", "cleared_quiz", "confirm_clear_all",
    "confirm_clear_baseline", "confirm_clear_post", "confirm_clear_quiz", "correct",
    "correct_answer", "explanation", "failed", "go_certificate", "incorrect", "lesson_score",
    "missing_one", "missing_summary", "not_answered", "passed", "progress_baseline_done",
    "progress_changed", "progress_fail", "progress_lessons", "progress_not_taken", "progress_pass",
    "question_of", "read_more", "score",
)  # fmt: skip


@cache
def script_texts(lang: str) -> str:
    """JSON of the texts quiz.js needs on a page in ``lang``."""
    ui = ui_text()[lang]
    return json.dumps({k: ui[k] for k in SCRIPT_TEXTS}, ensure_ascii=False, separators=(",", ":"))


@cache
def ui_text() -> dict:
    return yaml.safe_load(
        (Path(__file__).parents[1] / "data" / "ui.yml").read_text(encoding="utf-8")
    )


def quiz_page_path(quiz_id: str) -> str:
    """Source path of a quiz page inside a language folder, e.g. ``quizzes/gifts-self-check.md``."""
    return f"{QUIZ_DIR}/{quiz_id}.md"


def page_url(src: str, directory_urls: bool = True) -> str:
    """URL of a source page relative to its language root: ``lessons/x.md`` -> ``lessons/x/``
    (or ``lessons/x.html`` when the site is built with ``use_directory_urls: false``)."""
    stem = src[:-3]
    if not directory_urls:
        return stem + ".html"
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


@cache
def _link(from_page: str, target: str, directory_urls: bool = True) -> str:
    """Relative URL from one source page to ``lessons/x.md#anchor``."""
    path, _, anchor = target.partition("#")
    if directory_urls:
        rel = posixpath.relpath(page_url(path) or ".", page_url(from_page) or ".")
        rel = "./" if rel == "." else rel + "/"
    else:
        rel = posixpath.relpath(page_url(path, False), posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _keys(q: Question, salt: str) -> tuple[str, ...]:
    if q.type == "true-false":
        canonical = ("true" if q.answer else "false",)
    elif q.type == "short-answer":
        canonical = tuple(normalize_answer(a) for a in q.answer)
    else:
        canonical = (canonical_choices(q.correct_ids),)
    return _hashed_keys(salt, canonical)


@cache
def _hashed_keys(salt: str, canonical: tuple[str, ...]) -> tuple[str, ...]:
    """The same for both languages of a page, so computed once per question and build."""
    return tuple(sorted({answer_key(salt, c) for c in canonical}))


def _question_view(
    quiz: Quiz, q: Question, n: int, lang: str, page: str, version: str, directory_urls: bool
) -> dict:
    ui = ui_text()[lang]
    labels = ui["choice_labels"]
    choices = [
        {
            "id": c.id,
            "label": labels[i] if i < len(labels) else c.id,
            "text": c.text[lang],
            "feedback": c.feedback[lang] if c.feedback else None,
        }
        for i, c in enumerate(q.choices or [])
    ]
    if q.type == "true-false":
        choices = [
            {"id": "true", "label": "", "text": ui["true_label"], "feedback": None},
            {"id": "false", "label": "", "text": ui["false_label"], "feedback": None},
        ]
        answer_text = ui["true_label"] if q.answer else ui["false_label"]
    elif q.type == "short-answer":
        answer_text = " / ".join(q.answer)
    else:
        answer_text = "; ".join(
            f"{c['label']}. {c['text']}" for c in choices if c["id"] in q.correct_ids
        )
    salt = salt_for(quiz.id, q.id, version)
    feedback = {c["id"]: c["feedback"] for c in choices if c["feedback"]}
    explanation, source = q.explanation[lang], _link(page, q.source, directory_urls)
    # What a pre/post test reveals after the submit, sealed so it is not readable in the page source.
    # A choice answer is sent as ids: the page names it by its label on screen, which shuffling may
    # change. A self-check shows all of it in <details> for readers without JavaScript, and quiz.js
    # reads it from there, so it needs no sealed copy.
    sealed = None
    if quiz.deferred:
        reveal = {"explanation": explanation, "source": source}
        reveal |= {"correct": q.correct_ids} if q.correct_ids else {"answer": answer_text}
        reveal |= {"basis": q.basis} if q.basis else {}
        reveal |= {"feedback": feedback} if feedback else {}
        sealed = seal(salt, reveal)
    return {
        "n": n,
        "id": q.id,
        "type": q.type,
        "prompt": q.prompt[lang],
        "choices": choices,
        "multiple": q.type == "multiple",
        "salt": salt,
        "answer_keys": _keys(q, salt),
        "sealed": sealed,
        "feedback": feedback,
        "answer": answer_text,
        "explanation": explanation,
        "basis": q.basis,
        "source": source,
        "correct": q.correct_ids,
        "lesson": lesson_slug(q.source),
    }


class RenderedPage(NamedTuple):
    """A generated page: its title, its page metadata and its finished HTML body.

    ``title`` (and ``meta["title"]``) is HTML: the theme prints page titles unescaped in the heading,
    the navigation and ``<title>``, so an author's ``<``, ``&`` or quotes are escaped here, once.

    The body skips Markdown on purpose: it is HTML from our templates, and parsing it as Markdown
    cost more than the rest of the page build (see ``make bench``). The metadata is what front matter
    would hold; the hook gives it to the page only while that page renders (see hooks/quizzes.py)."""

    title: str
    meta: dict
    html: str


def _meta(title: str, marker: str, value: object) -> dict:
    return {"title": title, "search": {"exclude": True}, marker: value}


def render_quiz(
    quiz: Quiz, lang: str, directory_urls: bool = True, facts: dict | None = None
) -> RenderedPage:
    """The quiz page for ``lang``; ``facts`` (coi_course.quiz.course_map.course_facts) gives a pre- or
    post-test the lessons and links it shows after a submit."""
    page = quiz_page_path(quiz.id)
    version = quiz.content_version
    ui = ui_text()[lang]
    questions = [
        _question_view(quiz, q, i, lang, page, version, directory_urls)
        for i, q in enumerate(quiz.questions, 1)
    ]
    html = (
        template_env()
        .get_template("quiz.html.j2")
        .render(
            quiz=quiz,
            lang=lang,
            ui=ui,
            questions=questions,
            version=version,
            total=len(questions),
            title=quiz.title[lang],
            description=quiz.description[lang] if quiz.description else None,
            lesson_url=_link(page, quiz.lesson, directory_urls) if quiz.lesson else None,
            ui_json=script_texts(lang),
            facts=facts,
            certificate_url=_link(page, "certificate.md", directory_urls),
        )
    )
    title = html_title(quiz.title[lang])
    return RenderedPage(title, _meta(title, "quiz", quiz.id), html)


def render_lesson_extras(
    meta: dict, lang: str, quiz: Quiz | None, lesson_page: str
) -> tuple[str, str]:
    """Markdown to put after a lesson's h1 (objectives box) and at its end (link to its self-check)."""
    ui = ui_text()[lang]
    template = template_env().get_template("lesson_extras.md.j2")
    objectives = [o for o in meta.get("objectives") or [] if isinstance(o, dict) and o.get("text")]
    head = template.module.head(
        ui=ui, objectives=objectives, minutes=meta.get("minutes"), slug=lesson_slug(lesson_page)
    )
    tail = ""
    if quiz is not None:
        target = posixpath.relpath(quiz_page_path(quiz.id), posixpath.dirname(lesson_page) or ".")
        label = quiz_link_label(ui, quiz.kind, quiz.title[lang], markdown_text)
        tail = template.module.tail(ui=ui, label=label, url=target)
    return str(head), str(tail)


def quiz_link_label(ui: dict, kind: str, title: str, escape=None) -> str:
    """The text of a link to a quiz that names the kind of quiz once.

    ``take_quiz`` already says the kind ("Take the self-check: {title}"), and authors usually start
    the title with it too ("Self-check: accepting gifts"): that leading kind is dropped. ``escape``
    (e.g. ``markdown_text``) is applied to the author's part only, so that the interface text stays
    as written while the title shows exactly as typed.
    """
    kind_label = ui["kind"][kind]
    head, sep, rest = title.partition(":")
    subject = rest.strip() if sep and head.strip().casefold() == kind_label.casefold() else title
    subject = subject or title
    if escape is None:
        return ui["take_quiz"].format(title=subject)
    return Markup(ui["take_quiz"]).format(title=escape(subject))
