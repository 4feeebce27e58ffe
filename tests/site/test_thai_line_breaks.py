"""The Thai line-break marks change nothing that search, copy-and-paste or screen readers read: the
site built without them has the same search index and, marks removed, the same pages."""

from __future__ import annotations

import pytest

from coi_course.search.thai_wrap import unmark
from tests.conftest import build_site


@pytest.fixture(scope="module")
def unmarked_site(tmp_path_factory):
    return build_site(
        tmp_path_factory.mktemp("unmarked") / "site", extra_env={"COI_THAI_LINE_BREAKS": "off"}
    )


def test_search_index_is_unchanged(built_site, unmarked_site):
    marked = (built_site / "search/search_index.json").read_bytes()
    assert marked == (unmarked_site / "search/search_index.json").read_bytes()
    assert b"t-w>" not in marked and b"<wbr" not in marked


def test_pages_differ_only_by_the_marks(built_site, unmarked_site):
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert len(pages) > 40
    marked_pages = 0
    for rel in pages:
        marked = (built_site / rel).read_text(encoding="utf-8")
        plain = (unmarked_site / rel).read_text(encoding="utf-8")
        assert unmark(marked) == plain, rel
        marked_pages += marked != plain
    assert marked_pages > 40  # Thai pages (and the Thai in English pages) were marked
