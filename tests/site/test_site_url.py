"""SITE_URL is checked before it is written into sitemap.xml and robots.txt: a clear error, no guess."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from coi_course.bench.quiz_build import write_project
from coi_course.project import ROOT
from coi_course.site.site_url import SiteUrlError, normalise_site_url


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.example.go.th/elearning/coi", "https://www.example.go.th/elearning/coi/"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
        ("https://x.go.th/my course/", "https://x.go.th/my%20course/"),
        ("https://x.go.th/a%20b/", "https://x.go.th/a%20b/"),  # already escaped: unchanged
        (
            "https://x.go.th/บทเรียน/",
            "https://x.go.th/%E0%B8%9A%E0%B8%97%E0%B9%80%E0%B8%A3%E0%B8%B5%E0%B8%A2%E0%B8%99/",
        ),
        ("", ""),
    ],
)
def test_good_addresses_are_normalised(url, expected):
    assert normalise_site_url(url) == expected


@pytest.mark.parametrize(
    "url, reason",
    [
        ("https://x.go.th/coi/?x=1", "must not have a query"),
        ("https://x.go.th/coi/#top", "must not have a fragment"),
        ("x.go.th/coi/", "must start with http:// or https://"),
        ("ftp://x.go.th/coi/", "must start with http:// or https://"),
        ("https://user:pw@x.go.th/", "must not contain a user name or password"),
    ],
)
def test_bad_addresses_are_refused_with_the_reason(url, reason):
    with pytest.raises(SiteUrlError, match=reason):
        normalise_site_url(url)


def test_check_links_refuses_a_site_url_with_a_query(tmp_path, capsys):
    from coi_course.cli import main

    assert main(["check-links", str(tmp_path), "--site-url", "https://x.go.th/coi/?x=1"]) == 2
    assert "SITE_URL 'https://x.go.th/coi/?x=1' must not have a query" in capsys.readouterr().err


def _build(tmp_path, site_url: str) -> tuple[subprocess.CompletedProcess, object]:
    root = tmp_path / "course"
    write_project(root, 1, quizzes=True)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("site_url: http://127.0.0.1/\n", "site_url: !ENV SITE_URL\n")
        .replace("hooks:\n", f"hooks:\n  - {ROOT / 'scripts/hooks/robots.py'}\n"),
        encoding="utf-8",
    )
    env = {**os.environ, "COI_COURSE_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        env=env | {"SITE_URL": site_url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc, root / "site"


def test_a_build_with_a_query_in_site_url_stops_with_a_message(tmp_path):
    proc, site = _build(tmp_path, "https://x.go.th/coi/?x=1")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    assert "SITE_URL 'https://x.go.th/coi/?x=1' must not have a query" in out
    assert not (site / "sitemap.xml").exists()


def test_a_space_in_the_path_is_escaped_in_sitemap_and_robots(tmp_path):
    proc, site = _build(tmp_path, "https://x.go.th/e learning/coi")
    assert proc.returncode == 0, proc.stderr
    assert "https://x.go.th/e%20learning/coi/sitemap.xml" in (site / "robots.txt").read_text(
        "utf-8"
    )
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://x.go.th/e%20learning/coi/</loc>" in sitemap and " learning" not in sitemap
