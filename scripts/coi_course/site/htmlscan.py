"""Read a built HTML page once and list what the checks need: element ids, links and loaded resources."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Attributes that make the browser *load* something (a request), by tag.
RESOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
# <link rel=...> values that are fetched by the browser; others (canonical, alternate, ...) are only links.
FETCHED_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "manifest",
}


@dataclass
class Ref:
    url: str
    tag: str
    attr: str
    line: int
    loads: bool  # True if the browser requests it when the page loads


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    inline_styles: list[tuple[str, int]] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if "id" in a:
            self.scan.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.scan.ids.add(a["name"])
        if tag in ("a", "area") and "href" in a:
            self.scan.refs.append(Ref(a["href"], tag, "href", line, loads=False))
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            self.scan.refs.append(
                Ref(a["href"], tag, "href", line, loads=bool(rels & FETCHED_LINK_RELS))
            )
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if a.get(attr):
                values = [a[attr]]
                if attr == "srcset":
                    values = [
                        part.strip().split()[0] for part in a[attr].split(",") if part.strip()
                    ]
                for value in values:
                    self.scan.refs.append(Ref(value, tag, attr, line, loads=True))
        if tag == "form" and a.get("action"):
            self.scan.refs.append(Ref(a["action"], tag, "action", line, loads=False))
        if "style" in a:
            self.scan.inline_styles.append((a["style"], line))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.scan.inline_styles.append((data, self.getpos()[0]))


def scan_html(text: str) -> PageScan:
    parser = _Scanner()
    parser.feed(text)
    parser.close()
    return parser.scan
