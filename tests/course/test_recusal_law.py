"""Issue 12: the recusal duty of the Administrative Procedure Act B.E. 2539 (ss.13-16) is taught and
tested, answer keys do not rest on dated figures, and the Thai wording fixes stay fixed."""

from __future__ import annotations

import re

import pytest

from coi_course.course.lessons import prose_lines, split_front_matter
from coi_course.project import DOCS, INCLUDES, LANGUAGES, QUIZZES
from coi_course.quiz.loader import load_all_quizzes

APA_NAME = {"th": "วิธีปฏิบัติราชการทางปกครอง", "en": "Administrative Procedure Act"}
APA_SECTION = {
    "th": re.compile(r"ม\.1[346]\b"),
    "en": re.compile(r"\b(?:ss?\.|sections? )1[346]\b"),
}
# The lesson sections that teach the duty, and the relative/spouse case that applies it.
APA_SECTIONS = {
    "lessons/the-law.md": "apa-recusal",
    "lessons/managing-coi.md": "apa-duty",
    "lessons/case-studies.md": "case-04-relative-on-board",
}
_HEADING_LEVEL = re.compile(r"^(#{1,6})\s")


def _section(lang: str, rel: str, anchor: str) -> str:
    """The text under the heading ``{#anchor}`` up to the next heading of the same or higher level."""
    _, body = split_front_matter((DOCS / lang / rel).read_text(encoding="utf-8"))
    lines, level = [], None
    for line in prose_lines(body):
        heading = _HEADING_LEVEL.match(line)
        if level is None:
            if heading and f"{{#{anchor}}}" in line:
                level = len(heading.group(1))
        elif heading and len(heading.group(1)) <= level:
            break
        else:
            lines.append(line)
    assert level is not None, f"docs/{lang}/{rel}: no heading {{#{anchor}}}"
    return "\n".join(lines)


