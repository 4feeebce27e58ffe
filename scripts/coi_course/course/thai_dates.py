"""Dates as the pages show them: the Thai Buddhist Era on Thai pages ("1 กุมภาพันธ์ 2567"), the
Gregorian calendar on English pages ("1 February 2024").

docs/assets/javascripts/certificate.js formats the date a learner passed the post-test in the browser;
it gets the month names and the era offset below from the page (``calendar()``), so both agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# The year of the Buddhist Era is the Gregorian year + 543 (since the Thai new year moved to 1 January
# in 2484/1941, which is as far back as course dates go).
BUDDHIST_ERA_OFFSET = 543

MONTHS = {
    "th": (
        "มกราคม",
        "กุมภาพันธ์",
        "มีนาคม",
        "เมษายน",
        "พฤษภาคม",
        "มิถุนายน",
        "กรกฎาคม",
        "สิงหาคม",
        "กันยายน",
        "ตุลาคม",
        "พฤศจิกายน",
        "ธันวาคม",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# Build dates (SOURCE_DATE_EPOCH, commit times) are read as Thai time: Thailand has no daylight saving.
THAI_TIME = timezone(timedelta(hours=7), "ICT")


def year_offset(lang: str) -> int:
    """What to add to the Gregorian year on pages in ``lang``."""
    return BUDDHIST_ERA_OFFSET if lang == "th" else 0


def format_date(d: date, lang: str) -> str:
    """``date(2024, 2, 1)`` -> ``1 กุมภาพันธ์ 2567`` (th) or ``1 February 2024`` (en)."""
    if lang not in MONTHS:
        raise ValueError(f"no date format for language {lang!r}; known: {', '.join(MONTHS)}")
    return f"{d.day} {MONTHS[lang][d.month - 1]} {d.year + year_offset(lang)}"


def date_from_epoch(seconds: int | float) -> date:
    """The calendar date in Thailand at a Unix time (e.g. SOURCE_DATE_EPOCH)."""
    return datetime.fromtimestamp(seconds, tz=UTC).astimezone(THAI_TIME).date()


def calendar(lang: str) -> dict:
    """What certificate.js needs to format dates exactly like ``format_date``."""
    return {"months": list(MONTHS[lang]), "yearOffset": year_offset(lang)}
