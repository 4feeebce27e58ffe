"""Load quizzes/*.yml into Quiz models, or explain every problem as ``file:line: message``."""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from ..course.lessons import read_lesson
from ..errors import SourceError, SourceErrors
from ..project import LANGUAGES, ROOT
from ..yaml_source import Located, Unquoted, line_of, load_yaml, load_yaml_plain
from .keys import normalize_answer
from .model import Quiz
from .pairing import pairing_errors

QUIZ_SUFFIXES = (".yml", ".yaml")  # in any letter case: extra.YML is read too

_FIELD_HINTS = {
    "id": "a lowercase ASCII id such as gift-limit (letters a-z, digits, hyphens)",
    "choices.id": "a short lowercase ASCII id such as a, b, c",
}


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _loc_text(loc: tuple) -> str:
    """``('questions', 1, 'prompt', 'en')`` -> ``question 2: prompt.en`` (numbers as authors count)."""
    prefix, rest = "", list(loc)
    if len(rest) >= 2 and rest[0] == "questions" and isinstance(rest[1], int):
        prefix, rest = f"question {rest[1] + 1}: ", rest[2:]
    out = ""
    for part in rest:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return prefix + (out or "questions")


def _kind(value) -> str:
    """What YAML made of an unquoted value: "number", "date", "yes/no value"."""
    if isinstance(value, Unquoted):
        return value.kind
    return "true/false value" if isinstance(value, bool) else "number"


