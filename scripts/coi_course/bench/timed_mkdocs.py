"""``python -m coi_course.bench.timed_mkdocs build ...``: MkDocs, plus the seconds spent inside hook
modules (importing them and running their events), written as JSON to $COI_BENCH_HOOK_TIME.

The quiz benchmark uses it to show what quiz generation itself costs per quiz, apart from the page
rendering that every page pays."""

from __future__ import annotations

import atexit
import functools
import json
import os
import sys
import time

from mkdocs.__main__ import cli
from mkdocs.config import config_options

_spent = {"hook_seconds": 0.0}
_load = config_options.Hooks._load_hook.__wrapped__


def _timed(fn):
    @functools.wraps(fn)  # keeps mkdocs_priority from @event_priority
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _spent["hook_seconds"] += time.perf_counter() - start

    return wrapper


@functools.cache
def _load_hook(self, name, path):
    start = time.perf_counter()
    module = _load(self, name, path)
    _spent["hook_seconds"] += time.perf_counter() - start
    for attr in dir(module):
        if attr.startswith("on_") and callable(getattr(module, attr)):
            setattr(module, attr, _timed(getattr(module, attr)))
    return module


@atexit.register
def _report() -> None:
    if target := os.environ.get("COI_BENCH_HOOK_TIME"):
        with open(target, "w", encoding="utf-8") as out:
            json.dump(_spent, out)


config_options.Hooks._load_hook = _load_hook

if __name__ == "__main__":
    sys.exit(cli(prog_name="mkdocs"))
