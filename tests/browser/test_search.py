"""Thai search (issue 5) in the real browser, on the real built site, through Material's search box.

Query words are picked at test time from the built pages (words from the middle of runs of Thai
text), so the tests follow the lessons as they are rewritten. The pitfalls named in the issue are
checked on a fixed set of sentences sent to the site's own (patched) search worker.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from coi_course.bench.search import article_texts
from coi_course.search import index as ts
from coi_course.search.index import INDEX_PATH
from coi_course.search.thai_words import THAI, Segmenter, WordDict
from tests.conftest import SUB_PATH

pytestmark = pytest.mark.browser

TOOL_PAGES = {"certificate", "progress", "gift-helper"}  # the "เครื่องมือ" section of the nav
STABLE_PAGES = ["", "privacy/", "lessons/what-is-coi/"]  # pages that exist in both languages
NONSENSE = {"th": "ฆฌฮฑฌ", "en": "qxzvwq"}
THAI_WORD = re.compile(rf"[{THAI}]{{3,}}")
# lunr's English stop words of six letters or more (Material drops stop words from queries)
LUNR_STOP_WORDS = {"across", "almost", "because", "cannot", "either", "however", "likely"}
LUNR_STOP_WORDS |= {"neither", "rather", "should"}


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter.default()


@pytest.fixture(scope="module")
def texts(built_site) -> dict[str, str]:
    return article_texts(built_site)


def _thai(texts):
    return {loc: t for loc, t in texts.items() if not loc.startswith(("en/", "quizzes/"))}


def _english(texts):
    return {loc: t for loc, t in texts.items() if loc.startswith("en/")}


def _mid_sentence_words(seg, texts, location, pairs=False, count=2) -> list[str]:
    """Words (or two adjacent words, no space) that are never first in their run of Thai text
    and are on at most 3 Thai pages: the least common first, then the longest."""
    thai = _thai(texts)
    found = set()
    for run in re.findall(rf"[{THAI}]+", thai[location]):
        words = seg.words_of(run)
        for i in range(1, len(words) - int(pairs)):
            word = words[i] + words[i + 1] if pairs else words[i]
            if THAI_WORD.fullmatch(word):
                found.add(word)
    ranked = sorted(found, key=lambda w: (sum(w in t for t in thai.values()), -len(w), w))
    assert ranked, f"no Thai words on {location!r}"
    return ranked[:count]


def search(page, url: str, query: str) -> list[str]:
    """Open ``url?q=query`` (Material opens its search with the query) and return the paths of
    the result pages, relative to the site root, in order."""
    page.goto(f"{url}?q={quote(query)}", wait_until="load")
    page.wait_for_function(
        """() => {
          const t = JSON.parse(document.getElementById("__config").textContent).translations
          const meta = document.querySelector(".md-search-result__meta")
          const text = meta ? meta.textContent.trim() : ""
          const other = new RegExp("^" + t["search.result.other"].replace("#", "\\\\d+") + "$")
          return text === t["search.result.none"] || text === t["search.result.one"]
            || other.test(text)
        }"""
    )
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
    )
    paths = [urlsplit(h).path for h in hrefs]
    assert all(p.startswith(SUB_PATH) for p in paths), paths
    return [p.removeprefix(SUB_PATH) for p in paths]


def _assert_language(paths: list[str], lang: str) -> None:
    wrong = [p for p in paths if p.startswith("en/") != (lang == "en")]
    assert not wrong, f"results in the wrong language: {wrong}"


@pytest.mark.parametrize("location", STABLE_PAGES)
def test_thai_words_from_the_middle_of_sentences_are_found(page, site_url, seg, texts, location):
    for word in _mid_sentence_words(seg, texts, location):
        found = search(page, site_url + location, word)
        assert location in found[:10], (word, found)
        _assert_language(found, "th")


@pytest.mark.parametrize("location", ["privacy/", "lessons/what-is-coi/"])
def test_several_thai_words_typed_without_spaces_are_found(page, site_url, seg, texts, location):
    for words in _mid_sentence_words(seg, texts, location, pairs=True):
        found = search(page, site_url, words)
        assert location in found[:10], (words, found)
        _assert_language(found, "th")
        marked = page.eval_on_selector_all(
            ".md-search-result__item mark", "els => els.map(e => e.textContent)"
        )
        assert marked, f"{words}: nothing highlighted"


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Za-z]{3,}\b", text))


def test_english_query_on_english_pages_finds_english_pages(page, site_url, texts):
    english = _english(texts)
    thai_text = " ".join(_thai(texts).values())
    words = sorted(
        (
            w
            for w in _latin_words(english["en/privacy/"])
            if len(w) >= 6 and w not in thai_text and w.lower() not in LUNR_STOP_WORDS
        ),
        key=lambda w: (sum(w in t for t in english.values()), -len(w), w),
    )
    assert words, "no English words on en/privacy/"
    found = search(page, site_url + "en/privacy/", words[0])
    assert "en/privacy/" in found[:10], (words[0], found)
    _assert_language(found, "en")


def test_results_are_in_the_language_of_the_page(page, site_url, texts):
    """A word on both Thai and English pages (e.g. PDPA, ITA) finds only pages of the language
    of the page it is searched from: one index per language."""
    thai, english = _thai(texts), _english(texts)
    shared = _latin_words(" ".join(thai.values())) & _latin_words(" ".join(english.values()))
    acronyms = sorted(w for w in shared if w.isupper())  # never an English stop word
    assert acronyms, "no acronym (ITA, PDPA ...) on both Thai and English pages"
    word = max(acronyms, key=lambda w: (sum(w in t for t in thai.values()), len(w)))
    from_thai = search(page, site_url, word)
    assert from_thai, word
    _assert_language(from_thai, "th")
    from_english = search(page, site_url + "en/", word)
    assert from_english, word
    _assert_language(from_english, "en")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_query_that_is_on_no_page_finds_nothing(page, site_url, built_site, lang):
    prefix = "en/" if lang == "en" else ""
    index = json.loads((built_site / prefix / "search" / "search_index.json").read_text("utf-8"))
    terms = {
        term.lower()
        for doc in index["docs"]
        for field in ("title", "text")
        for term in re.split(r"[\s\u200b\-]+", re.sub(r"<[^>]*>", " ", doc.get(field, "")))
    }
    assert not [t for t in terms if t.startswith(NONSENSE[lang])]  # the query really is on no page
    assert search(page, site_url + prefix, NONSENSE[lang]) == []
    none = page.evaluate(
        'JSON.parse(document.getElementById("__config").textContent)'
        '.translations["search.result.none"]'
    )
    assert page.inner_text(".md-search-result__meta").strip() == none


@pytest.mark.parametrize(("lang", "index"), [("th", "search/"), ("en", "en/search/")])
def test_search_loads_its_language_index_and_no_thai_dictionary(page, site_url, lang, index):
    prefix = "en/" if lang == "en" else ""
    search(page, site_url + prefix, "ของขวัญ" if lang == "th" else "gift")
    fetched = [urlsplit(u).path.removeprefix(SUB_PATH) for u in page.watched.requests]
    indexes = [p for p in fetched if p.endswith("search_index.json")]
    assert indexes and set(indexes) == {index + "search_index.json"}, indexes
    assert not [p for p in fetched if "wordcut" in p or "/lunr/" in p], fetched
    assert page.watched.console_errors == [] and page.watched.failed == []


# --- the pitfalls of the issue, in the real worker ---------------------------------------------

PITFALL_PAGES = {
    "a/": "เจ้าหน้าที่ต้องรายงานการปฏิบัติหน้าที่ทุกเดือน",  # newmm: ราย|งานการ|ปฏิบัติหน้าที่
    "b/": "การปฏิบัติตามกฎหมาย",  # newmm: การปฏิบัติ|ตามกฎหมาย
    "c/": "หลักการบริหารงานบุคคล",  # newmm: หลัก|การบริหารงานบุคคล
    "d/": "ทีมบริหารประชุมทุกวันจันทร์",
    "e/": "ผลประโยชน์ทับซ้อนเป็นการทุจริตประเภทหนึ่ง",
    "f/": "ห้ามรับของขวัญที่มีมูลค่าเกินสามพันบาท",
}
PITFALL_QUERIES = {
    "การปฏิบัติหน้าที่": ["a/"],  # the query may be cut การปฏิบัติ|หน้าที่
    "การปฏิบัติ": ["a/", "b/"],  # a/ holds it only across its words การ|ปฏิบัติหน้าที่
    "บริหาร": ["c/", "d/"],  # c/ holds it only inside การบริหารงานบุคคล
    "รายงาน": ["a/"],  # the index has ราย|งานการ
    "ต้องรายงาน": ["a/"],
    "ทุจริต": ["e/"],
    "ทับซ้อน": ["e/"],
    "ผลประโยชน์ทับซ้อน": ["e/"],
    # on no page with การ: its words with OR (การ is on most pages), f/ first
    "การรับของขวัญ": ["a/", "b/", "c/", "e/", "f/"],
    "รับของขวัญ": ["f/"],
    "สามพันบาท": ["f/"],
    "มูลค่าเกินสามพันบาท": ["f/"],
    "ภูเขาไฟ": [],
}

RUN_IN_WORKER_JS = """
async ([index, queries]) => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const worker = new Worker(new URL(config.search, location.href))
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data)
    worker.postMessage(message)
  })
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  const out = {}
  for (const query of queries) {
    out[query] = (await ask({type: 2, data: query})).data.items
  }
  worker.terminate()
  return out
}
"""


def _worker_index(seg, docs: list[dict]) -> dict:
    """A search index of ``docs`` as the build writes it (Thai words cut as in the site's index)."""
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}
    config = {"lang": ["en"], "separator": r"[\s\u200b\-]+", "pipeline": ["stopWordFilter"]}
    data = {"config": {**config, "fields": fields}, "docs": docs}
    return ts.rewrite_index(data, seg.analyse_many(ts.index_runs(docs)))


