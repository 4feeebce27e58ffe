"""The check code of a completion record: format, stability and sensitivity to every field."""

from __future__ import annotations

import re

import pytest

from coi_course.quiz.keys import cyrb53
from coi_course.record.check_code import RECORD_FIELDS, canonical, check_code

RECORD = {
    "agency": "สำนักงานส่งเสริมสหกรณ์กรุงเทพมหานคร พื้นที่ 2",
    "name": "สมชาย ใจดี",
    "position": "นักวิชาการส่งเสริมสหกรณ์",
    "unit": "กลุ่มส่งเสริมสหกรณ์ 1",
    "baseline_percent": 40,
    "post_test_percent": 92,
    "post_test_attempts": 2,
    "completed": "2026-12-05",
    "version": "a1b2c3d4e5f6",
}


def test_canonical_form_sorts_keys_and_keeps_thai_as_is():
    text = canonical(RECORD)
    assert text.startswith('{"agency":"สำนักงาน')
    assert '"baseline_percent":40,"completed":"2026-12-05"' in text
    assert " :" not in text and ", " not in text and "\\u" not in text
    assert canonical(dict(reversed(list(RECORD.items())))) == text


def test_code_is_twelve_hex_digits_in_groups_of_four_from_cyrb53():
    code = check_code(RECORD)
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", code)
    assert code.replace("-", "") == cyrb53(canonical(RECORD))[:12].upper()
    assert check_code(dict(RECORD)) == code


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("agency", "สำนักงานอื่น"),
        ("name", "สมชาย  ใจดี"),
        ("position", "นักวิชาการ"),
        ("unit", "กลุ่ม 2"),
        ("baseline_percent", None),
        ("post_test_percent", 93),
        ("post_test_attempts", 1),
        ("completed", "2026-12-06"),
        ("version", "a1b2c3d4e5f7"),
    ],
)
def test_every_field_changes_the_code(field, value):
    assert field in RECORD_FIELDS
    assert check_code({**RECORD, field: value}) != check_code(RECORD)
