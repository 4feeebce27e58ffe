"""Thai word segmentation for the search index: PyThaiNLP ``newmm`` plus the project dictionary.

``Segmenter.analyse(run)`` takes one run of Thai text (no spaces) and returns two word lists:

* ``words``: the run cut by ``newmm`` with the project terms (``data/thai_terms.txt``) kept whole;
* ``atoms``: the same run cut into its smallest words: each word is cut again by ``newmm`` without
  the word itself, recursively, as long as every piece is a dictionary word of two letters or more
  and more common in the Thai National Corpus than the word, or cut further (การ|บริหาร for การบริหาร,
  ผล|ประโยชน์|ทับ|ซ้อน for ผลประโยชน์ทับซ้อน, but not ทุ|จริต for ทุจริต nor ประ|โยชน์). The index is
  built from these (issue 16): a word inside a compound is a word of the index, and the query
  script cuts a query into the same small words, so no hidden words are needed.

Building PyThaiNLP's dictionary trie takes ~0.8 s, a third of a whole site build, so ``WordDict`` is
a faster drop-in (built lazily, ~0.05 s), and the build runs the segmenter in a helper process
(``python -m coi_course.search.thai_words``, see ``serve``) while MkDocs renders the pages.
"""

from __future__ import annotations

import json
import os
import queue
import re
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from ..errors import SourceError, SourceErrors

# Writing nothing to the home folder: PyThaiNLP creates ~/pythainlp-data unless told not to.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

TERMS_FILE = Path(__file__).parents[1] / "data" / "thai_terms.txt"

# What the segmenter says about a run of Thai text: (newmm words, smallest dictionary words).
Analysis = tuple[list[str], list[str]]

THAI = "\u0e01-\u0e3a\u0e40-\u0e5b"  # Thai letters, vowels, marks and digits (not the ฿ sign)
# A run of Thai text; dots are kept inside and at the end so that ป.ป.ช. and พ.ศ. stay one run.
THAI_RUN = re.compile(rf"[{THAI}]+(?:\.[{THAI}]+)*\.?")
MIN_SUBWORD = 2  # one-letter dictionary words (ณ, ก) are never indexed as sub-words
# Where a word may start or end: not before a vowel sign or tone mark, not after a leading vowel.
# The query side (data/thai_query.js) uses the same rule.
NO_START = frozenset([*map(chr, range(0x0E30, 0x0E3B)), "\u0e45", *map(chr, range(0x0E47, 0x0E4F))])
NO_END = frozenset(map(chr, range(0x0E40, 0x0E45)))


def boundaries(run: str) -> list[int]:
    """Positions in ``run`` where a word may start or end (0 and len(run) included)."""
    return [
        i
        for i in range(len(run) + 1)
        if i in (0, len(run)) or (run[i] not in NO_START and run[i - 1] not in NO_END)
    ]


def load_terms(path: Path = TERMS_FILE) -> list[str]:
    """The project dictionary: one term per line, ``#`` comments; raises SourceErrors on bad lines."""
    terms: list[str] = []
    errors: list[SourceError] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.search(r"\s", line):
            errors.append(SourceError(str(path), number, f"term {line!r} contains a space"))
        elif not THAI_RUN.fullmatch(line):
            errors.append(
                SourceError(
                    str(path), number, f"term {line!r} is not Thai text (letters and dots only)"
                )
            )
        else:
            terms.append(line)
    if errors:
        raise SourceErrors(errors)
    return terms


class WordDict:
    """A word list with the one method ``newmm`` needs (``prefixes``), much faster to set up than
    ``pythainlp.util.Trie`` (0.8 s for the default 62,000 words): words are grouped by their first
    two letters, and a group's table (every word and proper prefix -> whether it is a word) is
    only built when the text has those two letters."""

    def __init__(self, words: Iterable[str]):
        unique = {w for w in (w.strip() for w in words) if w}
        self._count = len(unique)
        self._groups: dict[str, list[str]] = {}  # one-letter words are alone in one-letter groups
        for word in unique:
            self._groups.setdefault(word[:2], []).append(word)
        self._tables: dict[str, dict[str, bool]] = {}

    def _table(self, key: str) -> dict[str, bool]:
        table = self._tables.get(key)
        if table is None:
            words = self._groups.get(key, ())
            table = dict.fromkeys((w[:k] for w in words for k in range(2, len(w))), False)
            table.update(dict.fromkeys(words, True))
            self._tables[key] = table
        return table

    def __len__(self) -> int:
        return self._count

    def __contains__(self, word: str) -> bool:
        if len(word) < 2:
            return word in self._groups
        return self._table(word[:2]).get(word, False)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Every word that starts at ``text[start]`` (same contract as ``Trie.prefixes``)."""
        found = []
        first = text[start : start + 1]
        if first in self._groups:
            found.append(first)
        key = text[start : start + 2]
        if len(key) < 2:
            return found
        table = self._table(key)
        for end in range(start + 2, len(text) + 1):
            piece = text[start:end]
            is_word = table.get(piece)
            if is_word is None:
                break
            if is_word:
                found.append(piece)
        return found


def default_words(terms: Iterable[str] = ()) -> WordDict:
    """PyThaiNLP's default word list (the one ``newmm`` uses) plus the project terms."""
    from pythainlp.corpus import thai_words

    return WordDict([*thai_words(), *terms])


