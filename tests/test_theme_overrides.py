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


def test_palette_partial_is_upstream_with_its_own_marker():
    ours = _body((ROOT / "overrides/partials/palette.html").read_text(encoding="utf-8"))
    theirs = _body((UPSTREAM / "partials/palette.html").read_text(encoding="utf-8"))
    assert len(ours) == len(theirs)
    changed = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    assert changed == [
        (
            '<form class="md-header__option" data-coi-palette>',
            '<form class="md-header__option" data-md-component="palette">',
        )
    ]


def test_palette_script_partial_replaces_upstream_that_still_exists():
    # Ours settles the palette in the header; upstream's (which only re-applied a saved choice)
    # must still exist under the same name, or Material moved it and ours is no longer used.
    assert (UPSTREAM / "partials/javascripts/palette.html").is_file()
    ours = (ROOT / "overrides/partials/javascripts/palette.html").read_text(encoding="utf-8")
    assert "data-coi-palette" in ours and '__md_get("__palette")' in ours
