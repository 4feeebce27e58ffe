"""Every quiz as a Moodle question bank: GIFT and Moodle XML, one file per quiz per language.

``build_bank`` turns a quiz into language-resolved questions (Moodle's vocabulary: multichoice,
truefalse, shortanswer, fractions in percent); ``to_gift`` and ``to_moodle_xml`` write them;
``export_all`` writes ``<out>/<lang>/<quiz-id>.gift.txt`` and ``<out>/<lang>/<quiz-id>.moodle.xml``.

Choices, the answer, per-choice feedback and the explanation (as general feedback, with the legal
basis) are kept. Quiz texts are plain text, so both formats carry them as HTML: escaped, with line
breaks as ``<br>``; Moodle XML writes every text in a CDATA section so that no space is lost.
Short-answer accepted texts are not HTML (Moodle compares them as typed): ``accepted_forms`` lists
every way of typing them that the site accepts (Thai digits, no spaces).

Moodle checks answer grades on import against a fixed list (``question_bank::fraction_options_full``),
so every fraction written here is one of those values: right answers of a multiple-answer question
share 100% (e.g. 3 x 33.33333), wrong ones share -100% so that ticking every box scores nothing.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..project import LANGUAGES
from ..quiz.keys import accepted_forms
from ..quiz.model import Question, Quiz
from ..quiz.render import ui_text

# Moodle's grade values in percent (question/engine/bank.php), largest first; negatives are allowed too.
MOODLE_FRACTIONS = (
    100.0,
    90.0,
    83.33333,
    80.0,
    75.0,
    70.0,
    66.66667,
    60.0,
    50.0,
    40.0,
    33.33333,
    30.0,
    25.0,
    20.0,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10.0,
    5.0,
)
_TOLERANCE = 0.0005  # percent; Moodle accepts a grade within 0.001 percent of a listed value

GIFT_SUFFIX = ".gift.txt"
XML_SUFFIX = ".moodle.xml"
GIFT_SPECIAL = "\\~=#{}:"  # escaped with a backslash; a newline is written as \n


# ---------------------------------------------------------------------------------------------
# Fractions


def format_fraction(value: float) -> str:
    """``33.33333`` -> ``"33.33333"``, ``50.0`` -> ``"50"``, ``-100.0`` -> ``"-100"``."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def is_moodle_fraction(value: float) -> bool:
    """Whether Moodle's importer accepts this grade (percent; 0 and negatives included)."""
    return value == 0 or any(abs(abs(value) - v) < _TOLERANCE for v in MOODLE_FRACTIONS)


def right_fractions(count: int) -> list[float]:
    """Grades of ``count`` right answers: Moodle values that add up to 100, as even as possible."""
    if count < 1:
        raise ValueError("a question needs at least one right answer")
    even = 100 / count
    for v in MOODLE_FRACTIONS:
        if abs(v - even) < _TOLERANCE:
            return [v] * count
    best: tuple[float, list[float]] | None = None
    for i, high in enumerate(MOODLE_FRACTIONS):
        for low in MOODLE_FRACTIONS[i + 1 :]:
            for n in range(1, count):
                if abs(n * high + (count - n) * low - 100) < 0.005:
                    if best is None or high - low < best[0]:
                        best = (high - low, [high] * n + [low] * (count - n))
    if best is None:
        raise ValueError(f"Moodle's grade values cannot share 100% among {count} right answers")
    return best[1]


def wrong_fraction(count: int) -> float:
    """Negative grade of each of ``count`` wrong choices: together at least -100%, so ticking every
    box scores nothing (Moodle never gives less than 0 for a question)."""
    if count < 1:
        raise ValueError("no wrong choices")
    share = 100 / count
    return -min(v for v in MOODLE_FRACTIONS if v >= share - _TOLERANCE)


# ---------------------------------------------------------------------------------------------
# The bank: one quiz in one language


@dataclass(frozen=True)
class BankAnswer:
    text: str  # plain text, as the learner sees it (short-answer: an accepted text)
    fraction: float  # percent of the question's mark
    feedback: str = ""  # plain text


