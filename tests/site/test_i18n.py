"""Every page exists in Thai and English, and the language switcher points to the counterpart."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from coi_course.project import DOCS
from tests.conftest import SUB_PATH, site_pages


def _sources(lang: str) -> set[str]:
    return {p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md")}


def test_every_thai_page_has_an_english_counterpart_and_back():
    th, en = _sources("th"), _sources("en")
    assert th, "no Thai pages"
    assert sorted(th - en) == [], "Thai pages without English translation"
    assert sorted(en - th) == [], "English pages without Thai original"


def test_language_switcher_points_to_the_counterpart(built_site):
    pages = site_pages(built_site)
    assert len(pages) >= 4
    for rel in pages:
        html = (built_site / rel).read_text(encoding="utf-8")
        links = dict(
            re.findall(r'<a href="([^"]*)" hreflang="(th|en)" class="md-select__link"', html)
        )
        by_lang = {lang: href for href, lang in links.items()}
        assert set(by_lang) == {"th", "en"}, f"{rel}: language switcher missing"
        th_rel = rel.removeprefix("en/")
        expected = {"th": th_rel, "en": "en/" + th_rel}
        for lang, href in by_lang.items():
            base = "http://x" + SUB_PATH
            target = urljoin(base + rel, href).removeprefix(base)
            target = target + "index.html" if target.endswith("/") or target == "" else target
            assert target == expected[lang], f"{rel}: switcher '{lang}' -> {target}"
