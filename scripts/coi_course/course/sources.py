"""Checks on the files a build reads, before MkDocs reads them: every page and include is UTF-8 with
readable front matter, and every page exists in every language. Problems come back as
``file:line: message`` (MkDocs itself would stop with a traceback, or silently show a Thai page
inside English menus)."""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError, SourceErrors, not_utf8
from .lessons import split_front_matter

SETTINGS_FILES = ("mkdocs.yml", "pyproject.toml")


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_errors(path: Path, root: Path, front_matter: bool) -> list[SourceError]:
    display = _display(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [not_utf8(path, display)]
    if front_matter:
        try:
            split_front_matter(text, display)
        except SourceErrors as exc:
            return exc.errors
    return []


def _pages(docs: Path, lang: str) -> set[str]:
    folder = docs / lang
    return (
        {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
        if folder.is_dir()
        else set()
    )


def missing_translations(docs: Path, languages: tuple[str, ...], root: Path) -> list[SourceError]:
    """A page in one language folder and not in another: name the missing file."""
    pages = {lang: _pages(docs, lang) for lang in languages}
    errors = []
    for lang in languages:
        for other in languages:
            for rel in sorted(pages[other] - pages[lang]):
                missing = _display(docs / lang / rel, root)
                errors.append(
                    SourceError(
                        missing,
                        None,
                        f"this page is missing: {_display(docs / other / rel, root)} exists, "
                        f"and every page must exist in every language ({', '.join(languages)}); "
                        "write the translation under the same file name",
                    )
                )
    return list(dict.fromkeys(errors))


def check_sources(
    root: Path, docs: Path, includes: Path, languages: tuple[str, ...]
) -> list[SourceError]:
    """Every problem in the settings (mkdocs.yml, pyproject.toml), the pages (``docs/<lang>/**/*.md``)
    and ``includes/``, sorted by file."""
    errors = []
    for name in SETTINGS_FILES:
        if (root / name).is_file():
            errors += _read_errors(root / name, root, front_matter=False)
    for lang in languages:
        folder = docs / lang
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            errors += _read_errors(path, root, front_matter=True)
    for path in sorted(includes.rglob("*")) if includes.is_dir() else []:
        if path.is_file():
            errors += _read_errors(path, root, front_matter=False)
    return errors + missing_translations(docs, languages, root)
