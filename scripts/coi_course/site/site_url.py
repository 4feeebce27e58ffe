"""SITE_URL, the address the site is published at: checked and normalised once, before it is written
into sitemap.xml, robots.txt, canonical links and the link checker."""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

EXAMPLE = "https://www.example.go.th/elearning/coi/"
_PATH_SAFE = "/%-._~!$&'()*+,;=:@"  # RFC 3986 path characters; an existing %XX stays as it is


class SiteUrlError(ValueError):
    """SITE_URL cannot be used; the message says why and shows a good one."""


def normalise_site_url(url: str | None, *, allow_path_only: bool = False) -> str:
    """``url`` with its path escaped (a space becomes %20, Thai letters UTF-8 %XX) and ending in ``/``.

    It must be ``http(s)://host/path/`` (or just ``/path/`` when ``allow_path_only``), without a
    query (``?x=1``), a fragment (``#top``) or a user name; "" (no address) stays "". A query would
    end up inside every address built from it, e.g. ``…/coi/?x=1/sitemap.xml``."""
    text = (url or "").strip()
    if not text:
        return ""
    parts = urlsplit(text)
    where = f"SITE_URL {text!r}"
    if parts.scheme or not allow_path_only:
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SiteUrlError(
                f"{where} must start with http:// or https:// and a host name, e.g. {EXAMPLE}"
            )
    elif not parts.path.startswith("/"):
        raise SiteUrlError(f"{where} must be a full address such as {EXAMPLE} or a path like /coi/")
    if "?" in text:
        raise SiteUrlError(f"{where} must not have a query ('?...'): remove it, e.g. {EXAMPLE}")
    if "#" in text:
        raise SiteUrlError(f"{where} must not have a fragment ('#...'): remove it, e.g. {EXAMPLE}")
    if parts.username or parts.password:
        raise SiteUrlError(f"{where} must not contain a user name or password")
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    path = path if path.endswith("/") else path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
