"""Length cues in answer keys: is the right answer of a single-answer question the longest choice?

A learner who always picks the longest choice should not pass. For every quiz file, and over all of
them, two numbers are measured per language on the single-answer questions:

- the share of questions whose keyed choice is the longest (strictly: when several choices share
  the greatest length, length does not point to one of them), and
- the mean of (length of the keyed choice / mean length of the other choices).

Length is what a reader sees: spaces collapsed, and Thai vowel and tone marks written above or below
a consonant (combining marks) not counted, so Thai and English are measured alike.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..project import LANGUAGES, ROOT
from ..yaml_source import load_yaml
from .model import Quiz

MAX_LONGEST_SHARE = 1 / 3
MAX_MEAN_RATIO = 1.25


def visible_length(text: str) -> int:
    """Characters a reader sees: whitespace runs count once, combining marks not at all."""
    return sum(
        1 for ch in " ".join(text.split()) if unicodedata.category(ch) not in ("Mn", "Me", "Cf")
    )


@dataclass(frozen=True)
class KeyedChoice:
    """One single-answer question in one language."""

    file: str
    line: int
    question: str
    lang: str
    keyed: int
    longest_other: int
    others_mean: float

    @property
    def is_longest(self) -> bool:
        return self.keyed > self.longest_other

    @property
    def ratio(self) -> float:
        return self.keyed / self.others_mean

    def describe(self) -> str:
        what = "the longest choice" if self.is_longest else "long"
        return (
            f"{self.file}:{self.line}: {self.question} [{self.lang}] keyed choice is {what}: "
            f"{self.keyed} characters against {self.others_mean:.0f} on average for the others "
            f"({self.ratio:.2f}x)"
        )


@dataclass(frozen=True)
class CueSummary:
    """The two numbers for a set of questions in one language."""

    name: str
    lang: str
    rows: tuple[KeyedChoice, ...]

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def longest(self) -> int:
        return sum(r.is_longest for r in self.rows)

    @property
    def longest_share(self) -> float:
        return self.longest / self.count if self.rows else 0.0

    @property
    def mean_ratio(self) -> float:
        return sum(r.ratio for r in self.rows) / self.count if self.rows else 0.0

    @property
    def ok(self) -> bool:
        return self.longest_share <= MAX_LONGEST_SHARE + 1e-9 and self.mean_ratio <= MAX_MEAN_RATIO

    def describe(self) -> str:
        return (
            f"{self.name} [{self.lang}]: keyed choice longest in {self.longest} of {self.count} "
            f"single-answer questions ({self.longest_share:.0%}, limit {MAX_LONGEST_SHARE:.0%}); "
            f"mean keyed/others length {self.mean_ratio:.2f} (limit {MAX_MEAN_RATIO})"
        )

    def offenders(self) -> list[KeyedChoice]:
        """Questions that push the numbers up: keyed choice longest or clearly longer than the rest."""
        return [r for r in self.rows if r.is_longest or r.ratio > MAX_MEAN_RATIO]


def question_rows(quiz: Quiz, lines: dict[tuple, int], display: str) -> list[KeyedChoice]:
    rows = []
    for i, q in enumerate(quiz.questions):
        if q.type != "single" or not q.choices or len(q.choices) < 2:
            continue
        for lang in LANGUAGES:
            keyed = [visible_length(c.text[lang]) for c in q.choices if c.id == q.answer]
            others = [visible_length(c.text[lang]) for c in q.choices if c.id != q.answer]
            if len(keyed) != 1 or not others:
                continue
            rows.append(
                KeyedChoice(
                    file=display,
                    line=lines.get(("questions", i), 1),
                    question=q.id,
                    lang=lang,
                    keyed=keyed[0],
                    longest_other=max(others),
                    others_mean=sum(others) / len(others),
                )
            )
    return rows


def quiz_file_rows(path: Path) -> list[KeyedChoice]:
    """Rows for one quiz file (which must already be valid: the loader reports broken files)."""
    try:
        display = path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        display = path.as_posix()
    located = load_yaml(path, display)
    return question_rows(Quiz.model_validate(located.data), located.lines, display)


def summaries(rows: list[KeyedChoice], name: str) -> list[CueSummary]:
    """One summary per language."""
    return [CueSummary(name, lang, tuple(r for r in rows if r.lang == lang)) for lang in LANGUAGES]
