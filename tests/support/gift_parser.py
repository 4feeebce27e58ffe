"""Read GIFT files (Moodle's question text format) back, by Moodle's own rules.

Covers what ``exports.to_gift`` writes and the usual hand-written forms of the same question types:
``//`` comment lines, blocks separated by blank lines, ``$CATEGORY:``, ``::name::``, ``[html]``-style
format tags, multiple choice (``=right ~wrong ~%50%weighted #feedback``), true/false
(``TRUE#wrong feedback#right feedback``), short answer (``=text =%50%text #feedback``), general feedback
(``####``) and the escapes ``\\\\ \\~ \\= \\# \\{ \\} \\:`` and ``\\n``. Numerical, matching, essay and
missing-word questions are reported as unsupported instead of being misread.

The text is read as a list of characters that remember whether they were escaped, so structure is only
ever found in unescaped characters. Texts come back as written in their format (HTML stays HTML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMATS = ("moodle", "html", "plain", "markdown")
ESCAPABLE = "\\~=#{}:"
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")  # Moodle's own pattern
_TF = {"T": True, "TRUE": True, "F": False, "FALSE": False}

Chars = list[tuple[str, bool]]  # (character, was escaped)


class GiftSyntaxError(ValueError):
    pass


@dataclass
class GiftAnswer:
    text: str
    fraction: float  # percent
    feedback: str = ""


@dataclass
class GiftQuestion:
    name: str
    qtype: str  # multichoice | truefalse | shortanswer
    text: str
    format: str
    general_feedback: str
    category: str | None = None
    single: bool | None = None  # multichoice only
    answers: list[GiftAnswer] = field(default_factory=list)  # truefalse: "true" then "false"


@dataclass
class GiftFile:
    categories: list[str] = field(default_factory=list)
    questions: list[GiftQuestion] = field(default_factory=list)


def lex(text: str) -> Chars:
    """Characters with their escape flag; ``\\n`` becomes an (escaped) line break."""
    out: Chars = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in ESCAPABLE:
                out.append((nxt, True))
                i += 2
                continue
            if nxt == "n":
                out.append(("\n", True))
                i += 2
                continue
        out.append((ch, False))
        i += 1
    return out


def unescape(text: str) -> str:
    return _str(lex(text))


def _str(chars: Chars) -> str:
    return "".join(c for c, _ in chars)


def _find(chars: Chars, target: str, start: int = 0) -> int:
    """Index of the first unescaped occurrence of ``target`` at or after ``start``, or -1."""
    n = len(target)
    for i in range(start, len(chars) - n + 1):
        if all(not chars[i + k][1] and chars[i + k][0] == target[k] for k in range(n)):
            return i
    return -1


def _rfind(chars: Chars, target: str) -> int:
    n = len(target)
    for i in range(len(chars) - n, -1, -1):
        if all(not chars[i + k][1] and chars[i + k][0] == target[k] for k in range(n)):
            return i
    return -1


def _has(chars: Chars, ch: str) -> bool:
    return any(c == ch and not esc for c, esc in chars)


def _strip(chars: Chars) -> Chars:
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]


def _split(chars: Chars, sep: str, maxsplit: int = -1) -> list[Chars]:
    parts: list[Chars] = [[]]
    for c, esc in chars:
        if c == sep and not esc and (maxsplit < 0 or len(parts) <= maxsplit):
            parts.append([])
        else:
            parts[-1].append((c, esc))
    return parts


def _with_format(chars: Chars, default: str) -> tuple[str, str]:
    """``[html]text`` -> (``text``, ``html``); Moodle trims the text after unescaping it."""
    chars = _strip(chars)
    raw = _str(chars)
    if raw.startswith("[") and "]" in raw:
        end = raw.index("]")
        if raw[1:end] in FORMATS:
            return _str(chars[end + 1 :]).strip(), raw[1:end]
    return raw.strip(), default


def _weight(chars: Chars) -> tuple[float | None, Chars]:
    match = _WEIGHT.match(_str(chars))
    if not match or any(esc for _, esc in chars[: match.end()]):
        return None, chars
    return float(match.group(0)[1:-1]), chars[match.end() :]


def _comment(chars: Chars, default: str) -> tuple[str, str]:
    """``text#feedback`` -> (text, feedback), both without their format tags."""
    parts = _split(chars, "#", maxsplit=1)
    text, _ = _with_format(parts[0], default)
    feedback = _with_format(parts[1], default)[0] if len(parts) > 1 else ""
    return text, feedback


