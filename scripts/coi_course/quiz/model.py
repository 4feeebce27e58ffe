"""The quiz file schema (quizzes/*.yml). Unknown keys are rejected so typos never pass silently.

Types are strict: a text field takes only text (never an unquoted number, date or yes/no), a number
only a whole number, a switch only true or false; texts must have a visible character."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
)


def _visible(text: str) -> str:
    # Z* are spaces, C* controls and format characters such as the zero-width space U+200B.
    if not any(unicodedata.category(ch)[0] not in "ZC" for ch in text):
        raise ValueError("has no visible characters")
    return text


Slug = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
ChoiceId = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z0-9]+$")]
NonEmpty = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_visible)
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """A text in both languages; Thai first."""

    th: NonEmpty
    en: NonEmpty

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class Choice(Strict):
    id: ChoiceId
    text: Localized
    feedback: Localized | None = None


class Counterpart(Strict):
    """The post-test question a pre-test question is compared with (see coi_course.quiz.pairing)."""

    question: Slug
    kind: Literal["same", "parallel"]


class Question(Strict):
    id: Slug
    type: Literal["single", "multiple", "true-false", "short-answer"]
    prompt: Localized
    choices: list[Choice] | None = None
    answer: StrictBool | ChoiceId | list[NonEmpty]
    explanation: Localized
    source: NonEmpty
    basis: NonEmpty | None = None
    objective: Slug | None = None
    counterpart: Counterpart | None = None

    @property
    def correct_ids(self) -> list[str]:
        """Choice ids that are right (single/multiple), in source order."""
        wanted = self.answer if isinstance(self.answer, list) else [self.answer]
        return [c.id for c in self.choices or [] if c.id in wanted]


class Quiz(Strict):
    id: Slug
    kind: Literal["self-check", "pre-test", "post-test"]
    lesson: NonEmpty | None = None
    pass_percent: StrictInt = Field(default=80, ge=1, le=100)
    shuffle: StrictBool = False
    title: Localized
    description: Localized | None = None
    questions: list[Question] = Field(min_length=1)

    @cached_property
    def content_version(self) -> str:
        """Short hash of the quiz content: stored progress from another edition is recognised as such."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:10]

    @property
    def deferred(self) -> bool:
        """Pre- and post-tests are scored once, after one submit; self-checks give feedback at once."""
        return self.kind != "self-check"