def _as_typed(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _typed(value) -> str:
    """For messages: "the number 010", "the yes/no value yes"."""
    return f"the {_kind(value)} {_as_typed(value)}"


def _quote_hint(name: str, value) -> str:
    text = _as_typed(value)
    return (
        f"{name} is text, but without quotes YAML reads {text} as a {_kind(value)}: "
        f'put it in quotes, e.g. "{text}"'
    )


def _plain_message(err: dict, data) -> str:
    loc = tuple(
        p
        for p in err["loc"]
        if not (isinstance(p, str) and ("[" in p or p in ("str", "bool", "list[constrained-str]")))
    )
    name = _loc_text(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}' (check the spelling; see the quiz format in README.md)"
    if kind == "missing":
        return f"{name} is required"
    if kind == "string_pattern_mismatch":
        key = "choices.id" if "choices" in loc else "id"
        return f"{name} must be {_FIELD_HINTS[key]}, got {err.get('input')!r}"
    if kind == "literal_error":
        got = err.get("input")
        got = _typed(got) if isinstance(got, Unquoted | bool) else repr(got)
        return f"{name} must be one of {err['ctx']['expected']}, got {got}"
    value = err.get("input")
    if (
        loc
        and loc[-1] == "pass_percent"
        and kind in ("greater_than_equal", "less_than_equal", "int_type", "int_from_float")
    ):
        got = value if isinstance(value, int) and not isinstance(value, bool) else _typed(value)
        return f"pass_percent must be a whole number from 1 to 100, got {got}"
    if kind == "bool_type":
        return f"{name} must be true or false, got {_typed(value)}"
    if kind == "string_type" and isinstance(value, Unquoted | bool | int | float):
        return _quote_hint(name, value)
    if kind == "value_error" and "no visible characters" in err.get("msg", ""):
        return (
            f"{name} has no visible characters (only spaces or invisible characters such as "
            "the zero-width space U+200B): write the text"
        )
    if kind == "string_too_short":
        return f"{name} must not be empty"
    if kind == "too_short":
        return f"{name} must have at least one item"
    if kind in ("dict_type", "model_type"):
        return f'{name} must be a mapping such as {{th: "...", en: "..."}}'
    return f"{name}: {err['msg']}"


def _answer_message(key: tuple, data: Located) -> str:
    answer, question = data.data, {}
    for part in key:
        question = answer if isinstance(answer, dict) else question
        answer = answer[part]
    if question.get("type") == "true-false" and not isinstance(answer, list):
        return f"a 'true-false' question's answer is true or false, got {_typed(answer)}"
    for item in answer if isinstance(answer, list) else [answer]:
        if isinstance(item, bool):
            continue
        if isinstance(item, Unquoted | int | float):
            return _quote_hint("answer", item) + (
                '; quote each accepted text, e.g. answer: ["3000", "3,000"] (without quotes a '
                "comma inside [...] splits 3,000 into two answers)"
            )
        if isinstance(item, str) and not normalize_answer(item):
            return (
                f"answer {item!r} has no visible characters: a learner could never type it; "
                "write the accepted text"
            )
    return (
        "answer must be a choice id (single), a list of choice ids (multiple), true or false "
        "(true-false), or a list of accepted texts (short-answer)"
    )


def _schema_errors(exc: ValidationError, data, display: str) -> list[SourceError]:
    errors, seen = [], set()
    for err in exc.errors():
        loc = err["loc"]
        # The union type of `answer` yields one error per alternative: report the field once.
        if "answer" in loc:
            i = loc.index("answer")
            key = loc[: i + 1]
            if key in seen:
                continue
            seen.add(key)
            errors.append(SourceError(display, line_of(data, key), _answer_message(key, data)))
            continue
        clean = tuple(
            p
            for p in loc
            if not (isinstance(p, str) and not p.isidentifier() and p not in ("true-false",))
        )
        errors.append(SourceError(display, line_of(data, clean), _plain_message(err, data)))
    return errors


def _check_lesson_ref(ref: str, docs: Path, need_anchor: bool) -> str | None:
    """Problem with a ``lessons/x.md#anchor`` reference, or None when it resolves in every language."""
    target, _, anchor = ref.partition("#")
    clean = posixpath.normpath(target) if target else ""
    pure = PurePosixPath(target)
    if (
        not target
        or pure.is_absolute()
        or "\\" in target
        or clean != target
        or ".." in pure.parts
        or pure.suffix != ".md"
        or pure.parts[0] == "assets"
    ):
        return (
            f"'{ref}' must name a lesson page inside docs/<language>/, "
            "written from there, e.g. lessons/gifts.md"
        )
    if need_anchor and not anchor:
        return f"'{ref}' needs a heading anchor, e.g. {target}#gift-limit"
    for lang in LANGUAGES:
        lesson = read_lesson(docs / lang / target)
        if lesson is None:
            return f"'{ref}': no such page docs/{lang}/{target}"
        if anchor and anchor not in lesson.anchors:
            return f"'{ref}': docs/{lang}/{target} has no heading with id '{anchor}' (write it as ## Heading {{#{anchor}}})"
    return None


def _semantic_errors(quiz: Quiz, data, display: str, docs: Path) -> list[SourceError]:
    errors: list[SourceError] = []

    def err(loc: tuple, message: str) -> None:
        errors.append(SourceError(display, line_of(data, loc), message))

    if quiz.kind == "self-check" and not quiz.lesson:
        err(("kind",), "a self-check needs 'lesson: lessons/<file>.md', the lesson it belongs to")
    if quiz.lesson and (problem := _check_lesson_ref(quiz.lesson, docs, need_anchor=False)):
        err(("lesson",), f"lesson {problem}")
    seen_q: dict[str, int] = {}
    for qi, q in enumerate(quiz.questions):
        base = ("questions", qi)
        if q.id in seen_q:
            err(
                base + ("id",),
                f"question id '{q.id}' is used twice in this quiz (also question {seen_q[q.id] + 1})",
            )
        seen_q.setdefault(q.id, qi)
        ids = [c.id for c in q.choices or []]
        for ci, cid in enumerate(ids):
            if cid in ids[:ci]:
                err(
                    base + ("choices", ci, "id"),
                    f"choice id '{cid}' is used twice in question '{q.id}'",
                )
        listing = ", ".join(ids)
        if q.type in ("single", "multiple"):
            if len(ids) < 2:
                err(
                    base + ("choices",) if q.choices is not None else base + ("type",),
                    f"a '{q.type}' question needs at least two choices",
                )
            answers = q.answer if isinstance(q.answer, list) else [q.answer]
            if q.type == "single" and (isinstance(q.answer, list | bool)):
                err(
                    base + ("answer",),
                    "a 'single' question has exactly one answer: one choice id, e.g. answer: b",
                )
                continue
            if q.type == "multiple" and not isinstance(q.answer, list):
                if isinstance(q.answer, bool):
                    err(
                        base + ("answer",),
                        "a 'multiple' question's answer is a list of choice ids, e.g. answer: [a, c]",
                    )
                    continue
            if not answers:
                err(base + ("answer",), f"a '{q.type}' question needs at least one answer")
            for a in answers:
                if a not in ids:
                    err(base + ("answer",), f"answer '{a}' is not one of the choices {listing}")
            if len(set(answers)) != len(answers):
                err(base + ("answer",), "the same choice is listed twice in answer")
        elif q.type == "true-false":
            if q.choices is not None:
                err(
                    base + ("choices",),
                    "a 'true-false' question has no choices (the page shows True / False)",
                )
            if not isinstance(q.answer, bool):
                err(
                    base + ("answer",),
                    f"a 'true-false' question's answer is true or false, got {q.answer!r}",
                )
        elif q.type == "short-answer":
            if q.choices is not None:
                err(base + ("choices",), "a 'short-answer' question has no choices")
            if not isinstance(q.answer, list) or not q.answer:
                err(
                    base + ("answer",),
                    'a \'short-answer\' question\'s answer is a list of accepted texts, e.g. answer: ["3000", "3,000"]',
                )
            for ai, text in enumerate(q.answer if isinstance(q.answer, list) else []):
                if not normalize_answer(text):
                    err(
                        base + ("answer", ai),
                        f"answer {text!r} is empty once spaces and invisible characters are "
                        "removed: a learner could never type it",
                    )
        if problem := _check_lesson_ref(q.source, docs, need_anchor=True):
            err(base + ("source",), f"source {problem}")
        if q.objective:
            lesson_ref = quiz.lesson or q.source.partition("#")[0]
            if _check_lesson_ref(lesson_ref, docs, need_anchor=False) is not None:
                continue  # reported above
            lesson = read_lesson(docs / LANGUAGES[0] / lesson_ref)
            if lesson is not None and q.objective not in lesson.objective_ids:
                known = ", ".join(lesson.objective_ids) or "none"
                err(
                    base + ("objective",),
                    f"objective '{q.objective}' is not an objective of {lesson_ref} (its objectives: {known})",
                )
    return errors


def load_quiz(path: Path, docs: Path) -> Quiz:
    display = _display(path)
    # Most files are fine and need no line numbers: read them the fast way first.
    plain = load_yaml_plain(path)
    if isinstance(plain, dict):
        try:
            quiz = Quiz.model_validate(plain)
        except ValidationError:
            quiz = None
        if quiz is not None and not _semantic_errors(quiz, Located(plain), display, docs):
            return quiz
    data = load_yaml(path, display)
    if not isinstance(data.data, dict):
        raise SourceErrors(
            [
                SourceError(
                    display, 1, "a quiz file must be a mapping with id, kind, title and questions"
                )
            ]
        )
    try:
        quiz = Quiz.model_validate(data.data)
    except ValidationError as exc:
        raise SourceErrors(_schema_errors(exc, data, display)) from None
    errors = _semantic_errors(quiz, data, display, docs)
    if errors:
        raise SourceErrors(errors)
    return quiz


def _editor_leftover(name: str) -> bool:
    """Lock, swap and backup files editors leave next to a file (.#x.yml, x.yml~, .x.yml.swp, #x#)."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".bak", ".orig", ".tmp"))


def quiz_files(quiz_dir: Path) -> list[Path]:
    """The quiz files in ``quiz_dir``, sorted: *.yml and *.yaml in any letter case; folders and
    editors' lock and backup files are skipped (an editor's lock file may be a dangling link)."""
    if not quiz_dir.is_dir():
        return []
    return sorted(
        p
        for p in quiz_dir.iterdir()
        if p.suffix.lower() in QUIZ_SUFFIXES and not _editor_leftover(p.name) and p.is_file()
    )


def _one_self_check_per_lesson(
    quizzes: list[Quiz], owners: dict[str, str], paths: dict[str, Path]
) -> list[SourceError]:
    first: dict[str, Quiz] = {}
    errors = []
    for quiz in quizzes:
        if quiz.kind != "self-check" or not quiz.lesson:
            continue
        if quiz.lesson in first:
            path = owners[quiz.id]
            errors.append(
                SourceError(
                    path,
                    line_of(load_yaml(paths[path], path), ("lesson",)),
                    f"{quiz.lesson} already has a self-check, '{first[quiz.lesson].id}' in "
                    f"{owners[first[quiz.lesson].id]}: a lesson links one self-check, so merge "
                    "the questions into that file or point this one at another lesson",
                )
            )
        first.setdefault(quiz.lesson, quiz)
    return errors


def load_all_quizzes(quiz_dir: Path, docs: Path) -> list[Quiz]:
    """Every quiz in ``quiz_dir`` (sorted by file name); all problems of all files are raised together."""
    read_lesson.cache_clear()
    quizzes, errors, owners, paths = [], [], {}, {}
    for path in quiz_files(quiz_dir):
        try:
            quiz = load_quiz(path, docs)
        except SourceErrors as exc:
            errors.extend(e for e in exc.errors if e not in errors)  # a broken lesson: once
            continue
        if quiz.id in owners:
            data = load_yaml(path, _display(path))
            errors.append(
                SourceError(
                    _display(path),
                    line_of(data, ("id",)),
                    f"quiz id '{quiz.id}' is already used by {owners[quiz.id]}",
                )
            )
            continue
        owners[quiz.id] = _display(path)
        paths[_display(path)] = path
        quizzes.append(quiz)
    errors += _one_self_check_per_lesson(quizzes, owners, paths)
    if not errors:
        by_id = {q.id: paths[owners[q.id]] for q in quizzes}
        errors = pairing_errors(quizzes, by_id, _display)
    if errors:
        raise SourceErrors(errors)
    return quizzes


def quiz_sources_signature(quiz_dir: Path, docs: Path) -> tuple:
    """Changes whenever a quiz file or a lesson it can refer to changes (names and modification times)."""
    paths = [*quiz_files(quiz_dir), *sorted(docs.rglob("*.md"))] if quiz_dir.is_dir() else []
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths)


_cache: dict[tuple[Path, Path], tuple[tuple, list[Quiz]]] = {}


def course_quizzes(quiz_dir: Path, docs: Path) -> list[Quiz]:
    """load_all_quizzes, read again only when a quiz file or a lesson changed.

    Every hook that needs the quizzes calls this, so one build (both languages) reads them once."""
    signature = quiz_sources_signature(quiz_dir, docs)
    cached = _cache.get((quiz_dir, docs))
    if cached is None or cached[0] != signature:
        _cache[(quiz_dir, docs)] = (signature, load_all_quizzes(quiz_dir, docs))
    return _cache[(quiz_dir, docs)][1]
