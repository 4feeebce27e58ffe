"""MkDocs glue for quizzes: load quizzes/*.yml, add one generated page per quiz and language, place them
in the navigation, and add the objectives box and the self-check link to lessons. Logic lives in
coi_course.quiz_* modules; this file only connects it to MkDocs events."""

from __future__ import annotations

import copy
from types import SimpleNamespace

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from coi_course.errors import SourceErrors
from coi_course.project import DOCS, LANGUAGES, QUIZZES
from coi_course.quiz_loader import course_quizzes
from coi_course.quiz_nav import place_quizzes
from coi_course.quiz_render import (
    PROGRESS_PAGE,
    page_url,
    quiz_page_path,
    render_lesson_extras,
    render_progress,
    render_quiz,
)

_state: dict = {"quizzes": [], "nav": None, "html": {}}


def _language(config) -> str:
    return config.theme["language"] if config.theme["language"] in LANGUAGES else LANGUAGES[0]


@event_priority(50)  # before mkdocs-static-i18n (-100) reads nav and files
def on_config(config):
    # mkdocs-static-i18n runs a whole build per language: quizzes are read again only if a source changed.
    try:
        quizzes = _state["quizzes"] = course_quizzes(QUIZZES, DOCS)
    except SourceErrors as exc:
        raise PluginError(f"{len(exc.errors)} problem(s) in quiz files:\n{exc}") from None
    if _state["nav"] is None:
        _state["nav"] = copy.deepcopy(config.nav)
    nav, problems = place_quizzes(copy.deepcopy(_state["nav"]), quizzes)
    if problems:
        raise PluginError("\n".join(problems))
    config.nav = nav
    return config


def _url(lang: str, path: str, config) -> str:
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    return prefix + page_url(path, config.use_directory_urls)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has sorted the files of this language build
def on_files(files, config):
    lang = _language(config)
    dirs = config.use_directory_urls
    generated = [(quiz_page_path(q.id), render_quiz(q, lang, dirs)) for q in _state["quizzes"]]
    _state["html"] = {}
    if _state["quizzes"]:
        generated.append((PROGRESS_PAGE, render_progress(_state["quizzes"], lang, dirs)))
    for path, rendered in generated:
        for other in LANGUAGES:
            if (DOCS / other / path).exists():
                raise PluginError(
                    f"docs/{other}/{path} exists, but this page is generated from "
                    "quizzes/: rename or remove the file in docs/"
                )
        page = File.generated(config, f"{lang}/{path}", content=rendered.markdown)
        _state["html"][page.src_uri] = rendered.html
        url = _url(lang, path, config)
        page.dest_uri = url + "index.html" if config.use_directory_urls else url
        # What mkdocs-static-i18n records on the files it builds (language switcher, nav lookup).
        page.locale = page.locale_alternate_of = page.localization = lang
        page.norm_src_uri = path
        page.alternates = {
            other: SimpleNamespace(url=_url(other, path, config)) for other in LANGUAGES
        }
        files.append(page)
    return files


def on_page_content(html, page, config, files):
    """Generated pages bring finished HTML from the templates; their Markdown is only front matter."""
    return _state["html"].get(page.file.src_uri, html)


def on_page_markdown(markdown, page, config, files):
    lang = _language(config)
    src = page.file.src_uri.removeprefix(f"{lang}/")
    if not src.startswith("lessons/"):
        return markdown
    quiz = next((q for q in _state["quizzes"] if q.lesson == src and q.kind == "self-check"), None)
    head, tail = render_lesson_extras(page.meta, lang, quiz, src)
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + [head] + lines[at:]) + "\n" + tail


def on_serve(server, config, builder):
    server.watch(str(QUIZZES))
    return server
