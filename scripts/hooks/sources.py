"""MkDocs glue, first of all hooks: the course tools must work on the project being built (the folder
of its mkdocs.yml); then the build stops with ``file:line: message`` lines when a page or include
cannot be read (not UTF-8, broken front matter) or a page is missing in one language.
Logic: coi_course.project and coi_course.course.sources."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coi_course.course.sources import check_sources
from coi_course.project import DOCS, INCLUDES, LANGUAGES, ROOT, root_mismatch


@event_priority(100)  # before every other hook and plugin reads a page
def on_config(config):
    if problem := root_mismatch(config.config_file_path):
        raise PluginError(problem)
    errors = check_sources(ROOT, DOCS, INCLUDES, LANGUAGES)
    if errors:
        raise PluginError(
            f"{len(errors)} problem(s) in pages:\n" + "\n".join(str(e) for e in errors)
        )
    return config
