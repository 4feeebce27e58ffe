"""MkDocs hook: a "last updated" line (อัปเดตล่าสุด, in the Buddhist Era on Thai pages) at the bottom of
every lesson. The date is SOURCE_DATE_EPOCH (set by the Makefile to the last commit, so that builds stay
reproducible), else the lesson's last commit, else its modification time; see
coi_course.course.content_version.source_date. The HTML comes from templates/last_updated.html.j2.
"""

from __future__ import annotations

from pathlib import Path

from coi_course.course.content_version import source_date
from coi_course.project import LANGUAGES
from coi_course.record.certificate import render_last_updated


def _language(page) -> str:
    lang = getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]
    return lang if lang in LANGUAGES else LANGUAGES[0]


def on_page_content(html, page, config, files):
    lang = _language(page)
    if not page.file.src_uri.removeprefix(f"{lang}/").startswith("lessons/"):
        return html
    if not page.file.abs_src_path:  # a generated page has no source file to date
        return html
    return html + render_last_updated(lang, source_date([Path(page.file.abs_src_path)]))
