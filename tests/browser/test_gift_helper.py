"""The gift decision helper (gift-helper.md) in a real browser, in Thai and English.

The step-by-step form must reach the same outcome as coi_course.course.gift_rules for every path, be usable with
the keyboard alone and on a phone, announce the result in a live region, pass axe, and load nothing from
elsewhere. Without JavaScript the full decision list is shown instead, and its links lead to the results.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from coi_course.course import gift_rules
from tests.browser.conftest import assert_axe_clean, focus_outline_px, tab_to

PAGES = {"th": "gift-helper/", "en": "en/gift-helper/"}
LOCALES = {"th": "th-TH", "en": "en-GB"}
RULES = gift_rules.load()

RELATIVE = {"exchange": "no", "giver": "relative", "business": "no"}
COOP_SMALL = {"exchange": "no", "giver": "coop", "what": "item", "value": "low", "occasion": "yes"}
COOP_LARGE = {"exchange": "no", "giver": "coop", "what": "item", "value": "high"}
PUBLIC = {"exchange": "no", "giver": "friend", "business": "no", "what": "public"}
INSPECTION_LUNCH = {
    "exchange": "no",
    "giver": "coop",
    "what": "meal",
    "value": "low",
    "occasion": "yes",
}
SEMINAR_GIFT_SET = {
    "exchange": "no",
    "giver": "outside",
    "what": "item",
    "value": "low",
    "occasion": "yes",
    "on-duty": "yes",
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe():
    return Axe()


def ui(key: str, lang: str) -> str:
    return RULES.ui[key](lang)


def assert_clean(page, site_url: str) -> None:
    assert page.watched.foreign_requests(site_url) == []
    assert page.watched.failed == []
    assert page.watched.console_errors == []


def open_helper(page, site_url: str, lang: str):
    response = page.goto(site_url + PAGES[lang], wait_until="networkidle")
    assert response is not None and response.ok
    expect(page.locator("#gift-helper-app .gh-form fieldset")).to_be_visible()
    return page.locator("#gift-helper-app")


def current_step(app) -> str:
    return app.locator("fieldset.gh-step").get_attribute("data-step")


def answer_all(page, app, lang: str, answers: dict[str, str]) -> None:
    """Click through the form (radio by its accessible name, then Next) until a result shows."""
    for _ in range(len(RULES.questions) + 1):
        if app.locator(".gh-result").is_visible():
            return
        question = RULES.steps[current_step(app)].ask
        label = RULES.questions[question].option(answers[question]).label(lang)
        app.get_by_role("radio", name=label, exact=True).check()
        app.get_by_role("button", name=ui("next", lang), exact=True).click()
    expect(app.locator(".gh-result")).to_be_visible()


def assert_result(app, lang: str, outcome: str) -> None:
    title = RULES.outcomes[outcome].title(lang)
    expect(app.locator(".gh-result")).to_be_visible()
    expect(app).to_have_attribute("data-outcome", outcome)
    heading = app.get_by_role("heading", name=ui("status_result", lang).replace("{title}", title))
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()
    expect(app.get_by_role("status")).to_contain_text(title)
    expect(app.locator(".gh-form")).to_be_hidden()
    o = RULES.outcomes[outcome]
    # What to do comes first, right under the heading, then the reasons: the deciding rule first.
    boxes = app.locator(".gh-result .gh-decision, .gh-result .gh-verdict")
    expect(boxes).to_have_count(3)
    assert boxes.nth(0).get_attribute("class") == "gh-decision"
    assert [boxes.nth(i).get_attribute("data-verdict") for i in range(3)] == [
        o.decision.kind,
        *(verdict.kind for _, verdict in o.reasons()),
    ]
    # Every verdict is written out in words, not shown by colour alone.
    expect(boxes.nth(0)).to_contain_text(f"{ui('action_label', lang)}: {o.decision.label(lang)}")
    for i, (key, verdict) in enumerate(o.reasons(), start=1):
        expect(boxes.nth(i)).to_contain_text(f"{ui(key, lang)}: {verdict.label(lang)}")
    expect(app.get_by_role("status")).to_contain_text(o.decision.label(lang))
    # Copied from the decision list without its ids (no duplicates on the page).
    assert app.locator(".gh-result__body [id]").count() == 0


@pytest.mark.parametrize("lang", ["th", "en"])
def test_form_replaces_nothing(page, site_url, lang):
    """The first question as the page opens (axe on this view: test_pages.py, both languages)."""
    app = open_helper(page, site_url, lang)
    expect(app.get_by_role("heading", name=ui("app_heading", lang))).to_be_visible()
    expect(app.get_by_role("group", name=RULES.questions["exchange"].legend(lang))).to_be_visible()
    expect(app.get_by_role("button", name=ui("back", lang))).to_be_hidden()  # nothing to go back to
    expect(page.locator("#decision-list")).to_be_visible()  # the full list stays below the form
    assert_clean(page, site_url)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_gift_from_a_relative(page, site_url, lang):
    app = open_helper(page, site_url, lang)
    answer_all(page, app, lang, RELATIVE)
    assert_result(app, lang, "relative")
    law = app.locator(".gh-result .gh-verdict").nth(0)
    expect(law).to_contain_text("ม.128 วรรคสอง" if lang == "th" else "s.128 para. 2")
    assert_clean(page, site_url)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_small_gift_from_a_cooperative_is_lawful_but_declined_under_the_policy(
    page, site_url, axe, lang
):
    app = open_helper(page, site_url, lang)
    answer_all(page, app, lang, COOP_SMALL)
    assert_result(app, lang, "duty-low")
    policy, law = app.locator(
        ".gh-result .gh-verdict"
    ).all()  # the policy decides, the law explains
    expect(law).to_contain_text("3,000")
    expect(law).to_contain_text("พ.ศ. 2563" if lang == "th" else "B.E. 2563")
    expect(policy).to_contain_text("ไม่ใช่กฎหมาย" if lang == "th" else "not law")
    # "What to do" links to the lessons.
    links = app.locator(".gh-result__body a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.endswith("lessons/gifts/#gift-limit") for h in hrefs), hrefs
    assert any(h.endswith("lessons/no-gift-policy/#declining-politely") for h in hrefs), hrefs
    # The answers given are listed with the result.
    expect(app.locator(".gh-answers li")).to_have_count(len(COOP_SMALL))
    assert_axe_clean(axe, page, f"{lang} result")
    assert_clean(page, site_url)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_gift_over_3000_baht_is_reported_within_30_days_to_the_head_of_agency(page, site_url, lang):
    app = open_helper(page, site_url, lang)
    answer_all(page, app, lang, COOP_LARGE)
    assert_result(app, lang, "duty-high")
    body = app.locator(".gh-result__body")
    if lang == "th":
        for text in ("30 วัน", "ผู้บริหารสูงสุดของหน่วยงาน", "ผู้มีอำนาจแต่งตั้งถอดถอน", "คืน", "ส่งมอบ"):
            expect(body).to_contain_text(text)
    else:
        for text in (
            "within 30 days",
            "head of the agency",
            "power to appoint or remove",
            "return",
            "hand it over to the agency",
        ):
            expect(body).to_contain_text(text)
    assert_clean(page, site_url)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_gift_given_to_the_public_alike(page, site_url, lang):
    app = open_helper(page, site_url, lang)
    answer_all(page, app, lang, PUBLIC)
    assert_result(app, lang, "public")
    assert_clean(page, site_url)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_lunch_on_an_inspection_day_is_declined_under_the_policy(page, site_url, axe, lang):
    app = open_helper(page, site_url, lang)
    answer_all(page, app, lang, INSPECTION_LUNCH)
    assert_result(app, lang, "meal-duty-low")
    decision, policy, law = app.locator(".gh-result .gh-decision, .gh-result .gh-verdict").all()
    expect(decision).to_contain_text("จ่ายค่าอาหาร" if lang == "th" else "pay for")
    expect(policy).to_contain_text("ไม่ใช่กฎหมาย" if lang == "th" else "not law")
    expect(law).to_contain_text("ประโยชน์อื่นใด" if lang == "th" else "other benefit")
    assert_axe_clean(axe, page, f"{lang} inspection-day lunch")
    assert_clean(page, site_url)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_gift_set_from_a_seminar_organiser_with_no_dealings(page, site_url, lang):
    app = open_helper(page, site_url, lang)
    answer_all(page, app, lang, SEMINAR_GIFT_SET)
    assert_result(app, lang, "outside-on-duty")
    app.get_by_role("button", name=ui("back", lang)).click()
    private = RULES.questions["on-duty"].option("no").label(lang)
    app.get_by_role("radio", name=private, exact=True).check()
    app.get_by_role("button", name=ui("next", lang)).click()
    assert_result(app, lang, "personal-low")
    assert_clean(page, site_url)


VERDICT_IN_VIEW = """() => {
  const label = document.querySelector('#gift-helper-app .gh-result .gh-decision__label');
  const box = label.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const top = document.querySelector('.md-top');
  const button = top ? top.getBoundingClientRect() : {bottom: 0};
  const x = box.left + Math.min(box.width, 40) / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {
    top: box.top, bottom: box.bottom, height: window.innerHeight,
    header: header.bottom, backToTop: button.bottom,
    hit: !!hit && !!hit.closest('.gh-decision'),
    focused: document.activeElement.id,
  };
}"""


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 720}, {"width": 360, "height": 640}]
)
def test_the_verdict_shows_at_once_where_the_learner_is_looking(browser, site_url, viewport):
    """The result scrolls to the top of the window with what to do right under its heading, clear of
    the sticky header and of Material's back-to-top button (which appears when the page scrolls up)."""
    context = browser.new_context(locale="th-TH", viewport=viewport)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["th"], wait_until="networkidle")
        app = page.locator("#gift-helper-app")
        for question in ("exchange", "giver", "what", "value"):
            label = RULES.questions[question].option(COOP_LARGE[question]).label("th")
            app.get_by_role("radio", name=label, exact=True).check()
            # the learner has scrolled far down the page before pressing Next
            page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
            app.get_by_role("button", name=ui("next", "th"), exact=True).click()
        expect(app).to_have_attribute("data-outcome", "duty-high")
        where = page.evaluate(VERDICT_IN_VIEW)
        assert where["focused"] == "gift-helper-result", where
        assert where["top"] >= where["header"] and where["top"] >= where["backToTop"], where
        assert where["bottom"] <= where["height"], where
        assert where["hit"], f"something covers the verdict: {where}"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_path_gives_the_same_outcome_as_the_rules(page, site_url, lang):
    """The script walks the data island; coi_course.course.gift_rules walks the YAML: they must agree."""
    app = open_helper(page, site_url, lang)
    for answers, outcome in gift_rules.paths():
        answer_all(page, app, lang, answers)
        assert app.get_attribute("data-outcome") == outcome, answers
        app.get_by_role("button", name=ui("restart", lang)).click()
        expect(app.locator("fieldset.gh-step")).to_have_attribute("data-step", RULES.start)
    assert_clean(page, site_url)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_back_keeps_the_earlier_answer(page, site_url, lang):
    app = open_helper(page, site_url, lang)
    answer_all(page, app, lang, COOP_SMALL)
    app.get_by_role("button", name=ui("back", lang)).click()
    expect(app.locator("fieldset.gh-step")).to_have_attribute("data-step", "duty-occasion")
    yes_label = RULES.questions["occasion"].option("yes").label(lang)
    yes = app.get_by_role("radio", name=yes_label, exact=True)
    expect(yes).to_be_checked()
    expect(yes).to_be_focused()
    no = RULES.questions["occasion"].option("no").label(lang)
    app.get_by_role("radio", name=no, exact=True).check()
    app.get_by_role("button", name=ui("next", lang)).click()
    assert_result(app, lang, "not-customary")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_keyboard_only(page, site_url, axe, lang):
    app = open_helper(page, site_url, lang)
    in_form = "() => document.activeElement.matches('#gift-helper-app input[type=radio]')"
    tab_to(page, in_form)
    assert focus_outline_px(page) >= 2  # visible focus
    # Enter with nothing chosen: a written error, announced, focus stays in the question.
    page.keyboard.press("Enter")
    expect(app.locator(".gh-error")).to_be_visible()
    expect(app.get_by_role("status")).to_have_text(ui("error", lang))
    assert page.evaluate(in_form)
    assert_axe_clean(axe, page, f"{lang} error shown")
    # COOP_SMALL: exchange=no (2nd), giver=coop (2nd), what=item (1st), value=low (1st), occasion=yes (1st).
    for keys in (["ArrowDown"], ["ArrowDown"], ["Space"], ["Space"], ["Space"]):
        step = current_step(app)
        for key in keys:
            page.keyboard.press(key)
        expect(app.locator(".gh-error")).to_be_hidden()
        page.keyboard.press("Enter")
        if step != "duty-occasion":
            expect(app.locator("fieldset.gh-step")).not_to_have_attribute("data-step", step)
            assert page.evaluate(in_form), "focus moves to the next question"
    assert_result(app, lang, "duty-low")
    # Start again with the keyboard: focus goes back to the first question.
    tab_to(page, "() => document.activeElement.classList.contains('gh-restart')")
    assert focus_outline_px(page) >= 2
    page.keyboard.press("Enter")
    expect(app.locator("fieldset.gh-step")).to_have_attribute("data-step", RULES.start)
    assert page.evaluate(in_form)
    assert_clean(page, site_url)


