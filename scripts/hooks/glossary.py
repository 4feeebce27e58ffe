"""Append the abbreviation list of the page's language to every page (see coi_course.course.glossary)."""

from __future__ import annotations

from coi_course.course.glossary import append_abbreviations
from coi_course.project import INCLUDES, LANGUAGES


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"] if config.theme["language"] in LANGUAGES else LANGUAGES[0]
    return append_abbreviations(markdown, lang)


def on_serve(server, config, builder):
    server.watch(str(INCLUDES))
    return server
