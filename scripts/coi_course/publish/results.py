"""Read the results files learners download (schema ``coi-course-results/1``).

``read_results(folder, version)`` reads every ``*.json`` file in a folder and sorts them into
participants and rejected files. A file is rejected, with its name and a plain reason, when it is not
UTF-8 JSON, is not a results file of this schema, does not follow the schema, has no learner's name,
has a check code that does not match its record, was made from another content version of the course, or repeats a
participant already read (the newest file of a participant is kept). Nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ..record.check_code import check_code

SCHEMA = "coi-course-results/1"
TEXTS = Path(__file__).parents[1] / "data" / "report.yml"

MAX_BYTES = 1_000_000  # a results file is a few kilobytes
Percent = Annotated[int, Field(ge=0, le=100, strict=True)]


def _aware(value: dt.datetime) -> dt.datetime:
    """A time without a zone is read as UTC, so that every file's ``created`` compares."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


Created = Annotated[dt.datetime, AfterValidator(_aware)]
Count = Annotated[int, Field(ge=0, strict=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Record(_Strict):
    """What the completion record shows; the check code covers exactly these fields."""

    agency: str
    name: str
    position: str
    unit: str
    baseline_percent: Percent | None
    post_test_percent: Percent | None
    post_test_attempts: Count
    completed: dt.date | None
    version: str


class Score(_Strict):
    percent: Percent
    date: dt.date


class QuizResult(_Strict):
    kind: Literal["pre-test", "post-test", "self-check"]
    version: str
    attempts: Count
    passed: bool | None = None
    first: Score | None = None
    best: Score | None = None


class Attempt(_Strict):
    """One graded attempt with every question's correctness (the baseline or the best post-test)."""

    quiz: str
    version: str
    date: dt.date
    percent: Percent
    answers: dict[str, bool]


class Lessons(_Strict):
    opened: list[str]
    total: Count


class Results(_Strict):
    schema_: Literal["coi-course-results/1"] = Field(alias="schema")
    lang: Literal["th", "en"]
    created: Created
    record: Record
    check: str
    lessons: Lessons
    quizzes: dict[str, QuizResult]
    baseline: Attempt | None = None
    post_test: Attempt | None = None


@dataclass(frozen=True)
class Participant:
    file: str
    results: Results

    @property
    def record(self) -> Record:
        return self.results.record

    @property
    def key(self) -> tuple[str, str]:
        return participant_key(self.record)


@dataclass(frozen=True)
class Rejected:
    """A file left out of the report: ``code`` names the reason (data/report.yml ``reasons``)."""

    file: str
    code: str
    params: dict = field(default_factory=dict)

    def reason(self, lang: str = "en") -> str:
        return report_texts()[lang]["reasons"][self.code].format(**self.params)

    def __str__(self) -> str:
        return f"{self.file}: {self.reason()}"


@cache
def report_texts() -> dict:
    """What the officer's report says, per language (data/report.yml)."""
    return yaml.safe_load(TEXTS.read_text(encoding="utf-8"))


@dataclass
class ResultsFolder:
    participants: list[Participant] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    files: int = 0


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def participant_key(record: Record) -> tuple[str, str]:
    """Who a record is about: name and unit, ignoring case and spacing."""
    return (_fold(record.name), _fold(record.unit))


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _schema_problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = _where(tuple(p for p in err["loc"] if p != "schema_"))
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    if err["type"] == "extra_forbidden":
        return f"{where} is not a field of {SCHEMA}{more}"
    if err["type"] == "missing":
        return f"{where} is missing{more}"
    return f"{where}: {err['msg']}{more}"


Problem = tuple[str, dict]


def parse_results(raw: bytes) -> Results | Problem:
    """The results in ``raw``, or why it is not a valid results file: (reason code, parameters)."""
    if len(raw) > MAX_BYTES:
        return "too_large", {"size": len(raw) // 1024}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "not_utf8", {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return "not_json", {"line": exc.lineno, "error": exc.msg}
    except (ValueError, RecursionError):  # e.g. nested too deeply
        return "not_json", {"line": 1, "error": "cannot be read as JSON"}
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != SCHEMA:
        if not schema:
            return "no_schema", {"expected": SCHEMA}
        return "other_schema", {"schema": str(schema)[:60], "expected": SCHEMA}
    try:
        results = Results.model_validate(data)
    except ValidationError as exc:
        return "invalid", {"schema": SCHEMA, "problem": _schema_problem(exc)}
    if not results.record.name.strip():
        return "no_name", {}
    expected = check_code(data["record"])
    if results.check.strip().upper() != expected:
        return "wrong_check", {"check": results.check, "expected": expected}
    return results


def read_results(folder: Path, version: str) -> ResultsFolder:
    """Every ``*.json`` file in ``folder`` (sub-folders too), sorted into participants and rejects."""
    out = ResultsFolder()
    kept: dict[tuple[str, str], Participant] = {}
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".json")
    for path in paths:
        out.files += 1
        name = path.relative_to(folder).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            out.rejected.append(Rejected(name, "unreadable", {"error": exc.strerror}))
            continue
        results = parse_results(raw)
        if isinstance(results, tuple):
            out.rejected.append(Rejected(name, *results))
            continue
        if results.record.version != version:
            out.rejected.append(
                Rejected(
                    name, "other_version", {"found": results.record.version, "version": version}
                )
            )
            continue
        new = Participant(name, results)
        old = kept.get(new.key)
        if old is None:
            kept[new.key] = new
            continue
        newer, older = (new, old) if results.created >= old.results.created else (old, new)
        kept[new.key] = newer
        params = {"name": older.record.name, "unit": older.record.unit or "-", "newer": newer.file}
        out.rejected.append(Rejected(older.file, "duplicate", params))
    out.participants = sorted(kept.values(), key=lambda p: (p.key, p.file))
    out.rejected.sort(key=lambda r: r.file)
    return out
