"""The check code printed on the completion record and stored in the results file.

``check_code(record)`` = the first 12 hex digits of cyrb53 (seed 0) over the canonical JSON of the
record (keys sorted, separators "," and ":", non-ASCII as is), upper-cased, in groups of four joined
by "-" (``1A2B-3C4D-5E6F``). The browser computes the same code with the cyrb53 in quiz.js.

It catches typing slips and casual edits of the record. It is not a signature: anyone who reads this
can recompute it for any record they like.
"""

from __future__ import annotations

import json

from ..quiz.keys import cyrb53

DIGITS = 12
GROUP = 4


def canonical(record: dict) -> str:
    """The record as the check code sees it (same bytes as JSON.stringify of a key-sorted copy)."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def check_code(record: dict) -> str:
    """``1A2B-3C4D-5E6F`` for ``record`` (the ``record`` object of a results file)."""
    digits = cyrb53(canonical(record), 0)[:DIGITS].upper()
    return "-".join(digits[i : i + GROUP] for i in range(0, DIGITS, GROUP))
