"""Every table in the lessons and pages names every column: no empty header cell (WCAG 1.3.1), so a
screen reader can announce a header for every data cell. Pipe tables are read from the Markdown
sources; the one table written in a template (the progress page) is checked where it is written."""

from __future__ import annotations

import re

import pytest

from coi_course.project import DOCS, ROOT

TEMPLATES = ROOT / "scripts" / "coi_course" / "templates"
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _cells(row: str) -> list[str]:
    """Cells of a pipe-table row; ``\\|`` and pipes inside `code` do not split."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    cells, current, in_code = [], "", False
    for i, ch in enumerate(row):
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code and (i == 0 or row[i - 1] != "\\"):
            cells.append(current.strip())
            current = ""
        else:
            current += ch
    return [*cells, current.strip()]


def table_headers(text: str) -> list[tuple[int, list[str]]]:
    """(line, header cells) of every pipe table in a Markdown text, outside fenced code."""
    lines = text.splitlines()
    out, in_fence = [], False
    for n, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or n == 0 or "|" not in line or not _DELIMITER.match(line):
            continue
        header = lines[n - 1]
        if "|" in header and len(_cells(header)) == len(_cells(line)):
            out.append((n, _cells(header)))  # n is the 1-based line of the header row
    return out


def _empty_headers(text: str, name: str) -> list[str]:
    return [
        f"{name}:{line}: table column {col} has an empty header cell"
        for line, cells in table_headers(text)
        for col, cell in enumerate(cells, 1)
        if not cell.strip("* _")
    ]


def test_table_reader_finds_tables_and_empty_headers():
    text = "intro\n\n| | Law | Policy |\n|---|:--|--:|\n| a | b | c |\n\n```\n| | x |\n|---|---|\n```\n"
    assert table_headers(text) == [(3, ["", "Law", "Policy"])]
    assert _empty_headers(text, "x.md") == ["x.md:3: table column 1 has an empty header cell"]
    assert _cells(r"| `a|b` | c \| d |") == ["`a|b`", r"c \| d"]
    assert _empty_headers("| Aspect | Law |\n|---|---|\n| a | b |\n", "y.md") == []


def test_there_are_tables_to_check():
    assert sum(len(table_headers(p.read_text(encoding="utf-8"))) for p in DOCS.rglob("*.md")) >= 20


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_table_column_has_a_header(lang):
    problems = []
    for path in sorted((DOCS / lang).rglob("*.md")):
        problems += _empty_headers(path.read_text(encoding="utf-8"), path.relative_to(ROOT))
    assert not problems, "\n".join(problems)


def test_template_tables_have_column_headers():
    for path in sorted(TEMPLATES.glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for table in re.findall(r"<table\b.*?</table>", text, re.S):
            head = re.search(r"<thead>(.*?)</thead>", table, re.S)
            assert head, f"{path.relative_to(ROOT)}: a table without <thead>"
            cells = re.findall(r"<th\b[^>]*>(.*?)</th>", head.group(1), re.S)
            assert cells and all(c.strip() for c in cells), (
                f"{path.relative_to(ROOT)}: a table with an empty column header"
            )
