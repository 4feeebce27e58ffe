"""The certificate of completion page in a real browser: state from the stored post-test result, the
learner's name shown as text only, Buddhist Era dates on Thai pages, print layout, accessibility."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from coi_course.course.thai_dates import format_date
from coi_course.project import DOCS
from tests.browser.conftest import assert_axe_clean

STORE = "coi-course.progress.v1"
PASSED_AT = "2024-02-01T12:00:00.000Z"  # 1 February 2024 in every time zone from UTC-11 to UTC+11
HOSTILE_NAME = "<img src=x onerror=alert(1)>สมชาย"


def _cert_url(site_url: str, lang: str) -> str:
    return f"{site_url}{'' if lang == 'th' else 'en/'}certificate/"


@pytest.fixture(scope="module")
def post_test_version(browser, site_url) -> str:
    """The version of the post-test, as the built quiz page publishes it."""
    page = browser.new_page()
    try:
        page.goto(site_url + "quizzes/post-test/")
        version = page.locator("form.coi-quiz").get_attribute("data-version")
    finally:
        page.close()
    assert version and re.fullmatch(r"[0-9a-f]+", version)
    return version


def _seed(page, site_url: str, record: dict | None) -> None:
    """Store ``record`` as the post-test result, with every lesson opened (or clear storage)."""
    page.goto(site_url + "privacy/")
    lessons = {p.stem: PASSED_AT for p in (DOCS / "th" / "lessons").glob("*.md")}
    data = {"quizzes": {"post-test": record}, "lessons": lessons} if record is not None else None
    page.evaluate(
        "([key, value]) => value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)",
        [STORE, json.dumps(data) if data is not None else None],
    )


def _passed(version: str, **changes) -> dict:
    record = {
        "best": 85,
        "last": 85,
        "passed": True,
        "version": version,
        "attempts": 2,
        "passedAt": PASSED_AT,
    }
    return {**record, **changes}


def _open(page, site_url, lang):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(_cert_url(site_url, lang), wait_until="networkidle")
    return dialogs


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "expected_date"), [("th", "1 กุมภาพันธ์ 2567"), ("en", "1 February 2024")]
)
def test_passed_post_test_gives_a_record_with_the_name_as_text(
    page, site_url, post_test_version, lang, expected_date
):
    _seed(page, site_url, _passed(post_test_version))
    dialogs = _open(page, site_url, lang)
    root = page.locator("#coi-cert")
    assert root.locator(".coi-cert__passed").is_visible()
    assert root.locator(".coi-cert__missing").is_hidden()
    assert root.locator(".coi-cert__nojs").is_hidden()

    label = page.locator("label[for='coi-cert-name']")
    assert label.is_visible() and label.inner_text().strip()
    name_input = page.get_by_label(label.inner_text().strip())
    name_input.fill(HOSTILE_NAME)
    record = root.locator(".coi-cert__record")
    name = record.locator("[data-field='name']")
    assert name.text_content() == HOSTILE_NAME
    assert name.evaluate("el => el.children.length") == 0
    assert page.locator("img[src='x']").count() == 0
    assert record.locator("img").count() == 0
    page.wait_for_timeout(200)
    assert dialogs == []

    assert record.locator("[data-field='date']").text_content() == expected_date
    assert record.locator("[data-field='score']").text_content().startswith("85%")
    version = root.get_attribute("data-content-version")
    assert re.fullmatch(r"[0-9a-f]{10}", version)
    assert record.locator("[data-field='version']").text_content() == version
    assert page.get_attribute("html", "lang") == lang
    course = page.evaluate("document.querySelector('.coi-cert__course').textContent")
    assert course.strip()
    assert page.watched.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_js_date_format_matches_python(page, site_url, lang):
    _open(page, site_url, lang)
    days = [date(2024, 2, 1), date(2025, 1, 1), date(2024, 12, 31), date(2020, 2, 29)]
    days += [date(2024, month, 15) for month in range(1, 13)]
    shown = page.evaluate(
        "days => days.map(([y, m, d]) => COICertificate.formatDate(new Date(y, m - 1, d)))",
        [[d.year, d.month, d.day] for d in days],
    )
    assert shown == [format_date(d, lang) for d in days]


@pytest.mark.browser
def test_without_a_passed_at_date_today_is_shown(page, site_url, post_test_version):
    _seed(page, site_url, _passed(post_test_version, passedAt=None))
    _open(page, site_url, "th")
    y, m, d = page.evaluate(
        "(() => { const t = new Date(); return [t.getFullYear(), t.getMonth() + 1, t.getDate()]; })()"
    )
    shown = page.locator(".coi-cert__record [data-field='date']").text_content()
    assert shown == format_date(date(y, m, d), "th")


@pytest.mark.browser
@pytest.mark.parametrize(
    "record",
    [None, "not-passed", "older-version", "corrupt"],
)
def test_no_passed_post_test_gives_the_message_and_a_link(
    page, site_url, post_test_version, record
):
    if record == "corrupt":
        _seed(page, site_url, None)
        page.evaluate(f"localStorage.setItem('{STORE}', '{{not json')")
    else:
        stored = {
            None: None,
            "not-passed": _passed(post_test_version, passed=False, best=60, passedAt=None),
            "older-version": _passed("0000000000"),
        }[record]
        _seed(page, site_url, stored)
    _open(page, site_url, "th")
    missing = page.locator(".coi-cert__missing")
    assert missing.is_visible()
    assert page.locator(".coi-cert__passed").is_hidden()
    assert page.locator("#coi-cert-name").is_hidden()
    link = missing.locator("a[href$='quizzes/post-test/']")
    assert link.count() == 1
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/quizzes/post-test/")
    assert page.watched.console_errors == []


@pytest.mark.browser
def test_without_javascript_the_page_says_it_is_needed(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="th-TH")
    try:
        page = context.new_page()
        page.goto(_cert_url(site_url, "th"))
        assert page.locator(".coi-cert__nojs").is_visible()
        assert "JavaScript" in page.locator(".coi-cert__nojs").inner_text()
        assert page.locator(".coi-cert__passed").is_hidden()
        assert page.locator(".coi-cert__missing").is_hidden()
        assert page.locator(".coi-cert__edition").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_print_shows_the_record_alone(page, site_url, post_test_version):
    _seed(page, site_url, _passed(post_test_version))
    _open(page, site_url, "th")
    page.locator("#coi-cert-name").fill("สมชาย ใจดี")
    page.evaluate(
        "() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }"
    )
    page.locator(".coi-cert__print").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.locator(".coi-cert__record").is_visible()
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        "h1",
        ".coi-cert__print",
        "#coi-cert-name",
    ):
        assert page.locator(hidden).first.is_hidden(), hidden
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1  # one A4 page


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["th", "en"])
def test_record_passes_axe(page, site_url, post_test_version, lang):
    _seed(page, site_url, _passed(post_test_version))
    _open(page, site_url, lang)
    page.locator("#coi-cert-name").fill("สมชาย ใจดี")
    assert_axe_clean(Axe(), page, f"{lang} record")
