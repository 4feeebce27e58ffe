"""MkDocs glue: before anything is dated ("last updated" lines, the edition on the certificate), make
sure the build date can be read; otherwise stop with why and how to fix it, never a silent guess.
Logic: coi_course.course.content_version."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coi_course.course.content_version import BuildDateError, course_sources, source_epoch
from coi_course.project import ROOT


@event_priority(80)  # after hooks/sources.py, before the certificate and last-updated hooks
def on_config(config):
    try:
        source_epoch(course_sources(ROOT), ROOT)
    except BuildDateError as exc:
        raise PluginError(f"build date: {exc}") from None
    return config
