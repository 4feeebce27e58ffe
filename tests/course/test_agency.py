"""The agency settings block (extra.agency in mkdocs.yml): checks with file:line errors, placeholders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coi_course.course.agency import PLACEHOLDERS, AgencyError, fill, load_agency
from coi_course.project import DOCS, ROOT
from tests.site.test_agency_build import other_office_config

BLOCK = """\
site_name: x
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
extra:
  agency:
    name: {th: "สำนักงานตัวอย่าง", en: "Example Office"}
    parent: {th: "กรมตัวอย่าง", en: "Example Department"}
    logo: assets/images/favicon.svg
    signer:
      name: {th: "นางสาวตัวอย่าง ทดสอบ", en: "Ms Example Test"}
      title: {th: "ผู้อำนวยการ", en: "Director"}
    no_gift_announcement:
      url: "https://example.go.th/no-gift"
      date: 2025-10-01
      title: {th: "ประกาศ No Gift", en: "No Gift announcement"}
    gift_report_contact: {th: "กลุ่มอำนวยการ", en: "the administration group"}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(AgencyError) as exc:
        load_agency(write(tmp_path, text), DOCS)
    return [str(e) for e in exc.value.errors]


def test_the_project_block_is_valid_and_names_the_office_in_both_languages():
    agency = load_agency(ROOT / "mkdocs.yml", DOCS)
    assert agency.name.th.startswith("สำนักงาน")
    assert agency.name.en.endswith("Office")
    assert (DOCS / agency.logo).is_file()


def test_values_cover_every_placeholder_and_format_the_date_per_language(tmp_path):
    agency = load_agency(write(tmp_path, BLOCK), DOCS)
    th, en = agency.values("th"), agency.values("en")
    assert tuple(th) == PLACEHOLDERS == tuple(en)
    assert th["no_gift_announcement.date"] == "1 ตุลาคม 2568"
    assert en["no_gift_announcement.date"] == "1 October 2025"
    assert en["no_gift_announcement.link"] == (
        "[No Gift announcement](https://example.go.th/no-gift) (1 October 2025)"
    )


def test_empty_url_and_date_give_the_title_without_a_link(tmp_path):
    text = BLOCK.replace('"https://example.go.th/no-gift"', '""').replace("2025-10-01", "null")
    agency = load_agency(write(tmp_path, text), DOCS)
    assert agency.values("th")["no_gift_announcement.link"] == "ประกาศ No Gift"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (', en: "Ms Example Test"', "", "mkdocs.yml:9: extra.agency.signer.name.en is required"),
        ('"Director"', '""', "mkdocs.yml:10: extra.agency.signer.title.en must not be empty"),
        (
            "    logo:",
            "    logos: x\n    logo:",
            "mkdocs.yml:7: unknown key 'logos' in extra.agency",
        ),
        ("2025-10-01", "1 ต.ค. 2568", "mkdocs.yml:13: extra.agency.no_gift_announcement.date must"),
        ('"https://example.go.th/no-gift"', "www.x.go.th", "mkdocs.yml:12: extra.agency.no_gift"),
        ("assets/images/favicon.svg", "logo.png", "mkdocs.yml:7: extra.agency.logo: no file docs/"),
        ("  agency:", "  agencies:", "mkdocs.yml:3: extra.agency is missing"),
    ],
)
def test_mistakes_are_reported_with_the_line(tmp_path, old, new, expected):
    assert old in BLOCK
    found = errors_of(tmp_path, BLOCK.replace(old, new, 1))
    assert any(e.startswith(expected) for e in found), found


def test_fill_replaces_placeholders_but_not_in_code(tmp_path):
    agency = load_agency(write(tmp_path, BLOCK), DOCS)
    text = (
        "For the staff of {{ agency.name }} ({{agency.parent}}).\n"
        "Write `{{ agency.name }}` in a page.\n"
        "```yaml\ncopyright: {{ agency.name }}\n```\n"
        "Signed: {{ agency.signer.name }}, {{ agency.signer.title }}"
    )
    out = fill(text, agency, "en", "docs/en/x.md")
    assert out.splitlines() == [
        "For the staff of Example Office (Example Department).",
        "Write `{{ agency.name }}` in a page.",
        "```yaml",
        "copyright: {{ agency.name }}",
        "```",
        "Signed: Ms Example Test, Director",
    ]


def test_unknown_placeholder_is_an_error_with_file_and_line(tmp_path):
    agency = load_agency(write(tmp_path, BLOCK), DOCS)
    with pytest.raises(AgencyError) as exc:
        fill("ok\n\nby {{ agency.director }}", agency, "th", "docs/th/index.md")
    assert str(exc.value.errors[0]).startswith(
        "docs/th/index.md:3: unknown placeholder {{ agency.director }}"
    )


def test_a_build_with_a_broken_block_names_the_line_and_shows_no_traceback(tmp_path):
    config = other_office_config(tmp_path)
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("    gift_report_contact:")].count("\n") + 1
    config.write_text(text.replace("    gift_report_contact:", "    gift_contact:"), "utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "s"),
        ],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"mkdocs.yml:{line}: unknown key 'gift_contact' in extra.agency" in output
    assert "Traceback" not in output
