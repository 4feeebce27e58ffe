"""`make export`: every quiz as a Moodle question bank (GIFT and Moodle XML) in both languages.

Each exported file is read back (GIFT with ``tests.support.gift_parser`` and, as a cross-check, with a
line-by-line port of Moodle's own GIFT importer below; XML with lxml) and compared with the quiz
source: question type, texts, choices, which choices score, per-choice feedback and the explanation
and legal basis in the general feedback.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from coi_course.cli import main
from coi_course.project import DOCS, LANGUAGES, QUIZZES
from coi_course.publish.exports import (
    GIFT_SUFFIX,
    XML_SUFFIX,
    build_bank,
    category_path,
    export_all,
    gift_escape,
    is_moodle_fraction,
    right_fractions,
    text_to_html,
    to_gift,
    wrong_fraction,
)
from coi_course.quiz.keys import normalize_answer
from coi_course.quiz.loader import load_all_quizzes
from coi_course.quiz.model import Quiz
from coi_course.quiz.render import ui_text
from tests.support.gift_parser import GiftSyntaxError, lex, parse_gift, unescape
from tests.support.moodle_xml import moodle_parse

FIX = Path(__file__).parents[1] / "fixtures"
TRICKY_DIR = FIX / "quizzes" / "exports"

REAL = load_all_quizzes(QUIZZES, DOCS)
TRICKY = load_all_quizzes(TRICKY_DIR, FIX / "docs")
CASES = [(quiz, lang) for quiz in [*REAL, *TRICKY] for lang in LANGUAGES]
IDS = [f"{quiz.id}-{lang}" for quiz, lang in CASES]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export_all([*REAL, *TRICKY], out)
    return out


# --- reading the exports back ------------------------------------------------------------------


def plain(fragment: str) -> str:
    """An exported HTML fragment as the text a learner reads (``<br>`` and paragraphs as line breaks)."""
    if not fragment:
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in root.iter("p"):
        p.tail = "\n\n" + (p.tail or "")
    return root.text_content().strip()


def shortanswer_text(pattern: str) -> str:
    """Moodle short-answer pattern -> the text it accepts (``\\*`` is a literal star)."""
    assert not re.search(r"(?<!\\)\*", pattern), f"unescaped wildcard in {pattern!r}"
    return pattern.replace("\\*", "*")


def normalize(qtype, name, text, fmt, general, single, answers) -> dict:
    """One exported question in comparable form (plain texts, fractions in percent)."""
    assert fmt == "html", f"{name}: question text format {fmt!r}"
    if qtype == "shortanswer":
        answers = [(shortanswer_text(t), f, plain(fb)) for t, f, fb in answers]
    elif qtype == "truefalse":
        answers = [(t, f, plain(fb)) for t, f, fb in answers]
    else:
        answers = [(plain(t), f, plain(fb)) for t, f, fb in answers]
    return {
        "name": name,
        "qtype": qtype,
        "text": plain(text),
        "general": plain(general),
        "single": single,
        "answers": answers,
    }


def read_gift(path: Path) -> tuple[list[str], list[dict]]:
    parsed = parse_gift(path.read_text(encoding="utf-8"))
    questions = [
        normalize(
            q.qtype,
            q.name,
            q.text,
            q.format,
            q.general_feedback,
            q.single,
            [(a.text, a.fraction, a.feedback) for a in q.answers],
        )
        for q in parsed.questions
    ]
    return parsed.categories, questions


def read_xml(path: Path) -> tuple[list[str], list[dict]]:
    """The bank as Moodle's importer reads it (``moodle_parse``: whitespace-only pieces dropped)."""
    root = moodle_parse(path.read_bytes())
    assert root.tag == "quiz"
    categories, questions = [], []
    for el in root.findall("question"):
        qtype = el.get("type")
        if qtype == "category":
            categories.append(el.findtext("category/text"))
            continue
        single = el.findtext("single")
        answers = [
            (a.findtext("text") or "", float(a.get("fraction")), a.findtext("feedback/text") or "")
            for a in el.findall("answer")
        ]
        questions.append(
            normalize(
                qtype,
                el.findtext("name/text"),
                el.findtext("questiontext/text"),
                el.find("questiontext").get("format"),
                el.findtext("generalfeedback/text") or "",
                None if single is None else {"true": True, "false": False}[single],
                answers,
            )
        )
    return categories, questions


