"""Our copies of Material partials differ from upstream only by the intended change."""

from __future__ import annotations

from pathlib import Path

import material

from coi_course.project import ROOT

UPSTREAM = Path(material.__file__).parent / "templates"


def _body(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if line.strip() and not line.startswith(("{#-", "  This file", "-#}"))
    ]


def test_search_partial_is_upstream_plus_dialog_name():
    ours = _body((ROOT / "overrides/partials/search.html").read_text(encoding="utf-8"))
    theirs = _body((UPSTREAM / "partials/search.html").read_text(encoding="utf-8"))
    assert len(ours) == len(theirs)
    changed = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    assert len(changed) == 1
    ours_line, their_line = changed[0]
    assert 'role="dialog"' in their_line and "aria-label=" not in their_line
    assert ours_line == their_line.replace(
        'role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    )
