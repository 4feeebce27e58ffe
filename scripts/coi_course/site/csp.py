"""A Content-Security-Policy for a built site, computed from the site itself.

Inline scripts are allowed by their SHA-256 hash (the theme writes a few small ones; they differ by
the depth of the page), so the policy must be computed after every build: ``python -m coi_course
csp site/`` prints it. Everything else comes from the site's own origin; images may also be
``data:`` URLs (the theme's icons). JSON data blocks (``<script type="application/json">``) are not
run by browsers and need no hash. Inline event handlers (``onclick=``) and ``javascript:`` links cannot
be allowed by hash: they are reported as problems."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

FIXED_DIRECTIVES = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def script_hash(source: str) -> str:
    """The CSP source expression for an inline script: ``'sha256-<base64>'`` of its UTF-8 text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.problems: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name}= on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
        if tag == "script":
            values = dict(attrs)
            kind = (values.get("type") or "").strip().lower()
            self._open = [] if "src" not in values and kind in _SCRIPT_TYPES else None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


@dataclass
class Policy:
    hashes: dict[str, int] = field(default_factory=dict)  # script hash -> pages that have it
    problems: list[str] = field(default_factory=list)  # "en/x/index.html: inline event handler ..."
    pages: int = 0

    def header(self) -> str:
        script_src = " ".join(["'self'", *sorted(self.hashes)])
        directives = [FIXED_DIRECTIVES[0], ("script-src", script_src), *FIXED_DIRECTIVES[1:]]
        return "; ".join(f"{name} {value}" for name, value in directives)


def site_policy(site: Path) -> Policy:
    """Scan every HTML page of a built ``site`` and compute its policy."""
    if not site.is_dir():
        raise FileNotFoundError(f"{site} is not a built site (run make build first)")
    policy = Policy()
    for page in sorted(site.rglob("*.html")):
        scanner = _Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        scanner.close()
        policy.pages += 1
        for source in scanner.scripts:
            key = script_hash(source)
            policy.hashes[key] = policy.hashes.get(key, 0) + 1
        rel = page.relative_to(site).as_posix()
        policy.problems += [f"{rel}: {p} (not allowed by this policy)" for p in scanner.problems]
    return policy