# --- what the source says ----------------------------------------------------------------------


def check_against_source(quiz: Quiz, lang: str, categories: list[str], questions: list[dict]):
    assert categories == [category_path(" ".join(quiz.title[lang].split()))]
    assert [q["name"] for q in questions] == [f"{quiz.id}/{q.id}" for q in quiz.questions]
    for src, got in zip(quiz.questions, questions, strict=True):
        where = f"{quiz.id}/{src.id} ({lang})"
        assert got["text"] == src.prompt[lang], where
        assert src.explanation[lang] in got["general"], where
        if src.basis:
            assert f"{ui_text()[lang]['basis']}: {src.basis}" in got["general"], where
        fractions = [f for _, f, _ in got["answers"]]
        assert all(is_moodle_fraction(f) for f in fractions), (where, fractions)
        if src.type in ("single", "multiple"):
            assert got["qtype"] == "multichoice", where
            assert got["single"] is (src.type == "single"), where
            assert [t for t, _, _ in got["answers"]] == [c.text[lang] for c in src.choices], where
            assert [fb for _, _, fb in got["answers"]] == [
                c.feedback[lang] if c.feedback else "" for c in src.choices
            ], where
            scoring = [c.id for c, f in zip(src.choices, fractions, strict=True) if f > 0]
            assert scoring == src.correct_ids, where
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.005), where
            if src.type == "single":
                assert sorted(fractions) == [0.0] * (len(fractions) - 1) + [100.0], where
            else:
                # Ticking every box must not score: the wrong choices take back at least 100%.
                wrong = [f for f in fractions if f <= 0]
                assert all(f < 0 for f in wrong), where
                if wrong:
                    assert sum(fractions) <= 0.0001, where
        elif src.type == "true-false":
            assert got["qtype"] == "truefalse", where
            assert got["answers"] == [
                ("true", 100.0 if src.answer else 0.0, ""),
                ("false", 0.0 if src.answer else 100.0, ""),
            ], where
        else:
            assert got["qtype"] == "shortanswer", where
            texts = [t for t, _, _ in got["answers"]]
            assert texts[: len(src.answer)] == list(src.answer), where
            site = {normalize_answer(a) for a in src.answer}
            for extra in texts[len(src.answer) :]:  # Moodle needs variants the site accepts
                assert normalize_answer(extra) in site, (where, extra)
            assert all(f == 100.0 for f in fractions), where


# --- a port of Moodle's GIFT importer (question/format/gift/format.php), for a cross-check ------

_PLACEHOLDERS = [
    ("\\:", "&&058;", ":"),
    ("\\#", "&&035;", "#"),
    ("\\=", "&&061;", "="),
    ("\\{", "&&123;", "{"),
    ("\\}", "&&125;", "}"),
    ("\\~", "&&126;", "~"),
    ("\\n", "&&010", "\n"),
]
_MOODLE_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder, _ in _PLACEHOLDERS:
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for _, placeholder, char in _PLACEHOLDERS:
        text = text.replace(placeholder, char)
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in ("moodle", "html", "plain", "markdown"):
            fmt, text = text[1:end], text[end + 1 :]
    return _post(text).strip(), fmt


def _weight(answer: str) -> tuple[float, str]:
    answer = answer[1:]
    end = answer.find("%")
    return float(answer[:end]), answer[end + 1 :]


