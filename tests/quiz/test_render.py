"""Generated quiz pages, checked structurally: real form controls, keys hashed, answers hidden in tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coi_course.quiz.course_map import render_progress
from coi_course.quiz.keys import (
    accepted_forms,
    answer_key,
    canonical_choices,
    cyrb53,
    normalize_answer,
    seal,
    unseal,
)
from coi_course.quiz.loader import load_all_quizzes
from coi_course.quiz.render import render_lesson_extras, render_quiz
from coi_course.templating import html_title

FIX = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def quizzes():
    return {q.kind: q for q in load_all_quizzes(FIX / "quizzes" / "good", FIX / "docs")}


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag, **attrs):
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def _html(page) -> tuple[dict, str]:
    meta = page.meta
    assert page.title == meta["title"]
    # a UI key named like a dict method (clear, items ...) must not print the method
    assert "built-in method" not in page.html and " object at 0x" not in page.html
    return meta, page.html


@pytest.mark.parametrize("lang", ["th", "en"])
def test_self_check_page_structure(quizzes, lang):
    quiz = quizzes["self-check"]
    meta, html = _html(render_quiz(quiz, lang))
    assert meta["title"] == html_title(quiz.title[lang]) and meta["search"] == {"exclude": True}
    tags = Tags(html)
    fieldsets = tags.all("fieldset")
    assert [f["data-qid"] for f in fieldsets] == [q.id for q in quiz.questions]
    assert len(tags.all("legend")) == len(quiz.questions)
    assert [i["value"] for i in tags.all("input", name="q-limit")] == ["a", "b", "c"]
    assert all(i["type"] == "checkbox" for i in tags.all("input", name="q-which"))
    assert [i["value"] for i in tags.all("input", name="q-policy")] == ["true", "false"]
    assert tags.all("input", type="text", name="q-amount")
    for inp in tags.all("input"):
        assert tags.all("label", **{"for": inp["id"]}), f"input {inp['id']} has no label"
    assert len(tags.all("details")) == len(quiz.questions)  # no-JS fallback: answer + explanation
    # the script reads the answer from <details> too: no second, sealed copy in a self-check
    assert not [f for f in fieldsets if "data-sealed" in f]
    single = next(q for q in quiz.questions if q.type == "single")
    (details,) = [d for d in tags.all("details") if d.get("data-correct") == single.answer]
    for c in single.choices:
        if c.feedback:
            assert tags.all("li", **{"data-choice": c.id}) and c.feedback[lang] in html
    assert quiz.questions[0].explanation[lang] in html
    assert tags.all("div", role="status")
    assert "<noscript" not in html


def test_post_test_hides_answers_and_explanations(quizzes):
    quiz = quizzes["post-test"]
    meta, html = _html(render_quiz(quiz, "th"))
    assert "<details" not in html
    visible = {c.text["th"] for q in quiz.questions for c in q.choices or []}
    for q in quiz.questions:
        if q.explanation["th"] not in visible:
            assert q.explanation["th"] not in html
        for c in q.choices or []:
            if c.feedback:
                assert c.feedback["th"] not in html
    assert "ต้องใช้ JavaScript" in html
    tags = Tags(html)
    f = tags.all("fieldset", **{"data-qid": "limit"})[0]
    assert f["data-keys"] == answer_key(f["data-salt"], "b")
    revealed = unseal(f["data-salt"], f["data-sealed"])
    assert "b" not in f["data-keys"].split() and revealed["correct"] == ["b"]
    assert revealed["explanation"] == quiz.questions[0].explanation["th"]
    multi = tags.all("fieldset", **{"data-qid": "which"})[0]
    assert multi["data-keys"] == answer_key(multi["data-salt"], canonical_choices(["c", "a"]))
    short = tags.all("fieldset", **{"data-qid": "amount"})[0]
    assert answer_key(short["data-salt"], normalize_answer(" ๓ ๐๐๐ ")) in short["data-keys"].split()


def test_salts_are_reproducible_and_differ_per_question(quizzes):
    a = render_quiz(quizzes["post-test"], "th")
    assert a == render_quiz(quizzes["post-test"], "th")
    salts = [f["data-salt"] for f in Tags(_html(a)[1]).all("fieldset")]
    assert len(set(salts)) == len(salts)


def test_accepted_forms_add_thai_digits_and_unspaced_forms_the_site_accepts():
    forms = accepted_forms(["3,000 บาท", "3000", "๓๐ วัน", "Thirty"])
    assert forms[:4] == ["3,000 บาท", "3000", "๓๐ วัน", "Thirty"]  # the authors' own first
    assert {"๓,๐๐๐ บาท", "3,000บาท", "๓,๐๐๐บาท", "๓๐๐๐", "30 วัน", "30วัน", "๓๐วัน"} <= set(forms)
    assert "3000 บาท" not in forms  # the site does not accept it: no author wrote it
    site = {normalize_answer(a) for a in forms[:4]}
    assert {normalize_answer(f) for f in forms} == site
    assert len(forms) == len({f.casefold() for f in forms})  # Moodle ignores case: no repeats


def test_normalize_answer_is_thai_aware():
    assert normalize_answer("  ๓,๐๐๐\u200bบาท ") == "3,000บาท"
    assert normalize_answer("ABC d") == "abcd"
    assert normalize_answer("ป.ป.ช.") == normalize_answer("ป.ป.ช.".replace("ป", "ป"))
    # NFC: a decomposed sequence equals its composed form
    assert normalize_answer("e\u0301") == normalize_answer("\u00e9")


def test_hash_and_seal_round_trip():
    assert cyrb53("a") != cyrb53("b") and len(cyrb53("ทดสอบ")) == 14
    payload = {"explanation": "คำอธิบาย", "n": 1}
    assert unseal("salt", seal("salt", payload)) == payload
    assert "คำอธิบาย" not in seal("salt", payload)


def test_progress_page_lists_every_quiz(quizzes):
    meta, html = _html(render_progress(list(quizzes.values()), "en"))
    rows = Tags(html).all("tr")
    assert {r.get("data-quiz-id") for r in rows if r.get("data-quiz-id")} == {
        q.id for q in quizzes.values()
    }
    assert meta["title"] == "My progress"


def test_lesson_extras_objectives_and_quiz_link(quizzes):
    meta = {"objectives": [{"id": "x", "text": "Explain the limit"}], "minutes": 10}
    head, tail = render_lesson_extras(meta, "en", quizzes["self-check"], "lessons/gifts.md")
    assert '!!! objectives "Learning objectives"' in head and "- Explain the limit" in head
    assert "About 10 minutes" in head
    assert "(../quizzes/gifts-self-check.md)" in tail


@pytest.mark.parametrize("lang", ["th", "en"])
def test_lesson_quiz_link_names_the_quiz_once(lang):
    from coi_course.project import DOCS, QUIZZES
    from coi_course.quiz.loader import load_all_quizzes
    from coi_course.quiz.render import ui_text

    kind = ui_text()[lang]["kind"]["self-check"]
    checked = 0
    for quiz in load_all_quizzes(QUIZZES, DOCS):
        if quiz.kind != "self-check":
            continue
        _, tail = render_lesson_extras({}, lang, quiz, quiz.lesson)
        label = re.sub(
            r"\\(.)", r"\1", re.search(r"\[(.*?)\]\(", tail).group(1)
        )  # Markdown escapes
        assert label.casefold().count(kind.casefold()) == 1, label
        assert quiz.title[lang].split(":")[-1].strip() in label
        checked += 1
    assert checked >= 8


def test_pages_carry_exactly_the_texts_quiz_js_uses(quizzes):
    import json
    import re

    from coi_course.project import ROOT
    from coi_course.quiz.render import SCRIPT_TEXTS, ui_text

    script = (ROOT / "docs/assets/javascripts/quiz.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bui\.([a-z_]+)", script)) | set(
        re.findall(r'\bui\["([a-z_]+)"\]', script)
    )
    assert used == set(SCRIPT_TEXTS)
    pages = [(render_quiz(quizzes["self-check"], "en"), "en"), (render_progress([], "th"), "th")]
    for page, lang in pages:
        found = re.search(r'class="coi-quiz__ui">(.*?)</script>', page.html, re.S)
        assert json.loads(found.group(1)) == {k: ui_text()[lang][k] for k in SCRIPT_TEXTS}


def test_a_title_with_markup_is_escaped_once_for_the_theme(quizzes):
    quiz = quizzes["self-check"].model_copy(
        update={"title": quizzes["self-check"].title.model_copy(update={"th": 'a <gift> & "c"'})}
    )
    page = render_quiz(quiz, "th")
    assert page.title == page.meta["title"] == "a &lt;gift&gt; &amp; &#34;c&#34;"


def test_author_text_in_the_lesson_box_and_quiz_link_comes_out_as_typed(quizzes):
    import markdown

    typed = "a <gift> & *c* [d] {: .x} 3.5 x|y ==m== _v_ `w` {{ 7*7 }}"
    quiz = quizzes["self-check"].model_copy(
        update={"title": quizzes["self-check"].title.model_copy(update={"en": typed})}
    )
    meta = {"objectives": [{"id": "o", "text": typed}]}
    head, tail = render_lesson_extras(meta, "en", quiz, "lessons/gifts.md")
    extensions = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.mark"]
    html = markdown.markdown(head + tail, extensions=extensions)
    text = html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert f"<li>{typed}</li>" in text
    assert typed in text.split('class="md-button md-button--primary"')[1]
    assert "<em>" not in html and "<mark>" not in html and "<code>" not in html
