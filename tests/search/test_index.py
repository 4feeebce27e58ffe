"""Thai search (issue 5): segmentation, index rewriting, the JavaScript patches and the built site.

The browser side (the patched worker answering real queries) is in tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import material
import pytest

from coi_course.errors import SourceErrors
from coi_course.project import ROOT
from coi_course.search import index as ts
from coi_course.search import thai_words as tw
from tests.conftest import load_hook

ZWSP = "\u200b"
MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
THAI_CHAR = re.compile(r"[\u0e01-\u0e5b]")


@pytest.fixture(scope="module")
def seg() -> tw.Segmenter:
    return tw.Segmenter.default()


def _index(docs, lang=("th", "en"), separator=r"[\s\u200b\-]+"):
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}
    config = {"lang": list(lang), "separator": separator, "pipeline": ["stopWordFilter"]}
    return {"config": {**config, "fields": fields}, "docs": docs}


def _doc(location, text, title="หัวข้อ"):
    return {"location": location, "title": title, "text": f"<p>{text}</p>"}


def _rewrite(seg, data):
    return ts.rewrite_index(data, seg.analyse_many(ts.index_runs(data["docs"])))


def _words(field: str) -> set[str]:
    return set(re.split(r"[\s\u200b]+", re.sub(r"<[^>]+>", " ", field))) - {""}


# --- project dictionary and segmentation -----------------------------------------------------------


def test_project_dictionary_loads_and_holds_the_key_terms():
    terms = tw.load_terms()
    assert {"ป.ป.ช.", "ผลประโยชน์ทับซ้อน", "ของขวัญ", "นโยบายไม่รับของขวัญ"} <= set(terms)
    assert len(terms) == len(set(terms)), "duplicate terms"


def test_project_dictionary_errors_name_the_line(tmp_path):
    bad = tmp_path / "terms.txt"
    bad.write_text("# comment\nผลประโยชน์ทับซ้อน\nของ ขวัญ\nNo Gift\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as info:
        tw.load_terms(bad)
    assert [(e.line, "space" in e.message) for e in info.value.errors] == [(3, True), (4, True)]
    bad.write_text("ITA\n", encoding="utf-8")
    with pytest.raises(SourceErrors, match="not Thai"):
        tw.load_terms(bad)


def test_project_terms_stay_whole(seg):
    assert seg.words_of("ป.ป.ช.กำหนด") == ["ป.ป.ช.", "กำหนด"]
    assert seg.words_of("ผลประโยชน์ทับซ้อนเป็นการทุจริตประเภทหนึ่ง")[:1] == ["ผลประโยชน์ทับซ้อน"]
    assert "นโยบายไม่รับของขวัญ" in seg.words_of("ตามนโยบายไม่รับของขวัญ")


def test_compound_words_are_cut_into_their_smallest_words(seg):
    assert seg.atoms("การบริหาร") == ["การ", "บริหาร"]
    assert seg.atoms("ผลประโยชน์ทับซ้อน") == ["ผล", "ประโยชน์", "ทับ", "ซ้อน"]
    assert seg.atoms("ทุก") == ["ทุก"]  # nothing to cut
    assert seg.atoms("ป.ป.ช.") == ["ป.ป.ช."]  # an abbreviation stays whole


def test_the_index_words_of_a_run_are_the_smallest_words_of_newmm_words(seg):
    words, atoms = seg.analyse("การปฏิบัติหน้าที่")
    assert words == ["การ", "ปฏิบัติหน้าที่"]  # newmm's cut: the query การปฏิบัติ spans it
    assert atoms == ["การ", "ปฏิบัติ", "หน้า", "ที่"]  # which the query script cuts the same way


def test_word_boundaries_never_split_a_letter_from_its_marks():
    assert tw.boundaries("ที่") == [0, 3]
    assert tw.boundaries("เป็น") == [0, 3, 4]  # not after the leading vowel, not before the mark
    assert 5 not in tw.boundaries("ของขวัญ")  # ข|ว|ั: never before the vowel sign


def test_query_side_javascript_uses_the_same_thai_rules_as_the_index():
    """data/thai_query.js cuts queries with the same runs and word boundaries as thai_words."""
    js = ts.QUERY_JS.read_text(encoding="utf-8")
    classes = {
        name: re.compile(pattern)
        for name, pattern in re.findall(r"var (RUN|NO_START|NO_END) = /(.+?)/g?\s", js)
    }
    assert set(classes) == {"RUN", "NO_START", "NO_END"}
    for code in range(0x0E00, 0x0E80):
        ch = chr(code)
        assert bool(classes["NO_START"].fullmatch(ch)) == (ch in tw.NO_START), hex(code)
        assert bool(classes["NO_END"].fullmatch(ch)) == (ch in tw.NO_END), hex(code)
    for text in ("ป.ป.ช.กำหนด", "บาท.", "ผลประโยชน์ทับซ้อน", "ITAคือ3,000บาท", "฿ไทย"):
        assert classes["RUN"].findall(text) == tw.THAI_RUN.findall(text), text


def test_fast_word_dict_gives_the_same_prefixes_as_pythainlp_trie():
    from pythainlp.util import Trie

    words = ["การ", "การบริหาร", "บริหาร", "หา", "หาร", "ป.ป.ช.", "ผล", "ผลประโยชน์"]
    text = "การบริหารผลประโยชน์ป.ป.ช."
    fast, trie = tw.WordDict(words), Trie(words)
    for start in range(len(text)):
        assert fast.prefixes(text, start) == trie.prefixes(text, start), start
    assert len(fast) == len(trie)


# --- index rewriting -------------------------------------------------------------------------------


def test_segment_text_puts_zwsp_between_words_and_at_the_edges_of_runs(seg):
    def cut(text):
        return ts.segment_text(text, seg.analyse_many(ts.thai_runs(text)))

    assert cut("<p>ห้ามรับของขวัญ</p>") == f"<p>ห้าม{ZWSP}รับ{ZWSP}ของ{ZWSP}ขวัญ</p>"
    assert cut("(ทุจริต)") == f"({ZWSP}ทุจริต{ZWSP})"
    assert cut("3,000บาท") == f"3,000{ZWSP}บาท"
    assert cut("ตามพ.ร.บ. ป.ป.ช.") == f"ตาม{ZWSP}พ.ร.บ. ป.ป.ช."
    assert cut("<code>x</code> ITA") == "<code>x</code> ITA"


def test_rewritten_index_is_segmented_and_drops_the_thai_dictionary_language(seg):
    data = _rewrite(seg, _index([_doc("a/", "ผลประโยชน์ทับซ้อนเป็นการทุจริต")]))
    assert data["config"]["lang"] == ["en"]  # no wordcut.js, no lunr.th
    assert set(data["config"]["fields"]) == {"title", "text", "tags"}  # no hidden field (issue 16)
    doc = data["docs"][0]
    words = ["ผล", "ประโยชน์", "ทับ", "ซ้อน", "เป็น", "การ", "ทุจริต"]
    assert doc == {"location": "a/", "title": doc["title"], "text": f"<p>{ZWSP.join(words)}</p>"}


def test_the_pitfalls_of_issue_5_are_words_of_the_index(seg):
    """Index การ|ปฏิบัติหน้าที่ but query การปฏิบัติ (known from another page), and บริหาร inside
    การบริหาร: in the smallest words, every section holds the words of both."""
    data = _rewrite(
        seg,
        _index(
            [
                _doc("a/", "เจ้าหน้าที่ต้องรายงานการปฏิบัติหน้าที่ทุกเดือน"),
                _doc("b/", "การปฏิบัติตามกฎหมาย"),
                _doc("c/", "หลักการบริหารงานบุคคล"),
            ]
        ),
    )
    a, b, c = (_words(doc["text"]) for doc in data["docs"])
    assert {"การ", "ปฏิบัติ"} <= a and {"การ", "ปฏิบัติ"} <= b and "การปฏิบัติ" not in a | b
    assert {"ราย", "งาน"} <= a and "บริหาร" in c


def test_a_separator_without_zwsp_fails_loudly(seg):
    with pytest.raises(ts.ThaiSearchError, match="u200b"):
        _rewrite(seg, _index([_doc("a/", "ทุจริต")], separator=r"[\s\-]+"))


def test_split_by_language_drops_quizzes_and_keeps_order():
    docs = [
        _doc("", "หน้าแรก"),
        _doc("en/", "home", "Home"),
        _doc("lessons/gifts/", "ของขวัญ"),
        _doc("lessons/gifts/#limit", "สามพันบาท"),
        _doc("quizzes/pre-test/", "แบบทดสอบ"),
        _doc("en/quizzes/pre-test/", "quiz"),
        _doc("en/lessons/gifts/", "gifts"),
    ]
    parts = ts.split_by_language(_index(docs), ["en/"])
    assert [d["location"] for d in parts[""]["docs"]] == [
        "",
        "lessons/gifts/",
        "lessons/gifts/#limit",
    ]
    assert [d["location"] for d in parts["en/"]["docs"]] == ["en/", "en/lessons/gifts/"]


def test_index_is_written_as_utf8_not_escapes():
    text = ts.dump_index(_index([_doc("a/", "ทุจริต")]))
    assert "ทุจริต" in text and "\\u0e" not in text


# --- JavaScript patches ----------------------------------------------------------------------------


def _material_file(pattern: str) -> str:
    (path,) = MATERIAL_JS.glob(pattern)
    return path.read_text(encoding="utf-8")


def test_worker_patch_applies_to_the_installed_material_worker():
    js = _material_file("workers/search.*.min.js")
    patched = ts.patch_worker(js)
    assert ts.WORKER_REPLACEMENT in patched and "function __coiThaiQuery(" in patched
    # the worker reads the index itself when sent its address, and sends short results
    assert ts.SETUP_REPLACEMENT in patched and "function __coiIndexData(" in patched
    assert ts.RESULTS_REPLACEMENT in patched and "function __coiShortResults(" in patched
    assert patched.rstrip().splitlines()[-1].startswith("//# sourceMappingURL=")
    assert ts.patch_worker(patched) == patched  # idempotent


def test_bundle_patch_applies_to_the_installed_material_bundle():
    patched = ts.patch_bundle(
        _material_file("bundle.*.min.js"), {"en": "en/search/search_index.json"}
    )
    assert '({"en":"en/search/search_index.json"})[document.documentElement.lang]' in patched
    assert ts.BUNDLE_ANCHOR not in patched
    # search is set up only on intent (issue 16); the browser tests check the requests
    assert ts.LAZY_REPLACEMENT in patched and ts.HIGHLIGHT_REPLACEMENT in patched
    assert "function __coiLazyWorker(" in patched and "function __coiSearchWanted(" in patched
    assert patched.rstrip().splitlines()[-1].startswith("//# sourceMappingURL=")
    assert ts.patch_bundle(patched, {"en": "x"}) == patched  # idempotent


def test_bundle_with_the_config_leaves_the_index_to_the_worker():
    config = {"lang": ["en"], "separator": "[\\s\\u200b\\-]+"}
    patched = ts.patch_bundle(
        _material_file("bundle.*.min.js"), {"en": "en/search/search_index.json"}, config
    )
    assert ts.FETCH_ANCHOR not in patched  # the page no longer fetches and parses the index
    assert (
        '$({config:{"lang":["en"],"separator":"[\\\\s\\\\u200b\\\\-]+"},docs:""+new URL(' in patched
    )
    assert '({"en":"en/search/search_index.json"})[document.documentElement.lang]' in patched


def test_bundle_without_other_languages_is_still_lazy():
    patched = ts.patch_bundle(_material_file("bundle.*.min.js"), {})
    assert ts.LAZY_REPLACEMENT in patched and ts.BUNDLE_ANCHOR in patched


@pytest.mark.parametrize(
    "patch",
    [
        ts.patch_worker,
        lambda js: ts.patch_bundle(js, {"en": "x"}),
        lambda js: ts.patch_bundle(js, {}),
    ],
)
def test_patches_fail_loudly_when_material_changed(patch):
    with pytest.raises(ts.ThaiSearchError, match="9.8.2"):
        patch('"use strict";(()=>{search(query){return query}})();')


def test_hook_turns_a_failed_patch_into_a_build_error(tmp_path):
    from mkdocs.exceptions import PluginError

    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(_index([])), "utf-8")
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.0.min.js").write_text("changed worker", encoding="utf-8")
    config = SimpleNamespace(plugins={"material/search": object()}, site_dir=str(tmp_path))
    with pytest.raises(PluginError, match="Thai search: cannot patch"):
        load_hook("thai_search").on_post_build(config)


def test_hook_waits_for_the_last_language_build_of_i18n(tmp_path):
    plugins = {"material/search": object(), "i18n": SimpleNamespace(building=True)}
    config = SimpleNamespace(plugins=plugins, site_dir=str(tmp_path / "nothing"))
    assert load_hook("thai_search").on_post_build(config) is None  # inner build: nothing to do yet


def test_hook_does_nothing_in_builds_without_search(tmp_path):
    config = SimpleNamespace(plugins={}, site_dir=str(tmp_path / "nothing"))
    hook = load_hook("thai_search")
    assert hook.on_config(config) is config
    assert hook.on_page_content("<p>ทุจริต</p>", None, config, None) == "<p>ทุจริต</p>"
    assert hook.on_post_build(config) is None


def test_hook_runs_after_i18n_rewrites_the_index():
    from mkdocs_static_i18n.plugin import I18n

    assert (
        load_hook("thai_search").on_post_build.mkdocs_priority < I18n.on_post_build.mkdocs_priority
    )


def _tiny_site(root: Path, worker_js: str | None = None) -> Path:
    """A one-page Material site (no i18n) using the hook; ``worker_js`` replaces the search
    worker through the theme's custom_dir, as a new Material release would."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(
        "# หน้าแรก\n\nห้ามรับของขวัญที่มีมูลค่าเกินสามพันบาท\n\n## Quiz\n\nquiz text\n",
        encoding="utf-8",
    )
    custom = ""
    if worker_js is not None:
        (path,) = MATERIAL_JS.glob("workers/search.*.min.js")
        target = root / "overrides" / "assets" / "javascripts" / "workers" / path.name
        target.parent.mkdir(parents=True)
        target.write_text(worker_js, encoding="utf-8")
        custom = "  custom_dir: overrides\n"
    (root / "mkdocs.yml").write_text(
        "site_name: tiny\nsite_url: http://127.0.0.1/\n"
        f"theme:\n  name: material\n  language: th\n{custom}"
        "plugins:\n  - search:\n      lang: en\n      separator: '[\\s\\u200b\\-]+'\n"
        f"hooks:\n  - {ROOT / 'scripts' / 'hooks' / 'thai_search.py'}\n",
        encoding="utf-8",
    )
    return root


