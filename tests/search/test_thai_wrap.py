"""Thai line-break marks: between words only, long words kept whole, text between tags only."""

from __future__ import annotations

import pytest

from coi_course.search.thai_wrap import LineBreaker, unmark


@pytest.fixture(scope="module")
def breaker():
    return LineBreaker()


@pytest.mark.parametrize(
    "word", ["หลักฐาน", "ส่งเสริม", "เจ้าหน้าที่", "ของขวัญ", "ผู้บังคับบัญชา", "หน่วยงาน", "รับผิดชอบ"]
)
def test_words_the_browser_split_are_kept_whole(breaker, word):
    marked = breaker.mark_text(f"ท่านต้องแจ้ง{word}ทุกครั้ง")
    assert f"<t-w>{word}</t-w>" in marked
    assert unmark(marked) == f"ท่านต้องแจ้ง{word}ทุกครั้ง"


def test_boundaries_are_marked_and_short_words_stay_attached(breaker):
    marked = breaker.mark_text("ผู้บังคับบัญชาหลักฐานของขวัญ")
    assert marked == "<t-w>ผู้บังคับบัญชา</t-w><wbr><t-w>หลักฐาน</t-w><wbr><t-w>ของขวัญ</t-w>"
    assert "<wbr>ๆ" not in breaker.mark_text("ต่างๆ นานาๆ")
    assert breaker.mark_text("ที่") == "ที่"  # one cluster: nothing to keep together


def test_only_text_of_the_body_changes(breaker):
    page = (
        '<html><head><title>เจ้าหน้าที่</title><meta content="หลักฐาน"></head>'
        '<body><p title="หลักฐาน">หลักฐาน<!-- หลักฐาน --></p><code>หลักฐาน</code><pre>หลักฐาน</pre>'
        '<script>x = "<b>หลักฐาน</b>"</script><svg><text>หลักฐาน</text></svg>'
        "<select><option>หลักฐาน</option></select>English only &amp; ไทย</body></html>"
    )
    marked = breaker.mark_html(page)
    assert (
        marked.count("<t-w>") == 2
        and "&amp; <t-w>ไทย</t-w>" in marked
        and '<p title="หลักฐาน"><t-w>หลักฐาน</t-w><!--' in marked
    )
    assert unmark(marked) == page


def test_word_boundaries_for_measuring(breaker):
    text = "หลักฐานของขวัญ abc"
    assert breaker.word_boundaries(text) == {len("หลักฐาน")}
