"""Playwright driving Debian's chromium (Playwright's own browser download does not work offline)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}  # a common phone's viewport, in CSS pixels
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} not found: run 'make test', which installs Debian's chromium",
            pytrace=False,
        )
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Watched:
    """Requests and console errors seen by a page."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "404 http://..." for every response >= 400

    def foreign_requests(self, origin: str) -> list[str]:
        own = urlsplit(origin)
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and (urlsplit(u).hostname, urlsplit(u).port) != (own.hostname, own.port)
        ]


@pytest.fixture
def context(browser):
    """A fresh context per test. Its light colour scheme is what test_dark_mode.py counts on: axe
    runs in light in the other tests, in dark there."""
    ctx = browser.new_context(
        locale="th-TH", viewport={"width": 1280, "height": 900}, color_scheme="light"
    )
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A fresh page; ``page.watched`` records every request and console error."""
    pg = context.new_page()
    watched = Watched()
    pg.on("request", lambda r: watched.requests.append(r.url))
    pg.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    pg.on(
        "response",
        lambda r: watched.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    pg.on("pageerror", lambda e: watched.console_errors.append(str(e)))
    pg.watched = watched
    yield pg
    pg.close()


def tab_to(page, predicate_js: str, limit: int = 200) -> None:
    """Press Tab until ``predicate_js`` holds for the focused element; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    pytest.fail(f"Tab never reached: {predicate_js}")


def focus_outline_px(page) -> float:
    """Outline width of the focused element in px (0 when it has no outline)."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth); }"
    )


BLOCKING_IMPACTS = {"serious", "critical"}

# Resolves once no finite animation or transition runs (a finished one can start another, such as
# a header fading after a scroll); after ``ms`` it resolves with those still running.
WAIT_STILL = r"""ms => new Promise(done => {
  const end = performance.now() + ms;
  const running = () => document.getAnimations().filter(a => a.playState === 'running'
    && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  const step = () => {
    const now = running();
    if (!now.length || performance.now() > end) {
      const name = t => t ? t.localName + ((t.getAttribute('class') || '').trim()
        .split(/\s+/).filter(Boolean).map(c => '.' + c).join('')) : '?';
      return done(now.map(a => `${a.transitionProperty || a.animationName} on ${name(a.effect.target)}`));
    }
    Promise.race([Promise.all(now.map(a => a.finished.catch(() => null))),
                  new Promise(r => setTimeout(r, 250))])
      .then(() => requestAnimationFrame(() => setTimeout(step)));
  };
  requestAnimationFrame(() => setTimeout(step));
})"""


def wait_still(page, ms: int = 5000) -> None:
    """Wait until no colour, opacity or movement is half-way through a transition. axe judges the
    colours of the moment it runs: a button's hover fade or Material's header title fading after a
    scroll read as low contrast (the CI failure of test_course.py's axe test)."""
    running = page.evaluate(WAIT_STILL, ms)
    assert running == [], f"still animating after {ms} ms: {running}"


def run_axe(axe, page):
    """axe on the page as a reader sees each part of it, once it is still (``wait_still``). Blocks
    the browser skips until they come into view (``content-visibility: auto``, site.css) are laid
    out first: otherwise axe judges their colours against whatever lies at the place their
    estimated size puts them."""
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    wait_still(page)
    return axe.run(page)


def blocking_violations(results) -> list[str]:
    """The serious and critical axe violations, each with the first few elements it names."""
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def assert_axe_clean(axe, page, where: str) -> None:
    """No serious or critical axe violation on ``page`` as ``run_axe`` sees it."""
    blocking = blocking_violations(run_axe(axe, page))
    assert not blocking, f"{where}: " + "; ".join(blocking)


# Resolves once the element is no longer skipped by content-visibility (a frame or two after it
# came into view); gives up after about a second (an element hidden for another reason).
WAIT_LAID_OUT = """el => new Promise(done => {
  let frames = 0;
  const check = () => (el.checkVisibility({contentVisibilityAuto: true}) || ++frames > 60)
    ? done() : requestAnimationFrame(check);
  check();
})"""


def settled_layout(page, measure: str):
    """What ``measure`` (a JavaScript function returning JSON-able data) returns once the page's
    layout has settled: the fonts its text asked for have loaded, and the blocks content-visibility
    skips or lays out (site.css) have been decided for the current scroll position. Both happen in
    the browser's own frames after a layout, so this waits frames and measures again until two
    measurements agree (at most about 60 frames). "document.fonts.status === 'loaded'" alone is no
    proof: it is also 'loaded' before the first layout has asked for any font."""
    return page.evaluate(
        """async () => {
      const run = MEASURE;
      const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r)));
      let last;
      for (let i = 0; i < 30; i++) {
        await document.fonts.ready;
        await frame();
        await frame();
        const now = JSON.stringify(run());
        if (now === last) break;
        last = now;
      }
      return JSON.parse(last);
    }""".replace("MEASURE", measure)
    )


def shown_text(locator) -> str:
    """The text a reader sees in ``locator`` once it is on screen. Long pages lay out their blocks
    only as they come into view (site.css), and a block not laid out yet has no rendered text."""
    locator.scroll_into_view_if_needed()
    locator.evaluate(WAIT_LAID_OUT)
    return locator.inner_text()


def shown_texts(locator) -> list[str]:
    """``shown_text`` of every element ``locator`` matches."""
    return [shown_text(locator.nth(i)) for i in range(locator.count())]