@dataclass(frozen=True)
class BankQuestion:
    name: str  # <quiz id>/<question id>
    qtype: str  # multichoice | truefalse | shortanswer
    source_type: str  # the quiz file's type: single | multiple | true-false | short-answer
    text: str
    explanation: str
    basis: str | None
    basis_label: str
    single: bool = True
    answers: tuple[BankAnswer, ...] = ()

    @property
    def general_feedback_html(self) -> str:
        out = f"<p>{text_to_html(self.explanation)}</p>"
        if self.basis:
            out += f"<p><strong>{text_to_html(self.basis_label)}:</strong> {text_to_html(self.basis)}</p>"
        return out


@dataclass(frozen=True)
class Bank:
    quiz_id: str
    lang: str
    category: str  # the quiz title: one category per quiz
    info: str  # the quiz description, or ""
    questions: tuple[BankQuestion, ...] = field(default_factory=tuple)


# Characters XML cannot hold, and the two private-use characters that mark CDATA text while the
# Moodle XML is written (see ``_cdata_marked``).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ue000\ue001\ufffe\uffff]")


def _clean(text: str) -> str:
    """Line breaks as ``\\n``; characters XML cannot hold are dropped (in both formats, alike)."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def text_to_html(text: str) -> str:
    """Plain text as an HTML fragment: ``& < >`` escaped, line breaks as ``<br>``."""
    return html.escape(_clean(text), quote=False).replace("\n", "<br>")


def shortanswer_pattern(text: str) -> str:
    """An accepted text as a Moodle short-answer pattern: ``*`` is Moodle's wildcard, so escape it."""
    return _clean(text).replace("*", "\\*")


def question_name(quiz: Quiz, q: Question) -> str:
    return f"{quiz.id}/{q.id}"


def _bank_question(quiz: Quiz, q: Question, lang: str) -> BankQuestion:
    common = {
        "name": question_name(quiz, q),
        "source_type": q.type,
        "text": q.prompt[lang],
        "explanation": q.explanation[lang],
        "basis": q.basis,
        "basis_label": ui_text()[lang]["basis"],
    }
    if q.type == "true-false":
        answers = (
            BankAnswer("true", 100.0 if q.answer is True else 0.0),
            BankAnswer("false", 100.0 if q.answer is False else 0.0),
        )
        return BankQuestion(qtype="truefalse", answers=answers, **common)
    if q.type == "short-answer":
        texts = accepted_forms(list(q.answer))
        return BankQuestion(
            qtype="shortanswer", answers=tuple(BankAnswer(t, 100.0) for t in texts), **common
        )
    choices = q.choices or []
    right = set(q.correct_ids)
    if q.type == "single":
        grades = {c.id: (100.0 if c.id in right else 0.0) for c in choices}
    else:
        shares = iter(right_fractions(len(right)))
        wrong = len(choices) - len(right)
        penalty = wrong_fraction(wrong) if wrong else 0.0
        grades = {c.id: (next(shares) if c.id in right else penalty) for c in choices}
    answers = tuple(
        BankAnswer(c.text[lang], grades[c.id], c.feedback[lang] if c.feedback else "")
        for c in choices
    )
    return BankQuestion(qtype="multichoice", single=q.type == "single", answers=answers, **common)


def build_bank(quiz: Quiz, lang: str) -> Bank:
    return Bank(
        quiz_id=quiz.id,
        lang=lang,
        category=" ".join(quiz.title[lang].split()),
        info=quiz.description[lang] if quiz.description else "",
        questions=tuple(_bank_question(quiz, q, lang) for q in quiz.questions),
    )


def category_path(name: str) -> str:
    """Moodle category path for a category under the course's top category: ``/`` in the name is
    doubled, and a name starting with ``/`` gets a space in front (as Moodle's own exporter does).
    A trailing ``/`` needs no space: the name is the last part of the path."""
    escaped = name.replace("/", "//")
    if escaped.startswith("/"):
        escaped = " " + escaped
    return f"$course$/top/{escaped}"


# ---------------------------------------------------------------------------------------------
# GIFT


def gift_escape(text: str) -> str:
    """Backslash before ``\\ ~ = # { } :`` and line breaks as ``\\n`` (as Moodle's own exporter)."""
    out = []
    for ch in _clean(text):
        if ch in GIFT_SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return "".join(out)


def _gift_text(text: str, force_format: bool = False) -> str:
    """One GIFT text field. A leading ``[`` would read as a format tag and a leading ``%`` as a
    grade, so such texts get the (harmless) explicit ``[html]`` tag in front."""
    tag = "[html]" if force_format or text.startswith(("[", "%")) else ""
    return tag + gift_escape(text)


