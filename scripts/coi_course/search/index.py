"""Thai search for Material for MkDocs (issue 5), used by the thin hook scripts/hooks/thai_search.py.

What a build gets:

1. **Segmented index.** Every run of Thai text in ``search/search_index.json`` is cut into words by
   PyThaiNLP ``newmm`` with the project dictionary (``data/thai_terms.txt``), each word is cut again
   into its smallest dictionary words (การ|บริหาร for การบริหาร, see ``thai_words``), and the
   words are joined with U+200B, which the search ``separator`` splits on. A word inside a compound
   is thus a word of the index, and a compound is found as its small words (issue 16: this replaced
   a hidden field of extra words per section, which made the index 1.5 times stock Material's).
2. **Query segmentation.** ``data/thai_query.js`` is appended to Material's search worker and run on
   each query: Thai is cut into the fewest words of the index vocabulary (no dictionary download),
   so into the same small words, and several words become an AND query, with OR as the fallback;
   synonyms (``data/search_synonyms.yml``) and spellings with or without dots and thousands
   separators are mapped to the index's words (issue 15, see the file).
3. **Per-language indexes.** The one index that mkdocs-static-i18n writes is split: Thai entries stay
   in ``search/search_index.json``, English ones go to ``en/search/search_index.json``; Material's
   bundle is patched to load the index of the page's ``<html lang>``.
4. **Light payload.** Quiz pages are left out, the JSON is written as UTF-8 (not ``\\uXXXX``), and the
   ``th`` that mkdocs-static-i18n adds to ``search.lang`` is removed, so no visitor downloads
   ``wordcut.js`` (677 KB) and ``lunr.th``.
5. **Nothing until it is used** (issue 16). Material's bundle creates the search worker and fetches
   the index on every page load; patched, it waits for the learner's intent (pointer or focus on
   the search box, the keyboard shortcut, a ``?q=`` link), see ``data/search_intent.js``.

Both JavaScript patches look for exact strings of mkdocs-material 9.8.2 (pinned in pyproject.toml);
if a string is missing, ``ThaiSearchError`` is raised and the build fails.

Segmentation runs in a helper process (``coi_course.search.thai_words``) started with the build and fed page
by page, so that loading the dictionary and cutting the text overlap with MkDocs rendering the pages;
its results are cached in ``.cache/thai-search/`` for the next build (see ``Segmentation``).
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from ..errors import SourceErrors
from .synonyms import load_synonyms
from .thai_words import TERMS_FILE, THAI_RUN, Analysis

ZWSP = "\u200b"
REPLACED_LANGS = {"th"}  # lunr languages this module replaces (no wordcut.js, no lunr.th)
QUIZ_DIR = "quizzes/"
INDEX_PATH = "search/search_index.json"
QUERY_JS = Path(__file__).parents[1] / "data" / "thai_query.js"
MARKER = "/*coi-thai-search*/"

# Exact strings of mkdocs-material 9.8.2's minified JavaScript that the patches rely on.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_ANCHOR = 'search(e){if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),'
WORKER_REPLACEMENT = (
    'search(e){if(e=__coiThaiQuery(e,this.index),e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),'
)
# Scoring of each result: multiplied by the phrase boost of data/thai_query.js.
SCORE_ANCHOR = "s.push(B(_({},c),{score:a*(1+K(g,2)),terms:f}))"
SCORE_REPLACEMENT = "s.push(B(_({},c),{score:a*(1+K(g,2))*__coiPhraseBoost(u.metadata),terms:f}))"
# The results sent to the page: their text shortened by data/thai_query.js.
RESULTS_ANCHOR = "return _({items:[...n.values()]}"
RESULTS_REPLACEMENT = "return _({items:__coiShortResults([...n.values()])}"
# The worker's setup: it fetches the index itself when sent its address (data/thai_query.js).
SETUP_ANCHOR = "case 0:return yield Ie(t.data.config),de=new U(t.data),{type:1}"
SETUP_REPLACEMENT = (
    "case 0:return t.data=yield __coiIndexData(t.data),yield Ie(t.data.config),"
    "de=new U(t.data),{type:1}"
)
# The index as the page asks for it: fetched and parsed on the page, then copied to the worker.
FETCH_ANCHOR = 'ze(new URL("search/search_index.json",Or.base))'
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
BUNDLE_ANCHOR = 'new URL("search/search_index.json",Or.base)'
# Search setup: the worker is created at once, the index fetched at once unless on file:.
LAZY_ANCHOR = 'function Ei(e,t){let r=Mn(e);return L($(location.protocol!=="file:"),Je("search"))'
LAZY_REPLACEMENT = (
    "function Ei(e,t){let r=Mn(e,__coiLazyWorker(e));"
    'return L($(__coiSearchWanted()),h(window,"coi-search-intent"),Je("search"))'
)
# Highlighting of the terms of a result (?h=) subscribes to the index on every page.
HIGHLIGHT_ANCHOR = "function Ai(e,{index$:t,location$:r}){return z([t,"
HIGHLIGHT_REPLACEMENT = (
    'function Ai(e,{index$:t,location$:r}){return z([we().searchParams.get("h")?t:tt,'
)
# Rendering of a group of results (a page and its sections), some of which match no term.
GROUP_ANCHOR = "function Fn(e){let t=e[0].score"
GROUP_REPLACEMENT = "function Fn(e){e=__coiGroupTerms(e);let t=e[0].score"
BUNDLE_JS = [
    Path(__file__).parents[1] / "data" / f for f in ("search_intent.js", "search_highlight.js")
]
# Characters after which no U+200B is needed at the edge of a Thai run.
_SEPARATED = re.compile(r"[\s\u200b<>\-]")


class ThaiSearchError(Exception):
    """The build cannot produce a working Thai search (the hook turns it into a build error)."""


class Analyser(Protocol):
    def analyse_many(self, runs: Iterable[str]) -> Mapping[str, Analysis]: ...


# --- search index ----------------------------------------------------------------------------------


def thai_runs(text: str) -> list[str]:
    return THAI_RUN.findall(text)


def segment_text(text: str, analysed: Mapping[str, Analysis]) -> str:
    """Insert U+200B between the smallest Thai words of ``text`` (HTML is left alone: tags hold no
    Thai) and at the edges of each Thai run that touches other text, e.g. ``(ทุจริต)`` or
    ``3,000บาท``."""

    def cut(match: re.Match) -> str:
        start, end = match.span()
        joined = ZWSP.join(analysed[match.group()][1])
        if start > 0 and not _SEPARATED.match(text[start - 1]):
            joined = ZWSP + joined
        if end < len(text) and not _SEPARATED.match(text[end]):
            joined += ZWSP
        return joined

    return THAI_RUN.sub(cut, text)


def index_runs(docs: Iterable[dict]) -> set[str]:
    runs: set[str] = set()
    for doc in docs:
        runs.update(thai_runs(doc.get("title", "")))
        runs.update(thai_runs(doc.get("text", "")))
    return runs


def is_quiz(location: str, prefixes: Iterable[str]) -> bool:
    return any(location.startswith(prefix + QUIZ_DIR) for prefix in {"", *prefixes})


def check_separator(separator: str) -> None:
    try:
        works = re.split(separator, f"a{ZWSP}b") == ["a", "b"]
    except re.error:
        works = False
    if not works:
        raise ThaiSearchError(
            f"the search separator {separator!r} does not split on U+200B; set "
            "plugins.search.separator to '[\\s\\u200b\\-]+' in mkdocs.yml"
        )


def rewrite_index(data: dict, analysed: Mapping[str, Analysis]) -> dict:
    """One language's index, segmented: Thai cut into its smallest dictionary words, joined with
    U+200B. The ``lang`` that would make visitors download a Thai dictionary is dropped."""
    config = dict(data["config"])
    check_separator(config["separator"])
    config["lang"] = [lang for lang in config["lang"] if lang not in REPLACED_LANGS] or ["en"]
    docs: list[dict] = []
    for doc in data["docs"]:
        doc = dict(doc)
        for field in ("title", "text"):
            if field in doc:
                doc[field] = segment_text(doc[field], analysed)
        docs.append(doc)
    return {**data, "config": config, "docs": docs}


def split_by_language(data: dict, prefixes: Iterable[str]) -> dict[str, dict]:
    """One index per language folder ({"": default language, "en/": English, ...}) without quiz
    pages. Sections keep their order (Material expects a page before its sections)."""
    prefixes = sorted((p for p in prefixes if p), key=len, reverse=True)
    parts: dict[str, list] = {"": [], **{p: [] for p in prefixes}}
    for doc in data["docs"]:
        if is_quiz(doc["location"], prefixes):
            continue
        prefix = next((p for p in prefixes if doc["location"].startswith(p)), "")
        parts[prefix].append(doc)
    return {prefix: {**data, "docs": docs} for prefix, docs in parts.items()}


def dump_index(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- JavaScript patches ----------------------------------------------------------------------------


def _replace_once(js: str, anchor: str, replacement: str, what: str) -> str:
    count = js.count(anchor)
    if count != 1:
        raise ThaiSearchError(
            f"cannot patch {what}: expected the string {anchor!r} once, found it {count} times. "
            "mkdocs-material must stay at the pinned version 9.8.2, or the Thai search patch in "
            "scripts/coi_course/thai_search.py must be updated for the new version"
        )
    return js.replace(anchor, replacement)


def patch_worker(js: str, synonyms: Mapping[str, str] | None = None) -> str:
    """Material's search worker with Thai query segmentation, the search synonyms
    ({typed: found}, see ``synonyms.py``) and short result texts (idempotent)."""
    if MARKER in js:
        return js
    js = _replace_once(js, WORKER_ANCHOR, WORKER_REPLACEMENT, "Material's search worker")
    js = _replace_once(js, SCORE_ANCHOR, SCORE_REPLACEMENT, "Material's search worker (scores)")
    js = _replace_once(
        js, RESULTS_ANCHOR, RESULTS_REPLACEMENT, "Material's search worker (results)"
    )
    js = _replace_once(js, SETUP_ANCHOR, SETUP_REPLACEMENT, "Material's search worker (setup)")
    table = json.dumps(dict(synonyms or {}), ensure_ascii=False, separators=(",", ":"))
    code = f"{MARKER}\nvar __coiSynonyms={table};\n" + QUERY_JS.read_text(encoding="utf-8")
    return _append_before_source_map(js, code)


def _append_before_source_map(js: str, code: str) -> str:
    head, sep, source_map = js.rpartition("\n//# sourceMappingURL=")
    if sep:  # keep the source map comment last
        return f"{head}\n{code}{sep}{source_map}"
    return f"{js}\n{code}"


def patch_bundle(js: str, index_by_lang: Mapping[str, str], config: Mapping | None = None) -> str:
    """Material's bundle (idempotent) that

    * fetches nothing for search until the learner shows intent (``data/search_intent.js``): the
      search worker is a stand-in until then and the index is not requested (the highlighting of
      search terms only asks for it on a page opened from a result, with ``?h=``), and
    * loads the search index of the page's language: ``index_by_lang`` maps an ``<html lang>``
      to its index, e.g. {"en": "en/search/search_index.json"}; any other language loads the
      default ``search/search_index.json``, and
    * gives a result that matches no term itself (a page whose sections matched) the terms of its
      sections, so that it opens highlighted (``data/search_highlight.js``), and
    * with ``config`` (the index's ``config``, the same in every language), lets the search worker
      fetch and read the index itself: the page passes the config and the index's address, and
      does not parse half a megabyte of JSON and copy it to the worker on its own main thread."""
    if MARKER in js:
        return js
    js = _replace_once(js, LAZY_ANCHOR, LAZY_REPLACEMENT, "Material's bundle (search setup)")
    js = _replace_once(js, HIGHLIGHT_ANCHOR, HIGHLIGHT_REPLACEMENT, "Material's bundle (highlight)")
    js = _replace_once(js, GROUP_ANCHOR, GROUP_REPLACEMENT, "Material's bundle (results)")
    if config is not None:
        setup = json.dumps(dict(config), ensure_ascii=False, separators=(",", ":"))
        address = FETCH_ANCHOR.removeprefix("ze(").removesuffix(")")
        js = _replace_once(
            js,
            FETCH_ANCHOR,
            f'$({{config:{setup},docs:""+{address}}})',
            "Material's bundle (index)",
        )
    if index_by_lang:
        table = json.dumps(dict(index_by_lang), separators=(",", ":"))
        replacement = (
            f'new URL({MARKER}({table})[document.documentElement.lang]||"{INDEX_PATH}",Or.base)'
        )
        js = _replace_once(js, BUNDLE_ANCHOR, replacement, "Material's bundle")
    code = "\n".join(path.read_text(encoding="utf-8") for path in BUNDLE_JS)
    return _append_before_source_map(js, MARKER + "\n" + code)


def _patch_file(site: Path, pattern: str, patch) -> Path:
    matches = sorted(site.glob(pattern))
    if len(matches) != 1:
        raise ThaiSearchError(f"expected one file {pattern} in {site}, found {len(matches)}")
    path = matches[0]
    path.write_text(patch(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


# --- helper process --------------------------------------------------------------------------------


class SegmenterProcess:
    """Client of ``python -m coi_course.search.thai_words``: ``submit`` runs early (non-blocking), then
    ``analyse_many`` waits for what is still missing. Results are kept for later builds (serve)."""

    def __init__(self, terms_file: Path = TERMS_FILE, timeout: float = 120.0):
        env = {**os.environ}
        env.setdefault("PYTHAINLP_READ_ONLY", "1")
        env.setdefault("PYTHAINLP_OFFLINE", "1")
        self.timeout = timeout
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "coi_course.search.thai_words", str(terms_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self._results: dict[str, Analysis] = {}
        self._sent: set[str] = set()
        self._asked = 0
        self._answered = 0
        self._error: str | None = None
        self._cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                message = {"error": f"unexpected output: {line[:200]!r}"}
            with self._cond:
                if "error" in message:
                    self._error = message["error"]
                else:
                    self._results.update({k: (v[0], v[1]) for k, v in message.items()})
                    self._answered += 1
                self._cond.notify_all()
        with self._cond:
            if self._answered < self._asked and not self._error:
                self._error = f"the segmenter process exited with code {self._proc.wait()}"
            self._cond.notify_all()

    def submit(self, runs: Iterable[str]) -> None:
        new = [run for run in dict.fromkeys(runs) if run not in self._sent]
        if not new or self._error:
            return
        self._sent.update(new)
        with self._cond:
            self._asked += 1
        try:
            assert self._proc.stdin is not None
            self._proc.stdin.write(json.dumps(new, ensure_ascii=False) + "\n")
            self._proc.stdin.flush()
        except OSError as exc:
            with self._cond:
                self._error = f"the segmenter process is gone: {exc}"

    def analyse_many(self, runs: Iterable[str]) -> dict[str, Analysis]:
        runs = list(runs)
        self.submit(runs)
        with self._cond:
            done = self._cond.wait_for(
                lambda: self._error or self._answered >= self._asked, self.timeout
            )
            if self._error:
                raise ThaiSearchError(f"Thai word segmentation failed: {self._error}")
            if not done:
                raise ThaiSearchError(f"Thai word segmentation took over {self.timeout} s")
            return {run: self._results[run] for run in runs}

    def results(self) -> dict[str, Analysis]:
        """Every analysis received so far."""
        with self._cond:
            return dict(self._results)

    def close(self) -> None:
        """Stop the helper at once: it holds nothing but memory, and a clean exit would spend
        ~0.1 s freeing its dictionary while the build waits."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        try:
            if self._proc.stdin is not None:
                self._proc.stdin.close()
        except OSError:
            pass


def cache_key(terms_file: Path = TERMS_FILE) -> str:
    """Changes whenever the analysis of a run could change: this code, the project dictionary, or
    PyThaiNLP (its version and newmm), without importing PyThaiNLP."""
    pythainlp = Path(importlib.util.find_spec("pythainlp").origin).parent
    digest = hashlib.sha256()
    for path in (
        Path(__file__).with_name("thai_words.py"),
        terms_file,
        pythainlp / "__init__.py",
        pythainlp / "tokenize" / "newmm.py",
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Segmentation:
    """What the build asks for: analyses of Thai runs from a cache file of earlier builds
    (``.cache/thai-search/`` next to mkdocs.yml, ignored by git), the rest from the helper process,
    which is started only when a run is not in the cache. So a rebuild of unchanged pages does not
    load PyThaiNLP at all."""

    def __init__(self, cache_dir: Path | None, terms_file: Path = TERMS_FILE):
        self.terms_file = terms_file
        self.key = cache_key(terms_file)
        self.cache_file = cache_dir / f"analyses-{self.key}.json" if cache_dir else None
        self._cached: dict[str, Analysis] = {}
        if self.cache_file and self.cache_file.is_file():
            try:
                data = json.loads(self.cache_file.read_text(encoding="utf-8"))
                self._cached = {k: (v[0], v[1]) for k, v in data.items()}
            except (OSError, ValueError, IndexError, TypeError):
                self._cached = {}  # a damaged cache is rebuilt
        self._process: SegmenterProcess | None = None
        self._used: set[str] = set()
        self._new = False
        if not self._cached:  # a first build: load the dictionary while MkDocs reads the pages
            self.process  # noqa: B018 - starts the helper

    @property
    def process(self) -> SegmenterProcess:
        if self._process is None:
            self._process = SegmenterProcess(self.terms_file)
            atexit.register(self._process.close)
        return self._process

    @property
    def failed(self) -> bool:
        return self._process is not None and self._process._error is not None

    def submit(self, runs: Iterable[str]) -> None:
        runs = set(runs)
        self._used |= runs
        missing = [run for run in runs if run not in self._cached]
        if missing:
            self.process.submit(missing)

    def analyse_many(self, runs: Iterable[str]) -> dict[str, Analysis]:
        runs = list(runs)
        self._used.update(runs)
        missing = [run for run in runs if run not in self._cached]
        if missing:
            self._cached.update(self.process.analyse_many(missing))
            self._new = True
        return {run: self._cached[run] for run in runs}

    def save(self) -> None:
        """Keep the analyses of this run's text for the next build (only if something is new)."""
        if self._process is not None:  # pages' runs that the index did not need, e.g. in code
            fed = {r: a for r, a in self._process.results().items() if r not in self._cached}
            self._cached.update(fed)
            self._new |= bool(fed)
        if not (self.cache_file and self._new):
            return
        data = {run: self._cached[run] for run in sorted(self._used) if run in self._cached}
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            for old in self.cache_file.parent.glob("analyses-*.json"):
                if old != self.cache_file:
                    old.unlink(missing_ok=True)
            tmp = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.cache_file)  # atomic: parallel builds never read half a file
            self._new = False
        except OSError:
            pass  # a read-only checkout builds fine, only without the cache

    def close(self) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None


_segmentation: Segmentation | None = None


def segmenter(cache_dir: Path | None = None, renew: bool = False) -> Segmentation:
    """The segmentation of this MkDocs run, kept across ``mkdocs serve`` rebuilds. ``renew`` (at
    the start of each build) starts afresh if the project dictionary changed or the helper failed.
    COI_THAI_SEARCH_CACHE overrides the cache folder ("" turns the cache off)."""
    global _segmentation
    if _segmentation is not None and renew:
        if _segmentation.failed or _segmentation.key != cache_key(_segmentation.terms_file):
            stop()
    if _segmentation is None:
        override = os.environ.get("COI_THAI_SEARCH_CACHE")
        if override is not None:
            cache_dir = Path(override) if override else None
        _segmentation = Segmentation(cache_dir)
    return _segmentation


def stop() -> None:
    global _segmentation
    if _segmentation is not None:
        _segmentation.close()
        _segmentation = None


def feed_page(html: str) -> None:
    """Hand a rendered page's Thai text to the segmenter early (a cache warm-up: the index is
    built from the same text, so at the end little is left to do)."""
    segmenter().submit(thai_runs(html))


# --- build step ------------------------------------------------------------------------------------


def finish_build(
    site: Path, lang_prefixes: Mapping[str, str], analyser: Analyser | None = None
) -> dict[str, int]:
    """Rewrite and split the search index of a built site and patch Material's JavaScript.

    ``lang_prefixes`` maps each language to its folder ("" for the default language), e.g.
    ``{"th": "", "en": "en/"}``. Returns the number of index entries written per folder."""
    analyser = analyser or segmenter()
    path = site / INDEX_PATH
    if not path.is_file():
        raise ThaiSearchError(f"{path} is missing: is the search plugin enabled?")
    prefixes = [p for p in lang_prefixes.values() if p]
    # The worker patch first: it fails fast if Material changed (the bundle is patched once the
    # index config is known).
    try:
        synonyms = load_synonyms()
    except SourceErrors as exc:
        raise ThaiSearchError(str(exc)) from None
    _patch_file(site, WORKER_GLOB, lambda js: patch_worker(js, synonyms))
    data = json.loads(path.read_text(encoding="utf-8"))
    parts = split_by_language(data, prefixes)
    analysed = analyser.analyse_many(
        sorted(index_runs(d for p in parts.values() for d in p["docs"]))
    )
    counts, configs = {}, []
    for prefix, part in parts.items():
        rewritten = rewrite_index(part, analysed)
        out = site / prefix / INDEX_PATH
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(dump_index(rewritten), encoding="utf-8")
        counts[prefix] = len(part["docs"])
        configs.append(rewritten["config"])
    if any(c != configs[0] for c in configs):
        raise ThaiSearchError("the search indexes of the languages differ in their config")
    index_by_lang = {lang: p + INDEX_PATH for lang, p in lang_prefixes.items() if p}
    _patch_file(site, BUNDLE_GLOB, lambda js: patch_bundle(js, index_by_lang, configs[0]))
    if isinstance(analyser, Segmentation):
        analyser.save()
    return counts