def moodle_readquestion(lines: list[str]) -> dict:
    lines = [" " if line.strip().startswith("//") else line.strip() for line in lines]
    text = _pre("\n".join(lines).strip())
    if text.startswith("$CATEGORY:"):
        return {"qtype": "category", "category": text[10:].strip()}
    name = None
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        name = _post(text[:end]).strip()
        text = text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    assert start >= 0 and finish > start and text.endswith("}"), text
    answertext = text[start + 1 : finish].strip()
    questiontext = text[:start] + text[finish + 1 :]
    general = ""
    sep = answertext.rfind("####")
    if sep >= 0:
        general = answertext[sep + 4 :]
        answertext = answertext[:sep].strip()
    qtext, fmt = _with_format(questiontext, "moodle")
    general = _with_format(general, fmt)[0]
    q = {"name": name, "text": qtext, "format": fmt, "general": general, "single": None}
    if "~" in answertext:
        q["qtype"] = "multichoice"
        q["single"] = "=" in answertext
        pieces = answertext.replace("=", "~=").split("~")
        pieces[0] = pieces[0].strip()
        if not pieces[0]:
            pieces.pop(0)
        answers = []
        for piece in pieces:
            piece = piece.strip()
            if piece[0] == "=":
                fraction, piece = 100.0, piece[1:]
            elif _MOODLE_WEIGHT.match(piece):
                fraction, piece = _weight(piece)
            else:
                fraction = 0.0
            bits = piece.split("#", 1)
            feedback = _with_format(bits[1].strip(), fmt)[0] if len(bits) > 1 else ""
            answers.append((_with_format(bits[0].strip(), fmt)[0], fraction, feedback))
        q["answers"] = answers
        return q
    assert not ("=" in answertext and "->" in answertext), "Moodle would read a matching question"
    check = answertext.split("#")[0].strip() if answertext.find("#") > 0 else answertext
    if check in ("T", "TRUE", "F", "FALSE"):
        q["qtype"] = "truefalse"
        bits = answertext.split("#", 2)
        wrong = _with_format(bits[1].strip(), fmt)[0] if len(bits) > 1 else ""
        right = _with_format(bits[2].strip(), fmt)[0] if len(bits) > 2 else ""
        correct = _with_format(bits[0].strip(), fmt)[0] in ("T", "TRUE")
        q["answers"] = [
            ("true", 100.0 if correct else 0.0, right if correct else wrong),
            ("false", 0.0 if correct else 100.0, wrong if correct else right),
        ]
        return q
    q["qtype"] = "shortanswer"
    pieces = answertext.split("=")
    pieces[0] = pieces[0].strip()
    if not pieces[0]:
        pieces.pop(0)
    answers = []
    for piece in pieces:
        piece = piece.strip()
        fraction = 100.0
        if _MOODLE_WEIGHT.match(piece):
            fraction, piece = _weight(piece)
        bits = piece.split("#", 1)
        feedback = _with_format(bits[1].strip(), fmt)[0] if len(bits) > 1 else ""
        answers.append((_with_format(bits[0].strip(), fmt)[0], fraction, feedback))
    q["answers"] = answers
    return q


def moodle_readquestions(source: str) -> list[dict]:
    out, current = [], []
    for line in source.split("\n"):
        if not line.strip():
            if current:
                out.append(moodle_readquestion(current))
            current = []
        else:
            current.append(line)
    if current:
        out.append(moodle_readquestion(current))
    return out


# --- the tests ----------------------------------------------------------------------------------


def test_real_quizzes_are_all_covered():
    assert len(REAL) == len(list(QUIZZES.glob("*.yml"))) >= 1


@pytest.mark.parametrize(("quiz", "lang"), CASES, ids=IDS)
def test_gift_export_parses_back_to_the_source(exported, quiz, lang):
    path = exported / lang / f"{quiz.id}{GIFT_SUFFIX}"
    categories, questions = read_gift(path)
    check_against_source(quiz, lang, categories, questions)


@pytest.mark.parametrize(("quiz", "lang"), CASES, ids=IDS)
def test_gift_export_reads_the_same_with_moodles_algorithm(exported, quiz, lang):
    source = (exported / lang / f"{quiz.id}{GIFT_SUFFIX}").read_text(encoding="utf-8")
    ours = parse_gift(source)
    theirs = [q for q in moodle_readquestions(source) if q.get("qtype") != "category"]
    cats = [q["category"] for q in moodle_readquestions(source) if q.get("qtype") == "category"]
    assert cats == ours.categories
    assert len(theirs) == len(ours.questions)
    for a, b in zip(ours.questions, theirs, strict=True):
        assert (a.name, a.qtype, a.text, a.format, a.general_feedback, a.single) == (
            b["name"],
            b["qtype"],
            b["text"],
            b["format"],
            b["general"],
            b["single"],
        )
        assert [(x.text, x.fraction, x.feedback) for x in a.answers] == b["answers"]


