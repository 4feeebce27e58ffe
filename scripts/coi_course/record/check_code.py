"""The check code printed on a completion record and written into a results file.

``check_code(record)`` = the first 12 hex digits of ``cyrb53(canonical(record), 0)``, upper-cased, in
groups of four (``1A2B-3C4D-5E6F``). ``canonical`` is the record's JSON with sorted keys, no spaces
and non-ASCII characters written as they are, which is what docs/assets/javascripts/results.js
computes with ``JSON.stringify`` on the same object (a browser test compares both).

It catches typing slips and casual edits when an officer types or collects records. It is not a
signature: anyone can recompute it for any record they like.
"""

from __future__ import annotations

import json

from ..quiz.keys import cyrb53

RECORD_FIELDS = (
    "agency",
    "name",
    "position",
    "unit",
    "baseline_percent",
    "post_test_percent",
    "post_test_attempts",
    "completed",
    "version",
)


def canonical(record: dict) -> str:
    """The exact text the check code is computed from."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def check_code(record: dict) -> str:
    """``XXXX-XXXX-XXXX`` for ``record`` (the ``record`` object of a results file)."""
    digits = cyrb53(canonical(record), 0)[:12].upper()
    return "-".join(digits[i : i + 4] for i in range(0, 12, 4))
