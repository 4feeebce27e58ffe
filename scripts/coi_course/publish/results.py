"""Read the results files learners download (schema ``coi-course-results/1``).

``read_results(folder, version)`` reads every ``*.json`` file in a folder and sorts them into
participants and rejected files. A file is rejected, with its name and a plain reason, when it is not
UTF-8 JSON, is not a results file of this schema, does not follow the schema, has a check code that
does not match its record, was made from another content version of the course, or repeats a
participant already read (the newest file of a participant is kept). Nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..record.check_code import check_code

SCHEMA = "coi-course-results/1"

Percent = Annotated[int, Field(ge=0, le=100, strict=True)]
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
    created: dt.datetime
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
    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


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


def parse_results(raw: bytes) -> Results | str:
    """The results in ``raw``, or the reason it is not a valid results file."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "not a results file: not UTF-8 text"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"not a results file: not valid JSON (line {exc.lineno}: {exc.msg})"
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != SCHEMA:
        found = f"schema {schema!r}" if schema else "no 'schema' field"
        return f"not a results file: {found}, expected {SCHEMA!r}"
    try:
        results = Results.model_validate(data)
    except ValidationError as exc:
        return f"does not follow {SCHEMA}: {_schema_problem(exc)}"
    expected = check_code(data["record"])
    if results.check.strip().upper() != expected:
        return (
            f"wrong check code {results.check!r}: the record was edited or mistyped "
            f"(its fields give {expected})"
        )
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
            out.rejected.append(Rejected(name, f"cannot be read ({exc.strerror})"))
            continue
        results = parse_results(raw)
        if isinstance(results, str):
            out.rejected.append(Rejected(name, results))
            continue
        if results.record.version != version:
            out.rejected.append(
                Rejected(
                    name,
                    f"made from content version {results.record.version}, "
                    f"this report is for version {version}",
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
        out.rejected.append(
            Rejected(
                older.file,
                f"repeats participant '{older.record.name}' ({older.record.unit or '-'}): "
                f"the newer file {newer.file} is used",
            )
        )
    out.participants = sorted(kept.values(), key=lambda p: (p.key, p.file))
    out.rejected.sort(key=lambda r: r.file)
    return out