def _found_pages(page, index: dict, queries: list[str]) -> dict[str, list[str]]:
    """{query: the page of each result group, best first}, from the site's own search worker."""
    groups = page.evaluate(RUN_IN_WORKER_JS, [index, queries])
    return {q: [g[0]["location"].split("#")[0] for g in items] for q, items in groups.items()}


def _pitfall_index(seg) -> dict:
    docs = [
        {"location": loc, "title": "บท", "text": f"<p>{t}</p>"} for loc, t in PITFALL_PAGES.items()
    ]
    return _worker_index(seg, docs)


def test_patched_worker_resolves_the_segmentation_pitfalls(page, site_url, seg):
    page.goto(site_url, wait_until="load")
    found = _found_pages(page, _pitfall_index(seg), list(PITFALL_QUERIES))
    wrong = {q: found[q] for q, expected in PITFALL_QUERIES.items() if sorted(found[q]) != expected}
    assert not wrong, wrong
    assert found["การรับของขวัญ"][0] == "f/"


def test_words_cut_by_other_segmenters_are_found_in_the_worker(page, site_url, seg):
    from pythainlp.corpus import thai_orst_words
    from pythainlp.tokenize import multi_cut

    orst = Segmenter(WordDict(thai_orst_words()))
    queries: dict[str, set[str]] = {}
    for location, text in PITFALL_PAGES.items():
        for word in [*multi_cut.segment(text), *orst.words_of(text)]:
            if len(word) >= 2:
                queries.setdefault(word, set()).add(location)
    page.goto(site_url, wait_until="load")
    found = _found_pages(page, _pitfall_index(seg), sorted(queries))
    missed = {w: sorted(locs) for w, locs in queries.items() if not locs <= set(found[w])}
    assert not missed, missed


