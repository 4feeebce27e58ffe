"""The gift decision helper's single source (coi_course.course.gift_rules + data/gift-helper.yml): the tree is
complete, the decision list and the JavaScript data agree with ``decide``, and the legal texts keep the
fact sheet's pitfalls right."""

from __future__ import annotations

import copy
import json
import re
from types import SimpleNamespace

import pytest
from lxml import html as lxml_html
from markupsafe import escape
from pydantic import ValidationError
from ruamel.yaml import YAML

from coi_course.course import gift_rules
from coi_course.project import DOCS, LANGUAGES, ROOT
from tests.conftest import load_hook

RULES = gift_rules.load()
COOP = {"exchange": "no", "giver": "coop"}
SEMINAR = {"exchange": "no", "giver": "outside"}
HEADING_ID = re.compile(r"^#{1,6} .*\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)

# Sections the helper links to (issue 4): the lessons promise these anchors.
PROMISED_ANCHORS = {
    "lessons/gifts.md": {
        "gifts",
        "section-128",
        "relatives",
        "general-public",
        "gift-limit",
        "over-the-limit",
        "pm-office-regulation-2565",
        "gifts-to-superiors",
    },
    "lessons/no-gift-policy.md": {
        "no-gift-policy",
        "policy-vs-law",
        "declining-politely",
        "gift-left-anyway",
    },
    "lessons/what-is-coi.md": {"what-is-coi"},
}


def _raw_data() -> dict:
    with gift_rules.DATA_FILE.open(encoding="utf-8") as fh:
        return YAML(typ="safe", pure=True).load(fh)


def _steps_list(lang: str):
    """The <ol class="gh-steps"> of the rendered decision list."""
    markdown = gift_rules.render_markdown(lang)
    start = markdown.index('<ol class="gh-steps">')
    end = markdown.index("</ol>\n", start) + len("</ol>")
    return lxml_html.fragment_fromstring(markdown[start:end])


# ---- the tree -------------------------------------------------------------------------------------------


def test_every_outcome_is_reachable_and_every_path_ends_in_an_outcome():
    found = {outcome for _, outcome in gift_rules.paths()}
    assert found == set(RULES.outcomes)
    assert len(gift_rules.paths()) == 39
    assert max(len(answers) for answers, _ in gift_rules.paths()) <= 6  # "at most six questions"
    assert "หกคำถาม" in RULES.ui["app_intro"]("th") and "six" in RULES.ui["app_intro"]("en")


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"exchange": "no", "giver": "relative", "business": "no"}, "relative"),
        ({"exchange": "no", "giver": "relative", "business": "yes"}, "relative-business"),
        (COOP | {"what": "item", "value": "low", "occasion": "yes"}, "duty-low"),
        (COOP | {"what": "item", "value": "low", "occasion": "no"}, "not-customary"),
        (COOP | {"what": "item", "value": "high"}, "duty-high"),
        (COOP | {"what": "public"}, "public"),
        # lunch on an inspection day, served by the cooperative being inspected
        (COOP | {"what": "meal", "value": "low", "occasion": "yes"}, "meal-duty-low"),
        (COOP | {"what": "meal", "value": "high"}, "meal-high"),
        (COOP | {"what": "meal", "value": "low", "occasion": "no"}, "not-customary"),
        (
            {"exchange": "no", "giver": "friend", "business": "no", "what": "public"},
            "public",
        ),
        (
            {"exchange": "no", "giver": "friend", "business": "yes", "what": "item"}
            | {"value": "low", "occasion": "yes"},
            "duty-low",
        ),
        (
            {"exchange": "no", "giver": "friend", "business": "no", "what": "item"}
            | {"value": "low", "occasion": "yes"},
            "personal-low",
        ),
        # a seminar organiser with no dealings with the office
        (SEMINAR | {"what": "public"}, "public"),
        (
            SEMINAR | {"what": "item", "value": "low", "occasion": "yes", "on-duty": "yes"},
            "outside-on-duty",
        ),
        (
            SEMINAR | {"what": "meal", "value": "low", "occasion": "yes", "on-duty": "no"},
            "personal-low",
        ),
        (SEMINAR | {"what": "item", "value": "high"}, "personal-high"),
        (SEMINAR | {"what": "item", "value": "low", "occasion": "no"}, "not-customary"),
        (
            {"exchange": "no", "giver": "subordinate", "value": "low", "occasion": "yes"},
            "subordinate-low",
        ),
        (
            {"exchange": "no", "giver": "subordinate", "value": "low", "occasion": "no"},
            "not-customary",
        ),
        ({"exchange": "no", "giver": "superior", "value": "high"}, "colleague-high"),
        ({"exchange": "yes", "giver": "relative"}, "bribe"),  # a bribe is a bribe, whoever gives it
    ],
)
def test_decide_main_cases(answers, expected):
    assert gift_rules.decide(answers) == expected


