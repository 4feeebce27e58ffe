"""A page is about as long before it has been scrolled through as after (coi_course.site.block_sizes):
each block's estimated height holds its content on a phone, and the estimates add up to not much
more than the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE

# Lessons of both languages, a long self-check and the post-test (questions), the glossary (a list
# of definitions), the references (long links) and the publishers' guide (code and tables).
PAGES = [
    "lessons/what-is-coi/",
    "lessons/gifts/",
    "lessons/case-studies/",
    "en/lessons/gifts/",
    "en/lessons/managing-coi/",
    "quizzes/gifts-self-check/",
    "quizzes/post-test/",
    "en/quizzes/post-test/",
    "glossary/",
    "references/",
    "publishing/",
]

# The page's height as loaded (skipped blocks at their estimates), then with every block laid out;
# each sized block's estimate (data-coi-h="N": N times .8rem, plus its padding and border) and its
# real height. A table is shown in Material's scrolling box, which is the block the browser skips.
# (A block laid out once keeps the size it had then while skipped again: that size is the browser's,
# not the build's, so the estimate is computed here rather than read off the skipped box.)
MEASURE = """() => {
  const unit = 0.8 * parseFloat(getComputedStyle(document.documentElement).fontSize);
  const sized = [...document.querySelectorAll('.md-content__inner [data-coi-h]')].map(el => {
    const box = el.parentElement.closest('.md-typeset__scrollwrap') || el, s = getComputedStyle(box);
    const extra = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth']
      .reduce((sum, k) => sum + parseFloat(s[k]), 0);
    return {box, what: el.localName + ' ' + (el.textContent || '').trim().slice(0, 40),
            estimated: +el.dataset.coiH * unit + extra};
  });
  const pageEstimated = document.documentElement.scrollHeight;
  const style = document.createElement('style');
  style.textContent = '* { content-visibility: visible !important; }';
  document.head.append(style);
  return {pageEstimated, pageReal: document.documentElement.scrollHeight, blocks: sized.map(b =>
    ({what: b.what, estimated: b.estimated, real: b.box.getBoundingClientRect().height}))};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_each_blocks_estimate_holds_it_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    found = page.evaluate(MEASURE)
    context.close()
    blocks = found["blocks"]
    assert len(blocks) >= 5, f"{path}: too few sized blocks to judge: {blocks}"
    short = [
        f"{b['what']!r}: {b['estimated']:.0f} px for {b['real']:.0f}"
        for b in blocks
        if b["estimated"] + 1 < b["real"]
    ]
    assert short == [], f"{path}: estimates smaller than their blocks: {short[:5]}"
    ratio = found["pageEstimated"] / found["pageReal"]
    assert ratio <= 1.7, f"{path}: {found['pageEstimated']} px estimated for {found['pageReal']}"