def test_fixture_sentences_are_cut_as_the_pitfalls_need(seg):
    """Guards the test above: the index really disagrees with the natural cut."""
    assert "งานการ" in seg.words_of(PITFALL_PAGES["a/"])
    assert "การปฏิบัติ" in seg.words_of(PITFALL_PAGES["b/"])
    assert "บริหาร" not in seg.words_of(PITFALL_PAGES["c/"])


# --- search costs nothing until it is used (issue 16) ------------------------------------------

SEARCH_FILE = re.compile(r"(^|/)search/search_index\.json$|/workers/search\.|/lunr/")


def _search_files(page) -> list[str]:
    paths = [urlsplit(u).path.removeprefix(SUB_PATH) for u in page.watched.requests]
    return [p for p in paths if SEARCH_FILE.search(p)]


@pytest.mark.parametrize("location", ["", "lessons/gifts/", "en/lessons/gifts/"])
def test_no_search_file_is_requested_on_page_load(page, site_url, location):
    page.goto(site_url + location, wait_until="networkidle")
    page.wait_for_timeout(300)  # anything started late by a script would show up here
    assert page.watched.requests, "the page recorded no requests"
    assert _search_files(page) == []
    assert page.watched.console_errors == [] and page.watched.failed == []


@pytest.mark.parametrize(
    ("lang", "query", "intent"),
    [
        ("th", "ของขวัญ", "pointer"),
        ("en", "gift", "pointer"),
        ("th", "ของขวัญ", "shortcut"),
        ("en", "gift", "shortcut"),
    ],
)
def test_search_works_after_intent(page, site_url, lang, query, intent):
    prefix = "en/" if lang == "en" else ""
    page.add_init_script(READS_ON_PAGE_JS)
    page.goto(site_url + prefix, wait_until="networkidle")
    assert _search_files(page) == []
    if intent == "pointer":
        page.hover(".md-search__input")
        # Pointing at the box is enough: the search worker asks for the index (the page's own
        # requests include its worker's).
        for _ in range(600):
            if any(p.endswith(INDEX_PATH) for p in _search_files(page)):
                break
            page.wait_for_timeout(50)
        else:
            pytest.fail(f"pointing at the search box fetched no index: {_search_files(page)}")
        page.click(".md-search__input")
    else:
        page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.keyboard.type(query)
    page.keyboard.press("End")  # Thai is typed as text without key events; Material reads keyup
    meta = page.locator(".md-search-result__meta")
    try:
        page.wait_for_selector(".md-search-result__item > a.md-search-result__link", timeout=60000)
    except Exception:
        pytest.fail(f"no results for {query!r}: {meta.inner_text()!r}, {_search_files(page)}")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
    )
    _assert_language([urlsplit(h).path.removeprefix(SUB_PATH) for h in hrefs], lang)
    fetched = _search_files(page)
    index = ("en/" if lang == "en" else "") + INDEX_PATH
    assert [p for p in fetched if p.endswith(INDEX_PATH)] == [index], fetched  # once, by the page
    assert any("/workers/search." in p for p in fetched), fetched
    # The page fetched the index while the worker was starting, but handed its bytes over unread:
    # the worker parses it, not the page's main thread (issue 16).
    assert page.evaluate(
        "performance.getEntriesByType('resource').some(e => e.name.endsWith('search_index.json'))"
    )
    assert page.evaluate("window.__indexReadOnPage") == []
    assert page.watched.console_errors == [] and page.watched.failed == []


