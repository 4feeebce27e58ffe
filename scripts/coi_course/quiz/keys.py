"""Answer keys as the browser sees them: normalised, salted and hashed, never in plain text for tests.

The same algorithms exist in docs/assets/javascripts/quiz.js; tests run both on the same inputs.
This is obfuscation for self-assessment, not security: a learner with developer tools and patience can
recover any key that lives in a static page. High-stakes exams belong in an LMS.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SPACE_AND_ZERO_WIDTH = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_M32 = 0xFFFFFFFF


def normalize_answer(text: str) -> str:
    """Thai-aware comparison form: NFC, no whitespace or zero-width chars, Thai digits as 0-9, lower case."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACE_AND_ZERO_WIDTH.sub("", text)
    return text.translate(_THAI_DIGITS).lower()


_ARABIC_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def accepted_forms(answers: list[str]) -> list[str]:
    """The ways of typing the accepted ``answers`` that an exact-match checker must list to accept
    what the site accepts (Moodle's short answer: case-insensitive, nothing else ignored).

    Each author's text as written, then each without whitespace, with Arabic and with Thai digits:
    the site ignores whitespace and reads Thai digits as 0-9 (``normalize_answer``), so all of these
    are right on the site too; none is right on the site when the author's texts are not. A thousands
    separator stays as written: the site accepts ``3,000`` only when an author listed it."""
    out: list[str] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        key = unicodedata.normalize("NFC", text).casefold()
        if text and key not in seen:
            seen.add(key)
            out.append(text)

    for text in answers:
        add(text)
    for text in answers:
        for spacing in (text, _SPACE_AND_ZERO_WIDTH.sub("", text)):
            add(spacing)
            add(spacing.translate(_THAI_DIGITS))
            add(spacing.translate(_ARABIC_TO_THAI))
    return out


def _imul(a: int, b: int) -> int:
    return (a * b) & _M32


def cyrb53(text: str, seed: int = 0) -> str:
    """53-bit string hash over UTF-16 code units (as JavaScript sees strings), as 14 hex digits."""
    h1 = (0xDEADBEEF ^ seed) & _M32
    h2 = (0x41C6CE57 ^ seed) & _M32
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        ch = units[i] | (units[i + 1] << 8)
        h1 = _imul(h1 ^ ch, 2654435761)
        h2 = _imul(h2 ^ ch, 1597334677)
    h1 = _imul(h1 ^ (h1 >> 16), 2246822507) ^ _imul(h2 ^ (h2 >> 13), 3266489909)
    h2 = _imul(h2 ^ (h2 >> 16), 2246822507) ^ _imul(h1 ^ (h1 >> 13), 3266489909)
    value = 4294967296 * (2097151 & h2) + (h1 & _M32)
    return f"{value:014x}"


def salt_for(*parts: str) -> str:
    """A deterministic salt (reproducible builds) that differs per quiz, question and content version."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def answer_key(salt: str, canonical: str) -> str:
    return cyrb53(f"{salt}|{canonical}")


def canonical_choices(ids: list[str]) -> str:
    return ",".join(sorted(ids))


def _mask(salt: str, data: bytes) -> bytes:
    """XOR ``data`` with the 7-byte cyrb53 digest of the salt, repeated (same as quiz.js)."""
    key = bytes.fromhex(cyrb53(f"{salt}#"))
    stream = (key * (len(data) // len(key) + 1))[: len(data)]
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


def seal(salt: str, payload: dict) -> str:
    """Hide a JSON payload (explanations, feedback) from the page source and the search index."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(_mask(salt, data)).decode("ascii")


def unseal(salt: str, sealed: str) -> dict:
    return json.loads(_mask(salt, base64.b64decode(sealed)).decode("utf-8"))
