"""Write robots.txt next to sitemap.xml (see coi_course.site.robots)."""

from __future__ import annotations

from pathlib import Path

from coi_course.site.robots import robots_txt


def on_post_build(config):
    Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
