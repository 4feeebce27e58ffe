"""Benchmark: the first load of each page type, ours against stock Material on the same content.

Builds the site twice from the same sources: as configured, and as stock Material would deliver it
(``search: {lang: th}``; without the hooks that only shape delivery: Thai search, image sizes,
the stylesheet bundle and minifying, Thai line-break marks; without our palette partials and the
early "js" class). Both keep the same lessons, quizzes, glossary and the rest of the theme
overrides that quizzes need, and the same docs/assets (so the stock build also has site.css's
content-visibility rules, for long pages and for the page under a phone's search panel: the
comparison is, if anything, kind to stock). Both are served under the same sub-path by a server
that gzips text as a web server would, each file compressed once before the first visit (as a
server of precompressed files). Then, for the home page, a lesson, a self-check, the post-test and
an English lesson:

* **bytes**: what a first visit fetches (every request until the network is quiet, in Debian's
  chromium, phone viewport, CPU slowed 4x), counted as gzip -6 bytes of each file, and what was
  fetched (by kind; search files named);
* **TBT** (total blocking time: long tasks' time over 50 ms, from first paint to 3 s after load,
  median of BENCH_PAGELOAD_VISITS visits, default 7, alternating ours and stock, printed with its
  range: with 3, one slow visit of stock's in a run could turn the verdict on a page) and
  **CLS** (layout shift, from the browser's own layout-shift entries, the worst visit), CPU slowed 4x;
* **search**: on the lesson, time from tapping the search button to the first results painted,
  the query typed at once, and from a further keystroke to its results (CPU slowed 4x), the median
  of BENCH_PAGELOAD_VISITS visits (alternating ours and stock), read from the page's own clock (see
  ``search_timing``). The first results are also printed as timed from the harness's click call,
  which adds Playwright's own checks before the tap reaches the page;
* **Lighthouse 12.2.3** (node_modules/.bin/lighthouse, mobile defaults, simulated throttling):
  performance, accessibility, best practices and SEO, the median of BENCH_PAGELOAD_RUNS runs
  (default 3; alternating ours and stock so both see the same machine load).

The machine is shared: Lighthouse scores and timings move with its load, so compare the two columns
of one run, not runs with each other. Environment: BENCH_PAGELOAD_VISITS, BENCH_PAGELOAD_RUNS,
BENCH_PAGELOAD_LIGHTHOUSE=0 to skip Lighthouse.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from ..project import ROOT
from ..site.serve import SiteServer
from .search import CHROMIUM, CHROMIUM_ARGS, SUB_PATH, build, stock_config

PAGES = {  # page type: location
    "home": "",
    "lesson": "lessons/gifts/",
    "self-check": "quizzes/gifts-self-check/",
    "post-test": "quizzes/post-test/",
    "English lesson": "en/lessons/gifts/",
}
# Hooks that only shape how pages are delivered (stock Material has none of them).
DELIVERY_HOOKS = {
    f"  - scripts/hooks/{name}.py" for name in ("images", "assets", "thai_line_breaks")
}
# Our theme files that replace Material's palette handling; stock uses Material's own.
PALETTE_OVERRIDES = ("partials/palette.html", "partials/javascripts/palette.html")
EARLY_JS_CLASS = re.compile(r"\n *<script>document\.documentElement\.className[^\n]*</script>")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CPU_SLOWDOWN = 4
PHONE = {"width": 390, "height": 844}
TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
TARGETS = {"bytes vs stock": 0.5, "CLS": 0.02, "performance": 95}

# Observers installed before any page script: layout shifts and long tasks, kept on window.
OBSERVE_JS = """
window.__bench = {cls: 0, long: []};
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__bench.cls += e.value
}).observe({type: "layout-shift", buffered: true});
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__bench.long.push([e.startTime, e.duration])
}).observe({type: "longtask", buffered: true});
"""
METRICS_JS = """
() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]
  const start = fcp ? fcp.startTime : 0
  const end = performance.timing.loadEventEnd - performance.timing.navigationStart + 3000
  const tbt = window.__bench.long
    .filter(([s]) => s >= start && s <= end)
    .reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0)
  return {cls: window.__bench.cls, tbt: tbt, fcp: start}
}
"""


_GZIPPED: dict[tuple[str, int, int], bytes] = {}


def gzipped(path: Path) -> bytes:
    """``path`` compressed (gzip -6), kept until the file changes: what the server sends and what
    the byte counts of a first visit count."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    body = _GZIPPED.get(key)
    if body is None:
        body = _GZIPPED[key] = gzip.compress(path.read_bytes(), 6)
    return body


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves under a prefix and gzips text like a configured web server (Lighthouse and the
    browser then see realistic transfer sizes). Each file is compressed once (``gzipped``), as a
    web server serving precompressed files or a cache in front of it would: compressing the 518 KB
    search index again on each request took 20-50 ms of the same two cores that run the phone
    emulation, inside the timed search."""

    prefix = SUB_PATH

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in TEXT_TYPES):
            return super().do_GET()
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "text/plain")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


class _GzipServer(SiteServer):
    """``SiteServer`` with the gzip handler."""

    def __init__(self, root: Path):
        super().__init__(root, prefix=SUB_PATH)
        handler = type("Handler", (_GzipHandler,), {"prefix": SUB_PATH})
        handler.extensions_map = {**handler.extensions_map, ".js": "text/javascript"}
        self.httpd.RequestHandlerClass = functools.partial(handler, directory=str(root))
        for path in sorted(root.rglob("*")):  # compressed before the first visit, as gzip_static
            if path.suffix in TEXT_TYPES and path.is_file():
                gzipped(path)


def stock_page_config(text: str, overrides: str = "overrides") -> str:
    """mkdocs.yml as stock Material would build the same content (see the module), with the theme
    overrides taken from the folder ``overrides``."""
    lines = [line for line in stock_config(text).split("\n") if line not in DELIVERY_HOOKS]
    return "\n".join(
        f"  custom_dir: {json.dumps(overrides)}"
        if line.strip() == "custom_dir: overrides"
        else line
        for line in lines
    )


def write_stock_overrides(dest: Path) -> None:
    """Our theme overrides as stock uses them: Material's palette handling, no early "js" class."""
    shutil.copytree(ROOT / "overrides", dest)
    for rel in PALETTE_OVERRIDES:
        (dest / rel).unlink()
    main = dest / "main.html"
    main.write_text(EARLY_JS_CLASS.sub("", main.read_text(encoding="utf-8")), encoding="utf-8")


