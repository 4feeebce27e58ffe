"""Link check of the built site: internal links, anchors, allowed external hosts, no third-party loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from coi_course.project import DOCS, allowed_link_hosts
from coi_course.site.linkcheck import SiteChecker, source_of
from tests.conftest import BUILD_SITE_URL


def test_built_site_has_no_broken_links_or_third_party_loads(built_site):
    report = SiteChecker(built_site, BUILD_SITE_URL, allowed_link_hosts(), DOCS).check()
    assert report.pages_checked >= 6
    assert not report.problems, "\n" + "\n".join(map(str, report.problems))


def test_external_links_are_listed(built_site, capsys):
    report = SiteChecker(built_site, BUILD_SITE_URL, allowed_link_hosts(), DOCS).check()
    with capsys.disabled():
        print(
            f"\n{len(report.external_links)} external links (not fetched: the build machine is offline)"
        )
        for url in sorted(report.external_links):
            print(f"  {url}")
    for url in report.external_links:
        assert url.startswith(("http://", "https://")), url


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(f"<!doctype html><html><body>\n{body}\n</body></html>", encoding="utf-8")
    return tmp_path


def _problems(site: Path, hosts=("www.nacc.go.th",)) -> list[str]:
    return [str(p) for p in SiteChecker(site, "/sub/", hosts).check().problems]


def test_broken_link_is_reported_with_page_and_link(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="lessons/missing/">x</a>'})
    assert _problems(site) == [
        "index.html:2: broken link: lessons/missing/ (nothing is built at /sub/lessons/missing/)"
    ]


def test_broken_anchor_is_reported(tmp_path):
    site = _site(
        tmp_path, {"index.html": '<a href="a/#nope">x</a>', "a/index.html": '<h2 id="yes">y</h2>'}
    )
    problems = _problems(site)
    assert (
        len(problems) == 1 and "broken anchor: a/#nope" in problems[0] and "'nope'" in problems[0]
    )


def test_good_links_and_anchors_pass(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="a/#yes">x</a><a href="#top">t</a><span id="top"></span>'
            '<img src="img/x.svg"><a href="https://www.nacc.go.th/">n</a>',
            "a/index.html": '<h2 id="yes">y</h2><a href="../">home</a>',
            "img/x.svg": "",
        },
    )
    assert _problems(site) == []


def test_root_absolute_link_breaks_under_sub_path(tmp_path):
    site = _site(tmp_path, {"index.html": '<a href="/a/">x</a>', "a/index.html": ""})
    assert len(_problems(site)) == 1


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.example.com/x.js"></script>',
        '<script src="//cdn.example.com/x.js"></script>',
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        '<img src="https://tracker.example.com/p.gif">',
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        '<div style="background:url(https://x.example.com/a.png)"></div>',
    ],
)
def test_third_party_resources_are_reported(tmp_path, html):
    problems = _problems(_site(tmp_path, {"index.html": html}))
    assert len(problems) == 1 and problems[0].startswith("index.html:2:"), problems


def test_external_link_to_unknown_host_is_reported(tmp_path):
    problems = _problems(
        _site(tmp_path, {"index.html": '<a href="https://evil.example.com/">x</a>'})
    )
    assert len(problems) == 1 and "evil.example.com" in problems[0]


def test_css_import_from_other_host_is_reported(tmp_path):
    site = _site(tmp_path, {"index.html": ""})
    (site / "a.css").write_text(
        '@import "https://fonts.googleapis.com/css";\nbody{}', encoding="utf-8"
    )
    assert _problems(site) == [
        "a.css:1: stylesheet loads from another host: https://fonts.googleapis.com/css"
    ]


def test_source_of_maps_built_pages_back_to_markdown(tmp_path):
    for rel in ("th/index.md", "th/lessons/gifts.md", "en/lessons/gifts.md"):
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text("#", encoding="utf-8")
    docs = tmp_path / "docs"
    assert source_of("index.html", docs) == "docs/th/index.md"
    assert source_of("lessons/gifts/index.html", docs) == "docs/th/lessons/gifts.md"
    assert source_of("en/lessons/gifts/index.html", docs) == "docs/en/lessons/gifts.md"
    assert source_of("en/nothing/index.html", docs) is None
