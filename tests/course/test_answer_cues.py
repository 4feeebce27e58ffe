"""Answer keys without a length cue: picking the longest choice must not pass a quiz.

Per quiz file and over all quiz files, in Thai and in English, on single-answer questions: the keyed
choice is the longest in at most a third of them, and on average it is at most 1.25 times as long as
the mean of the other choices. A failure lists the questions to rewrite as ``file:line``."""

from __future__ import annotations

import pytest

from coi_course.project import LANGUAGES, ROOT
from coi_course.quiz.cues import (
    MAX_LONGEST_SHARE,
    MAX_MEAN_RATIO,
    question_rows,
    quiz_file_rows,
    summaries,
    visible_length,
)
from coi_course.quiz.model import Quiz

QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.yml"))


def _failure(summary) -> str:
    lines = [summary.describe(), "Rewrite these choices (keyed or distractors):"]
    lines += [f"  {row.describe()}" for row in summary.offenders()]
    return "\n".join(lines)


def _check(rows, name):
    for summary in summaries(rows, name):
        print(summary.describe())
        assert summary.ok, _failure(summary)


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.name)
def test_each_quiz_has_no_length_cue(path):
    _check(quiz_file_rows(path), path.relative_to(ROOT).as_posix())


def test_all_quizzes_together_have_no_length_cue():
    rows = [row for path in QUIZ_FILES for row in quiz_file_rows(path)]
    assert len(rows) >= 50 * len(LANGUAGES)
    _check(rows, "all quizzes")


def _quiz(*questions) -> Quiz:
    return Quiz.model_validate(
        {
            "id": "x",
            "kind": "pre-test",
            "title": {"th": "ท", "en": "t"},
            "questions": [
                {
                    "id": f"q{n}",
                    "type": "single",
                    "prompt": {"th": "ถาม", "en": "ask"},
                    "choices": [
                        {"id": cid, "text": {"th": text, "en": text}}
                        for cid, text in zip("abcd", texts, strict=False)
                    ],
                    "answer": answer,
                    "explanation": {"th": "เพราะ", "en": "because"},
                    "source": "lessons/gifts.md",
                }
                for n, (answer, texts) in enumerate(questions)
            ],
        }
    )


def test_visible_length_ignores_thai_marks_and_extra_spaces():
    assert visible_length("ที่นี่") == 2  # ท and น; vowel and tone marks above are not counted
    assert visible_length("สิทธิ") == 3
    assert visible_length("รับ  ได้\n") == 5
    assert visible_length("gift") == 4


def test_a_quiz_where_the_longest_choice_wins_fails_and_names_its_questions():
    cued = _quiz(
        ("b", ["no", "yes, because the rule says so in full", "never"]),
        ("a", ["accept it and report it within thirty days", "no", "maybe"]),
        ("c", ["short", "brief", "short one"]),
    )
    rows = question_rows(cued, {("questions", 0): 9, ("questions", 1): 20}, "quizzes/x.yml")
    summary = summaries(rows, "x")[0]
    assert (summary.longest, summary.count) == (3, 3)
    assert summary.longest_share > MAX_LONGEST_SHARE and summary.mean_ratio > MAX_MEAN_RATIO
    assert not summary.ok
    report = _failure(summary)
    assert "quizzes/x.yml:9: q0 [th]" in report and "quizzes/x.yml:20: q1 [th]" in report


def test_a_balanced_quiz_passes():
    balanced = _quiz(
        ("a", ["accept it", "refuse it at once", "report it"]),
        ("b", ["the head of agency", "the NACC", "your colleague at work"]),
        ("c", ["thirty days", "seven days", "fifteen days"]),
    )
    for summary in summaries(question_rows(balanced, {}, "quizzes/y.yml"), "y"):
        assert summary.ok, summary.describe()
        assert summary.longest == 1


def test_multiple_answer_and_true_false_questions_are_not_measured():
    quiz = _quiz(("a", ["a much longer keyed choice here", "b"]))
    multiple = quiz.model_copy(
        update={"questions": [quiz.questions[0].model_copy(update={"type": "multiple"})]}
    )
    assert question_rows(multiple, {}, "z") == []