def test_works_on_a_phone(browser, site_url):
    context = browser.new_context(
        locale="th-TH", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site_url + PAGES["th"], wait_until="networkidle")
        app = page.locator("#gift-helper-app")
        for question in ("exchange", "giver", "what", "value"):
            label = RULES.questions[question].option(COOP_LARGE[question]).label("th")
            option = app.locator("label", has_text=label).first
            box = option.bounding_box()
            assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360
            option.tap()
            app.get_by_role("button", name=ui("next", "th")).tap()
        expect(app).to_have_attribute("data-outcome", "duty-high")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, "the page scrolls sideways on a phone"
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_without_javascript_the_decision_list_is_shown(browser, site_url, lang):
    context = browser.new_context(java_script_enabled=False, locale=LOCALES[lang])
    try:
        page = context.new_page()
        response = page.goto(site_url + PAGES[lang], wait_until="networkidle")
        assert response is not None and response.ok
        expect(page.locator("#gift-helper-app")).to_be_hidden()
        expect(page.get_by_role("heading", name=ui("list_heading", lang))).to_be_visible()
        expect(page.locator("ol.gh-steps > li")).to_have_count(len(RULES.steps))
        for oid, outcome in RULES.outcomes.items():
            section = page.locator(f'.gh-outcome[data-outcome="{oid}"]')
            expect(section.get_by_role("heading", name=outcome.title(lang))).to_be_visible()
            expect(section.locator(".gh-verdict")).to_have_count(2)
        # Follow the list's own links for a small gift from a cooperative.
        here = f"step-{RULES.start}"
        while True:
            sid = here.removeprefix("step-")
            question = RULES.steps[sid].ask
            label = RULES.questions[question].option(COOP_SMALL[question]).label(lang)
            prefix = ui("if_answer", lang).replace("{label}", label)
            item = page.locator(f"#{here} > ul > li", has_text=prefix).first
            link = item.locator("a")
            href = link.get_attribute("href")
            link.click()
            expect(page).to_have_url(site_url + PAGES[lang] + href)
            if href.startswith("#outcome-"):
                assert href == "#outcome-duty-low"
                break
            here = href.removeprefix("#")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_decision_list_alone_passes_axe(page, site_url, axe, lang):
    """axe needs JavaScript (its timers do not run in a page without it), so the no-JavaScript view is
    reproduced by serving an empty gift-helper.js: the form is never built and only the list shows."""
    page.route(
        "**/gift-helper.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )
    response = page.goto(site_url + PAGES[lang], wait_until="networkidle")
    assert response is not None and response.ok
    expect(page.locator("#gift-helper-app")).to_be_hidden()
    expect(page.locator("#decision-list")).to_be_visible()
    assert_axe_clean(axe, page, f"{lang} decision list without the form")
    assert_clean(page, site_url)
