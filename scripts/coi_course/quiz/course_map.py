"""The course as a learner walks it: pre-test, the lessons in navigation order, post-test, record.

``course_lessons`` reads the lessons' titles and minutes from their front matter; ``course_facts``
is what the browser needs to show progress (docs/assets/javascripts/course.js, results.js,
certificate.js): lessons, quizzes with their versions, the pre/post pairs, and links, all relative
to the page that carries them. ``render_course_path`` is the home page's ordered list of steps.
"""

from __future__ import annotations

from pathlib import Path

from ..course.lessons import lesson_slug, read_lesson
from ..templating import html_title, template_env
from .model import Quiz
from .pairing import pairs
from .render import PROGRESS_PAGE, RenderedPage, _link, _meta, quiz_page_path, script_texts, ui_text

CERTIFICATE_PAGE = "certificate.md"
PATH_MARKER = "<!-- course-path -->"  # replaced on docs/{th,en}/index.md by hooks/quizzes.py
# The texts course.js writes on the course path (a test keeps this list in step with course.js).
PATH_TEXTS = (
    "path_baseline", "path_changed", "path_continue", "path_not_ready", "path_not_started",
    "path_opened", "path_post_not_passed", "path_post_passed", "path_ready", "path_review",
    "path_start",
)  # fmt: skip


def nav_lessons(nav) -> list[str]:
    """``lessons/*.md`` entries of the MkDocs ``nav``, in order."""
    found: list[str] = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_lessons(value)
        elif isinstance(value, str) and value.startswith("lessons/") and value not in found:
            found.append(value)
    return found


def course_lessons(nav, docs: Path, lang: str) -> list[dict]:
    """Each lesson of the course in order: source path, slug, title and minutes (front matter)."""
    out = []
    for src in nav_lessons(nav):
        lesson = read_lesson(docs / lang / src)
        meta = lesson.meta if lesson else {}
        out.append(
            {
                "src": src,
                "slug": lesson_slug(src),
                "title": str(meta.get("title") or lesson_slug(src)),
                "minutes": int(meta.get("minutes") or 0),
            }
        )
    return out


def _by_kind(quizzes: list[Quiz], kind: str) -> Quiz | None:
    found = [q for q in quizzes if q.kind == kind]
    return found[0] if len(found) == 1 else None


def ordered_quizzes(quizzes: list[Quiz], lessons: list[dict]) -> list[Quiz]:
    """Pre-test, the self-checks in lesson order, other quizzes, then the post-test."""
    rank = {lesson["src"]: i for i, lesson in enumerate(lessons)}

    def key(q: Quiz) -> tuple:
        if q.kind == "pre-test":
            return (0, 0)
        if q.kind == "post-test":
            return (3, 0)
        return (1, rank[q.lesson]) if q.lesson in rank else (2, 0)

    return sorted(quizzes, key=key)


def course_facts(
    quizzes: list[Quiz],
    lessons: list[dict],
    lang: str,
    page: str,
    directory_urls: bool = True,
    edition: dict | None = None,
) -> dict:
    """What the page ``page`` tells its scripts about the course (URLs relative to that page).
    ``edition`` adds what a results file records: ``{"agency": name, "version": content version}``."""

    def link(target: str) -> str:
        return _link(page, target, directory_urls)

    def quiz_facts(q: Quiz | None) -> dict | None:
        if q is None:
            return None
        return {
            "id": q.id,
            "version": q.content_version,
            "pass": q.pass_percent,
            "url": link(quiz_page_path(q.id)),
            "questions": [x.id for x in q.questions],
            "lessons": {x.id: lesson_slug(x.source) for x in q.questions},
        }

    pre, post = _by_kind(quizzes, "pre-test"), _by_kind(quizzes, "post-test")
    ui = ui_text()[lang]
    return {
        "lang": lang,
        "lessons": [
            {
                "slug": x["slug"],
                "title": x["title"],
                "minutes": x["minutes"],
                "url": link(x["src"]),
            }
            for x in lessons
        ],
        "quizzes": [
            {
                "id": q.id,
                "kind": q.kind,
                "version": q.content_version,
                "pass": q.pass_percent,
                "title": ui["kind"][q.kind] if q.kind != "self-check" else q.title[lang],
                "lesson": lesson_slug(q.lesson) if q.lesson else None,
                "url": link(quiz_page_path(q.id)),
            }
            for q in ordered_quizzes(quizzes, lessons)
        ],
        "pre": quiz_facts(pre),
        "post": quiz_facts(post),
        "pairs": [
            {
                "pre": p.pre.id,
                "post": p.post.id,
                "kind": p.kind,
                "lesson": lesson_slug(p.pre.source),
            }
            for p in (pairs(pre, post) if pre and post else [])
        ],
        "certificate": link(CERTIFICATE_PAGE),
        "progress": link(PROGRESS_PAGE),
    } | (edition or {})


def render_course_path(
    quizzes: list[Quiz], lessons: list[dict], lang: str, page: str, directory_urls: bool = True
) -> str:
    """The home page's course path (HTML): a plain ordered list of links that course.js annotates."""
    facts = course_facts(quizzes, lessons, lang, page, directory_urls)
    return (
        template_env()
        .get_template("course_path.html.j2")
        .render(
            ui=ui_text()[lang],
            facts=facts,
            total=sum(x["minutes"] for x in lessons),
            path_texts={k: ui_text()[lang][k] for k in PATH_TEXTS},
        )
    )


def render_progress(
    quizzes: list[Quiz],
    lang: str,
    directory_urls: bool = True,
    lessons: list[dict] | None = None,
    edition: dict | None = None,
) -> RenderedPage:
    """The "my progress" page for ``lang``: every quiz in course order, the like-for-like comparison
    of baseline and post-test per lesson, the results file and clearing everything."""
    ui = ui_text()[lang]
    lessons = lessons or []
    facts = course_facts(quizzes, lessons, lang, PROGRESS_PAGE, directory_urls, edition)
    rows = [
        {
            "id": q["id"],
            "kind": q["kind"],
            "title": q["title"],
            "pass": q["pass"],
            "url": q["url"],
            "version": q["version"],
        }
        for q in facts["quizzes"]
    ]
    paired = {p["lesson"] for p in facts["pairs"]}
    html = (
        template_env()
        .get_template("progress.html.j2")
        .render(
            lang=lang,
            ui=ui,
            rows=rows,
            facts=facts,
            compare_lessons=[x for x in facts["lessons"] if x["slug"] in paired],
            ui_json=script_texts(lang),
            has_compare=bool(facts["pre"] and facts["post"]),
        )
    )
    title = html_title(ui["progress_title"])
    return RenderedPage(title, _meta(title, "quiz_progress", True), html)
