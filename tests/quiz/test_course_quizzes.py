"""Every real quiz in quizzes/ validates, and the course has the quizzes it promises."""

from __future__ import annotations

from collections import Counter

from coi_course.project import DOCS, QUIZZES
from coi_course.quiz.loader import load_all_quizzes


def test_all_quiz_files_validate():
    quizzes = load_all_quizzes(QUIZZES, DOCS)  # raises SourceErrors with file:line on any problem
    assert quizzes, "no quiz files in quizzes/"


def test_every_question_has_explanation_source_and_objective():
    for quiz in load_all_quizzes(QUIZZES, DOCS):
        for q in quiz.questions:
            assert q.objective, f"{quiz.id}/{q.id}: no objective"
            assert q.source.partition("#")[2], f"{quiz.id}/{q.id}: source without anchor"


def test_correct_answers_are_spread_over_positions():
    positions = Counter()
    for quiz in load_all_quizzes(QUIZZES, DOCS):
        for q in quiz.questions:
            if q.type == "single":
                positions[[c.id for c in q.choices].index(q.correct_ids[0])] += 1
    total = sum(positions.values())
    assert total >= 10
    assert max(positions.values()) / total <= 0.45, positions
