"""MkDocs glue: before a build, make sure its output folder can be written (a plain message for a
read-only checkout) and take the output lock (two builds at once wait for each other).
Logic: coi_course.site.output."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from coi_course.site.output import lock_output, write_problem

log = logging.getLogger("mkdocs.hooks.site_dir")


@event_priority(90)
def on_config(config):
    site_dir = Path(config.site_dir)
    if problem := write_problem(site_dir):
        raise PluginError(problem)
    lock_output(site_dir, on_wait=log.info)
    return config
