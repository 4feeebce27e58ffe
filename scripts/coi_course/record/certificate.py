"""The completion record page (docs/{th,en}/certificate.md) and the "last updated" line of lessons.

``render_section`` turns the page's ``<!-- certificate -->`` marker into the record: a Jinja template
with the post-test's id, version and pass mark (so that certificate.js only accepts a result of the
current post-test, as the progress page does), the course's content version and build date, and the
calendar certificate.js formats the date passed with (coi_course.course.thai_dates, so that both agree).
"""

from __future__ import annotations

import posixpath
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml

from ..course.content_version import course_sources, course_version, source_date
from ..course.thai_dates import calendar, format_date
from ..project import DOCS, LANGUAGES, QUIZZES, ROOT
from ..quiz.course_map import course_facts
from ..quiz.loader import course_quizzes
from ..quiz.model import Quiz
from ..quiz.render import quiz_page_path
from ..quiz.render import ui_text as quiz_ui_text
from ..templating import template_env

PACKAGE = Path(__file__).parents[1]
DATA_FILE = PACKAGE / "data" / "edition.yml"
MARKER = "<!-- certificate -->"  # replaced in docs/{th,en}/certificate.md by the hook
FLAG = "certificate"  # front matter flag of that page: overrides/main.html loads its CSS and script


class CertificateError(Exception):
    """The page cannot be built; the message says why."""


class Edition(NamedTuple):
    """Which edition of the course a build is: content hash and date."""

    version: str
    built: date


@cache
def ui_text() -> dict:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    missing = [lang for lang in LANGUAGES if lang not in data]
    if missing:
        raise CertificateError(f"{DATA_FILE.name}: no texts for {', '.join(missing)}")
    return data


def edition(root: Path = ROOT, environ=None) -> Edition:
    """Content version and date of the sources under ``root`` (see coi_course.course.content_version)."""
    return Edition(course_version(root), source_date(course_sources(root), root, environ))


def post_test(quiz_dir: Path = QUIZZES, docs: Path = DOCS) -> Quiz:
    """The course's post-test (the quiz with ``kind: post-test``)."""
    quizzes = [q for q in course_quizzes(quiz_dir, docs) if q.kind == "post-test"]
    if len(quizzes) != 1:
        raise CertificateError(
            f"the certificate page needs exactly one quiz with 'kind: post-test' in {quiz_dir}, "
            f"found {len(quizzes)}"
        )
    return quizzes[0]


class Agency(NamedTuple):
    """Who the record names, in the page's language (from ``extra.agency`` in mkdocs.yml)."""

    name: str
    signer_name: str
    signer_title: str


def agency_of(extra: dict, lang: str) -> Agency:
    """The agency name and the signer of ``extra.agency`` (mkdocs.yml) in ``lang``."""
    try:
        agency = extra["agency"]
        return Agency(
            agency["name"][lang], agency["signer"]["name"][lang], agency["signer"]["title"][lang]
        )
    except (KeyError, TypeError) as exc:
        raise CertificateError(
            f"mkdocs.yml: extra.agency needs name.{lang}, signer.name.{lang} and "
            f"signer.title.{lang} (missing {exc})"
        ) from None


def render_section(
    lang: str,
    page: str,
    course_title: str,
    quiz: Quiz,
    ed: Edition,
    agency: Agency | None = None,
    quizzes: list[Quiz] | None = None,
    lessons: list[dict] | None = None,
    directory_urls: bool = True,
) -> str:
    """Markdown (with HTML blocks) that replaces ``MARKER`` on the page ``page`` (e.g. ``certificate.md``).
    ``quizzes`` and ``lessons`` (in course order) say what the record requires."""
    ui = ui_text()[lang]
    agency = agency or Agency("", "", "")
    facts = course_facts(
        quizzes or [quiz],
        lessons or [],
        lang,
        page,
        directory_urls,
        {"agency": agency.name, "version": ed.version},
    )
    target = posixpath.relpath(quiz_page_path(quiz.id), posixpath.dirname(page) or ".")
    return (
        template_env()
        .get_template("certificate.md.j2")
        .render(
            lang=lang,
            ui=ui,
            quiz_id=quiz.id,
            quiz_version=quiz.content_version,
            pass_percent=quiz.pass_percent,
            post_test_url=target,
            course_title=course_title,
            version=ed.version,
            built=format_date(ed.built, lang),
            data=calendar(lang),
            facts=facts,
            agency=agency.name,
            signer_name=agency.signer_name,
            signer_title=agency.signer_title,
            learner_ui=quiz_ui_text()[lang],
        )
    )


def render_last_updated(lang: str, day: date) -> str:
    """The "last updated" line (HTML) for the bottom of a lesson."""
    return (
        template_env()
        .get_template("last_updated.html.j2")
        .render(
            label=ui_text()[lang]["last_updated"],
            iso=day.isoformat(),
            text=format_date(day, lang),
        )
    )