def _gift_question(q: BankQuestion) -> str:
    lines = [
        f"// {q.name} ({q.source_type})",
        f"::{gift_escape(q.name)}::{_gift_text(text_to_html(q.text), force_format=True)}{{",
    ]
    if q.qtype == "multichoice":
        for a in q.answers:
            if q.single:
                mark = "=" if a.fraction == 100 else "~"
            else:
                mark = f"~%{format_fraction(a.fraction)}%"
            line = "\t" + mark + _gift_text(text_to_html(a.text))
            if a.feedback:
                line += "#" + _gift_text(text_to_html(a.feedback))
            lines.append(line)
    elif q.qtype == "truefalse":
        lines.append("\tTRUE" if q.answers[0].fraction == 100 else "\tFALSE")
    else:
        for a in q.answers:
            if "->" in a.text:
                # Moodle would read "=... -> ..." as a matching question; GIFT cannot escape it.
                raise ValueError(
                    f"{q.name}: the accepted text {a.text!r} contains '->', which GIFT cannot express"
                )
            lines.append("\t=" + _gift_text(shortanswer_pattern(a.text)))
    lines.append("\t####" + _gift_text(q.general_feedback_html))
    lines.append("}")
    return "\n".join(lines)


def to_gift(bank: Bank) -> str:
    """The bank as a GIFT file (UTF-8 text): a category line, then one block per question."""
    # Moodle reads the category line as it stands (no unescaping), so it is written unescaped;
    # the name is on one line because a line break would end the block.
    blocks = [
        f"// {bank.quiz_id} ({bank.lang}): generated by `make export` from quizzes/; do not edit.\n"
        f"$CATEGORY: {category_path(bank.category)}",
        *(_gift_question(q) for q in bank.questions),
    ]
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------------------------------------
# Moodle XML


_CDATA_OPEN, _CDATA_CLOSE = "\ue000", "\ue001"
_CDATA_MARKED = re.compile(f"{_CDATA_OPEN}(.*?){_CDATA_CLOSE}", re.DOTALL)


def _text(parent: ET.Element, value: str) -> ET.Element:
    """A ``<text>`` element whose content is written as CDATA (see ``_cdata_sections``)."""
    el = ET.SubElement(parent, "text")
    el.text = f"{_CDATA_OPEN}{value}{_CDATA_CLOSE}" if value else ""
    return el


def _cdata_sections(xml: str) -> str:
    """Turn every marked ``<text>`` into a CDATA section, as Moodle's own exporter writes HTML.

    Moodle reads XML with PHP's parser set to skip whitespace-only text, and libxml2 hands escaped
    text over in pieces (an ASCII run ends where a Thai letter or an entity starts): the space in
    ``&lt;/strong&gt; พ.ร.ป.`` or ``๓๐ วัน`` would be such a piece and be lost. A CDATA section
    arrives whole. ElementTree cannot write CDATA, so ``_text`` marks the content and this undoes
    ElementTree's escaping of it (``& < >`` only) inside a CDATA section instead."""

    def section(match: re.Match) -> str:
        text = match.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"

    return _CDATA_MARKED.sub(section, xml)


def _add_text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    _text(el, text)
    return el


def _add(parent: ET.Element, tag: str, value: str) -> ET.Element:
    el = ET.SubElement(parent, tag)
    el.text = value
    return el


def _xml_question(root: ET.Element, q: BankQuestion) -> None:
    el = ET.SubElement(root, "question", {"type": q.qtype})
    _add_text(el, "name", q.name, fmt=None)
    _add_text(el, "questiontext", text_to_html(q.text))
    _add_text(el, "generalfeedback", q.general_feedback_html)
    _add(el, "defaultgrade", "1")
    _add(el, "penalty", "1" if q.qtype == "truefalse" else "0.3333333")
    _add(el, "hidden", "0")
    _add(el, "idnumber", q.name)
    if q.qtype == "multichoice":
        _add(el, "single", "true" if q.single else "false")
        _add(el, "shuffleanswers", "false")  # authors' order: a choice may refer to another
        _add(el, "answernumbering", "abc")
        _add(el, "showstandardinstruction", "0")
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _add_text(el, tag, "")
        if not q.single:
            ET.SubElement(el, "shownumcorrect")
        for a in q.answers:
            ans = ET.SubElement(
                el, "answer", {"fraction": format_fraction(a.fraction), "format": "html"}
            )
            _text(ans, text_to_html(a.text))
            _add_text(ans, "feedback", text_to_html(a.feedback))
    elif q.qtype == "truefalse":
        for a in q.answers:
            ans = ET.SubElement(
                el,
                "answer",
                {"fraction": format_fraction(a.fraction), "format": "moodle_auto_format"},
            )
            _text(ans, a.text)
            _add_text(ans, "feedback", text_to_html(a.feedback))
    else:
        _add(el, "usecase", "0")
        for a in q.answers:
            ans = ET.SubElement(
                el,
                "answer",
                {"fraction": format_fraction(a.fraction), "format": "moodle_auto_format"},
            )
            _text(ans, shortanswer_pattern(a.text))
            _add_text(ans, "feedback", "")


