"""robots.txt for the published site: allow everything and point crawlers at the sitemap."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..templating import render


def robots_txt(site_url: str | None) -> str:
    """Crawlers read robots.txt only at the root of a host; under a sub-path the file is harmless."""
    base = (site_url or "").strip()
    sitemap = (
        (base if base.endswith("/") else base + "/") + "sitemap.xml"
        if base.startswith("http")
        else ""
    )
    parts = urlsplit(base) if sitemap else None
    sub_path = parts.path.rstrip("/") + "/" if parts and parts.path.strip("/") else ""
    host_root = f"{parts.scheme}://{parts.netloc}/" if parts else ""
    return render("robots.txt.j2", sitemap=sitemap, sub_path=sub_path, host_root=host_root)