def _mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_site_without_i18n_gets_one_segmented_index(tmp_path):
    proc = _mkdocs_build(_tiny_site(tmp_path))
    assert proc.returncode == 0, proc.stderr
    data = _built_index(tmp_path / "site")
    assert f"ห้าม{ZWSP}รับ{ZWSP}ของ{ZWSP}ขวัญ" in data["docs"][0]["text"]
    (worker,) = (tmp_path / "site").glob(ts.WORKER_GLOB)
    (bundle,) = (tmp_path / "site").glob(ts.BUNDLE_GLOB)
    assert ts.MARKER in worker.read_text("utf-8")
    bundle_js = bundle.read_text("utf-8")  # lazy search, and the one index: no language table
    assert ts.LAZY_REPLACEMENT in bundle_js and ts.BUNDLE_ANCHOR in bundle_js


def test_a_changed_material_worker_fails_the_build_loudly(tmp_path):
    changed = _material_file("workers/search.*.min.js").replace("\\p{sc=Han}", "\\p{sc=Hani}")
    proc = _mkdocs_build(_tiny_site(tmp_path, worker_js=changed))
    assert proc.returncode != 0
    assert "Thai search: cannot patch Material's search worker" in proc.stderr


# --- helper process --------------------------------------------------------------------------------


def test_helper_process_segments_and_writes_nothing_to_home(tmp_path, seg):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP")}
    env["HOME"] = str(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "coi_course.search.thai_words"],
        input=json.dumps(["การบริหาร", "ป.ป.ช.กำหนด"]) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["ป.ป.ช.กำหนด"][0] == ["ป.ป.ช.", "กำหนด"]
    assert tuple(answer["การบริหาร"]) == seg.analyse("การบริหาร")
    assert list(tmp_path.iterdir()) == [], "PyThaiNLP wrote to the home folder"


