"""Thai text is set in the self-hosted Sarabun with a comfortable line height."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_thai_body_text_uses_sarabun_and_tall_lines(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    info = page.evaluate("""() => {
        const p = document.querySelector('.md-typeset p');
        const cs = getComputedStyle(p);
        return {family: cs.fontFamily, lh: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize),
                loaded: document.fonts.check('16px Sarabun', 'ผลประโยชน์'),
                faces: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)};
    }""")
    assert info["family"].startswith("Sarabun"), info
    assert info["loaded"] and "Sarabun" in info["faces"], info
    assert 1.75 <= info["lh"] <= 1.85, info
    woff2 = [u for u in page.watched.requests if u.endswith(".woff2")]
    assert woff2 and all(u.startswith(site_url) for u in woff2), woff2
