"""The axe helpers the browser tests share (conftest.py) judge a page once it is still."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import blocking_violations, run_axe, wait_still

# Grey text on white (1.6:1) that a click fades to black over 1.5 s, as a hover or a header
# title fading in does on the site, only slower so that a run of axe lands inside it.
FADING = """<!doctype html><html lang="en"><title>fade</title>
<style>
  p { color: #ccc; transition: color 1.5s linear; }
  p.on { color: #000; }
  .spin { animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(1turn); } }
</style>
<main><p id="t">Text that fades in when asked.</p><span class="spin">*</span></main>"""


def _fade(page, seconds: float = 1.5) -> None:
    page.set_content(FADING.replace("1.5s", f"{seconds}s"))
    page.evaluate("document.getElementById('t').classList.add('on')")


@pytest.mark.browser
def test_axe_mid_fade_reports_low_contrast(page):
    """The failure the helpers guard against: axe run during a fade judges the colour of that
    moment (a slow fade here, so that a busy machine's axe still lands inside it)."""
    _fade(page, seconds=30)
    found = blocking_violations(Axe().run(page))
    assert any(v.startswith("color-contrast") for v in found), found


@pytest.mark.browser
def test_run_axe_waits_for_the_fade_and_ignores_endless_animations(page):
    _fade(page)
    assert blocking_violations(run_axe(Axe(), page)) == []
    assert page.evaluate("getComputedStyle(document.getElementById('t')).color") == "rgb(0, 0, 0)"


@pytest.mark.browser
def test_wait_still_names_what_never_stops(page):
    _fade(page, seconds=30)
    with pytest.raises(AssertionError, match=r"still animating after 300 ms: \['color on p\.on'\]"):
        wait_still(page, ms=300)
