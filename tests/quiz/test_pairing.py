"""Pre-test/post-test pairing: every pre-test question names one post-test counterpart, on the same
objective, identical when it says ``same``; mistakes are reported as ``file:line``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coi_course.errors import SourceErrors
from coi_course.project import DOCS as COURSE_DOCS
from coi_course.project import QUIZZES
from coi_course.quiz.loader import load_all_quizzes
from coi_course.quiz.pairing import pairs

FIX = Path(__file__).parents[1] / "fixtures"
DOCS = FIX / "docs"

LIMIT = """  - id: limit-pre
    type: single
    objective: gifts-limit
    counterpart: {COUNTERPART}
    prompt: {th: "ของขวัญจากผู้ที่ไม่ใช่ญาติรับได้ไม่เกินกี่บาท", en: "Up to how many baht from a non-relative?"}
    choices:
      - {id: a, text: {th: "1,000 บาท", en: "1,000 baht"}}
      - {id: b, text: {th: "3,000 บาท", en: "3,000 baht"}, feedback: {th: "ใช่ ตามประกาศฉบับนี้", en: "Yes, per that announcement"}}
      - {id: c, text: {th: "5,000 บาท", en: "5,000 baht"}, feedback: {th: "สูงเกินไป", en: "Too high"}}
    answer: b
    explanation: {th: "ประกาศ ป.ป.ช. 2563 กำหนด 3,000 บาท", en: "The 2020 NACC announcement sets 3,000 baht"}
    source: lessons/gifts.md#gift-limit
"""
REPORT = """  - id: report-pre
    type: true-false
    objective: gifts-report
    counterpart: {COUNTERPART}
    prompt: {th: "ต้องรายงานภายใน 30 วัน", en: "Report within 30 days"}
    answer: true
    explanation: {th: "ใช่", en: "Yes"}
    source: lessons/gifts.md#over-the-limit
"""


def _course(tmp_path, limit: str | None, report: str | None) -> Path:
    shutil.copy(FIX / "quizzes" / "good" / "post-test.yml", tmp_path / "post-test.yml")
    body = ""
    for block, counterpart in ((LIMIT, limit), (REPORT, report)):
        text = block.replace("{COUNTERPART}", counterpart or "")
        body += text if counterpart else text.replace("    counterpart: \n", "")
    (tmp_path / "pre-test.yml").write_text(
        'id: pre\nkind: pre-test\ntitle: {th: "ก่อนเรียน", en: "Pre-test"}\nquestions:\n' + body,
        encoding="utf-8",
    )
    return tmp_path


def _errors(tmp_path) -> list[str]:
    with pytest.raises(SourceErrors) as info:
        load_all_quizzes(tmp_path, DOCS)
    return [str(e).removeprefix(tmp_path.as_posix() + "/") for e in info.value.errors]


def test_a_valid_pairing_loads_and_pairs_in_pre_test_order(tmp_path):
    _course(tmp_path, "{question: limit, kind: same}", "{question: which, kind: parallel}")
    quizzes = {q.kind: q for q in load_all_quizzes(tmp_path, DOCS)}
    found = [
        (p.pre.id, p.post.id, p.kind) for p in pairs(quizzes["pre-test"], quizzes["post-test"])
    ]
    assert found == [("limit-pre", "limit", "same"), ("report-pre", "which", "parallel")]


@pytest.mark.parametrize(
    ("limit", "report", "expected"),
    [
        (
            "{question: limit, kind: same}",
            None,
            "pre-test.yml:17: pre-test question 'report-pre' needs 'counterpart:",
        ),
        (
            "{question: nope, kind: same}",
            "{question: which, kind: parallel}",
            "pre-test.yml:8: counterpart 'nope' is not a question of gifts-post-test",
        ),
        (
            "{question: which, kind: parallel}",
            "{question: which, kind: parallel}",
            "pre-test.yml:8: counterpart 'which' measures objective 'gifts-report', "
            "this question 'gifts-limit'",
        ),
        (
            "{question: limit, kind: same}",
            "{question: limit, kind: parallel}",
            "pre-test.yml:20: post-test question 'limit' is already the counterpart of 'limit-pre'",
        ),
        (
            "{question: limit, kind: same}",
            "{question: which, kind: same}",
            "pre-test.yml:20: kind 'same' but 'which' in gifts-post-test differs",
        ),
        (
            "{question: limit, kind: alike}",
            "{question: which, kind: parallel}",
            "pre-test.yml:8: ",
        ),
    ],
)
def test_pairing_mistakes_name_file_and_line(tmp_path, limit, report, expected):
    errors = _errors(_course(tmp_path, limit, report))
    assert any(e.startswith(expected) for e in errors), errors


def test_same_must_really_be_identical(tmp_path):
    _course(tmp_path, "{question: limit, kind: same}", "{question: which, kind: parallel}")
    path = tmp_path / "pre-test.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("5,000 baht", "6,000 baht"), encoding="utf-8"
    )
    assert any("kind 'same' but 'limit'" in e for e in _errors(tmp_path))


def test_only_pre_test_questions_name_a_counterpart(tmp_path):
    _course(tmp_path, "{question: limit, kind: same}", "{question: which, kind: parallel}")
    path = tmp_path / "post-test.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "objective: gifts-report\n",
            "objective: gifts-report\n    counterpart: {question: limit, kind: same}\n",
            1,
        ),
        encoding="utf-8",
    )
    assert any(
        e.startswith("post-test.yml:21: only pre-test questions name a counterpart")
        for e in _errors(tmp_path)
    )


def test_the_course_pairs_every_pre_test_question():
    quizzes = {q.kind: q for q in load_all_quizzes(QUIZZES, COURSE_DOCS) if q.kind != "self-check"}
    found = pairs(quizzes["pre-test"], quizzes["post-test"])
    assert [p.pre.id for p in found] == [q.id for q in quizzes["pre-test"].questions]
    assert len({p.post.id for p in found}) == len(found)
    assert all(p.pre.objective == p.post.objective for p in found)
