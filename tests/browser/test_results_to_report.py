"""From the learner's browser to the training officer's report: results files saved by the real
completion-record and progress pages (tests/browser/test_course.py's flows) go into
``python -m coi_course report`` beside a tampered, an other-edition, a repeated and a broken file.
The real files are reported; every bad one is listed with its reason; nothing stops the report."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import lxml.html
import pytest

from coi_course.project import ROOT
from coi_course.record.check_code import check_code
from tests.browser.test_course import _download, _record_page

pytestmark = pytest.mark.browser


@pytest.fixture
def results_folder(page, site_url, tmp_path, monkeypatch):
    """Two learners' files as the browser saves them, plus the bad ones an officer may receive."""
    monkeypatch.setattr("tests.browser.test_course.RESULTS_DIR", tmp_path / "browser")
    _record_page(page, site_url, "th")
    thai = _download(page, page.locator(".coi-cert .coi-results__download"), "th.json")
    _record_page(page, site_url, "en")
    page.locator("#coi-cert-name").fill("Somsri Rakdee")
    english = _download(page, page.locator(".coi-cert .coi-results__download"), "en.json")
    folder = tmp_path / "collected"
    folder.mkdir()
    shutil.copy(tmp_path / "browser" / "th.json", folder / "somchai.json")
    shutil.copy(tmp_path / "browser" / "en.json", folder / "somsri.json")
    # the same learner sent the file twice: the newer copy counts
    older = json.loads(json.dumps(thai))
    older["created"] = "2020-01-01T00:00:00Z"
    (folder / "somchai-older.json").write_text(json.dumps(older, ensure_ascii=False), "utf-8")
    # a score edited by hand: the check code no longer fits
    tampered = json.loads(json.dumps(english))
    tampered["record"]["name"] = "Edited Person"
    tampered["record"]["post_test_percent"] = 100
    (folder / "tampered.json").write_text(json.dumps(tampered, ensure_ascii=False), "utf-8")
    # made from another edition of the course (its check code is right for what it says)
    other = json.loads(json.dumps(english))
    other["record"]["name"] = "Other Edition"
    other["record"]["version"] = "000000000000"
    other["check"] = check_code(other["record"])
    (folder / "other-edition.json").write_text(json.dumps(other, ensure_ascii=False), "utf-8")
    (folder / "broken.json").write_text('{"schema": "coi-course-results/1",', "utf-8")
    return folder, thai, english


def test_browser_results_files_make_the_officers_report(results_folder, tmp_path):
    folder, thai, english = results_folder
    out = tmp_path / "report"
    proc = subprocess.run(
        [sys.executable, "-m", "coi_course", "report", str(folder), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    reasons = {line.split(": ", 1)[0]: line for line in proc.stderr.splitlines() if ": " in line}
    assert set(reasons) == {
        "somchai-older.json",
        "tampered.json",
        "other-edition.json",
        "broken.json",
    }
    assert "somchai.json" in reasons["somchai-older.json"]  # names the newer file it kept
    assert "000000000000" in reasons["other-edition.json"]
    assert english["check"] not in reasons["somchai-older.json"]

    with (out / "results.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2
    text = io.StringIO()
    csv.writer(text).writerows(r.values() for r in rows)
    for results in (thai, english):
        assert results["record"]["name"] in text.getvalue()
        assert results["check"] in text.getvalue()
    html = (out / "index.html").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    listed = [
        r.xpath("td")[0].text_content() for r in doc.xpath('//table[@id="rejected-table"]/tbody/tr')
    ]
    assert sorted(listed) == sorted(reasons)
    assert thai["record"]["name"] in html and english["record"]["name"] in html
    assert "Edited Person" not in html and "Other Edition" not in html