def test_decide_needs_every_answer_on_the_path():
    with pytest.raises(KeyError):
        gift_rules.decide(COOP)
    with pytest.raises(ValueError):
        gift_rules.decide({"exchange": "maybe"})


def test_decide_agrees_with_every_path():
    for answers, outcome in gift_rules.paths():
        assert gift_rules.decide(answers) == outcome, answers


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("unmapped answer", "must map every answer"),
        ("unknown outcome", "unknown outcome"),
        ("unreachable outcome", "outcomes never reached"),
        ("cycle", "cycle"),
        ("question twice", "asked twice"),
        ("lenient decision", "decision.kind must be 'no'"),
    ],
)
def test_broken_trees_are_rejected(breakage, message):
    data = copy.deepcopy(_raw_data())
    steps = data["steps"]
    if breakage == "unmapped answer":
        del steps["giver"]["then"]["friend"]
    elif breakage == "unknown outcome":
        steps["exchange"]["then"]["yes"] = {"outcome": "no-such-outcome"}
    elif breakage == "unreachable outcome":
        steps["exchange"]["then"]["yes"] = {"outcome": "relative"}
    elif breakage == "cycle":
        steps["personal-value"]["then"]["high"] = {"step": "giver"}
    elif breakage == "question twice":
        steps["duty-value"]["then"]["high"] = {"step": "personal-value"}
    elif breakage == "lenient decision":  # "you may accept it" above a policy that says decline
        data["outcomes"]["duty-low"]["decision"] = {
            "kind": "ok",
            "label": {"th": "รับได้", "en": "Fine"},
        }
    with pytest.raises(ValidationError, match=message):
        gift_rules.GiftRules.model_validate(data)