def to_moodle_xml(bank: Bank) -> bytes:
    """The bank as a Moodle XML file (UTF-8 bytes): a category, then the questions."""
    root = ET.Element("quiz")
    cat = ET.SubElement(root, "question", {"type": "category"})
    _add_text(cat, "category", category_path(bank.category), fmt=None)
    _add_text(cat, "info", text_to_html(bank.info) if bank.info else "")
    for q in bank.questions:
        _xml_question(root, q)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return ("<?xml version='1.0' encoding='utf-8'?>\n" + _cdata_sections(xml) + "\n").encode(
        "utf-8"
    )


# ---------------------------------------------------------------------------------------------
# Writing the files


@dataclass
class ExportReport:
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    quizzes: dict[str, int] = field(default_factory=dict)  # quiz id -> questions
    types: Counter = field(default_factory=Counter)  # source question type -> count (one language)

    def summary(self, root: Path | None = None) -> str:
        def show(p: Path) -> str:
            try:
                return p.relative_to(root).as_posix() if root else p.as_posix()
            except ValueError:
                return p.as_posix()

        n_questions = sum(self.quizzes.values())
        gift = sum(1 for p in self.written if p.name.endswith(GIFT_SUFFIX))
        xml = sum(1 for p in self.written if p.name.endswith(XML_SUFFIX))
        lines = [
            f"Moodle question banks in {show(self.out_dir)}/ (per language: {', '.join(LANGUAGES)}):"
        ]
        width = max((len(q) for q in self.quizzes), default=0)
        for quiz_id, count in self.quizzes.items():
            lines.append(f"  {quiz_id:<{width}}  {count:>3} questions")
        kinds = ", ".join(f"{n} {t}" for t, n in sorted(self.types.items()))
        lines.append(
            f"{len(self.quizzes)} quizzes, {n_questions} questions ({kinds}) "
            f"x {len(LANGUAGES)} languages"
        )
        lines.append(
            f"wrote {gift} GIFT files ({show(self.out_dir)}/<lang>/<quiz-id>{GIFT_SUFFIX}) and "
            f"{xml} Moodle XML files ({show(self.out_dir)}/<lang>/<quiz-id>{XML_SUFFIX})"
        )
        if self.removed:
            lines.append(
                f"removed {len(self.removed)} stale file(s): "
                + ", ".join(show(p) for p in self.removed)
            )
        return "\n".join(lines)


def export_all(quizzes: list[Quiz], out_dir: Path) -> ExportReport:
    """Write every quiz in every language; remove exports of quizzes that no longer exist."""
    report = ExportReport(out_dir)
    for quiz in quizzes:
        report.quizzes[quiz.id] = len(quiz.questions)
        report.types.update(q.type for q in quiz.questions)
    # Build everything first: a quiz that cannot be exported leaves the old files untouched.
    outputs: dict[Path, bytes] = {}
    for lang in LANGUAGES:
        for quiz in quizzes:
            bank = build_bank(quiz, lang)
            outputs[out_dir / lang / f"{quiz.id}{GIFT_SUFFIX}"] = to_gift(bank).encode("utf-8")
            outputs[out_dir / lang / f"{quiz.id}{XML_SUFFIX}"] = to_moodle_xml(bank)
    for lang in LANGUAGES:
        folder = out_dir / lang
        folder.mkdir(parents=True, exist_ok=True)
        for old in sorted(folder.iterdir()):
            if old.name.endswith((GIFT_SUFFIX, XML_SUFFIX)) and old not in outputs:
                old.unlink()
                report.removed.append(old)
    for path, data in outputs.items():
        path.write_bytes(data)
        report.written.append(path)
    return report
