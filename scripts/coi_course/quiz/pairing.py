"""Pre-test and post-test pairing: every pre-test question names its post-test counterpart.

``counterpart: {question: <post-test id>, kind: same | parallel}``. ``same`` means the post-test asks
the identical question (type, prompt, choices and answer in both languages); ``parallel`` means a
different question on the same objective. The progress page compares baseline and post-test on
these pairs only, so the gain it shows is like for like.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import SourceError
from ..yaml_source import Located, line_of, load_yaml
from .model import Question, Quiz


class Pair(NamedTuple):
    pre: Question
    post: Question
    kind: str


def _same(a: Question, b: Question) -> bool:
    keep = {"type", "prompt", "choices", "answer"}
    return a.model_dump(include=keep) == b.model_dump(include=keep)


def pairs(pre: Quiz, post: Quiz) -> list[Pair]:
    """The pairs of a valid course, in pre-test order (questions without a counterpart are left out)."""
    by_id = {q.id: q for q in post.questions}
    return [
        Pair(q, by_id[q.counterpart.question], q.counterpart.kind)
        for q in pre.questions
        if q.counterpart and q.counterpart.question in by_id
    ]


def _problems(quiz: Quiz, post: Quiz | None) -> list[tuple[tuple, str]]:
    """(YAML path, message) for every pairing problem of ``quiz``."""
    out: list[tuple[tuple, str]] = []
    if quiz.kind != "pre-test":
        for i, q in enumerate(quiz.questions):
            if q.counterpart:
                out.append(
                    (
                        ("questions", i, "counterpart"),
                        f"only pre-test questions name a counterpart (this quiz is a {quiz.kind})",
                    )
                )
        return out
    by_id = {q.id: q for q in post.questions} if post else {}
    used: dict[str, str] = {}
    for i, q in enumerate(quiz.questions):
        here = ("questions", i)
        if q.counterpart is None:
            out.append(
                (
                    here + ("id",),
                    f"pre-test question '{q.id}' needs 'counterpart: {{question: <post-test "
                    "question id>, kind: same}' (or kind: parallel)",
                )
            )
            continue
        where = here + ("counterpart",)
        other = by_id.get(q.counterpart.question)
        if post is None:
            out.append((where, "there is no quiz with 'kind: post-test' to pair with"))
            continue
        if other is None:
            out.append(
                (where, f"counterpart '{q.counterpart.question}' is not a question of {post.id}")
            )
            continue
        if q.counterpart.question in used:
            out.append(
                (
                    where,
                    f"post-test question '{q.counterpart.question}' is already the counterpart "
                    f"of '{used[q.counterpart.question]}'",
                )
            )
        used.setdefault(q.counterpart.question, q.id)
        if other.objective != q.objective:
            out.append(
                (
                    where,
                    f"counterpart '{other.id}' measures objective '{other.objective}', "
                    f"this question '{q.objective}': a pair must share its objective",
                )
            )
        if q.counterpart.kind == "same" and not _same(q, other):
            out.append(
                (
                    where,
                    f"kind 'same' but '{other.id}' in {post.id} differs (type, prompt, choices or "
                    "answer): copy it exactly or write kind: parallel",
                )
            )
    return out


def pairing_errors(quizzes: list[Quiz], paths: dict[str, Path], display) -> list[SourceError]:
    """Every pairing problem of the course, as ``file:line: message`` (``paths`` maps quiz id to file)."""
    posts = [q for q in quizzes if q.kind == "post-test"]
    post = posts[0] if len(posts) == 1 else None
    errors: list[SourceError] = []
    for quiz in quizzes:
        problems = _problems(quiz, post)
        if not problems:
            continue
        name = display(paths[quiz.id])
        data: Located = load_yaml(paths[quiz.id], name)
        errors.extend(SourceError(name, line_of(data, loc), msg) for loc, msg in problems)
    return errors
