"""The agency that runs the course: one settings block, ``extra.agency`` in mkdocs.yml.

Everything that names the office (home page, footer, completion record, officer's report) reads it
from here, so another office republishes the course by editing this block only::

    extra:
      agency:
        name: {th: "...", en: "..."}
        parent: {th: "...", en: "..."}
        logo: assets/images/favicon.svg        # path under docs/
        signer: {name: {th: ..., en: ...}, title: {th: ..., en: ...}}
        no_gift_announcement: {url: "https://..." or "", date: 2025-10-01 or null, title: {...}}
        gift_report_contact: {th: "...", en: "..."}

Markdown pages and the site's ``copyright`` / ``site_author`` settings name the agency with
placeholders such as ``{{ agency.name }}`` (see ``PLACEHOLDERS``); ``fill`` replaces them per language.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from ..errors import SourceError, SourceErrors
from ..yaml_source import Located, line_of, load_yaml
from .thai_dates import format_date

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^(https?://\S+)?$")]
BLOCK = ("extra", "agency")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(_Strict):
    th: Text
    en: Text

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class Signer(_Strict):
    name: Localized
    title: Localized


class Announcement(_Strict):
    """The office's own No Gift announcement; url and date may be left empty until confirmed."""

    url: Url = ""
    date: dt.date | None = None
    title: Localized


class Agency(_Strict):
    name: Localized
    parent: Localized
    logo: Text
    signer: Signer
    no_gift_announcement: Announcement
    gift_report_contact: Localized

    def values(self, lang: str) -> dict[str, str]:
        """Every placeholder's text in ``lang``."""
        notice = self.no_gift_announcement
        title = notice.title[lang]
        day = format_date(notice.date, lang) if notice.date else ""
        link = f"[{title}]({notice.url})" if notice.url else title
        return {
            "name": self.name[lang],
            "parent": self.parent[lang],
            "logo": self.logo,
            "signer.name": self.signer.name[lang],
            "signer.title": self.signer.title[lang],
            "gift_report_contact": self.gift_report_contact[lang],
            "no_gift_announcement.title": title,
            "no_gift_announcement.url": notice.url,
            "no_gift_announcement.date": day,
            "no_gift_announcement.link": f"{link} ({day})" if day else link,
        }


# What ``{{ agency.<key> }}`` can name (Agency.values gives each one's text).
PLACEHOLDERS = (
    "name",
    "parent",
    "logo",
    "signer.name",
    "signer.title",
    "gift_report_contact",
    "no_gift_announcement.title",
    "no_gift_announcement.url",
    "no_gift_announcement.date",
    "no_gift_announcement.link",
)
_PLACEHOLDER = re.compile(r"\{\{\s*agency\.([A-Za-z0-9_.]+)\s*\}\}")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


class AgencyError(SourceErrors):
    """The agency block (or a placeholder) is wrong; every problem as ``file:line: message``."""


# --- reading mkdocs.yml ------------------------------------------------------------------------


class _MkDocsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading that accepts (and ignores the values of) mkdocs.yml's ``!ENV``-style tags."""


_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs(path: Path, display: str = "mkdocs.yml") -> Located:
    """mkdocs.yml with line numbers (tags such as ``!ENV`` read as null)."""
    try:
        return load_yaml(path, display, loader_class=_MkDocsLoader)
    except SourceErrors as exc:
        raise AgencyError(exc.errors) from None
    except OSError as exc:
        raise AgencyError(
            [SourceError(display, None, f"cannot be read ({exc.strerror})")]
        ) from None


def _message(err: dict) -> str:
    where = ".".join(str(p) for p in (*BLOCK, *err["loc"]))
    kind = err["type"]
    if kind == "missing":
        return f"{where} is required"
    if kind == "extra_forbidden":
        return f"unknown key '{err['loc'][-1]}' in {'.'.join((*BLOCK, *map(str, err['loc'][:-1])))}"
    if kind in ("string_too_short", "string_type") and err.get("input") in ("", None):
        return f"{where} must not be empty"
    if kind == "string_pattern_mismatch":
        return (
            f"{where} must be empty or a web address starting with https://, got {err['input']!r}"
        )
    if kind.startswith("date"):
        return f"{where} must be a date written as YYYY-MM-DD, got {err.get('input')!r}"
    if kind in ("model_type", "dict_type"):
        return f'{where} must be a mapping such as {{th: "...", en: "..."}}'
    return f"{where}: {err['msg']}"


def validate(data, located: Located | None, display: str, docs: Path | None = None) -> Agency:
    """The Agency in ``data`` (the value of extra.agency), or AgencyError naming file and line."""

    def line(loc: tuple) -> int | None:
        return line_of(located, (*BLOCK, *loc)) if located is not None else None

    if data is None:
        raise AgencyError(
            [
                SourceError(
                    display,
                    line(()),
                    "extra.agency is missing: the course needs the "
                    "agency's name, signer and No Gift announcement (see the publisher's guide)",
                )
            ]
        )
    try:
        agency = Agency.model_validate(data)
    except ValidationError as exc:
        raise AgencyError(
            [SourceError(display, line(tuple(e["loc"])), _message(e)) for e in exc.errors()]
        ) from None
    if docs is not None and not (docs / agency.logo).is_file():
        raise AgencyError(
            [
                SourceError(
                    display, line(("logo",)), f"extra.agency.logo: no file docs/{agency.logo}"
                )
            ]
        )
    return agency


def load_agency(mkdocs_yml: Path, docs: Path | None = None) -> Agency:
    """The agency block of ``mkdocs_yml`` (used outside MkDocs, e.g. by the officer's report)."""
    located = read_mkdocs(mkdocs_yml, mkdocs_yml.name)
    data = located.data if isinstance(located.data, dict) else {}
    block = (data.get("extra") or {}).get("agency") if isinstance(data.get("extra"), dict) else None
    return validate(block, located, mkdocs_yml.name, docs)


def agency_from_config(data, config_file: str | Path | None, docs: Path | None = None) -> Agency:
    """Validate MkDocs' ``config.extra['agency']``; on error re-read the file for line numbers."""
    try:
        return validate(data, None, "mkdocs.yml", docs)
    except AgencyError:
        if not config_file:
            raise
    path = Path(config_file)
    located = read_mkdocs(path, path.name)
    return validate(data, located, path.name, docs)


# --- placeholders ------------------------------------------------------------------------------


def fill(text: str, agency: Agency, lang: str, display: str = "text") -> str:
    """``text`` with every ``{{ agency.x }}`` replaced by its value in ``lang``; code (fenced blocks
    and `code spans`) is left as written, so pages can show the placeholders themselves."""
    values = agency.values(lang)
    errors: list[SourceError] = []
    out, fence = [], None
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None:
            if stripped.startswith(fence):
                fence = None
            out.append(line)
            continue
        if "{{" not in line or fence is not None:
            out.append(line)
            continue

        def replace(match: re.Match, number=number) -> str:
            key = match.group(1)
            if key not in values:
                errors.append(
                    SourceError(
                        display,
                        number,
                        f"unknown placeholder {match.group(0)}; "
                        f"known: {', '.join('agency.' + k for k in PLACEHOLDERS)}",
                    )
                )
                return match.group(0)
            return values[key]

        parts, last = [], 0
        for code in _CODE_SPAN.finditer(line):
            parts.append(_PLACEHOLDER.sub(replace, line[last : code.start()]))
            parts.append(code.group(0))
            last = code.end()
        parts.append(_PLACEHOLDER.sub(replace, line[last:]))
        out.append("".join(parts))
    if errors:
        raise AgencyError(errors)
    return "\n".join(out)
