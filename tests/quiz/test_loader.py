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
    # YAML 1.1 typing: values mean what the author sees, or the file is refused
    "answer-comma-number": (39, "without quotes YAML reads 3000 as a number: put it in quotes"),
    "answer-octal-time": (39, "without quotes YAML reads 010 as a number: put it in quotes"),
    "answer-zero-width": (39, "has no visible characters"),
    "pass-percent-yes": (4, "pass_percent must be a whole number from 1 to 100, got the yes/no"),
    "pass-percent-sexagesimal": (
        4,
        "pass_percent must be a whole number from 1 to 100, got the number 1:20",
    ),
    "true-false-yes": (
        33,
        "a 'true-false' question's answer is true or false, got the yes/no value yes",
    ),
    "shuffle-yes": (4, "shuffle must be true or false, got the yes/no value yes"),
    "text-unquoted-number": (
        18,
        'question 1: basis is text, but without quotes YAML reads 2561 as a number: put it in quotes, e.g. "2561"',
    ),
    "text-date": (16, "explanation.th is text, but without quotes YAML reads 2020-01-01 as a date"),
    "text-yes": (
        12,
        "choices[1].text.en is text, but without quotes YAML reads yes as a yes/no value",
    ),
    "title-zero-width": (5, "title.th has no visible characters"),
    "lesson-outside-docs": (
        3,
        "lesson '../../../../etc/passwd' must name a lesson page inside docs/<language>/",
    ),
    "source-in-assets": (
        17,
        "source 'assets/images/logo.svg#x' must name a lesson page inside docs/<language>/",
    ),
    "source-not-markdown": (17, "must name a lesson page inside docs/<language>/"),
    "anchor-in-comment": (17, "docs/th/lessons/gifts.md has no heading with id 'old-limit'"),
    "alias-bomb": (3, "YAML anchor &a: anchors and aliases are not allowed here"),
    "tis620": (
        5,
        "Thai text in the old TIS-620 / Windows-874 encoding: open it in your editor and save it again with the encoding UTF-8",
    ),
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


def test_an_alias_bomb_is_refused_before_it_is_expanded():
    # 9 levels of 9 aliases: expanding it would need about 387 million list items
    from coi_course.yaml_source import load_yaml_plain

    assert load_yaml_plain(BAD / "alias-bomb.yml") is None
    with pytest.raises(SourceErrors) as info:
        load_all_quizzes_from(BAD / "alias-bomb.yml")
    assert {e.line for e in info.value.errors} == set(range(3, 12))


def load_all_quizzes_from(*files: Path) -> list:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            shutil.copy(f, Path(tmp) / f.name)
        return load_all_quizzes(Path(tmp), DOCS)


def test_yaml_files_in_any_letter_case_are_read(tmp_path):
    text = (FIX / "quizzes" / "good" / "post-test.yml").read_text(encoding="utf-8")
    (tmp_path / "extra.YML").write_text(text, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(
        text.replace("id: gifts-post-test", "id: other", 1), "utf-8"
    )
    assert sorted(q.id for q in load_all_quizzes(tmp_path, DOCS)) == ["gifts-post-test", "other"]


def test_editor_leftovers_and_folders_in_quizzes_are_skipped(tmp_path):
    good = FIX / "quizzes" / "good" / "gifts-self-check.yml"
    shutil.copy(good, tmp_path / "gifts.yml")
    (tmp_path / ".#gifts.yml").symlink_to("user@host.1234:1700000000")  # Emacs lock: dangling link
    (tmp_path / "gifts.yml~").write_text("id: [broken", encoding="utf-8")
    (tmp_path / ".gifts.yml.swp").write_bytes(b"\x00\xff vim swap")
    (tmp_path / "old.yml").mkdir()
    (tmp_path / "old.yml" / "x.yml").write_text("id: [broken", encoding="utf-8")
    assert [q.id for q in load_all_quizzes(tmp_path, DOCS)] == ["gifts-self-check"]
    # make serve watches the folder: the dangling lock file must not break its change detection
    from coi_course.quiz.loader import quiz_sources_signature

    assert [Path(p).name for p, _ in quiz_sources_signature(tmp_path, DOCS)][:1] == ["gifts.yml"]


def test_a_second_self_check_for_the_same_lesson_is_refused(tmp_path):
    text = (FIX / "quizzes" / "good" / "gifts-self-check.yml").read_text(encoding="utf-8")
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yml").write_text(text.replace("id: gifts-self-check", "id: again", 1), "utf-8")
    with pytest.raises(SourceErrors) as info:
        load_all_quizzes(tmp_path, DOCS)
    [error] = info.value.errors
    assert error.path.endswith("b.yml") and error.line == 3
    assert "lessons/gifts.md already has a self-check, 'gifts-self-check'" in error.message


@pytest.mark.parametrize(
    "front, line, text",
    [
        (
            'title: "Gifts\nobjectives: []\n',
            2,
            "front matter (between the --- lines) is not valid YAML",
        ),
        ("title: [Gifts\n", 2, "front matter (between the --- lines) is not valid YAML"),
    ],
)
def test_a_lesson_with_broken_front_matter_is_named_with_its_line(tmp_path, front, line, text):
    docs = tmp_path / "docs"
    for lang in ("th", "en"):
        shutil.copytree(DOCS / lang, docs / lang)
    lesson = docs / "th" / "lessons" / "gifts.md"
    body = lesson.read_text(encoding="utf-8").split("---\n", 2)[2]
    lesson.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    shutil.copy(FIX / "quizzes" / "good" / "gifts-self-check.yml", tmp_path / "q.yml")
    with pytest.raises(SourceErrors) as info:
        load_all_quizzes(tmp_path, docs)
    [error] = info.value.errors  # reported once, though several questions point at the lesson
    assert error.path == "docs/th/lessons/gifts.md" and error.line == line
    assert text in error.message


def test_a_lesson_saved_as_tis620_is_named_with_how_to_save_it(tmp_path):
    docs = tmp_path / "docs"
    for lang in ("th", "en"):
        shutil.copytree(DOCS / lang, docs / lang)
    lesson = docs / "en" / "lessons" / "gifts.md"
    lesson.write_bytes(("---\ntitle: ของขวัญ\n---\n" + "# x\n").encode("cp874"))
    shutil.copy(FIX / "quizzes" / "good" / "gifts-self-check.yml", tmp_path / "q.yml")
    with pytest.raises(SourceErrors) as info:
        load_all_quizzes(tmp_path, docs)
    [error] = info.value.errors
    assert str(error).startswith(
        "docs/en/lessons/gifts.md:2: this file is Thai text in the old TIS-620"
    )


def test_check_reports_typing_mistakes_without_a_traceback(tmp_path, capsys):
    from coi_course.cli import main

    for name in ("answer-octal-time", "alias-bomb", "tis620", "pass-percent-sexagesimal"):
        shutil.copy(BAD / f"{name}.yml", tmp_path / f"{name}.yml")
    assert main(["check", "--quizzes", str(tmp_path), "--docs", str(DOCS)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name in (
        "answer-octal-time.yml:39:",
        "alias-bomb.yml:3:",
        "tis620.yml:5:",
        "pass-percent-sexagesimal.yml:4:",
    ):
        assert name in err, err
