"""MkDocs hook: a "page not found" page per language (404.html, en/404.html) whose links work from any
address: on a web server at any depth, under a sub-path, in the offline ZIP and in the SCORM package.
See coi_course.site.error_pages; the page itself is overrides/404.html.
"""

from __future__ import annotations

from pathlib import Path

from coi_course.site.error_pages import ERROR_TEMPLATE, error_page_links, with_search_base

_saved_alternate: list = []


def _alternate(config) -> list:
    # mkdocs-static-i18n sets extra.alternate as an attribute on each page, Jinja reads that first.
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def _set_alternate(config, value) -> None:
    config.extra["alternate"] = value
    if "alternate" in vars(config.extra):
        config.extra.alternate = value


def on_template_context(context, template_name, config):
    if template_name != ERROR_TEMPLATE:
        return context
    lang = context.get("i18n_current_language") or config.theme["language"]
    languages = [a["lang"] for a in _alternate(config)] or [lang]
    links = error_page_links(config.site_url, lang, languages, config.use_directory_urls)
    context["base_url"] = links.base_url
    context["coi_error_page"] = links
    # The language switcher of a missing page leads to each language's home page.
    _saved_alternate[:] = [_alternate(config)]
    _set_alternate(
        config, [{**alt, "link": links.homes[alt["lang"]]} for alt in _alternate(config)]
    )
    config.extra["scope"] = links.scope
    return context


def on_post_template(output, template_name, config):
    if template_name != ERROR_TEMPLATE:
        return output
    config.extra.pop("scope", None)
    if _saved_alternate:
        _set_alternate(config, _saved_alternate.pop())
    links = error_page_links(config.site_url, config.theme["language"], [])
    output = with_search_base(output, links)
    target = links.target
    if target == ERROR_TEMPLATE:
        return output
    # Other languages go to their own folder; an empty result keeps MkDocs from overwriting the root page.
    path = Path(config.site_dir, target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return ""