# ---- one source, two views ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_decision_list_links_lead_to_the_same_outcome_as_decide(lang):
    """Follow the no-JavaScript list link by link, the way a reader would, for every path."""
    steps = {li.get("id"): li for li in _steps_list(lang).findall("li")}
    numbers = gift_rules.step_numbers()
    assert list(steps) == [f"step-{sid}" for sid in sorted(numbers, key=numbers.get)]
    for answers, expected in gift_rules.paths():
        here = f"step-{RULES.start}"
        for _ in range(10):
            li = steps[here]
            sid = here.removeprefix("step-")
            label = RULES.questions[RULES.steps[sid].ask].option(answers[RULES.steps[sid].ask])
            answer = next(
                item
                for item in li.find("ul").findall("li")
                if item.text_content().startswith(
                    RULES.ui["if_answer"](lang).replace("{label}", label.label(lang))
                )
            )
            href = answer.find("a").get("href")
            if href.startswith("#outcome-"):
                assert href == f"#outcome-{expected}", (lang, answers)
                break
            here = href.removeprefix("#")
        else:
            pytest.fail(f"no outcome reached for {answers}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_data_island_is_the_same_tree(lang):
    text = gift_rules.island_json(lang)
    assert "<" not in text and ">" not in text and "&" not in text  # safe inside <script>
    data = json.loads(text)
    assert data["lang"] == lang and data["start"] == RULES.start
    assert set(data["steps"]) == set(RULES.steps)
    for sid, step in RULES.steps.items():
        assert data["steps"][sid]["ask"] == step.ask
        assert data["steps"][sid]["then"] == {
            value: target.model_dump(exclude_none=True) for value, target in step.then.items()
        }
    for qid, question in RULES.questions.items():
        assert [o["label"] for o in data["questions"][qid]["options"]] == [
            o.label(lang) for o in question.options
        ]
    assert {oid: o["title"] for oid, o in data["outcomes"].items()} == {
        oid: o.title(lang) for oid, o in RULES.outcomes.items()
    }
    for key in ("next", "back", "restart", "error", "status_result", "step_label"):
        assert data["ui"][key]


def test_heading_ids_are_ascii_and_the_same_in_both_languages():
    ids = {}
    for lang in LANGUAGES:
        page = (DOCS / lang / "gift-helper.md").read_text(encoding="utf-8")
        assert gift_rules.MARKER in page
        full = page.replace(gift_rules.MARKER, gift_rules.render_markdown(lang))
        headings = re.findall(r"^#{1,6} .*$", full, re.MULTILINE)
        ids[lang] = HEADING_ID.findall(full)
        assert len(ids[lang]) == len(headings), f"{lang}: a heading without an explicit id"
    assert ids["th"] == ids["en"]
    assert ids["th"][:3] == ["gift-helper", "decision-list", "decision-steps"]
    assert {f"outcome-{oid}" for oid in RULES.outcomes} <= set(ids["th"])


def test_lesson_links_point_to_promised_anchors_that_exist():
    for oid, outcome in RULES.outcomes.items():
        for link in outcome.links:
            assert link.anchor in PROMISED_ANCHORS.get(link.page, set()), (
                oid,
                link.page,
                link.anchor,
            )
            for lang in LANGUAGES:
                lesson = DOCS / lang / link.page
                if (
                    lesson.is_file()
                ):  # lessons are written in parallel; the link checker has the last word
                    assert f"{{#{link.anchor}}}" in lesson.read_text(encoding="utf-8"), (
                        lesson,
                        link,
                    )


# ---- facts (coi-facts.md, sections 0, 3.2, 3.3 and the second check) ------------------------------------


def _outcome_text(oid: str, lang: str) -> str:
    o = RULES.outcomes[oid]
    parts = [o.title, o.law.label, o.law.text, o.policy.label, o.policy.text, *o.actions]
    return " ".join(p(lang) for p in parts)


@pytest.mark.parametrize(
    "oid", ["duty-high", "personal-high", "subordinate-high", "colleague-high"]
)
def test_over_the_limit_report_goes_to_the_head_of_agency_within_30_days(oid):
    th, en = _outcome_text(oid, "th"), _outcome_text(oid, "en")
    assert RULES.outcomes[oid].law.kind == "no"
    assert "30 วัน" in th and "ผู้บริหารสูงสุดของหน่วยงาน" in th and "แต่งตั้งถอดถอน" in th
    assert "30 days" in en and "head of the agency" in en and "appoint or remove" in en
    assert "คืน" in th and "ส่งมอบ" in th and "return" in en and "hand it over" in en
    assert "ม.169" in th and "s.169" in en


def test_law_and_policy_verdicts_of_the_main_cases():
    verdicts = {oid: (o.law.kind, o.policy.kind) for oid, o in RULES.outcomes.items()}
    assert verdicts["relative"] == ("ok", "ok")
    assert verdicts["public"] == ("ok", "ok")
    assert verdicts["duty-low"] == ("ok", "no")  # lawful under s.128, declined under the policy
    assert verdicts["duty-high"] == ("no", "no")
    assert verdicts["bribe"] == ("no", "no")
    assert verdicts["subordinate-low"] == ("ok", "no")
    assert verdicts["meal-duty-low"] == ("ok", "no")  # inspection-day lunch: lawful, declined
    assert verdicts["meal-high"] == ("no", "no")
    assert verdicts["not-customary"][0] == "no"  # no customary occasion: outside the exception
    assert verdicts["outside-on-duty"] == ("ok", "no")
    assert verdicts["personal-low"] == ("ok", "ok")
    duty_low = RULES.outcomes["duty-low"].policy.text
    assert "ไม่ใช่กฎหมาย" in duty_low("th") and "not law" in duty_low("en")


def test_the_nacc_announcement_has_its_current_title():
    text = gift_rules.DATA_FILE.read_text(encoding="utf-8")
    assert "โดยธรรมจรรยาของเจ้าพนักงานของรัฐ พ.ศ. 2563" in text
    assert "ของเจ้าหน้าที่ของรัฐ พ.ศ. 2563" not in text  # the old B.E. 2543 title
    assert "ม.103" not in text and "s.103" not in text  # section of the repealed B.E. 2542 Act


def test_relatives_have_no_ceiling_and_cite_paragraph_two():
    law = RULES.outcomes["relative"].law
    assert "ม.128 วรรคสอง" in law.text("th") and "s.128 para. 2" in law.text("en")
    assert "ไม่มีเพดาน" in law.text("th")


# ---- build wiring ---------------------------------------------------------------------------------------


def test_hook_is_configured_once():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("- scripts/hooks/gift_helper.py") == 1


@pytest.mark.parametrize(
    ("src_uri", "url", "base"),
    [
        ("th/gift-helper.md", "gift-helper/", "../"),
        ("en/gift-helper.md", "en/gift-helper/", "../../"),
    ],
)
def test_hook_fills_the_page_and_loads_the_assets_only_there(src_uri, url, base):
    hook = load_hook("gift_helper")
    lang = src_uri.split("/")[0]
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, locale=lang), url=url)
    other = SimpleNamespace(file=SimpleNamespace(src_uri=f"{lang}/index.md", locale=lang), url="")
    out = hook.on_page_markdown(f"# T {{#t}}\n\n{gift_rules.MARKER}\n", page, None, None)
    assert gift_rules.MARKER not in out and "{#decision-list}" in out
    assert f'"lang":"{lang}"' in out
    assert hook.on_page_markdown("# Other\n", other, None, None) == "# Other\n"
    head = hook.on_post_page("<html><head></head><body></body></html>", page, None)
    assert f'<script src="{base}assets/javascripts/gift-helper.js" defer></script></head>' in head
    assert f'href="{base}assets/stylesheets/gift-helper.css"' in head
    assert hook.on_post_page("<head></head>", other, None) == "<head></head>"
    for asset in gift_rules.ASSETS.values():
        assert (DOCS / asset).is_file()


