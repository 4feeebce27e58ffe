"""Content rules for lessons: front matter, objectives, key points, explicit anchors in both languages,
a self-check per lesson covering every objective, every page in the navigation, no placeholder text."""

from __future__ import annotations

import re

import pytest
import yaml

from coi_course.course.lessons import display_path, headings, read_page_text, split_front_matter
from coi_course.errors import SourceErrors
from coi_course.project import DOCS, LANGUAGES, ROOT
from coi_course.quiz.loader import load_all_quizzes
from coi_course.quiz.render import PROGRESS_PAGE, quiz_page_path

LESSONS = sorted(
    p.relative_to(DOCS / "th").as_posix() for p in (DOCS / "th" / "lessons").glob("*.md")
)
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem ipsum|coming soon)\b|อยู่ระหว่างจัดทำ|XXX", re.I)


def _read_path(path) -> tuple[dict, str]:
    """Front matter and body of a page; a missing or unreadable page fails the test with a message."""
    if not path.is_file():
        pytest.fail(f"{display_path(path)} is missing (every page exists in th and en)", False)
    try:
        return split_front_matter(read_page_text(path), display_path(path))
    except SourceErrors as exc:
        pytest.fail(str(exc), pytrace=False)


def _read(lang: str, rel: str) -> tuple[dict, str]:
    return _read_path(DOCS / lang / rel)


def test_there_are_lessons():
    assert len(LESSONS) >= 8, LESSONS


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_front_matter_and_boxes(lang, lesson):
    meta, body = _read(lang, lesson)
    for key in ("title", "description", "minutes", "objectives"):
        assert meta.get(key), f"docs/{lang}/{lesson}: front matter needs '{key}'"
    assert isinstance(meta["minutes"], int) and 1 <= meta["minutes"] <= 120
    for o in meta["objectives"]:
        assert set(o) == {"id", "text"} and re.fullmatch(r"[a-z0-9-]+", o["id"]), o
    assert len(re.findall(r"^!!! key-points ", body, re.M)) == 1, (
        f"docs/{lang}/{lesson}: one key-points box"
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_minutes_are_the_same_in_both_languages(lesson):
    """The home page's course path adds up ``minutes:`` of every lesson, in each language."""
    minutes = {lang: _read(lang, lesson)[0].get("minutes") for lang in LANGUAGES}
    assert len(set(minutes.values())) == 1, f"{lesson}: minutes differ between languages: {minutes}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_heading_has_an_id_and_languages_match(lesson):
    ids = {}
    for lang in LANGUAGES:
        meta, body = _read(lang, lesson)
        heads = headings(body)
        missing = [h for h, i in heads if i is None]
        assert not missing, f"docs/{lang}/{lesson}: headings without {{#id}}: {missing}"
        ids[lang] = [i for _, i in heads]
        ids[lang + "-objectives"] = [o["id"] for o in meta["objectives"]]
    assert ids["th"] == ids["en"], f"{lesson}: heading ids differ between th and en"
    assert ids["th-objectives"] == ids["en-objectives"], f"{lesson}: objective ids differ"


def test_every_page_heading_has_an_id():
    for path in sorted(DOCS.rglob("*.md")):
        _, body = _read_path(path)
        missing = [h for h, i in headings(body) if i is None]
        assert not missing, f"{path.relative_to(ROOT)}: headings without {{#id}}: {missing}"


def test_every_lesson_has_a_self_check_and_every_objective_is_tested():
    quizzes = load_all_quizzes(ROOT / "quizzes", DOCS)
    tested = {q.objective for quiz in quizzes for q in quiz.questions}
    for lesson in LESSONS:
        checks = [q for q in quizzes if q.kind == "self-check" and q.lesson == lesson]
        assert checks, f"{lesson} has no self-check quiz"
        assert sum(len(q.questions) for q in checks) >= 5, (
            f"{lesson}: self-check needs 5+ questions"
        )
        meta, _ = _read("th", lesson)
        untested = [o["id"] for o in meta["objectives"] if o["id"] not in tested]
        assert not untested, f"{lesson}: objectives no question tests: {untested}"
    # The pre- and post-test together measure every objective of the course.
    summative = {
        q.objective for quiz in quizzes if quiz.kind != "self-check" for q in quiz.questions
    }
    for lesson in LESSONS:
        meta, _ = _read("th", lesson)
        unmeasured = [o["id"] for o in meta["objectives"] if o["id"] not in summative]
        assert not unmeasured, (
            f"{lesson}: objectives the pre/post tests do not measure: {unmeasured}"
        )
    kinds = {q.kind for q in quizzes}
    assert {"pre-test", "post-test"} <= kinds
    assert len(next(q for q in quizzes if q.kind == "pre-test").questions) >= 10
    assert len(next(q for q in quizzes if q.kind == "post-test").questions) >= 20


def test_no_page_is_left_out_of_the_navigation():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)

    def paths(items):
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from paths(value) if isinstance(value, list) else [value]

    listed = set(paths(config["nav"]))
    pages = {p.relative_to(DOCS / "th").as_posix() for p in (DOCS / "th").rglob("*.md")}
    quizzes = load_all_quizzes(ROOT / "quizzes", DOCS)
    # self-checks are placed after their lesson automatically; the rest must be listed
    expected = pages | {PROGRESS_PAGE} | {quiz_page_path(q.id) for q in quizzes if not q.lesson}
    assert sorted(expected - listed) == []


def test_no_placeholder_text():
    for path in sorted(
        [*DOCS.rglob("*.md"), *(ROOT / "quizzes").glob("*.yml"), *(ROOT / "includes").glob("*.md")]
    ):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not PLACEHOLDER.search(line), (
                f"{path.relative_to(ROOT)}:{n}: placeholder text: {line.strip()}"
            )


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
