"""The "page not found" pages: a Thai one at the site root and one per other language in its folder.

A web server shows ``404.html`` for any missing address, at any depth (``/elearning/coi/a/b/c``), so
the page cannot rely on its own address. Its links are written relative to the folder the file sits
in (``./assets/…`` at the root, ``../assets/…`` in ``en/``), which is right when the file is opened
directly (offline ZIP, SCORM package); on a web server a ``<base href>`` naming the page's folder,
taken from ``site_url``, makes the same links right at any depth. Builds without a ``site_url``
(offline and SCORM) get no ``<base>``.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from ..project import DEFAULT_LANGUAGE

ERROR_TEMPLATE = "404.html"


class ErrorPageLinks(NamedTuple):
    target: str  # where the page is written, relative to the site folder
    base_url: str  # MkDocs' base_url while rendering: the site root seen from the page's folder
    base_href: str  # the <base href> for web servers ("" when the site has no site_url)
    scope: (
        str  # Material's storage scope (the site root), so settings such as the palette carry over
    )
    homes: dict[str, str]  # language -> link to its home page, relative to base_url
    progress: str  # link to the progress page of the page's language, relative to base_url


def language_folder(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def _page_link(folder: str, page: str, directory_urls: bool) -> str:
    """Link to ``page`` ("" = home) in ``folder``: ``progress/`` on a server, ``progress.html`` on disk
    (a browser opening files does not look for index.html in a folder)."""
    if directory_urls:
        return folder + (f"{page}/" if page else "") or "./"
    return folder + (f"{page}.html" if page else "index.html")


def error_page_links(
    site_url: str | None, lang: str, languages: list[str], directory_urls: bool = True
) -> ErrorPageLinks:
    folder = language_folder(lang)
    base_url = ".." if folder else "."
    root = urlsplit(site_url or "").path if site_url else ""
    if root and not root.endswith("/"):
        root += "/"
    return ErrorPageLinks(
        target=folder + ERROR_TEMPLATE,
        base_url=base_url,
        base_href=root + folder if root else "",
        scope=root or base_url,
        homes={
            other: _page_link(language_folder(other), "", directory_urls) for other in languages
        },
        progress=_page_link(folder, "progress", directory_urls),
    )


def with_search_base(html: str, links: ErrorPageLinks) -> str:
    """Material's script resolves ``"base"`` of its ``__config`` against the address, not ``<base>``
    (it would fetch ``/a/b/search/search_index.json``): on a web server give it the root path."""
    if not links.base_href:
        return html
    return html.replace(f'"base": "{links.base_url}"', f'"base": "{links.scope}"', 1)
