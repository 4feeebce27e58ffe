"""The Content-Security-Policy that `python -m coi_course csp site/` computes: served as a header,
the quiz, the certificate, the gift helper and search all work, with no violation reported."""

from __future__ import annotations

import pytest

from coi_course.site.csp import site_policy
from coi_course.site.serve import SiteServer
from tests.browser.test_certificate import _passed, _seed, post_test_version  # noqa: F401
from tests.browser.test_gift_helper import RELATIVE, answer_all, assert_result, open_helper
from tests.browser.test_search import search
from tests.conftest import SUB_PATH

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def policy(built_site):
    computed = site_policy(built_site)
    assert computed.problems == []
    assert computed.hashes, "the theme's inline scripts should need hashes"
    return computed.header()


@pytest.fixture(scope="module")
def csp_url(built_site, policy):
    with SiteServer(built_site, prefix=SUB_PATH, headers={"Content-Security-Policy": policy}) as s:
        yield s.url


@pytest.fixture
def guarded(page):
    page.add_init_script(RECORD_VIOLATIONS)
    yield page
    violations = page.evaluate("() => window.__cspViolations || []")
    refused = [e for e in page.watched.console_errors if "Content Security Policy" in e]
    assert violations == [] and refused == [], violations + refused


def _assert_header(response, policy):
    assert response is not None and response.ok
    assert response.headers["content-security-policy"] == policy


@pytest.mark.browser
def test_the_policy_blocks_what_it_does_not_list(guarded, csp_url, policy):
    # the guard itself must be able to see a violation: an unlisted inline script is refused
    _assert_header(guarded.goto(csp_url + "privacy/", wait_until="networkidle"), policy)
    guarded.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.append(s); }"
    )
    assert guarded.evaluate("() => window.ran") is None
    assert len(guarded.evaluate("() => window.__cspViolations")) == 1
    guarded.evaluate("() => { window.__cspViolations = []; }")
    guarded.watched.console_errors.clear()


@pytest.mark.browser
def test_quiz_works_under_the_policy(guarded, csp_url, policy):
    _assert_header(
        guarded.goto(csp_url + "quizzes/gifts-self-check/", wait_until="networkidle"), policy
    )
    first = guarded.locator("fieldset.coi-q").first
    first.locator("input").first.check()
    first.locator(".coi-q__check").click()
    assert first.locator(".coi-q__verdict").inner_text().strip()[:1] in ("✓", "✗")


@pytest.mark.browser
def test_certificate_works_under_the_policy(guarded, csp_url, policy, post_test_version):  # noqa: F811
    _seed(guarded, csp_url, _passed(post_test_version))
    _assert_header(guarded.goto(csp_url + "certificate/", wait_until="networkidle"), policy)
    root = guarded.locator("#coi-cert")
    assert root.locator(".coi-cert__passed").is_visible()
    guarded.locator("#coi-cert-name").fill("สมชาย ใจดี")
    assert root.locator(".coi-cert__record [data-field='name']").text_content() == "สมชาย ใจดี"


@pytest.mark.browser
def test_gift_helper_works_under_the_policy(guarded, csp_url, policy):
    app = open_helper(guarded, csp_url, "th")
    answer_all(guarded, app, "th", RELATIVE)
    assert_result(app, "th", "relative")


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", [("", "ของขวัญ"), ("en/", "gift")])
def test_search_works_under_the_policy(guarded, csp_url, lang, query):
    results = search(guarded, csp_url + lang, query)
    assert results, f"no results for {query!r} under the policy"
