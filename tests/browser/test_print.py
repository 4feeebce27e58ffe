"""Printing a lesson: only the lesson on A4, headings kept with their text, figures and tables whole,
and a sensible number of pages in Chromium's PDF (the gifts lesson printed on 13 pages before)."""

from __future__ import annotations

import re

import pytest

MAX_PAGES = {"lessons/gifts/": 9, "en/lessons/gifts/": 11}


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.browser
@pytest.mark.parametrize("path", list(MAX_PAGES))
def test_lesson_prints_on_a_sensible_number_of_a4_pages(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    pages = _pdf_pages(page.pdf(format="A4", print_background=True))
    print(f"{path}: {pages} A4 pages")
    assert 2 <= pages <= MAX_PAGES[path]


@pytest.mark.browser
def test_print_layout_rules(page, site_url):
    page.goto(site_url + "lessons/gifts/", wait_until="networkidle")
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => {
          const s = (sel, prop) => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e)[prop]);
          return {
            hidden: ['.md-header', '.md-footer', '.md-sidebar--primary', '.md-sidebar--secondary']
              .map(sel => getComputedStyle(document.querySelector(sel)).display),
            headings: s('.md-content h2, .md-content h3', 'breakAfter'),
            whole: s('.md-content table, .md-content img, .md-content .admonition', 'breakInside'),
          };
        }"""
    )
    assert set(styles["hidden"]) == {"none"}
    assert styles["headings"] and set(styles["headings"]) == {"avoid"}
    assert styles["whole"] and set(styles["whole"]) == {"avoid"}