# --- measuring -------------------------------------------------------------------------------------


def _kind(rel: str) -> str:
    if "search" in rel or "/lunr/" in rel:
        return "search"
    suffix = Path(rel.split("?")[0]).suffix or ".html"
    return {".woff2": "font", ".svg": "image", ".png": "image"}.get(suffix, suffix.lstrip("."))


def first_load(browser, site: Path, url: str, path: str) -> dict:
    """Bytes, requests, TBT and CLS of one first visit (fresh context, CPU slowed)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True)
    context.add_init_script(OBSERVE_JS)
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url + path, wait_until="networkidle")
    page.wait_for_timeout(3000)  # late shifts and tasks (fonts, scripts after load)
    metrics = page.evaluate(METRICS_JS)
    context.close()
    files: list[str] = []
    for u in dict.fromkeys(urls):
        rel = urlsplit(u).path.removeprefix(SUB_PATH)
        if urlsplit(u).scheme.startswith("http"):
            files.append(rel or "index.html")
    size = 0
    kinds: dict[str, int] = {}
    for rel in files:
        target = site / rel
        if target.is_dir() or rel.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            size += len(gzipped(target))
        kind = _kind(rel)
        kinds[kind] = kinds.get(kind, 0) + 1
    return {"bytes": size, "files": files, "kinds": kinds, **metrics}


# Search timings kept in the page: the tap (the first pointerdown), the last input event, and when
# the results list was first shown and last changed (the task after the frame that painted it).
SEARCH_CLOCK_JS = """
() => {
  const clock = window.__searchClock = {tap: null, input: null, shown: null, changed: null}
  document.addEventListener("pointerdown", e => { if (clock.tap === null) clock.tap = e.timeStamp },
    {capture: true})
  document.addEventListener("input", e => { clock.input = e.timeStamp }, {capture: true})
  const painted = then => requestAnimationFrame(() => setTimeout(() => then(performance.now())))
  new MutationObserver(() => {
    painted(t => { if (clock.changed === null) clock.changed = t })
    if (clock.shown === null && document.querySelector(".md-search-result__item"))
      painted(t => { if (clock.shown === null) clock.shown = t })
  }).observe(document.querySelector(".md-search-result"),
    {childList: true, subtree: true, characterData: true})
}
"""


def search_timing(browser, url: str, path: str, query: str = "ของขวัญ") -> dict[str, float]:
    """Search on a phone with the CPU slowed, on a page loaded without search, in ms:

    * ``first``: from tapping the search button (the pointerdown event) to the first results
      painted, the query typed at once after the tap;
    * ``further``: from one more keystroke (its input event) to its results painted;
    * ``from click``: as ``first``, but from the moment the harness asks Playwright to click, so it
      includes Playwright's own checks before the tap reaches the page (scrolling the button into
      view, waiting two frames for it to be stable, hit-testing), which no learner waits for.

    All three are read from the page's clock, so Playwright's polling cannot make them later."""
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url + path, wait_until="networkidle")
    page.evaluate(SEARCH_CLOCK_JS)
    clock = "window.__searchClock"
    # Playwright's own helper script for wait_for_function is set up in the page on first use
    # (about 50 ms of the page's main thread, CPU slowed): before the tap, not while it is timed.
    page.wait_for_function("() => true")
    started = page.evaluate("performance.now()")
    page.click("label.md-header__button[for=__search]")  # the phone's search button
    page.locator(".md-search__input").wait_for(state="visible")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Thai is typed as text without key events: Material reads keyup
    page.wait_for_function(f"{clock}.shown !== null", timeout=60000, polling=50)
    shown = page.evaluate(clock)
    first, from_click = shown["shown"] - shown["tap"], shown["shown"] - started
    page.wait_for_timeout(500)  # let the last keystrokes' results settle
    page.evaluate(f"{clock}.changed = null")
    page.keyboard.type("ก")  # one more keystroke
    page.keyboard.press("End")
    page.wait_for_function(f"{clock}.changed !== null", timeout=60000, polling=50)
    further = page.evaluate(f"{clock}.changed - {clock}.input")
    context.close()
    return {"first": first, "further": further, "from click": from_click}


def lighthouse(url: str) -> dict[str, float] | None:
    """Lighthouse category scores (0-100) of one run, or None if it failed."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or not out.is_file():
            print(f"  lighthouse failed on {url}: {proc.stderr.strip()[-300:]}")
            return None
        report = json.loads(out.read_text("utf-8"))
    scores = {k: report["categories"][k]["score"] for k in CATEGORIES}
    if any(v is None for v in scores.values()):
        return None
    scores = {k: round(v * 100) for k, v in scores.items()}
    audits = report["audits"]
    scores["LCP s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    scores["TBT ms"] = audits["total-blocking-time"]["numericValue"]
    return scores


# --- the run ---------------------------------------------------------------------------------------

OURS, STOCK = "ours", "stock"


def run(args) -> int:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    visits_per_page = int(os.environ.get("BENCH_PAGELOAD_VISITS", "7"))
    runs = int(os.environ.get("BENCH_PAGELOAD_RUNS", "3"))  # Lighthouse
    with_lighthouse = os.environ.get("BENCH_PAGELOAD_LIGHTHOUSE", "1") != "0"
    if with_lighthouse and not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run 'make node'")
    with tempfile.TemporaryDirectory() as tmp:
        # Nothing is written into the project: stock's theme overrides go to the temporary folder,
        # and its config is built from its text (read as if it were mkdocs.yml, see search.build).
        stock_overrides = Path(tmp) / "stock-overrides"
        write_stock_overrides(stock_overrides)
        stock_cfg = stock_page_config(
            (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), str(stock_overrides)
        )
        sites = {OURS: Path(tmp) / "ours", STOCK: Path(tmp) / "stock"}
        build(ROOT / "mkdocs.yml", sites[OURS], str(ROOT / ".cache" / "thai-search"))
        build(stock_cfg, sites[STOCK])
        servers = {key: _GzipServer(site) for key, site in sites.items()}
        for server in servers.values():
            server.__enter__()
        try:
            loads: dict[str, dict[str, dict]] = {OURS: {}, STOCK: {}}
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                for kind, path in PAGES.items():
                    visits: dict[str, list[dict]] = {OURS: [], STOCK: []}
                    for i in range(visits_per_page):  # alternating: both see the same load
                        for key in (OURS, STOCK) if i % 2 == 0 else (STOCK, OURS):
                            visits[key].append(
                                first_load(browser, sites[key], servers[key].url, path)
                            )
                    for key, found in visits.items():
                        loads[key][kind] = _load_summary(found)
                searches: dict[str, list[dict[str, float]]] = {OURS: [], STOCK: []}
                for i in range(visits_per_page):  # alternating: both see the same load
                    for key in (OURS, STOCK) if i % 2 == 0 else (STOCK, OURS):
                        try:
                            searches[key].append(
                                search_timing(browser, servers[key].url, PAGES["lesson"])
                            )
                        except PlaywrightError as exc:
                            print(f"  search timing failed ({key}): {exc}")
                timings = {key: _search_summary(found) for key, found in searches.items()}
                browser.close()
            scores: dict[str, dict[str, list[dict]]] = {OURS: {}, STOCK: {}}
            if with_lighthouse:
                for i in range(runs):
                    for kind, path in PAGES.items():
                        order = (OURS, STOCK) if i % 2 == 0 else (STOCK, OURS)
                        for key in order:
                            result = lighthouse(servers[key].url + path)
                            if result:
                                scores[key].setdefault(kind, []).append(result)
        finally:
            for server in servers.values():
                server.__exit__(None, None, None)
    return _report(loads, timings, scores, runs)


def _load_summary(visits: list[dict]) -> dict:
    """One page's first visits: the first visit's bytes and files, the median TBT (with every
    visit's TBT, sorted) and the largest CLS."""
    tbts = sorted(v["tbt"] for v in visits)
    return {
        **visits[0],
        "tbt": statistics.median(tbts),
        "tbts": tbts,
        "cls": max(v["cls"] for v in visits),
    }


SEARCH_MEASURES = ("first", "further", "from click")


def _search_summary(found: list[dict[str, float]]) -> dict[str, list[float]]:
    """Search timings of several visits: each measure's values, sorted (empty if all failed)."""
    return {name: sorted(visit[name] for visit in found) for name in SEARCH_MEASURES}


def _range(values: list[float]) -> str:
    """The range of sorted values, as (low-high)."""
    return f"({values[0]:.0f}-{values[-1]:.0f})"


def _median(results: list[dict], key: str) -> float | None:
    values = [r[key] for r in results if key in r]
    return statistics.median(values) if values else None


def _report(loads, timings, scores, runs) -> int:
    print("Page-load benchmark: first visit, phone viewport, CPU slowed 4x, gzip -6 bytes")
    visits = max((len(m["tbts"]) for m in loads[OURS].values()), default=0)
    print(
        f"TBT: median of {visits} visits (ours and stock alternating), with its range;"
        " CLS: the largest"
    )
    print(
        f"{'page':16} {'':6} {'gzip KB':>8} {'req':>4} {'TBT ms':>7} {'(range)':>11}"
        f" {'CLS':>6}  fetched"
    )
    verdicts = []
    for kind in PAGES:
        for key in (OURS, STOCK):
            m = loads[key][kind]
            fetched = " ".join(f"{k}:{v}" for k, v in sorted(m["kinds"].items()))
            print(
                f"{kind if key == OURS else '':16} {key:6} {m['bytes'] / 1024:>8.1f}"
                f" {len(m['files']):>4} {m['tbt']:>7.0f} {_range(m['tbts']):>11}"
                f" {m['cls']:>6.3f}  {fetched}"
            )
        ours, stock = loads[OURS][kind], loads[STOCK][kind]
        searched = [f for f in ours["files"] if _kind(f) == "search"]
        if searched:
            print(f"{'':16} ours fetched search files on load: {' '.join(searched)}")
        verdicts.append((f"{kind}: bytes <= half of stock", ours["bytes"] <= stock["bytes"] / 2))
        verdicts.append((f"{kind}: TBT no worse than stock", ours["tbt"] <= stock["tbt"]))
        verdicts.append((f"{kind}: CLS <= {TARGETS['CLS']}", ours["cls"] <= TARGETS["CLS"]))
        verdicts.append((f"{kind}: no search file on load", not searched))
    print()
    print(
        "search on the lesson, CPU slowed 4x (ms, median and range of the visits, ours and stock"
        " alternating):"
    )
    print(
        "  tap to first results / one more keystroke to its results"
        " / (first results from Playwright's click call)"
    )
    for key in (OURS, STOCK):
        cells = []
        for name in SEARCH_MEASURES:
            values = timings[key][name]
            cells.append(
                f"{statistics.median(values):6.0f} {_range(values)}" if values else f"{'failed':>6}"
            )
        print(
            f"  {key:6} {cells[0]:>18} / {cells[1]:>16} / ({cells[2]})"
            f"  ({len(timings[key]['first'])} visits)"
        )
    first, further = timings[OURS]["first"], timings[OURS]["further"]
    verdicts.append(
        (
            "search: first results within 1 s of the tap",
            bool(first) and statistics.median(first) <= 1000,
        )
    )
    verdicts.append(
        (
            "search: further keystroke within 300 ms",
            bool(further) and statistics.median(further) <= 300,
        )
    )
    if any(scores[OURS].values()):
        print()
        print(f"Lighthouse 12.2.3, mobile, median of up to {runs} runs (machine shared: noisy)")
        header = " ".join(f"{c[:11]:>11}" for c in (*CATEGORIES, "LCP s", "TBT ms"))
        print(f"{'page':16} {'':6} {header}")
        for kind in PAGES:
            for key in (OURS, STOCK):
                results = scores[key].get(kind, [])
                cells = []
                for c in (*CATEGORIES, "LCP s", "TBT ms"):
                    value = _median(results, c)
                    cells.append(f"{'-' if value is None else f'{value:.1f}':>11}")
                label = kind if key == OURS else ""
                print(f"{label:16} {key:6} {' '.join(cells)}  ({len(results)} runs)")
            perf = _median(scores[OURS].get(kind, []), "performance")
            verdicts.append(
                (f"{kind}: Lighthouse performance >= 95", perf is not None and perf >= 95)
            )
            others = [_median(scores[OURS].get(kind, []), c) for c in CATEGORIES[1:]]
            verdicts.append(
                (f"{kind}: a11y, best practices, SEO 100", all(v == 100 for v in others))
            )
        print(f"  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print()
    for name, ok in verdicts:
        print(f"  {'met    ' if ok else 'NOT MET'} {name}")
    return 0
