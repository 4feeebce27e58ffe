"""Place generated quiz pages in the navigation: each self-check right after its lesson."""

from __future__ import annotations

from .model import Quiz
from .render import PROGRESS_PAGE, quiz_page_path


def _paths(nav) -> set[str]:
    found: set[str] = set()
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= _paths(value)
        elif isinstance(value, str):
            found.add(value)
    return found


def _insert_after(nav: list, lesson: str, entry: str) -> bool:
    for i, item in enumerate(nav):
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if value == lesson:
            nav.insert(i + 1, entry)
            return True
        if isinstance(value, list) and _insert_after(value, lesson, entry):
            return True
    return False


def place_quizzes(nav: list | None, quizzes: list[Quiz]) -> tuple[list | None, list[str]]:
    """Return the nav with quiz pages added, and problems (quizzes that found no place).

    Quizzes already listed in ``nav`` stay where the author put them; a self-check goes right after
    its lesson; a pre/post test without a lesson must be listed in nav by the author.
    """
    if nav is None:  # no explicit nav: MkDocs lists every page by itself
        return nav, []
    listed = _paths(nav)
    problems = []
    for quiz in quizzes:
        page = quiz_page_path(quiz.id)
        if page in listed:
            continue
        if quiz.lesson and _insert_after(nav, quiz.lesson, page):
            continue
        where = (
            f"after its lesson {quiz.lesson}, which is not in nav"
            if quiz.lesson
            else "(it has no lesson)"
        )
        problems.append(
            f"quiz '{quiz.id}' cannot be placed in the navigation {where}: "
            f"add '{page}' to nav in mkdocs.yml"
        )
    return nav, problems


def progress_listed(nav: list | None) -> bool:
    return nav is None or PROGRESS_PAGE in _paths(nav)