def _cites_apa(text: str, lang: str) -> bool:
    return APA_NAME[lang] in text and "2539" in text and bool(APA_SECTION[lang].search(text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_law_lesson_has_a_recusal_objective(lang):
    meta, _ = split_front_matter((DOCS / lang / "lessons/the-law.md").read_text(encoding="utf-8"))
    texts = [o["text"] for o in meta["objectives"]]
    assert any(APA_NAME[lang] in t and "2539" in t for t in texts), (
        f"docs/{lang}/lessons/the-law.md: no objective on the Administrative Procedure Act 2539"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("rel", "anchor"), APA_SECTIONS.items())
def test_lessons_teach_the_recusal_duty(lang, rel, anchor):
    text = _section(lang, rel, anchor)
    assert _cites_apa(text, lang), (
        f"docs/{lang}/{rel}#{anchor} does not cite the 2539 Act's ss.13-16"
    )


def _apa_questions():
    for quiz in load_all_quizzes(QUIZZES, DOCS):
        for q in quiz.questions:
            if q.basis and "วิธีปฏิบัติราชการทางปกครอง" in q.basis and "2539" in q.basis:
                yield quiz, q


def test_self_checks_and_post_test_ask_about_the_recusal_duty():
    kinds = {quiz.kind for quiz, _ in _apa_questions()}
    assert {"self-check", "post-test"} <= kinds, kinds
    for quiz, q in _apa_questions():
        assert re.search(r"ม\.1[36]\b", q.basis), f"{quiz.id}/{q.id}: basis must cite ม.13 or ม.16"
        for lang in LANGUAGES:
            assert _cites_apa(q.explanation[lang], lang), (
                f"{quiz.id}/{q.id}: the {lang} explanation must name the 2539 Act and its section"
            )
        # The explanation says the duty is law, not just good practice or policy.
        assert "กฎหมาย" in q.explanation.th, f"{quiz.id}/{q.id}: th explanation must say it is law"
        assert re.search(r"\b(law|legal)\b", q.explanation.en, re.I), f"{quiz.id}/{q.id}: en"


def test_the_recusal_objective_is_measured_by_a_self_check_and_the_post_test():
    meta, _ = split_front_matter((DOCS / "th/lessons/the-law.md").read_text(encoding="utf-8"))
    apa_objectives = {o["id"] for o in meta["objectives"] if APA_NAME["th"] in o["text"]}
    measured = {(quiz.kind, q.objective) for quiz, q in _apa_questions()}
    for kind in ("self-check", "post-test"):
        assert any((kind, o) in measured for o in apa_objectives), kind


# Dated or single-source figures (an agency's ITA score, OIT item numbers) may appear in lessons
# with their year and source, but never in what an answer key marks as right.
DATED = re.compile(r"\b\d{2,3}\.\d{2}\b|\bO\d{2}\b")


def _keyed_texts(q):
    if q.type in ("single", "multiple"):
        return [c.text[lang] for c in q.choices if c.id in q.correct_ids for lang in LANGUAGES]
    if q.type == "true-false" and q.answer is True:
        return [q.prompt[lang] for lang in LANGUAGES]
    if q.type == "short-answer":
        return list(q.answer)
    return []


def test_answer_keys_do_not_rest_on_dated_figures():
    for quiz in load_all_quizzes(QUIZZES, DOCS):
        for q in quiz.questions:
            for text in _keyed_texts(q):
                assert not DATED.search(text), (
                    f"{quiz.id}/{q.id}: key rests on a dated figure: {text}"
                )


# Thai usage fixed in issue 12: จับสลาก (drawing lots, not ฉลาก "label"), one spelling of สิทธิ,
# and the official register for the consequences of breaching a regulation.
WRONG_THAI = re.compile(r"จับฉลาก|สิทธิ์|ว่ากันทาง|ว่ากันตาม|แจ้งหัวหน้าห้อง")


def test_thai_wording_fixes_hold_in_lessons_and_includes():
    for path in [*sorted((DOCS / "th").rglob("*.md")), *sorted(INCLUDES.glob("*.th.md"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not WRONG_THAI.search(line), f"{path}:{n}: {line.strip()}"


def test_thai_wording_fixes_hold_in_quiz_prompts_and_explanations():
    for quiz in load_all_quizzes(QUIZZES, DOCS):
        for q in quiz.questions:
            for text in (q.prompt.th, q.explanation.th):
                assert not WRONG_THAI.search(text), f"{quiz.id}/{q.id}: {text}"


# CPD officers carry out ตรวจการสหกรณ์ ("inspection"); ตรวจสอบกิจการ is the cooperative's own elected
# auditors' job and ตรวจบัญชี belongs to the Cooperative Auditing Department.
AUDIT = {
    "en": re.compile(r"\baudit(s|ed|ing|or|ors)?\b", re.I),
    "th": re.compile(r"(?<!ผู้)ตรวจสอบกิจการ|(?<!กรม)ตรวจบัญชีสหกรณ์"),
}
AUDIT_ALLOWED = re.compile(r"State Audit Office|Cooperative Auditing Department", re.I)


def _calls_cpd_work_audit(text: str, lang: str) -> bool:
    return bool(AUDIT[lang].search(AUDIT_ALLOWED.sub("", text)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lessons_call_cpd_work_inspection_not_audit(lang):
    for path in sorted((DOCS / lang).rglob("*.md")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not _calls_cpd_work_audit(line, lang), f"{path}:{n}: {line.strip()}"


def test_quiz_prompts_and_explanations_call_cpd_work_inspection_not_audit():
    for quiz in load_all_quizzes(QUIZZES, DOCS):
        for q in quiz.questions:
            for lang in LANGUAGES:
                for text in (q.prompt[lang], q.explanation[lang]):
                    assert not _calls_cpd_work_audit(text, lang), f"{quiz.id}/{q.id}: {text}"
