"""MkDocs hook for the gift decision helper (docs/{th,en}/gift-helper.md).

Thin wrapper around coi_course.course.gift_rules: the marker ``<!-- gift-helper -->`` in the page is replaced by
the decision list and the JSON data island built from scripts/coi_course/data/gift-helper.yml, and the
page's own stylesheet and script are added to its <head> (no other page loads them).
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from coi_course.course import gift_rules

_PAGES: set[str] = set()  # src_uri of the pages that carry the helper


def _language(page) -> str:
    return getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]


def on_config(config):
    gift_rules.load.cache_clear()
    gift_rules.load()  # fail early, with the data file's own error message
    return config


def on_page_markdown(markdown, page, config, files):
    if gift_rules.MARKER not in markdown:
        return markdown
    _PAGES.add(page.file.src_uri)
    section = gift_rules.render_markdown(_language(page))
    return markdown.replace(gift_rules.MARKER, section, 1)


def on_post_page(output, page, config):
    if page.file.src_uri not in _PAGES:
        return output
    base = get_relative_url(".", page.url).rstrip("/") + "/"
    base = "" if base in ("./", "/") else base
    return output.replace("</head>", gift_rules.head_html(base) + "</head>", 1)


def on_serve(server, config, builder):
    server.watch(str(gift_rules.DATA_FILE))
    server.watch(str(gift_rules.TEMPLATES))
    return server