@pytest.mark.parametrize(("quiz", "lang"), CASES, ids=IDS)
def test_moodle_xml_export_maps_back_to_the_source(exported, quiz, lang):
    path = exported / lang / f"{quiz.id}{XML_SUFFIX}"
    categories, questions = read_xml(path)
    check_against_source(quiz, lang, categories, questions)
    # Both formats carry exactly the same bank.
    assert read_gift(exported / lang / f"{quiz.id}{GIFT_SUFFIX}") == (categories, questions)


def test_moodle_xml_has_the_moodle_structure(exported):
    root = etree.parse(str(exported / "en" / f"tricky-export{XML_SUFFIX}")).getroot()
    first = root[0]
    assert first.get("type") == "category" and first.findtext("info/text") == (
        "About: &lt;not a tag&gt; &amp; {braces}"
    )
    multi = root.xpath("question[name/text='tricky-export/multiline-prompt']")[0]
    assert multi.findtext("single") == "false"
    assert [a.get("fraction") for a in multi.findall("answer")] == [
        "33.33333",
        "-50",
        "33.33333",
        "33.33333",
        "-50",
    ]
    assert multi.find("questiontext").get("format") == "html"
    assert multi.findtext("questiontext/text").startswith("First line: choose all that apply<br>")
    tf = root.xpath("question[@type='truefalse']")[0]
    assert [(a.findtext("text"), a.get("fraction")) for a in tf.findall("answer")] == [
        ("true", "100"),
        ("false", "0"),
    ]
    short = root.xpath("question[@type='shortanswer']")[0]
    assert short.findtext("usecase") == "0"
    assert "3\\*1000" in [a.findtext("text") for a in short.findall("answer")]
    # Text is escaped once as HTML and written in CDATA (as Moodle's exporter does), never raw.
    raw = (exported / "en" / f"tricky-export{XML_SUFFIX}").read_text(encoding="utf-8")
    assert "a &lt; b &amp;&amp; c &gt; d" in raw
    html_fields = raw.split("</category>", 1)[1]  # the category name is plain text, not HTML
    assert "<b>" not in html_fields and "<tag>" not in html_fields
    texts = re.findall(r"<text>(.*?)</text>", raw, re.DOTALL)
    assert texts and all(t == "" or t.startswith("<![CDATA[") for t in texts)


def test_basis_label_keeps_its_space_when_moodle_reads_the_xml(exported):
    label = ui_text()["th"]["basis"]
    checked = 0
    for quiz in REAL:
        root = moodle_parse((exported / "th" / f"{quiz.id}{XML_SUFFIX}").read_bytes())
        for q, el in zip(quiz.questions, root.findall("question")[1:], strict=True):
            if q.basis:
                feedback = el.findtext("generalfeedback/text")
                assert f"<strong>{label}:</strong> {text_to_html(q.basis)}</p>" in feedback, q.id
                checked += 1
    assert checked >= 1
    # The same parse drops that space when the HTML is written as escaped text (the old export).
    escaped = f"<q><text>{html.escape(f'<strong>{label}:</strong> พ.ร.ป. 2561')}</text></q>"
    assert (
        moodle_parse(escaped.encode()).findtext("text") == f"<strong>{label}:</strong>พ.ร.ป. 2561"
    )


def test_cdata_end_marker_inside_a_text_survives(exported):
    root = moodle_parse((exported / "en" / f"tricky-export{XML_SUFFIX}").read_bytes())
    typed = next(q for q in root if q.findtext("name/text") == "tricky-export/typed-answer")
    assert "&lt;not a tag&gt; ]]&gt; end" in typed.findtext("generalfeedback/text")


_ARABIC_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _typings(text: str) -> set[str]:
    """Ways a learner may type an answer: Arabic or Thai digits, thousands separators as written,
    none or added, spaces as written or none."""
    out = set()
    for spaced in (text, re.sub(r"\s+", "", text)):
        for sep in (
            spaced,
            re.sub(r"(?<=\d),(?=\d{3})", "", spaced),
            re.sub(r"\d{4,}", lambda m: f"{int(m.group()):,}", spaced),
        ):
            out |= {sep, sep.translate(_ARABIC_TO_THAI), sep.translate(_THAI_TO_ARABIC)}
    return out


def _as_moodle_compares(text: str) -> str:
    """Moodle's short answer with usecase 0: NFC, case ignored, outer whitespace trimmed."""
    return unicodedata.normalize("NFC", text).strip().casefold()


