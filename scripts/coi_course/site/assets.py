"""Our stylesheets and scripts as a browser should receive them (issue 16).

* The stylesheets every page needs (``extra_css`` in mkdocs.yml: fonts, site, dark, print, line
  breaks, course) become one minified file, ``assets/stylesheets/course.<hash>.min.css``: a page then
  waits for three stylesheets (Material's two and this one) instead of eight before it can show
  anything. The name carries a hash of the sources, so a server may cache it for a long time.
* Every stylesheet and script of ours in the built site is minified in place (comments and spaces
  only: names are kept, so an error message still points at a readable function).

The sources in ``docs/assets`` stay as written; only ``site/`` gets the minified copies.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

import rcssmin
import rjsmin

BUNDLE_DIR = "assets/stylesheets"
BUNDLE_STEM = "course"
# Material's own files are minified already (hashed names) and the search worker is not ours.
SCRIPT_DIR = "assets/javascripts"
STYLE_DIR = "assets/stylesheets"


class AssetError(Exception):
    """A stylesheet listed in ``extra_css`` that cannot be bundled; the message says which and why."""


def _is_ours(path: Path) -> bool:
    return ".min." not in path.name


def check_sources(docs_dir: Path, sources: list[str]) -> None:
    """Every ``extra_css`` entry must be a stylesheet under ``assets/stylesheets`` of ``docs_dir``
    (url() paths in the bundle then still resolve from the same folder)."""
    problems = []
    for src in sources:
        if "://" in src or src.startswith("/"):
            problems.append(f"{src}: only the site's own stylesheets can be listed (no address)")
        elif posixpath.dirname(posixpath.normpath(src)) != BUNDLE_DIR or not src.endswith(".css"):
            problems.append(f"{src}: stylesheets live in docs/{BUNDLE_DIR}/ and end in .css")
        elif not (docs_dir / src).is_file():
            problems.append(f"{src}: no such file in {docs_dir.name}/")
    if problems:
        raise AssetError("\n".join(f"mkdocs.yml extra_css: {p}" for p in problems))


def bundle_name(docs_dir: Path, sources: list[str]) -> str:
    """``assets/stylesheets/course.<hash>.min.css`` for these sources (the hash of their text, in
    order), after ``check_sources``."""
    check_sources(docs_dir, sources)
    digest = hashlib.sha256()
    for src in sources:
        digest.update(src.encode() + b"\0" + (docs_dir / src).read_bytes() + b"\0")
    return f"{BUNDLE_DIR}/{BUNDLE_STEM}.{digest.hexdigest()[:8]}.min.css"


def bundle_text(docs_dir: Path, sources: list[str]) -> str:
    """The minified stylesheets, one after the other in the order given (the cascade is kept)."""
    return "\n".join(
        rcssmin.cssmin((docs_dir / src).read_text(encoding="utf-8")) for src in sources
    )


def write_bundle(site_dir: Path, docs_dir: Path, sources: list[str]) -> Path:
    """Write the bundle into the built site; returns its path."""
    target = site_dir / bundle_name(docs_dir, sources)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bundle_text(docs_dir, sources), encoding="utf-8")
    return target


def minify_in_place(site_dir: Path) -> list[Path]:
    """Minify our scripts and stylesheets in the built site (not Material's ``*.min.*`` files, not
    the search worker or lunr folders); returns the files changed."""
    changed = []
    for folder, suffix, minify in (
        (SCRIPT_DIR, ".js", rjsmin.jsmin),
        (STYLE_DIR, ".css", rcssmin.cssmin),
    ):
        directory = site_dir / folder
        if not directory.is_dir():
            continue
        for path in sorted(
            directory.glob(f"*{suffix}")
        ):  # top level only: workers/, lunr/ are not ours
            if not _is_ours(path):
                continue
            text = path.read_text(encoding="utf-8")
            small = minify(text)
            if small != text:
                path.write_text(small, encoding="utf-8")
                changed.append(path)
    return changed
