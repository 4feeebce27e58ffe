"""Benchmark: how fast quiz files are read or refused.

Prints, as the median of several runs: the time to read every course quiz (the fast path a clean
``make check`` takes), the time to refuse YAML alias bombs of growing depth (9 aliases per level:
expanded, depth 9 would be about 387 million items), and the time to report a typing mistake with
file and line. Target: an alias bomb of any depth is refused in well under a second.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from ..errors import SourceErrors
from ..project import DOCS, QUIZZES
from ..quiz.loader import load_all_quizzes, load_quiz

RUNS = 7
TARGET_SECONDS = 1.0


def alias_bomb(depth: int) -> str:
    lines = [
        "id: bomb",
        "kind: post-test",
        'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ]
    for level in range(1, depth):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"questions: [{','.join([f'*a{depth - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _refused(path: Path) -> None:
    try:
        load_quiz(path, DOCS)
    except SourceErrors:
        return
    raise SystemExit(f"{path} was accepted")


def run(args) -> int:
    print(f"Quiz files: median of {RUNS} runs")
    print(f"{'case':<44} {'ms':>9}")
    quizzes = load_all_quizzes(QUIZZES, DOCS)
    ms = 1000 * _median_seconds(lambda: load_all_quizzes(QUIZZES, DOCS))
    print(f"{f'read all {len(quizzes)} course quizzes':<44} {ms:>9.1f}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for depth in (3, 6, 9, 12):
            path = Path(tmp) / f"bomb-{depth}.yml"
            path.write_text(alias_bomb(depth), encoding="utf-8")
            seconds = _median_seconds(lambda p=path: _refused(p))
            worst = max(worst, seconds)
            label = f"refuse alias bomb, depth {depth} ({path.stat().st_size} bytes)"
            print(f"{label:<44} {1000 * seconds:>9.2f}")
        typed = Path(tmp) / "typed.yml"
        source = (QUIZZES / "gifts-self-check.yml").read_text(encoding="utf-8")
        typed.write_text(source.replace("pass_percent: 80", "pass_percent: 1:20", 1), "utf-8")
        if "1:20" in typed.read_text(encoding="utf-8"):
            seconds = _median_seconds(lambda: _refused(typed))
            print(f"{'report pass_percent: 1:20 with file:line':<44} {1000 * seconds:>9.1f}")
    verdict = "within" if worst < TARGET_SECONDS else "OVER"
    print(f"slowest alias bomb refused in {1000 * worst:.2f} ms ({verdict} the 1 s target)")
    return 0 if worst < TARGET_SECONDS else 1
