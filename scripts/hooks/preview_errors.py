"""MkDocs glue for ``mkdocs serve``: a failed rebuild shows its messages in the browser, which reloads
by itself once the author fixes the file. Logic: coi_course.site.preview."""

from __future__ import annotations

import logging
from pathlib import Path

from coi_course.site.preview import catch_build_errors

log = logging.getLogger("mkdocs.hooks.preview_errors")


def on_serve(server, config, builder):
    if not getattr(server, "coi_errors_shown", False):  # once per server, not per rebuild
        server.builder = catch_build_errors(server.builder, Path(server.root), log.error)
        server.coi_errors_shown = True
    return server
