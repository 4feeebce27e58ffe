"""Check SITE_URL before anything uses it (coi_course.site.site_url), and write robots.txt next to
sitemap.xml (see coi_course.site.robots)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coi_course.site.robots import robots_txt
from coi_course.site.site_url import SiteUrlError, normalise_site_url


@event_priority(85)
def on_config(config):
    try:
        config.site_url = normalise_site_url(config.site_url) or config.site_url
    except SiteUrlError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_post_build(config):
    Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