def _exported_short_answers(exported: Path, quiz: Quiz, lang: str) -> dict[str, dict[str, set]]:
    gift = parse_gift((exported / lang / f"{quiz.id}{GIFT_SUFFIX}").read_text(encoding="utf-8"))
    xml = moodle_parse((exported / lang / f"{quiz.id}{XML_SUFFIX}").read_bytes())
    found: dict[str, dict[str, set]] = {}
    for q in gift.questions:
        if q.qtype == "shortanswer":
            texts = {_as_moodle_compares(shortanswer_text(a.text)) for a in q.answers}
            found.setdefault(q.name, {})["gift"] = texts
    for el in xml.findall("question[@type='shortanswer']"):
        texts = {_as_moodle_compares(shortanswer_text(a.text)) for a in el.findall("answer/text")}
        found.setdefault(el.findtext("name/text"), {})["xml"] = texts
    return found


@pytest.mark.parametrize(("quiz", "lang"), CASES, ids=IDS)
def test_every_short_answer_form_the_site_accepts_is_in_both_formats(exported, quiz, lang):
    found = _exported_short_answers(exported, quiz, lang)
    for q in quiz.questions:
        if q.type != "short-answer":
            continue
        site = {normalize_answer(a) for a in q.answer}
        accepted = {
            _as_moodle_compares(t)
            for a in q.answer
            for t in _typings(a)
            if normalize_answer(t) in site
        }
        for fmt, texts in found[f"{quiz.id}/{q.id}"].items():
            assert accepted - texts == set(), (q.id, fmt)
            # and nothing that the site would mark wrong
            assert {t for t in texts if normalize_answer(t) not in site} == set(), (q.id, fmt)


def test_thai_digit_answers_are_exported():
    texts = {
        q.name: {a.text for a in q.answers}
        for quiz in REAL
        for q in build_bank(quiz, "th").questions
        if q.qtype == "shortanswer"
    }
    every = set().union(*texts.values())
    assert {"๓,๐๐๐", "๓,๐๐๐ บาท", "๓๐๐๐บาท", "๘๕", "๓๐ วัน"} <= every


def test_gift_escapes_the_tricky_fixture(exported):
    text = (exported / "th" / f"tricky-export{GIFT_SUFFIX}").read_text(encoding="utf-8")
    # The title has ':' and '/' - the category line is written as Moodle reads it (no escapes).
    assert "$CATEGORY: $course$/top/แบบทดสอบ: อักขระพิเศษ {ก} & <ข> // " in text
    assert "::tricky-export/colons-and-braces::[html]ข้อ 1\\: ค่า \\{x\\} \\= 3,000 บาท \\#" in text
    assert "\t~%-50%ผิด \\~ ค#ไม่ใช่ \\# 2" in text  # negative weight, escaped ~ and #
    assert "\t~[html]%50% ของราคา" in text  # a leading % is not read as a weight
    assert "\t=a\\=b\\#c\\~d\\{e\\}\\:f" in text
    assert "\\\\ ทับ \\\\n ไม่ใช่ขึ้นบรรทัด" in text  # a real backslash, not a line break
    # No line of a question may start a comment or end the block early.
    for block in text.rstrip("\n").split("\n\n")[1:]:
        lines = block.split("\n")
        assert all(line.strip() for line in lines)
        assert not any(line.strip().startswith("//") for line in lines[1:])


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "ข้อ 1: ค่า {x} = 3,000 # ~",
        "\\ back \\\\ slashes \\n \\: \\{",
        "line one\nline two\n\nthree",
        "&&058; &&092; %50% [html]",
        "::a::",
    ],
)
def test_gift_escape_round_trips(text):
    escaped = gift_escape(text)
    assert unescape(escaped) == text
    assert all(not esc or ch in "\\~=#{}:\n" for ch, esc in lex(escaped))
    # Nothing structural is left unescaped.
    assert not re.search(r"(?<!\\)(?:\\\\)*[~=#{}:]", escaped.replace("\\\\", ""))


