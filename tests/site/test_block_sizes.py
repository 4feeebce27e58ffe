"""coi_course.site.block_sizes: which blocks get a size, what counts towards it, and that nothing
else of the page changes. The sizes themselves are checked against a browser in
tests/browser/test_block_sizes.py."""

from __future__ import annotations

import re

from coi_course.project import DOCS
from coi_course.site.block_sizes import SIZES, find_blocks, size_blocks

THAI = "เจ้าหน้าที่ของรัฐต้องแยกประโยชน์ส่วนตนออกจากประโยชน์ส่วนรวม "  # 50+ characters


def _page(article: str) -> str:
    return (
        '<html><body><nav><p>menu</p></nav><div class="md-content">'
        f'<article class="md-content__inner md-typeset">{article}</article>'
        "</div><footer><p>footer</p></footer></body></html>"
    )


def _sizes(article: str) -> list[tuple[str, int]]:
    out = size_blocks(_page(article))
    return [(m[1], int(m[2])) for m in re.finditer(r'<(\w+)[^>]*\sdata-coi-h="(\d+)"', out)]


def test_each_top_level_block_gets_a_size_and_nothing_else_changes():
    article = (
        "<h1>title</h1><p>short</p><ul><li><p>one</p></li><li>two</li></ul>"
        '<div class="admonition note"><p class="admonition-title">Note</p><p>text</p></div>'
    )
    page = _page(article)
    out = size_blocks(page)
    assert [name for name, _ in _sizes(article)] == ["p", "ul", "div"]  # not the title, not nested
    assert re.sub(r' data-coi-h="\d+"', "", out) == page
    assert size_blocks("<html><body><p>no article</p></body></html>").endswith("</html>")


def test_quiz_questions_in_a_form_are_sized_and_the_form_is_not():
    article = (
        '<form class="coi-quiz"><div class="coi-quiz__status">0/2</div>'
        f'<fieldset class="coi-q" id="q1"><legend>{THAI}</legend><label>a</label></fieldset>'
        f'<fieldset class="coi-q" id="q2"><legend>{THAI}</legend><label>b</label></fieldset></form>'
    )
    assert [name for name, _ in _sizes(article)] == ["fieldset", "fieldset"]


def test_more_text_lines_and_images_make_a_block_taller():
    base = dict(_sizes(f"<p>{THAI}</p>"))["p"]
    assert dict(_sizes(f"<p>{THAI * 4}</p>"))["p"] > base
    assert dict(_sizes(f"<p>{THAI}<br>{THAI}</p>"))["p"] > base
    lines = dict(_sizes("<ul>" + "<li>ข้อ</li>" * 12 + "</ul>"))["ul"]
    assert lines > dict(_sizes("<ul><li>ข้อ</li></ul>"))["ul"]
    image = '<figure><img src="d.svg" alt="" width="720" height="1280"></figure>'
    assert dict(_sizes(image))["figure"] >= 1280 * 358 / 720 / 16  # scaled to a phone's column


def test_code_counts_wider_than_text_and_code_blocks_by_their_lines():
    words = "abcdefghij " * 8
    assert dict(_sizes(f"<p><code>{words}</code></p>"))["p"] > dict(_sizes(f"<p>{words}</p>"))["p"]
    short = dict(_sizes('<div class="highlight"><pre><code>one line</code></pre></div>'))["div"]
    lines = "\n".join(["x" * 200] * 30)
    long = dict(_sizes(f'<div class="highlight"><pre><code>{lines}</code></pre></div>'))["div"]
    assert long > short


def test_a_closed_details_counts_only_its_summary():
    body = f"<p>{THAI * 10}</p>"
    closed = dict(_sizes(f"<details><summary>ดูเฉลย</summary>{body}</details>"))["details"]
    opened = dict(_sizes(f"<details open><summary>ดูเฉลย</summary>{body}</details>"))["details"]
    assert closed < opened
    assert closed <= dict(_sizes("<p>ดูเฉลย</p>"))["p"] + 2


def test_blocks_a_script_fills_keep_the_estimate_for_their_kind():
    article = (
        '<div id="app"></div>'  # empty until its script runs
        f'<div class="coi-cert"><p>{THAI}</p><div class="coi-cert__passed" hidden>ok</div></div>'
        f"<div><noscript><p>{THAI}</p></noscript></div>"
        f"<p>{THAI}</p>"
    )
    assert [name for name, _ in _sizes(article)] == ["p"]


def test_marks_outside_the_line_do_not_count_as_characters():
    marks = "กิ่" * 40  # each cluster one character wide, with a vowel and a tone mark above it
    [block] = find_blocks(_page(f"<p>{marks}</p>"))
    assert block.chars == 40


def test_sites_stylesheet_has_a_rule_for_every_size():
    css = (DOCS / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    for size in SIZES:
        rule = (
            f'.md-content__inner [data-coi-h="{size}"], .md-content__inner > '
            f'.md-typeset__scrollwrap:has([data-coi-h="{size}"]) '
            f"{{ contain-intrinsic-size: auto {round(size * 0.8, 2):g}rem; }}"
        )
        assert rule in css, size
    assert len(re.findall(r'\[data-coi-h="\d+"\],', css)) == len(SIZES)
