"""The quiz file schema (quizzes/*.yml). Unknown keys are rejected so typos never pass silently."""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
ChoiceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


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
    answer: bool | ChoiceId | list[NonEmpty]
    explanation: Localized
    source: NonEmpty
    basis: NonEmpty | None = None
    objective: Slug | None = None
    counterpart: Counterpart | None = None

    @field_validator("answer", mode="before")
    @classmethod
    def _numbers_are_text(cls, value):
        # An author writing `answer: [3000]` means the text "3000".
        if isinstance(value, list):
            return [
                str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                for v in value
            ]
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @property
    def correct_ids(self) -> list[str]:
        """Choice ids that are right (single/multiple), in source order."""
        wanted = self.answer if isinstance(self.answer, list) else [self.answer]
        return [c.id for c in self.choices or [] if c.id in wanted]


class Quiz(Strict):
    id: Slug
    kind: Literal["self-check", "pre-test", "post-test"]
    lesson: NonEmpty | None = None
    pass_percent: int = Field(default=80, ge=1, le=100)
    shuffle: bool = False
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
