"""MkDocs glue for quizzes: load quizzes/*.yml, add one generated page per quiz and language, place them
in the navigation, and add the objectives box and the self-check link to lessons. Logic lives in
coi_course.quiz_* modules; this file only connects it to MkDocs events."""

from __future__ import annotations

import copy
from types import SimpleNamespace

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from coi_course.course.content_version import course_version
from coi_course.errors import SourceErrors
from coi_course.project import DOCS, LANGUAGES, QUIZZES
from coi_course.quiz.course_map import (
    PATH_MARKER,
    course_facts,
    course_lessons,
    render_course_path,
    render_progress,
)
from coi_course.quiz.loader import course_quizzes
from coi_course.quiz.nav import place_quizzes
from coi_course.quiz.render import (
    PROGRESS_PAGE,
    page_url,
    quiz_page_path,
    render_lesson_extras,
    render_quiz,
)

_state: dict = {"quizzes": [], "pages": {}, "lessons": []}


def _language(config) -> str:
    return config.theme["language"] if config.theme["language"] in LANGUAGES else LANGUAGES[0]


@event_priority(50)  # before mkdocs-static-i18n (-100) reads nav and files
def on_config(config):
    # mkdocs-static-i18n runs a whole build per language: quizzes are read again only if a source changed.
    try:
        quizzes = _state["quizzes"] = course_quizzes(QUIZZES, DOCS)
    except SourceErrors as exc:
        raise PluginError(f"{len(exc.errors)} problem(s) in quiz files:\n{exc}") from None
    # MkDocs keeps this module between `mkdocs serve` rebuilds, so the nav is always taken from the
    # config just loaded; placing is idempotent, so the second language build leaves it as it is.
    nav, problems = place_quizzes(copy.deepcopy(config.nav), quizzes)
    if problems:
        raise PluginError("\n".join(problems))
    config.nav = nav
    _state["version"] = course_version()  # the content version a results file records
    return config


def _edition(config, lang: str) -> dict:
    """Agency name and content version for the results file (progress page). The agency block is
    validated where it is defined (extra.agency, see README); a project without one (the benchmark's
    synthetic sites) gets an empty name."""
    name = ((config.extra.get("agency") or {}).get("name") or {}).get(lang, "")
    return {"agency": name, "version": _state["version"]}


def _url(lang: str, path: str, config) -> str:
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    return prefix + page_url(path, config.use_directory_urls)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has sorted the files of this language build
def on_files(files, config):
    lang = _language(config)
    dirs = config.use_directory_urls
    quizzes = _state["quizzes"]
    lessons = _state["lessons"] = course_lessons(config.nav, DOCS, lang)

    def facts(quiz):  # pre/post tests name the lessons in their per-lesson summary
        page = quiz_page_path(quiz.id)
        return course_facts(quizzes, lessons, lang, page, dirs) if quiz.deferred else None

    generated = [(quiz_page_path(q.id), render_quiz(q, lang, dirs, facts(q))) for q in quizzes]
    _state["pages"] = {}
    if quizzes:
        progress = render_progress(quizzes, lang, dirs, lessons, _edition(config, lang))
        generated.append((PROGRESS_PAGE, progress))
    for path, rendered in generated:
        for other in LANGUAGES:
            if (DOCS / other / path).exists():
                raise PluginError(
                    f"docs/{other}/{path} exists, but this page is generated from "
                    "quizzes/: rename or remove the file in docs/"
                )
        page = File.generated(config, f"{lang}/{path}", content="")
        _state["pages"][page.src_uri] = rendered
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
    """Generated pages bring finished HTML from the templates; they have no Markdown."""
    rendered = _state["pages"].get(page.file.src_uri)
    return html if rendered is None else rendered.html


# Material renders every navigation item's meta.icon, .subtitle, .status ... into every page, so
# metadata on N generated pages would cost N x N lookups (quadratic build time, see `make bench`).
# A generated page therefore holds its metadata (title, search exclusion, quiz marker) only while
# it renders itself; in the navigation of other pages it looks like a page without front matter.
@event_priority(100)  # before Material's search plugin reads page.meta
def on_page_context(context, page, config, nav):
    rendered = _state["pages"].get(page.file.src_uri)
    if rendered is not None:
        page.meta = copy.deepcopy(rendered.meta)
    return context


def on_post_page(output, page, config):
    if page.file.src_uri in _state["pages"]:
        page.meta = {}
    return output


def on_page_markdown(markdown, page, config, files):
    rendered = _state["pages"].get(page.file.src_uri)
    if rendered is not None:
        page.title = rendered.title
        return markdown
    lang = _language(config)
    src = page.file.src_uri.removeprefix(f"{lang}/")
    if PATH_MARKER in markdown:  # the home page's course path
        path = render_course_path(
            _state["quizzes"], _state["lessons"], lang, src, config.use_directory_urls
        )
        return markdown.replace(PATH_MARKER, "\n" + path + "\n", 1)
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