def _parse_question(chars: Chars, category: str | None) -> GiftQuestion:
    name = ""
    if _find(chars, "::") == 0:
        end = _find(chars, "::", 2)
        if end < 0:
            raise GiftSyntaxError("question name is not closed with '::'")
        name = _str(chars[2:end]).strip()
        chars = _strip(chars[end + 2 :])
    start, close = _find(chars, "{"), _find(chars, "}")
    if start < 0 and close < 0:
        raise GiftSyntaxError(
            f"{name or 'question'}: no answers (description questions are not supported)"
        )
    if start < 0 or close < 0 or close < start:
        raise GiftSyntaxError(f"{name or 'question'}: unbalanced '{{' '}}'")
    if _strip(chars[close + 1 :]):
        raise GiftSyntaxError(
            f"{name or 'question'}: text after the answers (missing-word questions are not supported)"
        )
    text, fmt = _with_format(chars[:start], "moodle")
    body = _strip(chars[start + 1 : close])
    general = ""
    sep = _rfind(body, "####")
    if sep >= 0:
        general = _with_format(body[sep + 4 :], fmt)[0]
        body = _strip(body[:sep])
    q = GiftQuestion(
        name=name, qtype="", text=text, format=fmt, general_feedback=general, category=category
    )
    if not body:
        raise GiftSyntaxError(f"{name or 'question'}: essay questions are not supported")
    if body[0] == ("#", False):
        raise GiftSyntaxError(f"{name or 'question'}: numerical questions are not supported")
    if _has(body, "~"):
        q.qtype = "multichoice"
        q.single = _has(body, "=")
        pieces: list[Chars] = []
        for c, esc in body:
            if c in "~=" and not esc:
                pieces.append([(c, esc)])
            elif pieces:
                pieces[-1].append((c, esc))
            elif not c.isspace():
                raise GiftSyntaxError(f"{name}: text before the first choice")
        for piece in pieces:
            marker, rest = piece[0][0], _strip(piece[1:])
            if marker == "=":
                fraction = 100.0
            else:
                weight, rest = _weight(rest)
                fraction = 0.0 if weight is None else weight
            answer, feedback = _comment(rest, fmt)
            q.answers.append(GiftAnswer(answer, fraction, feedback))
        if len(q.answers) < 2:
            raise GiftSyntaxError(f"{name}: a multiple-choice question needs two choices")
        return q
    if _has(body, "=") and "->" in _str(body):
        raise GiftSyntaxError(f"{name or 'question'}: matching questions are not supported")
    head = _str(_strip(_split(body, "#", maxsplit=1)[0]))
    if head in _TF:
        q.qtype = "truefalse"
        parts = _split(body, "#", maxsplit=2)
        wrong = _with_format(parts[1], fmt)[0] if len(parts) > 1 else ""
        right = _with_format(parts[2], fmt)[0] if len(parts) > 2 else ""
        correct = _TF[head]
        q.answers = [
            GiftAnswer("true", 100.0 if correct else 0.0, right if correct else wrong),
            GiftAnswer("false", 0.0 if correct else 100.0, wrong if correct else right),
        ]
        return q
    q.qtype = "shortanswer"
    parts = _split(body, "=")
    if _strip(parts[0]):
        raise GiftSyntaxError(f"{name or 'question'}: a short answer starts with '='")
    for part in parts[1:]:
        weight, rest = _weight(_strip(part))
        answer, feedback = _comment(rest, fmt)
        q.answers.append(GiftAnswer(answer, 100.0 if weight is None else weight, feedback))
    if not q.answers:
        raise GiftSyntaxError(f"{name or 'question'}: no accepted answer")
    return q


def parse_gift(source: str) -> GiftFile:
    """Every category switch and question in a GIFT file, in order."""
    result = GiftFile()
    category: str | None = None
    blocks: list[list[str]] = [[]]
    for line in source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            blocks.append([])
        elif not line.startswith("//"):
            blocks[-1].append(line)
    for block in blocks:
        text = "\n".join(block).strip()
        if not text:
            continue
        if text.startswith("$CATEGORY:"):
            # Moodle takes the rest of the block as the path, without unescaping it.
            category = text[len("$CATEGORY:") :].strip()
            result.categories.append(category)
            continue
        result.questions.append(_parse_question(lex(text), category))
    return result