class Segmenter:
    """``newmm`` with a given dictionary, plus the cut into smallest words; cached per run."""

    def __init__(self, words: WordDict, frequencies: dict[str, int] | None = None):
        """``frequencies`` (word -> count) limit the cut into smallest words to pieces more common
        than their word; without them, every cut into dictionary words is taken."""
        from pythainlp.tokenize import newmm
        from pythainlp.tokenize.tcc import tcc_pos

        self.words = words
        self.frequencies = frequencies
        self._newmm = newmm.segment
        self._tcc_pos = tcc_pos
        self._cache: dict[str, Analysis] = {}
        self._atoms: dict[str, list[str]] = {}

    @classmethod
    def default(cls, terms_file: Path | None = TERMS_FILE) -> Segmenter:
        from pythainlp.corpus import tnc

        words = default_words(load_terms(terms_file) if terms_file else ())
        return cls(words, dict(tnc.word_freqs()))

    def words_of(self, run: str) -> list[str]:
        return self.analyse(run)[0]

    def analyse(self, run: str) -> Analysis:
        """(newmm words, smallest dictionary words) of one Thai run."""
        cached = self._cache.get(run)
        if cached is None:
            tokens = [t for t in self._newmm(run, self.words) if t.strip()]
            cached = (tokens, [atom for token in tokens for atom in self.atoms(token)])
            self._cache[run] = cached
        return cached

    def analyse_many(self, runs: Iterable[str]) -> dict[str, Analysis]:
        return {run: self.analyse(run) for run in runs}

    def atoms(self, word: str) -> list[str]:
        """A word cut into its smallest dictionary words, recursively (การ|บริหาร for การบริหาร,
        ผล|ประโยชน์|ทับ|ซ้อน for ผลประโยชน์ทับซ้อน); ``[word]`` if it cannot be cut so."""
        cached = self._atoms.get(word)
        if cached is None:
            cached = self._atoms[word] = [word]  # guards against cycles while recursing
            if len(word) >= 2 * MIN_SUBWORD:
                pieces = self._newmm(word, _Without(self.words, word))
                if len(pieces) > 1 and all(
                    len(p) >= MIN_SUBWORD
                    and p in self.words
                    and (self._commoner(p, word) or len(self.atoms(p)) > 1)
                    for p in pieces
                ):
                    cached = self._atoms[word] = [a for p in pieces for a in self.atoms(p)]
        return cached

    def _commoner(self, piece: str, word: str) -> bool:
        if self.frequencies is None:
            return True
        return self.frequencies.get(piece, 0) > self.frequencies.get(word, 0)


class _Without:
    """A word dictionary minus one word (to cut a compound into its parts)."""

    def __init__(self, words: WordDict, word: str):
        self._words = words
        self._word = word

    def __len__(self) -> int:
        return len(self._words)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        return [w for w in self._words.prefixes(text, start) if w != self._word]


# --- helper process --------------------------------------------------------------------------------
# Protocol: the client writes one JSON list of runs per line; the helper answers each line with one
# JSON object {run: [words, atoms]} (or {"error": message} and exits). EOF on stdin stops it.


def serve(stdin=None, stdout=None, terms_file: Path = TERMS_FILE) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    requests: queue.Queue[str | None] = queue.Queue()

    def read() -> None:  # drain the pipe at once so that the client never blocks on a write
        for line in stdin:
            requests.put(line)
        requests.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        segmenter = Segmenter.default(terms_file)
        while (line := requests.get()) is not None:
            result = segmenter.analyse_many(json.loads(line))
            stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            stdout.flush()
    except Exception as exc:  # report anything to the client, which fails the build with it
        stdout.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
        stdout.flush()
        return 1
    return 0


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    code = serve(terms_file=Path(sys.argv[1]) if len(sys.argv) > 1 else TERMS_FILE)
    sys.stdout.flush()
    os._exit(code)  # skip freeing the dictionary (~0.1 s): the client may be waiting
