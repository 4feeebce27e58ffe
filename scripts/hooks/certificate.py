"""MkDocs hook for the certificate of completion (docs/{th,en}/certificate.md).

Thin wrapper around coi_course.record.certificate: the page's ``<!-- certificate -->`` marker becomes the
record section (post-test id, version and pass mark, the course's content version and date). The
page's front matter flag ``certificate: true`` makes overrides/main.html load its CSS and script.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from coi_course.project import DOCS, LANGUAGES, QUIZZES
from coi_course.quiz.course_map import course_lessons
from coi_course.quiz.loader import course_quizzes
from coi_course.record import certificate

_state: dict = {"edition": None}


def _language(page) -> str:
    return getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]


def on_config(config):
    try:
        certificate.ui_text.cache_clear()
        certificate.ui_text()
        _state["edition"] = certificate.edition()
    except certificate.CertificateError as exc:
        raise PluginError(f"certificate: {exc}") from None
    return config


def on_page_markdown(markdown, page, config, files):
    if certificate.MARKER not in markdown:
        if page.meta.get(certificate.FLAG):
            raise PluginError(f"{page.file.src_uri}: '{certificate.MARKER}' is missing")
        return markdown
    lang = _language(page)
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    try:
        quiz = certificate.post_test()
        agency = certificate.agency_of(config.extra, lang)
    except certificate.CertificateError as exc:
        raise PluginError(f"certificate: {exc}") from None
    src = page.file.src_uri.removeprefix(f"{lang}/")
    section = certificate.render_section(
        lang,
        src,
        config.site_name,
        quiz,
        _state["edition"],
        agency,
        course_quizzes(QUIZZES, DOCS),
        course_lessons(config.nav, DOCS, lang),
        config.use_directory_urls,
    )
    return markdown.replace(certificate.MARKER, section, 1)


def on_serve(server, config, builder):
    server.watch(str(certificate.DATA_FILE))
    return server