@pytest.mark.parametrize("count", range(1, 21))
def test_right_fractions_are_moodle_values_summing_to_100(count):
    shares = right_fractions(count)
    assert len(shares) == count
    assert all(is_moodle_fraction(s) and s > 0 for s in shares)
    assert sum(shares) == pytest.approx(100, abs=0.005)
    if count <= 10:
        assert max(shares) - min(shares) < 0.001  # split evenly, e.g. 3 -> 33.33333, 7 -> 14.28571


@pytest.mark.parametrize("count", range(1, 25))
def test_wrong_fractions_cancel_ticking_everything(count):
    penalty = wrong_fraction(count)
    assert penalty < 0 and is_moodle_fraction(penalty)
    assert count * penalty <= -99.9999


def test_more_right_answers_than_moodle_can_share():
    with pytest.raises(ValueError, match="cannot share 100%"):
        right_fractions(21)


def test_short_answer_with_arrow_is_refused_for_gift():
    quiz = TRICKY[0].model_copy(
        update={
            "questions": [
                q.model_copy(update={"answer": ["a -> b"]})
                for q in TRICKY[0].questions
                if q.type == "short-answer"
            ]
        }
    )
    with pytest.raises(ValueError, match="'->'"):
        to_gift(build_bank(quiz, "en"))


def test_gift_parser_rejects_what_it_does_not_support():
    with pytest.raises(GiftSyntaxError, match="numerical"):
        parse_gift("::n::How many?{#3}")
    with pytest.raises(GiftSyntaxError, match="matching"):
        parse_gift("::m::Match{=a -> b =c -> d}")
    with pytest.raises(GiftSyntaxError, match="missing-word"):
        parse_gift("Grant is {~buried =entombed} in the tomb.")
    with pytest.raises(GiftSyntaxError, match="unbalanced"):
        parse_gift("::x::Text {~a =b")


def test_gift_parser_reads_handwritten_forms():
    parsed = parse_gift(
        "// comment\n$CATEGORY: $course$/top/Hand\n\n"
        "::tf::Grant is buried{F#wrong fb#right fb####general}\n\n"
        "Who\\: is buried?{=no one#yes =nobody ~%50%half}\n\n"
        "Name?{=Grant =%50%U. S. Grant#close}\n"
    )
    assert parsed.categories == ["$course$/top/Hand"]
    tf, mc, sa = parsed.questions
    assert (tf.qtype, tf.general_feedback, tf.category) == (
        "truefalse",
        "general",
        "$course$/top/Hand",
    )
    assert [(a.text, a.fraction, a.feedback) for a in tf.answers] == [
        ("true", 0.0, "wrong fb"),
        ("false", 100.0, "right fb"),
    ]
    assert (mc.qtype, mc.single, mc.text) == ("multichoice", True, "Who: is buried?")
    assert [(a.text, a.fraction) for a in mc.answers] == [
        ("no one", 100.0),
        ("nobody", 100.0),
        ("half", 50.0),
    ]
    assert [(a.text, a.fraction, a.feedback) for a in sa.answers] == [
        ("Grant", 100.0, ""),
        ("U. S. Grant", 50.0, "close"),
    ]


def test_cli_export_writes_every_quiz_and_prints_counts(tmp_path, capsys):
    out = tmp_path / "export"
    stale = out / "en" / f"removed-quiz{GIFT_SUFFIX}"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    keep = out / "en" / "notes.txt"
    keep.write_text("not ours", encoding="utf-8")
    assert main(["export", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for lang in LANGUAGES:
        names = sorted(p.name for p in (out / lang).glob("*.*.*"))
        assert names == sorted(
            f"{q.id}{suffix}" for q in REAL for suffix in (GIFT_SUFFIX, XML_SUFFIX)
        )
    assert not stale.exists() and keep.exists()
    n_questions = sum(len(q.questions) for q in REAL)
    assert f"{len(REAL)} quizzes, {n_questions} questions" in printed
    assert f"wrote {2 * len(REAL)} GIFT files" in printed
    assert f"{2 * len(REAL)} Moodle XML files" in printed
    assert "removed 1 stale file(s)" in printed
    for quiz in REAL:
        assert re.search(
            rf"^  {re.escape(quiz.id)} +{len(quiz.questions)} questions$", printed, re.M
        )


def test_export_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    export_all(REAL, a)
    export_all(REAL, b)
    for path in a.rglob("*.*"):
        assert path.read_bytes() == (b / path.relative_to(a)).read_bytes()