def test_helper_process_errors_fail_the_build(tmp_path):
    bad = tmp_path / "terms.txt"
    bad.write_text("not thai\n", encoding="utf-8")
    client = ts.SegmenterProcess(bad, timeout=60)
    try:
        with pytest.raises(ts.ThaiSearchError, match="segmentation failed"):
            client.analyse_many(["ทุจริต"])
    finally:
        client.close()


def test_cache_serves_a_rebuild_without_the_helper_process(tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("ผลประโยชน์ทับซ้อน\n", encoding="utf-8")
    runs = ["ผลประโยชน์ทับซ้อนเป็นการทุจริต", "ของขวัญ"]
    first = ts.Segmentation(tmp_path / "cache", terms)
    try:
        analysed = first.analyse_many(runs)
        first.save()
    finally:
        first.close()
    assert analysed[runs[0]][0][0] == "ผลประโยชน์ทับซ้อน"
    second = ts.Segmentation(tmp_path / "cache", terms)
    assert second.analyse_many(runs) == analysed
    assert second._process is None  # PyThaiNLP not even loaded
    terms.write_text("ทุจริต\n", encoding="utf-8")
    assert ts.cache_key(terms) != second.key  # a new dictionary starts a new cache
    cache_file = tmp_path / "cache" / f"analyses-{ts.cache_key(terms)}.json"
    cache_file.write_text("{not json", encoding="utf-8")
    damaged = ts.Segmentation(tmp_path / "cache", terms)
    assert damaged._process is not None  # starts from scratch, no exception
    damaged.close()


# --- the built site --------------------------------------------------------------------------------


def _built_index(site: Path, prefix: str = "") -> dict:
    return json.loads((site / prefix / "search" / "search_index.json").read_text("utf-8"))


def test_built_site_has_one_segmented_utf8_index_per_language(built_site):
    th, en = _built_index(built_site), _built_index(built_site, "en")
    raw = (built_site / "search" / "search_index.json").read_text("utf-8")
    assert "\\u0e" not in raw and ZWSP in raw
    assert th["docs"] and all(not d["location"].startswith("en/") for d in th["docs"])
    assert en["docs"] and all(d["location"].startswith("en/") for d in en["docs"])
    for data in (th, en):
        assert data["config"]["lang"] == ["en"]
        assert "u200b" in data["config"]["separator"]
        assert not [d for d in data["docs"] if "quizzes/" in d["location"]]
    assert not [d for d in th["docs"] if "alt" in d]  # no hidden words (issue 16)


def test_built_site_javascript_is_patched(built_site):
    (worker,) = built_site.glob(ts.WORKER_GLOB)
    (bundle,) = built_site.glob(ts.BUNDLE_GLOB)
    assert ts.MARKER in worker.read_text("utf-8") and ts.MARKER in bundle.read_text("utf-8")
    assert "__coiThaiQuery(e,this.index)" in worker.read_text("utf-8")


def test_authors_note_has_the_same_heading_ids_in_both_languages():
    ids = {}
    for lang in ("th", "en"):
        text = (ROOT / "docs" / lang / "authoring" / "search-terms.md").read_text("utf-8")
        headings = re.findall(r"^#+ .*$", text, flags=re.M)
        assert all(re.search(r"\{#[a-z0-9-]+\}$", h) for h in headings), headings
        ids[lang] = [re.search(r"\{#([a-z0-9-]+)\}$", h).group(1) for h in headings]
    assert ids["th"] == ids["en"] and "adding-terms" in ids["th"]


def _tool_pages() -> list[str]:
    """The pages of the "เครื่องมือ" (tools) section of the nav in mkdocs.yml, e.g. progress/."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)  # noqa: S506
    (tools,) = [item["เครื่องมือ"] for item in config["nav"] if "เครื่องมือ" in item]
    return [page.removesuffix(".md") + "/" for page in tools]


def test_tool_pages_are_left_out_of_the_index(built_site):
    """The completion record, progress and gift helper are tools, not lessons (issue 15)."""
    tools = _tool_pages()
    assert {"certificate/", "progress/"} <= set(tools)
    for prefix in ("", "en/"):
        assert (built_site / prefix / tools[0] / "index.html").is_file()  # the pages exist
        locations = {d["location"].split("#")[0] for d in _built_index(built_site, prefix)["docs"]}
        assert not locations & {prefix + page for page in tools}, prefix
