"""Thai line breaks on phone-width pages: count the line ends that fall inside a PyThaiNLP word.

Every block of text in the lesson column is measured in the browser (where each character lands,
line by line); a line end between two Thai letters is "inside a word" when PyThaiNLP (newmm with the
project dictionary, coi_course.search.thai_wrap) does not put a word boundary there."""

from __future__ import annotations

import re

import pytest

from coi_course.search.thai_wrap import LineBreaker
from tests.browser.conftest import PHONE

PAGES = [
    "",
    "lessons/what-is-coi/",
    "lessons/gifts/",
    "lessons/the-law/",
    "lessons/managing-coi/",
    "progress/",
]
THAI = "\u0e01-\u0e3a\u0e40-\u0e5b"

# For each block (p, li, headings, cells ...): its text and the offsets where a new line starts.
LINE_STARTS = r"""() => {
  const blocks = document.querySelectorAll(
    '.md-content :is(h1,h2,h3,h4,p,li,td,th,dt,dd,summary,.admonition-title,legend,label)');
  const out = [];
  for (const block of blocks) {
    if (block.closest('pre, code, script, style')) continue;
    if (block.querySelector(':is(p,li,ul,ol,table,div)')) continue;  // measure the innermost blocks
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let text = '', starts = [], lastTop = null, node;
    const range = document.createRange();
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (rects.length) {
          const top = rects[rects.length - 1].top;
          if (lastTop !== null && top > lastTop + 4) starts.push(text.length + i);
          lastTop = rects[0].top;
        }
      }
      text += node.data;
    }
    if (starts.length) out.push([text, starts]);
  }
  return out;
}"""


def count_line_ends(blocks, breaker: LineBreaker) -> tuple[int, int, list[str]]:
    """(Thai-to-Thai line ends, those inside a word, examples) for ``[text, line starts]`` blocks."""
    thai = re.compile(f"[{THAI}]")
    total = inside = 0
    examples = []
    for text, starts in blocks:
        bounds = breaker.word_boundaries(text)
        for k in starts:
            if 0 < k < len(text) and thai.match(text[k - 1]) and thai.match(text[k]):
                total += 1
                if k not in bounds:
                    inside += 1
                    examples.append(text[max(0, k - 8) : k] + "|" + text[k : k + 8])
    return total, inside, examples


@pytest.fixture(scope="module")
def breaker():
    return LineBreaker()


def test_counting_finds_a_break_inside_a_word(breaker):
    text = "หลักฐานของขวัญ"
    inside_word = text.index("ฐาน")  # หลัก|ฐาน is inside the word หลักฐาน
    between = text.index("ของ")
    assert count_line_ends([[text, [inside_word]]], breaker)[:2] == (1, 1)
    assert count_line_ends([[text, [between]]], breaker)[:2] == (1, 0)


@pytest.mark.browser
def test_phone_pages_break_thai_lines_between_words(browser, site_url, breaker):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, locale="th-TH")
    page = ctx.new_page()
    total = inside = 0
    examples = []
    try:
        for path in PAGES:
            page.goto(site_url + path, wait_until="networkidle")
            page.evaluate("document.fonts.ready")
            t, i, ex = count_line_ends(page.evaluate(LINE_STARTS), breaker)
            total, inside = total + t, inside + i
            examples += ex
            # Words kept whole never push the page sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    finally:
        ctx.close()
    print(f"{len(PAGES)} phone pages: {inside} of {total} Thai-to-Thai line ends inside a word")
    assert total > 100  # the measurement saw the pages' text
    assert inside <= total * 0.02, examples[:20]


@pytest.mark.browser
def test_copied_text_has_no_extra_characters(page, site_url):
    page.goto(site_url + "lessons/gifts/", wait_until="networkidle")
    copied = page.evaluate(
        """() => { const p = document.querySelector('.md-content p:not(.admonition-title)');
                   getSelection().selectAllChildren(p); return [getSelection().toString(),
                   p.querySelectorAll('t-w').length]; }"""
    )
    text, kept = copied
    assert kept > 0  # the paragraph does carry the marks
    assert len(text) > 15 and re.search("[ก-ฮ]", text)
    assert not re.search("[\u200b\u200c\u200d\u2060\u00ad]", text)
    html = page.evaluate("document.querySelector('.md-content p:not(.admonition-title)').innerHTML")
    plain = re.sub(r"<[^>]+>", "", html).replace("&nbsp;", "\u00a0").replace("&amp;", "&")
    assert " ".join(text.split()) == " ".join(plain.split())