# Records the body reads of a search index on the page's main thread (a worker has its own Response).
READS_ON_PAGE_JS = """
window.__indexReadOnPage = [];
for (const name of ["json", "text", "blob"]) {
  const read = Response.prototype[name];
  Response.prototype[name] = function () {
    if (this.url.endsWith("search_index.json")) window.__indexReadOnPage.push(name);
    return read.apply(this, arguments);
  };
}
"""


def test_search_works_when_the_pages_fetch_of_the_index_fails(page, site_url):
    """The page's early fetch of the index fails (the network drops it): the worker is then sent
    the index's address and fetches it itself, and search works."""
    attempts = []

    def drop_first(route):
        attempts.append(route.request.url)
        if len(attempts) == 1:
            route.abort()
        else:
            route.continue_()

    page.route(f"**/{INDEX_PATH}", drop_first)
    page.goto(site_url, wait_until="networkidle")
    page.click(".md-search__input")
    page.keyboard.type("ของขวัญ")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item > a.md-search-result__link", timeout=60000)
    assert len(attempts) == 2, attempts


def test_a_search_link_loads_search_at_once(page, site_url):
    found = search(page, site_url, "ของขวัญ")
    assert found, "?q= found nothing"
    assert any(p == INDEX_PATH for p in _search_files(page))


