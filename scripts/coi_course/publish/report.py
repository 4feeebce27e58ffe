"""The training officer's report: ``python -m coi_course report RESULTS_DIR`` (``make report``).

Reads every results file in a folder (coi_course.publish.results) and writes ``index.html`` (one
self-contained page, printable on A4, with an inline SVG chart) and ``results.csv`` (one row per
participant, UTF-8 with a BOM so that Excel shows Thai). Files that cannot be used are listed with
the reason, on the terminal and in the report; they never stop it.

Per-lesson gain and per-question percentages come from the project's own quiz files: a question
belongs to the lesson its ``source:`` points at. Pre-test and post-test questions are paired by the
pre-test questions' ``counterpart`` field when the quiz model has it; otherwise each lesson's
pre-test questions are compared with its post-test questions (an approximate comparison, said so).
"""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ..course.lessons import read_lesson
from ..course.thai_dates import THAI_TIME, format_date
from ..quiz.model import Question, Quiz
from ..templating import render
from .results import Participant, ResultsFolder, report_texts

THRESHOLD = 60  # a post-test question answered right by fewer than this % of people "needs work"
PROMPT_LENGTH = 150


@dataclass(frozen=True)
class Stat:
    n: int
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class LessonRow:
    lesson: str
    title: str
    before: float | None
    after: float | None

    @property
    def gain(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class QuestionRow:
    number: int
    id: str
    prompt: str
    lesson_title: str
    percent: float | None
    answered: int

    @property
    def needs_work(self) -> bool:
        return self.percent is not None and self.percent < THRESHOLD


@dataclass(frozen=True)
class PersonRow:
    participant: Participant
    status: str
    baseline_date: dt.date | None
    post_date: dt.date | None


@dataclass
class Report:
    lang: str
    agency: str
    version: str
    folder: str
    made: dt.date
    files: int
    people: list[PersonRow]
    completions: int
    baseline: Stat
    post_test: Stat
    gain: Stat
    paired: bool
    both: int
    lessons: list[LessonRow]
    questions: list[QuestionRow]
    post_takers: int
    rejected: list = field(default_factory=list)


def _stat(values: list[float]) -> Stat:
    if not values:
        return Stat(0, None, None)
    return Stat(len(values), statistics.fmean(values), statistics.median(values))


def lesson_of(question: Question) -> str:
    """``lessons/gifts.md`` for a question whose source is ``lessons/gifts.md#gift-limit``."""
    return question.source.partition("#")[0]


def lesson_order(nav) -> list[str]:
    """The lesson pages (``lessons/...md``) in the order of mkdocs.yml's ``nav``."""
    found: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            if item.startswith("lessons/") and item not in found:
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


def lesson_title(lesson: str, lang: str, docs: Path) -> str:
    page = read_lesson(docs / lang / lesson)
    title = page.meta.get("title") if page else None
    return str(title) if title else lesson


def _counterpart(question: Question) -> str | None:
    """The post-test question paired with a pre-test question (the ``counterpart`` field), if any."""
    value = getattr(question, "counterpart", None)
    if value is None:
        return None
    return value.get("question") if isinstance(value, dict) else getattr(value, "question", None)


def lesson_pairs(pre: Quiz, post: Quiz, order: list[str]) -> tuple[dict[str, tuple], bool]:
    """Lesson -> (pre-test question ids, post-test question ids) in course order, and whether the
    ids are paired question by question (``counterpart``) rather than by lesson."""
    lessons = list(order)
    for q in [*pre.questions, *post.questions]:
        if lesson_of(q) not in lessons:
            lessons.append(lesson_of(q))
    paired = any(_counterpart(q) for q in pre.questions)
    out: dict[str, tuple[list[str], list[str]]] = {lesson: ([], []) for lesson in lessons}
    for q in pre.questions:
        out[lesson_of(q)][0].append(q.id)
        if paired and (other := _counterpart(q)):
            out[lesson_of(q)][1].append(other)
    if not paired:
        for q in post.questions:
            out[lesson_of(q)][1].append(q.id)
    return out, paired


def _percent_right(answer_sets: list[dict[str, bool]], ids: list[str]) -> float | None:
    right = total = 0
    for answers in answer_sets:
        for qid in ids:
            if qid in answers:
                total += 1
                right += answers[qid] is True
    return 100 * right / total if total else None


def _status(p: Participant) -> str:
    record = p.record
    post = p.results.quizzes.get("post-test")
    if record.completed:
        return "completed"
    if post is not None and post.passed:
        return "passed"
    if record.post_test_percent is not None:
        return "not_passed"
    return "started"


def build_report(
    folder: ResultsFolder,
    quizzes: list[Quiz],
    nav,
    *,
    lang: str,
    agency: str,
    version: str,
    folder_name: str,
    docs: Path,
    today: dt.date | None = None,
) -> Report:
    """Every number of the report, from the participants read and the course's own quizzes."""
    people = folder.participants
    by_kind = {q.kind: q for q in quizzes if q.kind in ("pre-test", "post-test")}
    pre, post = by_kind.get("pre-test"), by_kind.get("post-test")
    both = [p.results for p in people if p.results.baseline and p.results.post_test]
    lessons: list[LessonRow] = []
    paired = False
    if pre and post:
        pairs, paired = lesson_pairs(pre, post, lesson_order(nav))
        before_sets = [r.baseline.answers for r in both]
        after_sets = [r.post_test.answers for r in both]
        for lesson, (pre_ids, post_ids) in pairs.items():
            lessons.append(
                LessonRow(
                    lesson,
                    lesson_title(lesson, lang, docs),
                    _percent_right(before_sets, pre_ids),
                    _percent_right(after_sets, post_ids),
                )
            )
    takers = [p.results.post_test.answers for p in people if p.results.post_test]
    questions = []
    for number, q in enumerate(post.questions if post else [], 1):
        prompt = " ".join(q.prompt[lang].split())
        if len(prompt) > PROMPT_LENGTH:
            prompt = prompt[: PROMPT_LENGTH - 1].rstrip() + "…"
        questions.append(
            QuestionRow(
                number,
                q.id,
                prompt,
                lesson_title(lesson_of(q), lang, docs),
                _percent_right(takers, [q.id]),
                sum(q.id in answers for answers in takers),
            )
        )
    rows = [
        PersonRow(
            p,
            _status(p),
            p.results.baseline.date if p.results.baseline else None,
            p.results.post_test.date if p.results.post_test else None,
        )
        for p in people
    ]
    records = [p.record for p in people]
    return Report(
        lang=lang,
        agency=agency,
        version=version,
        folder=folder_name,
        made=today or dt.datetime.now(THAI_TIME).date(),
        files=folder.files,
        people=rows,
        completions=sum(r.completed is not None for r in records),
        baseline=_stat([r.baseline_percent for r in records if r.baseline_percent is not None]),
        post_test=_stat([r.post_test_percent for r in records if r.post_test_percent is not None]),
        gain=_stat(
            [
                r.post_test_percent - r.baseline_percent
                for r in records
                if r.post_test_percent is not None and r.baseline_percent is not None
            ]
        ),
        paired=paired,
        both=len(both),
        lessons=lessons,
        questions=questions,
        post_takers=len(takers),
        rejected=list(folder.rejected),
    )


def number(value: float | None, lang: str) -> str:
    """``72.5`` / ``72`` (whole numbers without a decimal), ``-`` when missing."""
    if value is None:
        return report_texts()[lang]["none"]
    value = round(value, 1)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def write_html(report: Report, path: Path) -> None:
    lang = report.lang
    path.write_text(
        render(
            "report.html.j2",
            r=report,
            ui=report_texts()[lang],
            num=lambda v: number(v, lang),
            day=lambda d: format_date(d, lang) if d else report_texts()[lang]["none"],
            threshold=THRESHOLD,
        ),
        encoding="utf-8",
    )


def _cell(value) -> str | int:
    """A CSV cell; text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(report: Report, path: Path) -> None:
    """One row per participant; UTF-8 with a BOM (Excel), dates as ISO ``YYYY-MM-DD``."""
    ui = report_texts()[report.lang]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(ui["csv_headers"])
        for row in report.people:
            p = row.participant
            record = p.record
            writer.writerow(
                _cell(v)
                for v in (
                    record.name,
                    record.position,
                    record.unit,
                    record.agency,
                    ui["statuses"][row.status],
                    record.baseline_percent,
                    row.baseline_date and row.baseline_date.isoformat(),
                    record.post_test_percent,
                    row.post_date and row.post_date.isoformat(),
                    record.post_test_attempts,
                    len(p.results.lessons.opened),
                    p.results.lessons.total,
                    record.completed and record.completed.isoformat(),
                    record.version,
                    p.results.check,
                    p.file,
                )
            )


def write_report(report: Report, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    html, table = out / "index.html", out / "results.csv"
    write_html(report, html)
    write_csv(report, table)
    return [html, table]
