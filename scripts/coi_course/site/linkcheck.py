"""Check a built site: internal links and anchors resolve, external links go only to allowed hosts,
and nothing is loaded from another host (PDPA: no third-party requests).

The site is checked as it will be published, under the path of ``site_url`` (e.g. ``/elearning/coi/``),
so a root-absolute link that would break under a sub-path is reported too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .htmlscan import PageScan, scan_html

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
_JS_EXTERNAL = re.compile(r"""(?:importScripts|fetch|import)\s*\(\s*['"`](?:https?:)?//[^'"`]+""")
_LOCAL = "site.invalid"


@dataclass(frozen=True)
class Problem:
    page: str  # path of the built file, relative to the site root
    line: int
    message: str
    source: str | None = None  # the Markdown file the page was built from, when known

    def __str__(self) -> str:
        origin = f" (from {self.source})" if self.source else ""
        return f"{self.page}:{self.line}: {self.message}{origin}"


@dataclass
class Report:
    problems: list[Problem]
    external_links: dict[str, set[str]]  # url -> pages linking to it
    pages_checked: int


def source_of(page: str, docs_dir: Path | None) -> str | None:
    """Best guess of the Markdown file that produced a built page (``en/x/index.html`` -> ``docs/en/x.md``)."""
    if docs_dir is None or not page.endswith(".html"):
        return None
    lang, rest = ("en", page[3:]) if page.startswith("en/") else ("th", page)
    stem = rest[: -len("index.html")].rstrip("/") if rest.endswith("index.html") else rest[:-5]
    for candidate in (f"{stem}.md", f"{stem}/index.md", "index.md" if not stem else None):
        if candidate and (docs_dir / lang / candidate).is_file():
            return str(Path(docs_dir.name) / lang / candidate)
    return None


class SiteChecker:
    def __init__(
        self,
        site_dir: Path,
        site_url: str = "/",
        allowed_hosts: Iterable[str] = (),
        docs_dir: Path | None = None,
    ):
        """``site_url`` is where the site is published (``https://host/sub/path/`` or just ``/sub/path/``)."""
        self.site = site_dir
        parts = urlsplit(site_url)
        self.base_path = base_path_of(site_url)
        self.own_origin = f"{parts.scheme}://{parts.netloc}".lower() if parts.netloc else None
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.docs_dir = docs_dir

    @cache  # noqa: B019 - one checker per check run
    def scan(self, rel: str) -> PageScan:
        return scan_html((self.site / rel).read_text(encoding="utf-8"))

    def _target(self, path: str) -> str | None:
        """Map a URL path on our origin to a built file (relative), or None when nothing is there."""
        if not path.startswith(self.base_path):
            return None
        rel = unquote(path[len(self.base_path) :])
        candidate = self.site / rel
        if rel == "" or rel.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        if candidate.is_file():
            return candidate.relative_to(self.site).as_posix()
        return None

    def check(self) -> Report:
        problems: list[Problem] = []
        external: dict[str, set[str]] = {}
        pages = sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))
        for rel in pages:
            page_url = f"http://{_LOCAL}{self.base_path}{rel}"
            src = source_of(rel, self.docs_dir)
            for ref in self.scan(rel).refs:
                url = ref.url.strip()
                if not url or url.startswith(SKIPPED_SCHEMES):
                    continue
                if self.own_origin and url.lower().startswith(self.own_origin + "/"):
                    url = url[len(self.own_origin) :]
                absolute = urljoin(page_url, url)
                parts = urlsplit(absolute)
                if parts.scheme not in ("http", "https") or parts.hostname != _LOCAL:
                    host = (parts.hostname or "").lower()
                    if ref.loads:
                        problems.append(
                            Problem(
                                rel,
                                ref.line,
                                f"loads a resource from another host: "
                                f'<{ref.tag} {ref.attr}="{url}"> (third-party request)',
                                src,
                            )
                        )
                    else:
                        external.setdefault(absolute, set()).add(rel)
                        if host not in self.allowed_hosts:
                            problems.append(
                                Problem(
                                    rel,
                                    ref.line,
                                    f"external link to a host that is not "
                                    f"allowed: {url} (add '{host}' to [tool.coi-course.links] "
                                    f"allowed_hosts in pyproject.toml if it is right)",
                                    src,
                                )
                            )
                    continue
                target = self._target(parts.path)
                if target is None:
                    problems.append(
                        Problem(
                            rel,
                            ref.line,
                            f"broken link: {url} (nothing is built at {parts.path})",
                            src,
                        )
                    )
                    continue
                if parts.fragment and target.endswith(".html"):
                    fragment = unquote(parts.fragment)
                    if fragment not in self.scan(target).ids:
                        problems.append(
                            Problem(
                                rel,
                                ref.line,
                                f"broken anchor: {url} (no id '{fragment}' in {target})",
                                src,
                            )
                        )
        problems.extend(self.check_assets())
        return Report(problems, external, len(pages))

    def check_assets(self) -> list[Problem]:
        """Stylesheets and our own scripts must not pull anything from another host either."""
        problems = []
        for css in sorted(self.site.rglob("*.css")):
            rel = css.relative_to(self.site).as_posix()
            for n, line in enumerate(
                css.read_text(encoding="utf-8", errors="replace").splitlines(), 1
            ):
                for m in _CSS_URL.finditer(line):
                    url = m.group(1) or m.group(2)
                    if re.match(r"^(?:https?:)?//", url):
                        problems.append(
                            Problem(rel, n, f"stylesheet loads from another host: {url}")
                        )
        for js in sorted(self.site.rglob("*.js")):
            rel = js.relative_to(self.site).as_posix()
            text = js.read_text(encoding="utf-8", errors="replace")
            for m in _JS_EXTERNAL.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                problems.append(
                    Problem(rel, line, f"script requests another host: {m.group(0)[:120]}")
                )
        for rel in sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html")):
            for style, line in self.scan(rel).inline_styles:
                for m in _CSS_URL.finditer(style):
                    url = m.group(1) or m.group(2)
                    if re.match(r"^(?:https?:)?//", url):
                        problems.append(
                            Problem(rel, line, f"inline style loads from another host: {url}")
                        )
        return problems


def base_path_of(site_url: str | None) -> str:
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"
