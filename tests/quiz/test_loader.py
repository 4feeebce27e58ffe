"""The quiz schema: one fixture per kind of author mistake, each must name the right file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coi_course.errors import SourceErrors
from coi_course.quiz.loader import load_all_quizzes, load_quiz

FIX = Path(__file__).parents[1] / "fixtures"
DOCS = FIX / "docs"
BAD = FIX / "quizzes" / "bad"

EXPECTED = {
    "answer-not-a-choice": (15, "answer 'e' is not one of the choices a, b, c"),
    "bad-anchor": (17, "docs/th/lessons/gifts.md has no heading with id 'no-such-anchor'"),
    "bad-id": (36, "question 4: id must be a lowercase ASCII id"),
    "duplicate-choice": (14, "choice id 'b' is used twice in question 'limit'"),
    "duplicate-question": (19, "question id 'limit' is used twice in this quiz"),
    "empty-english": (22, "question 2: prompt.en must not be empty"),
    "missing-lesson": (29, "no such page docs/th/lessons/missing.md"),
    "missing-title": (1, "title is required"),
    "multiple-empty": (27, "a 'multiple' question needs at least one answer"),
    "pass-percent": (4, "pass_percent must be a whole number from 1 to 100, got 150"),
    "single-two-answers": (15, "a 'single' question has exactly one answer"),
    "true-false-answer": (33, "a 'true-false' question's answer is true or false, got 'maybe'"),
    "unknown-key": (8, "unknown key 'tipe'"),
    "unknown-objective": (21, "objective 'gifts-unknown' is not an objective of lessons/gifts.md"),
    "yaml-syntax": (4, "YAML syntax error"),
}


def test_every_bad_fixture_has_an_expectation():
    assert sorted(p.stem for p in BAD.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_quiz_reports_file_line_and_reason(name):
    line, text = EXPECTED[name]
    with pytest.raises(SourceErrors) as info:
        load_quiz(BAD / f"{name}.yml", DOCS)
    errors = info.value.errors
    assert all(e.path.endswith(f"tests/fixtures/quizzes/bad/{name}.yml") for e in errors)
    matching = [e for e in errors if e.line == line and text in e.message]
    assert matching, "\n".join(map(str, errors))
    assert str(matching[0]).startswith(f"{matching[0].path}:{line}: ")


def test_good_quizzes_load():
    quizzes = load_all_quizzes(FIX / "quizzes" / "good", DOCS)
    assert [q.id for q in quizzes] == ["gifts-self-check", "gifts-post-test"]
    sc = quizzes[0]
    assert sc.questions[0].correct_ids == ["b"] and sc.questions[1].correct_ids == ["a", "c"]
    assert sc.questions[2].answer is False and sc.questions[3].answer == ["3000", "3,000", "สามพัน"]


def test_quiz_ids_must_be_unique_across_files(tmp_path):
    for name in ("one.yml", "two.yml"):
        shutil.copy(FIX / "quizzes" / "good" / "gifts-self-check.yml", tmp_path / name)
    with pytest.raises(SourceErrors) as info:
        load_all_quizzes(tmp_path, DOCS)
    assert [str(e) for e in info.value.errors] == [
        f"{tmp_path.as_posix()}/two.yml:1: quiz id 'gifts-self-check' is already used by "
        f"{tmp_path.as_posix()}/one.yml"
    ]


def test_cli_check_exits_non_zero_with_file_and_line(tmp_path, capsys):
    from coi_course.cli import main

    shutil.copy(BAD / "answer-not-a-choice.yml", tmp_path / "x.yml")
    assert main(["check", "--quizzes", str(tmp_path), "--docs", str(DOCS)]) == 1
    err = capsys.readouterr().err
    assert "x.yml:15: answer 'e' is not one of the choices a, b, c" in err
    assert "Traceback" not in err


def test_course_quizzes_are_read_again_only_when_a_source_changes(tmp_path):
    import os

    from coi_course.quiz.loader import course_quizzes

    quiz_dir = tmp_path / "quizzes"
    shutil.copytree(FIX / "quizzes" / "good", quiz_dir)
    first = course_quizzes(quiz_dir, DOCS)
    assert course_quizzes(quiz_dir, DOCS) is first
    path = quiz_dir / "gifts-self-check.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("pass_percent: 60", "pass_percent: 70"),
        encoding="utf-8",
    )
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    again = course_quizzes(quiz_dir, DOCS)
    assert again is not first and again[0].pass_percent == 70
