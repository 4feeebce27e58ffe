"""Dates on pages: Buddhist Era with Thai month names on Thai pages, Gregorian on English pages."""

from __future__ import annotations

from datetime import date

import pytest

from coi_course.course.thai_dates import MONTHS, calendar, date_from_epoch, format_date


@pytest.mark.parametrize(
    ("day", "th", "en"),
    [
        (date(2024, 2, 1), "1 กุมภาพันธ์ 2567", "1 February 2024"),
        (date(2025, 1, 1), "1 มกราคม 2568", "1 January 2025"),
        (date(2024, 12, 31), "31 ธันวาคม 2567", "31 December 2024"),
        (date(2023, 7, 15), "15 กรกฎาคม 2566", "15 July 2023"),
        (date(2020, 2, 29), "29 กุมภาพันธ์ 2563", "29 February 2020"),
    ],
)
def test_format_date(day, th, en):
    assert format_date(day, "th") == th
    assert format_date(day, "en") == en


def test_every_month_has_its_own_name_in_both_languages():
    for lang, names in MONTHS.items():
        assert len(names) == 12 and len(set(names)) == 12, lang
        assert [format_date(date(2024, m, 9), lang).split(" ")[1] for m in range(1, 13)] == list(
            names
        )
    assert format_date(date(2024, 11, 9), "th") == "9 พฤศจิกายน 2567"
    assert format_date(date(2024, 5, 9), "th") == "9 พฤษภาคม 2567"


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="fr"):
        format_date(date(2024, 1, 1), "fr")


def test_epochs_are_read_as_thai_time():
    assert date_from_epoch(1735689600) == date(2025, 1, 1)  # 2025-01-01 00:00 UTC
    assert date_from_epoch(1735664400) == date(
        2025, 1, 1
    )  # 2024-12-31 17:00 UTC = 00:00 in Bangkok
    assert date_from_epoch(1735664399) == date(2024, 12, 31)


def test_calendar_for_the_page_script():
    assert calendar("th") == {"months": list(MONTHS["th"]), "yearOffset": 543}
    assert calendar("en") == {"months": list(MONTHS["en"]), "yearOffset": 0}