# --- Thai search that forgives how people type (issue 15, point 9) -----------------------------

FORGIVEN = [  # (typed, the spelling of the lessons)
    ("3000", "3,000"),
    ("ปปช", "ป.ป.ช."),
    ("พรป", "พ.ร.ป."),
    ("ไอทีเอ", "ITA"),  # from data/search_synonyms.yml
    ("โนกิฟต์", "No Gift"),  # from data/search_synonyms.yml
]


def _result_links(page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link", "els => els.map(e => e.href)"
    )


@pytest.mark.parametrize(("typed", "written"), FORGIVEN)
def test_forgiving_spellings_find_what_the_lessons_spelling_finds(
    page, site_url, texts, typed, written
):
    lessons = " ".join(t for loc, t in _thai(texts).items() if loc.startswith("lessons/"))
    assert written in lessons and typed not in lessons  # the lessons never spell it as typed
    expected = search(page, site_url, written)
    assert expected, written
    assert search(page, site_url, typed) == expected


@pytest.mark.parametrize("query", ["ITA", "ป.ป.ช.", "กระเช้า", "3,000 บาท", "ปปช", "ไอทีเอ"])
def test_every_result_opens_with_its_terms_highlighted(page, site_url, query):
    search(page, site_url, query)
    links = _result_links(page)
    assert links, query
    empty = [link for link in links if not parse_qs(urlsplit(link).query).get("h")]
    assert not empty, f"{query}: results without terms to highlight: {empty}"
    page.goto(links[0], wait_until="load")
    page.wait_for_selector("article mark[data-md-highlight]")


def test_tool_pages_are_not_found(page, site_url):
    """The completion record, progress and gift helper pages once ranked high for ทับซ้อน with
    their template text; tool pages are not in the index (tests/search checks the index)."""
    found = search(page, site_url, "ทับซ้อน")
    assert found
    assert not [p for p in found if p.split("?")[0].rstrip("/") in TOOL_PAGES], found


def test_results_show_a_short_passage(page, site_url, seg):
    # A section of long paragraphs where the word comes again and again, and a short one.
    sentence = "การรับของขวัญจากผู้มาติดต่อราชการต้องรายงานผู้บังคับบัญชา &amp; จดบันทึกไว้ "
    long_text = "".join(f"<p>ข้อ {i} {sentence * 8}</p>" for i in range(10))
    docs = [
        {"location": "long/", "title": "ยาว", "text": long_text},
        {"location": "short/", "title": "สั้น", "text": "<p>ของขวัญปีใหม่</p>"},
    ]
    page.goto(site_url, wait_until="load")
    groups = page.evaluate(RUN_IN_WORKER_JS, [_worker_index(seg, docs), ["ของขวัญ"]])
    texts = [doc["text"] for group in groups["ของขวัญ"] for doc in group]
    assert len(texts) == 2
    long, short = sorted(texts, key=len, reverse=True)
    visible = re.sub(r"<[^>]*>|\u200b", "", long).replace("&amp;", "&")
    assert long.endswith("…") and 280 <= len(visible) <= 320, visible
    assert "<mark>" in long and long.count("<mark>") == long.count("</mark>")
    assert not re.search(r"<[^>]*…$|&[a-z]*…$", long)  # not cut inside a tag or an entity
    assert "ของ" in short and not short.endswith("…")  # a short passage is left whole
