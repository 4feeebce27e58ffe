"""Benchmark: what quiz generation costs.

Builds a synthetic bilingual site with N quizzes (5 questions each) and the same text as N plain
Markdown pages, for N = 10, 100, 1000, and prints build times, their ratio and the per-page growth;
then the bytes of quiz JS+CSS a quiz page loads (raw and gzip) against the 8 KB gzip budget.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..project import ROOT

SIZES = (10, 100, 1000)
QUESTIONS = 5
BUDGET_GZIP = 8 * 1024

MKDOCS_YML = """site_name: bench
site_url: http://127.0.0.1/
theme: {{name: material, language: th, font: false}}
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {{locale: th, default: true, name: ไทย}}
        - {{locale: en, name: English}}
{hooks}
markdown_extensions: [attr_list, admonition, md_in_html]
"""


def _question(i: int, q: int) -> str:
    return f"""  - id: q{q}
    type: single
    prompt: {{th: "คำถามที่ {q} ของชุด {i} เรื่องการรับของขวัญ", en: "Question {q} of set {i} about gifts"}}
    choices:
      - {{id: a, text: {{th: "ตัวเลือก ก", en: "Choice A"}}}}
      - {{id: b, text: {{th: "ตัวเลือก ข", en: "Choice B"}}, feedback: {{th: "ใช่", en: "Yes"}}}}
      - {{id: c, text: {{th: "ตัวเลือก ค", en: "Choice C"}}}}
    answer: b
    explanation: {{th: "คำอธิบายของข้อ {q}", en: "Explanation {q}"}}
    source: lessons/l.md#topic
"""


def _project(root: Path, n: int, quizzes: bool) -> None:
    for lang in ("th", "en"):
        (root / "docs" / lang / "lessons").mkdir(parents=True)
        (root / "docs" / lang / "index.md").write_text("# Home\n", encoding="utf-8")
        (root / "docs" / lang / "lessons" / "l.md").write_text(
            "# L\n\n## Topic {#topic}\n\ntext\n", encoding="utf-8"
        )
    (root / "quizzes").mkdir()
    hooks = f"hooks:\n  - {ROOT / 'scripts/hooks/quizzes.py'}" if quizzes else ""
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(hooks=hooks), encoding="utf-8")
    for i in range(n):
        if quizzes:
            body = "".join(_question(i, q) for q in range(1, QUESTIONS + 1))
            (root / "quizzes" / f"quiz-{i}.yml").write_text(
                f'id: quiz-{i}\nkind: post-test\ntitle: {{th: "ชุด {i}", en: "Set {i}"}}\nquestions:\n{body}',
                encoding="utf-8",
            )
        else:
            for lang in ("th", "en"):
                text = "\n".join(
                    f"## Question {q} {{#q{q}}}\n\nคำถามที่ {q} ของชุด {i} เรื่องการรับของขวัญ\n\n"
                    "- ตัวเลือก ก\n- ตัวเลือก ข\n- ตัวเลือก ค\n"
                    for q in range(1, QUESTIONS + 1)
                )
                path = root / "docs" / lang / "quizzes" / f"quiz-{i}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"# Set {i}\n\n{text}", encoding="utf-8")


def _build_seconds(root: Path) -> float:
    env = {**os.environ, "COI_COURSE_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(root / "site"),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    return time.perf_counter() - start


def run(args) -> int:
    print("Quiz build cost (bilingual site, 5 questions per quiz, median of 5 builds at N<1000)")
    print(
        f"{'N':>6} {'plain s':>9} {'quizzes s':>10} {'ratio':>7} {'plain ms/page':>14} {'quiz ms/page':>13}"
    )
    rows = {}
    for n in SIZES:
        times = {}
        for kind in (False, True):
            runs = []
            for _ in range(1 if n >= 1000 else 5):
                tmp = Path(tempfile.mkdtemp(prefix="coi-bench-"))
                try:
                    _project(tmp, n, kind)
                    runs.append(_build_seconds(tmp))
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)
            times[kind] = sorted(runs)[len(runs) // 2]
        rows[n] = times
        plain_ms, quiz_ms = (1000 * times[k] / (2 * n) for k in (False, True))
        print(
            f"{n:>6} {times[False]:>9.2f} {times[True]:>10.2f} {times[True] / times[False]:>7.2f} "
            f"{plain_ms:>14.1f} {quiz_ms:>13.1f}"
        )
    if 100 in rows:
        ratio = rows[100][True] / rows[100][False]
        verdict = "within" if ratio <= 1.15 else "OVER"
        print(
            f"quiz generation at N=100 adds {100 * (ratio - 1):.0f}% to the build ({verdict} the 15% budget)"
        )
    if 100 in rows and 1000 in rows:
        grow = {k: (rows[1000][k] / 2000) / (rows[100][k] / 200) for k in (False, True)}
        print(
            f"ms per page at N=1000 / N=100: plain pages {grow[False]:.2f}, quiz pages {grow[True]:.2f} "
            "(1.0 = linear; Material renders the whole navigation into every page, so both grow)"
        )
    js = (ROOT / "docs/assets/javascripts/quiz.js").read_bytes()
    css = (ROOT / "docs/assets/stylesheets/quiz.css").read_bytes()
    raw, gz = len(js) + len(css), len(gzip.compress(js, 9)) + len(gzip.compress(css, 9))
    verdict = "within" if gz <= BUDGET_GZIP else "OVER"
    print(
        f"quiz JS+CSS per quiz page: {raw} bytes raw, {gz} bytes gzip ({verdict} the {BUDGET_GZIP} B "
        "budget); loaded only on quiz pages, as cacheable files"
    )
    return 0
