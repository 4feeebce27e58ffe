"""MkDocs hook for the agency settings block (``extra.agency`` in mkdocs.yml).

Thin wrapper around coi_course.course.agency: checks the block on every build (errors name mkdocs.yml
and the line, never a traceback), fills ``{{ agency.x }}`` placeholders in ``copyright``,
``site_author`` and every Markdown page in the language being built, and uses the agency's logo.
Templates and other hooks read the checked block as ``config.extra.agency`` (plain dicts).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coi_course.course import agency as agency_settings
from coi_course.project import LANGUAGES

# "{{ agency.x }}" settings as first read, per (setting, language): mkdocs-static-i18n runs on_config
# again for every language on the same config object, where they are already filled in.
_state: dict = {"agency": None, "templates": {}}


def _language(config) -> str:
    return config.theme["language"] if config.theme["language"] in LANGUAGES else LANGUAGES[0]


def current() -> agency_settings.Agency | None:
    """The checked agency of the build in progress."""
    return _state["agency"]


@event_priority(-110)  # after mkdocs-static-i18n (-100) set this language's copyright
def on_config(config):
    try:
        agency = agency_settings.agency_from_config(
            config.extra.get("agency"), config.config_file_path, Path(config.docs_dir)
        )
        lang = _language(config)
        for key in ("copyright", "site_author"):
            saved = _state["templates"]
            if config.get(key) and "{{" in config[key]:
                saved[(key, lang)] = config[key]
                if lang == LANGUAGES[0]:  # also for languages that do not override it
                    saved[key] = config[key]
            template = saved.get((key, lang)) or saved.get(key) or config.get(key)
            if template:
                config[key] = agency_settings.fill(template, agency, lang, f"mkdocs.yml {key}")
    except agency_settings.AgencyError as exc:
        raise PluginError(f"{len(exc.errors)} problem(s) in the agency settings:\n{exc}") from None
    _state["agency"] = agency
    config.theme["logo"] = agency.logo
    return config


def on_page_markdown(markdown, page, config, files):
    try:
        return agency_settings.fill(
            markdown, _state["agency"], _language(config), f"docs/{page.file.src_uri}"
        )
    except agency_settings.AgencyError as exc:
        raise PluginError(str(exc)) from None
