"""Benchmark: the training officer's report on 1,000 results files (goal: under 5 s).

Writes 1,000 valid results files (random answers to the real pre-test and post-test, correct check
codes) plus a few broken ones into a temporary folder, then times ``python -m coi_course report`` on
it end to end (a new process: imports, reading the quizzes, hashing the content version, reading and
checking every file, writing index.html and results.csv). Prints every run and the median, as wall
clock and as CPU time (the process's own work, which a busy shared machine does not inflate).
Environment: BENCH_REPORT_FILES (default 1000), BENCH_REPORT_RUNS (default 3).

``results_file`` also builds the fixture files of tests/publish/test_report.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..project import ROOT
from ..publish.results import SCHEMA
from ..quiz.model import Quiz
from ..record.check_code import check_code

GOAL_SECONDS = 5.0


def _percent(answers: dict[str, bool]) -> int:
    return round(100 * sum(answers.values()) / len(answers)) if answers else 0


def results_file(
    *,
    name: str,
    unit: str,
    version: str,
    agency: str = "สำนักงานทดสอบ",
    position: str = "นักวิชาการส่งเสริมสหกรณ์",
    baseline: dict[str, bool] | None = None,
    post_test: dict[str, bool] | None = None,
    pass_percent: int = 80,
    attempts: int = 1,
    lessons_opened: int = 8,
    created: str = "2026-12-05T03:04:05Z",
    day: dt.date = dt.date(2026, 12, 5),
    pre_version: str = "pre",
    post_version: str = "post",
) -> dict:
    """A results file (schema coi-course-results/1) as a dict, with its correct check code."""
    base_pct = _percent(baseline) if baseline is not None else None
    post_pct = _percent(post_test) if post_test is not None else None
    passed = post_pct is not None and post_pct >= pass_percent
    completed = day.isoformat() if passed and lessons_opened >= 8 else None
    record = {
        "agency": agency,
        "name": name,
        "position": position,
        "unit": unit,
        "baseline_percent": base_pct,
        "post_test_percent": post_pct,
        "post_test_attempts": attempts if post_test is not None else 0,
        "completed": completed,
        "version": version,
    }
    quizzes, data = {}, {}
    if baseline is not None:
        score = {"percent": base_pct, "date": (day - dt.timedelta(days=4)).isoformat()}
        quizzes["pre-test"] = {"kind": "pre-test", "version": pre_version, "attempts": 1}
        quizzes["pre-test"] |= {"first": score, "best": score}
        data["baseline"] = {"quiz": "pre-test", "version": pre_version, "answers": baseline}
        data["baseline"] |= score
    if post_test is not None:
        score = {"percent": post_pct, "date": day.isoformat()}
        quizzes["post-test"] = {"kind": "post-test", "version": post_version}
        quizzes["post-test"] |= {"attempts": attempts, "passed": passed}
        quizzes["post-test"] |= {"first": score, "best": score}
        data["post_test"] = {"quiz": "post-test", "version": post_version, "answers": post_test}
        data["post_test"] |= score
    return {
        "schema": SCHEMA,
        "lang": "th",
        "created": created,
        "record": record,
        "check": check_code(record),
        "lessons": {"opened": [f"lesson-{i}" for i in range(lessons_opened)], "total": 8},
        "quizzes": quizzes,
        **data,
    }


def write_json(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def random_folder(folder: Path, n: int, pre: Quiz, post: Quiz, version: str) -> None:
    """``n`` valid results files with random answers, plus one broken file of each kind."""
    rng = random.Random(11)
    for i in range(n):
        skill = rng.random()
        data = results_file(
            name=f"ผู้เรียน ทดสอบ {i}",
            unit=f"กลุ่ม {i % 7}",
            version=version,
            baseline={q.id: rng.random() < 0.2 + 0.4 * skill for q in pre.questions},
            post_test={q.id: rng.random() < 0.55 + 0.45 * skill for q in post.questions},
            attempts=rng.randint(1, 3),
            lessons_opened=rng.choice((3, 8, 8, 8)),
        )
        write_json(folder / f"coi-results-{i:04d}-2026-12-05.json", data)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00\x01")
    write_json(folder / "old.json", results_file(name="x", unit="y", version="0" * 10))


def run(args) -> int:
    from ..course.content_version import course_version
    from ..project import DOCS, QUIZZES
    from ..quiz.loader import course_quizzes

    n = int(os.environ.get("BENCH_REPORT_FILES", "1000"))
    runs = int(os.environ.get("BENCH_REPORT_RUNS", "3"))
    kinds = {q.kind: q for q in course_quizzes(QUIZZES, DOCS)}
    print(
        f"Officer's report: {n} results files (+3 broken), {runs} runs of `python -m coi_course report`"
    )
    times, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "results", Path(tmp) / "report"
        folder.mkdir()
        random_folder(folder, n, kinds["pre-test"], kinds["post-test"], course_version(ROOT))
        cmd = [sys.executable, "-m", "coi_course", "report", str(folder), "--out", str(out)]
        for i in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return 1
            print(f"  run {i + 1}: {times[-1]:.2f} s wall clock, {cpu[-1]:.2f} s CPU")
        size = (out / "index.html").stat().st_size
    wall, busy = statistics.median(times), statistics.median(cpu)
    print(
        f"report on {n} files: median {wall:.2f} s wall clock "
        f"({'within' if wall < GOAL_SECONDS else 'OVER'} the {GOAL_SECONDS:.0f} s goal), "
        f"{busy:.2f} s CPU ({'within' if busy < GOAL_SECONDS else 'OVER'} the goal); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; index.html {size / 1024:.0f} KB"
    )
    return 0
