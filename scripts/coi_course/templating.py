"""The one Jinja environment for the HTML and Markdown that code produces (scripts/coi_course/templates/)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"


@cache
def template_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = lambda s, **kw: s.format(**kw)
    env.filters["md_text"] = markdown_text
    return env


def render(template: str, **context) -> str:
    return template_env().get_template(template).render(**context)


# What Python-Markdown (with the site's tables and mark extensions) lets a backslash escape.
_MARKDOWN_PUNCTUATION = re.compile("([" + re.escape("\\`*_{}[]()#+-.!|=") + "])")


def markdown_text(text: object) -> Markup:
    """Author text for a Markdown template: HTML-escaped, and Markdown's punctuation backslashed, so
    that ``*x*``, ``[x]`` or ``{: .class}`` show as typed instead of becoming emphasis, links or
    attributes."""
    return Markup(_MARKDOWN_PUNCTUATION.sub(r"\\\1", str(escape(str(text)))))


def html_title(text: object) -> str:
    """An author's page title as HTML that shows exactly what was typed.

    MkDocs themes print ``page.title`` and ``page.meta.title`` unescaped (in the heading, the
    navigation and ``<title>``), so author text must be escaped once before it gets there."""
    return str(escape(str(text)))
