"""The training officer's report (``python -m coi_course report``): results files in, index.html and
results.csv out. Fixture folders are written here: valid files with check codes from the Python
function, plus broken, duplicated, edited and other-version files that must be listed, not crash."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest

from coi_course.bench.report import results_file, write_json
from coi_course.cli import main
from coi_course.course.content_version import course_version
from coi_course.project import DOCS, QUIZZES, ROOT
from coi_course.publish.report import lesson_of, lesson_order, lesson_pairs
from coi_course.publish.results import SCHEMA, parse_results, read_results, report_texts
from coi_course.quiz.loader import course_quizzes
from coi_course.record.check_code import canonical, check_code

QUIZ = {q.kind: q for q in course_quizzes(QUIZZES, DOCS)}
PRE, POST = QUIZ["pre-test"], QUIZ["post-test"]
VERSION = course_version(ROOT)


def answers(quiz, right=True, wrong=()) -> dict[str, bool]:
    return {q.id: (q.id not in wrong) if right else (q.id in wrong) for q in quiz.questions}


# Three people: A knew nothing before and everything after; B knew everything before and missed
# the first post-test question after; C took only the pre-test (half right).
FIRST_POST = POST.questions[0].id
HALF = [q.id for q in PRE.questions[: len(PRE.questions) // 2]]
PEOPLE = {
    "a.json": dict(
        name="สมชาย ใจดี", unit="กลุ่ม 1", baseline=answers(PRE, False), post_test=answers(POST)
    ),
    "b.json": dict(
        name="=สมหญิง รักเรียน",  # a spreadsheet formula must not run from the CSV
        unit="กลุ่ม 2",
        baseline=answers(PRE),
        post_test=answers(POST, wrong=[FIRST_POST]),
        attempts=3,
    ),
    "sub/c.json": dict(name="Mali Dee", unit="", baseline=answers(PRE, False, wrong=HALF)),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("results")
    (root / "sub").mkdir()
    for name, spec in PEOPLE.items():
        write_json(
            root / name, results_file(version=VERSION, created="2026-12-05T03:00:00Z", **spec)
        )
    # An older file of A: a repeated participant (the newer a.json is used).
    older = results_file(version=VERSION, created="2026-12-01T01:00:00Z", **PEOPLE["a.json"])
    write_json(root / "a-older.json", older | {"lang": "en"})
    edited = results_file(version=VERSION, name="สมปอง", unit="กลุ่ม 3", baseline=answers(PRE))
    edited["record"]["baseline_percent"] = 100 if edited["record"]["baseline_percent"] != 100 else 0
    write_json(root / "edited.json", edited)
    other = results_file(version="0123456789", name="คนอื่น", unit="กลุ่ม 4", baseline={})
    write_json(root / "other-version.json", other)
    (root / "broken.json").write_text('{"schema": "coi-course-results/1", ', encoding="utf-8")
    (root / "latin1.json").write_bytes('{"name": "สม"}'.encode("utf-16"))
    write_json(root / "settings.json", {"schema": "vscode-settings/2"})
    extra = results_file(version=VERSION, name="เกิน", unit="กลุ่ม 5")
    extra["record"]["grade"] = "A"
    write_json(root / "extra-field.json", extra)
    (root / "notes.txt").write_text("not a json file, ignored", encoding="utf-8")
    return root


REJECTED = {
    "a-older.json": "repeats participant สมชาย ใจดี (กลุ่ม 1); the newer file a.json is used",
    "broken.json": "not a results file: not valid JSON",
    "edited.json": "does not match the record",
    "extra-field.json": "does not follow coi-course-results/1: record.grade is not a field",
    "latin1.json": "not a results file: not UTF-8 text",
    "other-version.json": f"made from content version 0123456789, this report is for version {VERSION}",
    "settings.json": "its schema is vscode-settings/2",
}


@pytest.fixture(scope="module")
def report(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return SimpleNamespace(out=out, run=lambda *args: main(["report", str(folder), *args]))


@pytest.fixture(scope="module")
def thai(report, tmp_path_factory):
    out = tmp_path_factory.mktemp("th")
    assert report.run("--out", str(out)) == 0
    return out


@pytest.fixture(scope="module")
def english(report, tmp_path_factory):
    out = tmp_path_factory.mktemp("en")
    assert report.run("--out", str(out), "--lang", "en") == 0
    return out


def page(out: Path):
    return lxml.html.fromstring((out / "index.html").read_text(encoding="utf-8"))


def value(doc, name: str) -> str:
    return doc.xpath(f'//*[@data-value="{name}"]')[0].text.strip()


def test_check_code_follows_the_contract():
    record = {"name": "สมชาย", "b": None, "a": 40}
    assert canonical(record) == '{"a":40,"b":null,"name":"สมชาย"}'
    code = check_code(record)
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", code)
    assert check_code(dict(reversed(record.items()))) == code
    assert check_code(record | {"a": 41}) != code


def test_every_bad_file_is_listed_on_the_terminal_with_its_reason_and_no_traceback(
    folder, tmp_path, capsys
):
    assert main(["report", str(folder), "--out", str(tmp_path), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    for name, reason in REJECTED.items():
        line = next(x for x in captured.err.splitlines() if x.startswith(f"{name}: "))
        assert reason in line, line
    assert "notes.txt" not in captured.err
    assert "10 files: 3 participants, 7 left out" in captured.out


def test_bad_files_are_listed_in_the_report(english):
    rows = page(english).xpath('//table[@id="rejected-table"]/tbody/tr')
    listed = {r.xpath("td")[0].text_content(): r.xpath("td")[1].text_content() for r in rows}
    assert set(listed) == set(REJECTED)
    for name, reason in REJECTED.items():
        assert reason in listed[name]


def test_thai_report_numbers(thai):
    doc = page(thai)
    assert doc.get("lang") == "th"
    assert value(doc, "participants") == "3"
    assert value(doc, "completions") == "2"  # A and B passed with every lesson opened; C did not
    c_pct = round(100 * len(HALF) / len(PRE.questions))
    baseline = [0, 100, c_pct]
    assert value(doc, "baseline-mean") == f"{round(statistics.fmean(baseline), 1):g}%"
    assert value(doc, "baseline-median") == str(c_pct)
    b_post = round(100 * (len(POST.questions) - 1) / len(POST.questions))
    assert value(doc, "post-mean") == f"{(100 + b_post) / 2:g}%"
    names = [r.xpath("td")[0].text_content() for r in doc.xpath('//*[@id="people-table"]/tbody/tr')]
    assert sorted(names) == sorted(spec["name"] for spec in PEOPLE.values())
    rejected = doc.xpath('//*[@id="rejected-table"]//td')[1].text_content()
    assert "ซ้ำกับไฟล์ที่ใหม่กว่า a.json" in rejected  # reasons in Thai too


def test_completion_and_status_follow_the_pass_mark(thai):
    doc = page(thai)
    b_post = round(100 * (len(POST.questions) - 1) / len(POST.questions))
    assert b_post >= POST.pass_percent
    statuses = {
        r.xpath("td")[0].text_content(): r.xpath("td")[3].text_content()
        for r in doc.xpath('//*[@id="people-table"]/tbody/tr')
    }
    assert statuses["Mali Dee"] == "เริ่มเรียนแล้ว"
    assert statuses["สมชาย ใจดี"] == statuses["=สมหญิง รักเรียน"] == "เรียนจบ"


def expected_lessons() -> dict[str, tuple[float | None, float | None]]:
    """Per lesson, % right before and after among A and B (the two who took both tests)."""
    pairs, _ = lesson_pairs(PRE, POST, lesson_order(["lessons/x.md"]))
    before_sets = [PEOPLE["a.json"]["baseline"], PEOPLE["b.json"]["baseline"]]
    after_sets = [PEOPLE["a.json"]["post_test"], PEOPLE["b.json"]["post_test"]]

    def pct(sets, ids):
        marks = [s[i] for s in sets for i in ids if i in s]
        return 100 * sum(marks) / len(marks) if marks else None

    return {lesson: (pct(before_sets, p), pct(after_sets, q)) for lesson, (p, q) in pairs.items()}


def test_gain_per_lesson_in_table_and_chart(thai):
    doc = page(thai)
    expected = expected_lessons()
    rows = doc.xpath('//*[@id="lesson-table"]/tbody/tr')
    lessons = [r.get("data-lesson") for r in rows]
    assert lessons[:8] == [x for x in lesson_order(nav()) if x in expected][:8]
    for row in rows:
        before, after = expected[row.get("data-lesson")]
        cells = [td.text_content() for td in row.xpath("td")]
        assert cells[1] == ("-" if before is None else f"{round(before, 1):g}")
        assert cells[2] == ("-" if after is None else f"{round(after, 1):g}")
    # Everyone who took both got every pre-test question of A wrong and of B right: 50% before.
    assert {b for b, _ in expected.values() if b is not None} == {50}
    chart = doc.xpath("//svg")[0]
    assert chart.get("role") == "img" and chart.xpath("title")
    groups = chart.xpath("g[@data-lesson]")
    assert [g.get("data-lesson") for g in groups] == lessons
    first = groups[0].xpath("rect")
    assert float(first[0].get("width")) == pytest.approx(expected[lessons[0]][0] * 5)


def nav():
    from coi_course.course.agency import read_mkdocs

    return read_mkdocs(ROOT / "mkdocs.yml").data["nav"]


def test_post_test_percentage_per_question(thai):
    rows = page(thai).xpath('//*[@id="question-table"]/tbody/tr')
    assert [r.get("data-question") for r in rows] == [q.id for q in POST.questions]
    first = rows[0]
    assert first.xpath("td")[3].text_content().strip() == "⚠ 50"  # A right, B wrong
    assert "work" in first.get("class")
    assert rows[1].xpath("td")[3].text_content().strip() == "100"


def test_csv_has_a_bom_one_row_per_participant_and_thai_intact(thai):
    raw = (thai / "results.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "ชื่อ-นามสกุล"
    people = {r[0]: r for r in rows[1:]}
    assert set(people) == {"สมชาย ใจดี", "'=สมหญิง รักเรียน", "Mali Dee"}
    a = people["สมชาย ใจดี"]
    assert a[2] == "กลุ่ม 1" and a[4] == "เรียนจบ"
    assert a[5:10] == ["0", "2026-12-01", "100", "2026-12-05", "1"]
    assert people["'=สมหญิง รักเรียน"][9] == "3"
    assert people["Mali Dee"][7] == ""  # no post-test


def test_index_html_is_self_contained(thai, english):
    for out in (thai, english):
        html = (out / "index.html").read_text(encoding="utf-8")
        assert not re.search(r"https?:|//[a-z0-9.-]+\.[a-z]{2,}|@import|url\(", html, re.I)
        doc = lxml.html.fromstring(html)
        assert not doc.xpath("//script | //link | //img | //iframe | //*[@src]")
        assert "@page { size: A4" in html


def test_english_report(english):
    doc = page(english)
    assert doc.get("lang") == "en"
    assert doc.xpath("//h1")[0].text == "Online course training report"
    assert value(doc, "participants") == "3"
    assert "Bangkok Area 2 Cooperative Promotion Office" in doc.xpath("//title")[0].text


def test_an_empty_folder_still_gives_a_report(tmp_path):
    (tmp_path / "in").mkdir()
    assert main(["report", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    doc = page(tmp_path / "out")
    assert value(doc, "participants") == "0"
    assert "ไม่มีไฟล์ผลการเรียนที่ใช้ได้" in doc.text_content()


def test_a_missing_folder_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope")]) == 2
    assert "is not a folder of results files" in capsys.readouterr().err


def test_parse_results_reasons():
    good = results_file(version=VERSION, name="ก", unit="ข", baseline=answers(PRE))
    assert parse_results(json.dumps(good).encode()).record.name == "ก"
    assert parse_results(b"\xef\xbb\xbf" + json.dumps(good).encode()).check == good["check"]
    assert parse_results(b"[1, 2]")[0] == "no_schema"
    assert parse_results(json.dumps(good | {"check": "0000-0000-0000"}).encode())[0] == (
        "wrong_check"
    )
    bad = json.loads(json.dumps(good))
    bad["record"]["baseline_percent"] = 140
    assert parse_results(json.dumps(bad).encode())[0] == "invalid"
    assert good["schema"] == SCHEMA


def test_odd_files_are_reasons_not_crashes():
    good = results_file(version=VERSION, name="ก", unit="ข", baseline=answers(PRE))
    assert parse_results(b"[" * 100_000)[0] == "not_json"  # nested too deeply for the parser
    assert parse_results(b" " * 1_000_001)[0] == "too_large"
    nameless = results_file(version=VERSION, name="  ", unit="ข")
    assert parse_results(json.dumps(nameless).encode()) == ("no_name", {})
    local_time = parse_results(json.dumps(good | {"created": "2026-12-05T10:00:00"}).encode())
    assert local_time.created.tzinfo is not None


def test_files_with_and_without_a_time_zone_compare(tmp_path):
    spec = dict(version=VERSION, name="สมชาย", unit="กลุ่ม 1")
    write_json(tmp_path / "1.json", results_file(created="2026-12-05T00:00:00", **spec))
    write_json(tmp_path / "2.json", results_file(created="2026-12-04T00:00:00+07:00", **spec))
    found = read_results(tmp_path, VERSION)
    assert [p.file for p in found.participants] == ["1.json"]


def test_duplicates_keep_the_newest_file(tmp_path):
    spec = dict(version=VERSION, name="สมชาย  ใจดี", unit="กลุ่ม 1")
    write_json(tmp_path / "1.json", results_file(created="2026-12-05T00:00:00Z", **spec))
    spec["name"] = "สมชาย ใจดี"  # spacing differs: still the same person
    write_json(tmp_path / "2.json", results_file(created="2026-12-04T00:00:00Z", **spec))
    found = read_results(tmp_path, VERSION)
    assert [p.file for p in found.participants] == ["1.json"]
    assert [(r.file, r.code) for r in found.rejected] == [("2.json", "duplicate")]


def test_pairs_by_lesson_without_counterparts_and_by_question_with_them():
    pairs, paired = lesson_pairs(PRE, POST, ["lessons/gifts.md"])
    assert list(pairs)[0] == "lessons/gifts.md"
    if not paired:  # the quiz model has no counterpart field yet: compared by lesson
        for lesson, (pre_ids, post_ids) in pairs.items():
            assert pre_ids == [q.id for q in PRE.questions if lesson_of(q) == lesson]
            assert post_ids == [q.id for q in POST.questions if lesson_of(q) == lesson]
    fake_pre = SimpleNamespace(
        questions=[
            SimpleNamespace(id="p1", source="lessons/a.md#x", counterpart={"question": "q9"}),
            SimpleNamespace(id="p2", source="lessons/b.md#y", counterpart=None),
        ]
    )
    fake_post = SimpleNamespace(
        questions=[SimpleNamespace(id="q9", source="lessons/a.md#x", counterpart=None)]
    )
    pairs, paired = lesson_pairs(fake_pre, fake_post, ["lessons/b.md", "lessons/a.md"])
    assert paired
    assert pairs == {"lessons/b.md": (["p2"], []), "lessons/a.md": (["p1"], ["q9"])}


def test_report_texts_exist_in_both_languages_with_the_same_placeholders():
    texts = report_texts()

    def fields(value) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", value)) if isinstance(value, str) else set()

    assert set(texts["th"]) == set(texts["en"])
    for key in texts["th"]:
        assert fields(texts["th"][key]) == fields(texts["en"][key]), key
    assert set(texts["th"]["reasons"]) == set(texts["en"]["reasons"])
    for code in texts["th"]["reasons"]:
        assert fields(texts["th"]["reasons"][code]) == fields(texts["en"]["reasons"][code]), code
    assert len(texts["th"]["csv_headers"]) == len(texts["en"]["csv_headers"])