# ---- what to do first (issue 12 point 5) ----------------------------------------------------------------


def test_the_decision_is_the_stricter_rule_and_the_deciding_rule_comes_first():
    for oid, o in RULES.outcomes.items():
        severities = [gift_rules.SEVERITY[v.kind] for _, v in o.reasons()]
        assert gift_rules.SEVERITY[o.decision.kind] == severities[0] == max(severities), oid
        assert [key for key, _ in o.reasons()] in (
            ["law_label", "policy_label"],
            ["policy_label", "law_label"],
        )
    # lawful but declined under the policy: the policy leads, the law explains
    assert [k for k, _ in RULES.outcomes["duty-low"].reasons()] == ["policy_label", "law_label"]
    assert [k for k, _ in RULES.outcomes["duty-high"].reasons()] == ["law_label", "policy_label"]


def _outcome_sections(lang: str) -> dict[str, str]:
    markdown = gift_rules.render_markdown(lang)
    parts = re.split(r'<div class="gh-outcome" data-outcome="([a-z-]+)" markdown>', markdown)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_lenient_box_above_a_decline_in_the_decision_list(lang):
    """Each result opens with what to do; a green "allowed" never sits above a "decline"."""
    sections = _outcome_sections(lang)
    assert set(sections) == set(RULES.outcomes)
    for oid, text in sections.items():
        outcome = RULES.outcomes[oid]
        boxes = re.findall(r'<div class="gh-(decision|verdict)" data-verdict="(\w+)"', text)
        assert boxes[0] == ("decision", outcome.decision.kind), oid
        kinds = [gift_rules.SEVERITY[kind] for _, kind in boxes]
        assert kinds == sorted(kinds, reverse=True), (oid, boxes)  # strictest first, always
        decision_label = escape(f"{RULES.ui['action_label'](lang)}: {outcome.decision.label(lang)}")
        assert text.index(decision_label) < text.index(RULES.ui["why_label"](lang)), oid
        assert text.index(outcome.actions[0](lang)) < text.index(RULES.ui["why_label"](lang)), oid


def test_meals_occasions_and_outside_givers_rest_on_the_fact_sheet():
    meal = _outcome_text("meal-duty-low", "th"), _outcome_text("meal-duty-low", "en")
    assert "ประโยชน์อื่นใด" in meal[0] and "ไม่ใช่กฎหมาย" in meal[0] and "3,000" in meal[0]
    assert "other benefit" in meal[1] and "not law" in meal[1] and "3,000" in meal[1]
    assert "จ่ายค่าอาหาร" in meal[0] and "pay for" in meal[1]
    not_customary = RULES.outcomes["not-customary"].law
    for word in ("เทศกาล", "แสดงความยินดี", "ขอบคุณ", "ต้อนรับ", "เสียใจ", "มารยาท", "ม.128", "ม.169"):
        assert word in not_customary.text("th"), word
    for word in ("festival", "congratulate", "thank", "welcome", "console", "courtesy", "s.169"):
        assert word in not_customary.text("en"), word
    outside = RULES.questions["giver"].option("outside").label
    assert "สัมมนา" in outside("th") and "seminar" in outside("en")
    on_duty = RULES.outcomes["outside-on-duty"].policy.text
    assert "ก่อน ระหว่าง และหลัง" in on_duty("th") and "before, during or after" in on_duty("en")
