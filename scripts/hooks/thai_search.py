"""Thai search (issue 5): a thin hook around coi_course.search.index, which does and documents the work.

Needs in mkdocs.yml: ``search`` with ``lang: en`` and ``separator: '[\\s\\u200b\\-]+'``.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coi_course.search import index as thai_search

# PyThaiNLP (only imported by the helper process, which inherits this) must not write to $HOME.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


def _searching(config) -> bool:
    """False for builds without the search plugin (the offline ZIP and SCORM exports)."""
    return "material/search" in config.plugins


def on_config(config):
    if _searching(config):
        # Cached analyses of earlier builds; without them the helper process starts right away.
        cache = Path(config.config_file_path).parent / ".cache" / "thai-search"
        thai_search.segmenter(cache, renew=True)
    return config


def on_page_content(html, page, config, files):
    if _searching(config):
        thai_search.feed_page(html)
    return html


def _language_folders(config) -> dict[str, str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {}
    return {
        lang.locale: "" if lang.default else f"{lang.locale}/"
        for lang in i18n.config.languages
        if lang.build
    }


# mkdocs-static-i18n rewrites the search index in its on_post_build (priority -100) after building
# every language, so this must run after it; its inner per-language builds are skipped.
@event_priority(-200)
def on_post_build(config):
    if not _searching(config) or getattr(config.plugins.get("i18n"), "building", False):
        return
    try:
        thai_search.finish_build(Path(config.site_dir), _language_folders(config))
    except thai_search.ThaiSearchError as exc:
        raise PluginError(f"Thai search: {exc}") from exc


def on_shutdown():
    thai_search.stop()
