"""One error type for every loader and checker: it carries a file, a line and a plain message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceError:
    """A problem an author can fix, printed as ``path:line: message``."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SourceErrors(Exception):
    """Raised with every problem found, so an author sees them all in one run."""

    def __init__(self, errors: list[SourceError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


SAVE_AS_UTF8 = (
    "open it in your editor and save it again with the encoding UTF-8 "
    "(Notepad: File > Save As > Encoding: UTF-8; VS Code: click the encoding in the status bar > "
    "Save with Encoding > UTF-8)"
)


def not_utf8(path: Path, display: str) -> SourceError:
    """The message for a file that is not UTF-8, at the line of its first bad byte. Thai text saved by
    older Windows programs is TIS-620 / Windows-874 (cp874): that case is recognised and named."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return SourceError(display, None, "could not be read as UTF-8 text")
    except UnicodeDecodeError as exc:
        bad = exc.start
    line = data.count(b"\n", 0, bad) + 1
    # Thai text has consonants (U+0E01-U+0E2E); a lone Latin-1 byte such as é would decode to a Thai
    # tone mark only. The line of the first bad byte is what is judged (the rest may be UTF-8).
    start = data.rfind(b"\n", 0, bad) + 1
    end = data.find(b"\n", bad)
    bad_line = data[start : end if end >= 0 else len(data)].decode("cp874", errors="replace")
    thai = any("\u0e01" <= ch <= "\u0e2e" for ch in bad_line)
    what = "Thai text in the old TIS-620 / Windows-874 encoding" if thai else "not UTF-8 text"
    return SourceError(display, line, f"this file is {what}: {SAVE_AS_UTF8}")
