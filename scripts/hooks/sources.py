"""MkDocs glue: stop the build with ``file:line: message`` lines when a page or include cannot be read
(not UTF-8, broken front matter) or a page is missing in one language. Logic: coi_course.course.sources."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coi_course.course.sources import check_sources
from coi_course.project import DOCS, INCLUDES, LANGUAGES, ROOT


@event_priority(100)  # before every other hook and plugin reads a page
def on_config(config):
    errors = check_sources(ROOT, DOCS, INCLUDES, LANGUAGES)
    if errors:
        raise PluginError(
            f"{len(errors)} problem(s) in pages:\n" + "\n".join(str(e) for e in errors)
        )
    return config
