"""Benchmark: what quiz generation costs.

Builds a synthetic bilingual site twice for N = 10, 100, 1000: once with N quiz files (5 questions
each, generated into pages by the quiz hook), once with the same content written by hand as N plain
Markdown pages per language (every prompt, choice, feedback, answer, explanation, basis and lesson
link the quiz carries; see ``plain_page``). Prints build times, their ratio and the per-page growth,
then the bytes of quiz JS+CSS a quiz page loads (raw and gzip) against the 8 KB gzip budget.

Builds of the two variants alternate, so a busy spell on the machine hits both; the verdict uses the
median. Environment: BENCH_QUIZ_RUNS (builds per variant at N < 1000, default 9) and
BENCH_QUIZ_RUNS_1000 (at N = 1000, default 3). The time inside the quiz hook comes from
``timed_mkdocs``.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from ..project import ROOT
from ..quiz.render import ui_text

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


def _questions(i: int) -> list[dict]:
    """The synthetic questions of set ``i``: one source for both the quiz file and the plain page."""
    return [
        {
            "id": f"q{q}",
            "type": "single",
            "prompt": {
                "th": f"คำถามที่ {q} ของชุด {i} เรื่องการรับของขวัญ",
                "en": f"Question {q} of set {i} about gifts",
            },
            "choices": [
                {"id": "a", "text": {"th": "ตัวเลือก ก", "en": "Choice A"}},
                {
                    "id": "b",
                    "text": {"th": "ตัวเลือก ข", "en": "Choice B"},
                    "feedback": {"th": "ใช่ ข้อนี้ถูก", "en": "Yes, this is right"},
                },
                {"id": "c", "text": {"th": "ตัวเลือก ค", "en": "Choice C"}},
            ],
            "answer": "b",
            "explanation": {"th": f"คำอธิบายของข้อ {q}", "en": f"Explanation {q}"},
            "source": "lessons/l.md#topic",
            "basis": "พ.ร.ป. ป.ป.ช. 2561 ม.128",
        }
        for q in range(1, QUESTIONS + 1)
    ]


def quiz_file(i: int) -> str:
    """Set ``i`` as a quiz file (quizzes/quiz-i.yml)."""
    quiz = {
        "id": f"quiz-{i}",
        "kind": "post-test",
        "title": {"th": f"ชุด {i}", "en": f"Set {i}"},
        "questions": _questions(i),
    }
    return yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False)


def plain_page(i: int, lang: str) -> str:
    """Set ``i`` written by hand as a Markdown page: every text the quiz page carries, and the same
    link to the lesson, but no answer checking."""
    ui = ui_text()[lang]
    labels = ui["choice_labels"]
    out = [f"# {'ชุด' if lang == 'th' else 'Set'} {i}\n"]
    for n, q in enumerate(_questions(i), 1):
        out.append(f"## {ui['question_of'].format(n=n, total=QUESTIONS)} {{#{q['id']}}}\n")
        out.append(q["prompt"][lang] + "\n")
        for label, c in zip(labels, q["choices"], strict=False):
            feedback = f" ({c['feedback'][lang]})" if "feedback" in c else ""
            out.append(f"- {label}. {c['text'][lang]}{feedback}")
        right = next(k for k, c in enumerate(q["choices"]) if c["id"] == q["answer"])
        out.append(
            f"\n**{ui['correct_answer']}** {labels[right]}. {q['choices'][right]['text'][lang]}\n\n"
            f"**{ui['explanation']}:** {q['explanation'][lang]}\n\n"
            f"**{ui['basis']}:** {q['basis']}\n\n"
            f"[{ui['read_more']}](../{q['source']})\n"
        )
    return "\n".join(out)


def write_project(root: Path, n: int, quizzes: bool) -> None:
    """A small bilingual MkDocs project in ``root`` with sets 0..n-1, as quiz files (``quizzes``) or as
    plain pages; tests use it too, for a real build or ``mkdocs serve``."""
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
            (root / "quizzes" / f"quiz-{i}.yml").write_text(quiz_file(i), encoding="utf-8")
            continue
        for lang in ("th", "en"):
            path = root / "docs" / lang / "quizzes" / f"quiz-{i}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(plain_page(i, lang), encoding="utf-8")


def _build_seconds(root: Path) -> tuple[float, float]:
    """(wall-clock seconds, seconds inside the quiz hook) of one strict build; strict because a
    warning would mean the two variants differ."""
    timing = root / "hook-time.json"
    env = {
        **os.environ,
        "COI_COURSE_ROOT": str(root),
        "NO_MKDOCS_2_WARNING": "1",
        "COI_BENCH_HOOK_TIME": str(timing),
    }
    cmd = [sys.executable, "-m", "coi_course.bench.timed_mkdocs", "build", "-q", "--strict"]
    cmd += ["-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"benchmark build failed in {root}:\n{proc.stdout}\n{proc.stderr}")
    return elapsed, json.loads(timing.read_text(encoding="utf-8"))["hook_seconds"]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>") + len("</article>")]


def _measure(n: int, runs: int, sizes: dict | None = None) -> dict[bool, list[tuple[float, float]]]:
    """(build seconds, quiz hook seconds) of the plain (False) and quiz (True) variants, alternating;
    with ``sizes``, also the bytes of set 0's page content (the <article>) in both variants."""
    roots = {}
    times: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    try:
        for kind in (False, True):
            roots[kind] = Path(tempfile.mkdtemp(prefix="coi-bench-"))
            write_project(roots[kind], n, kind)
        for _ in range(runs):
            for kind in (False, True):
                shutil.rmtree(roots[kind] / "site", ignore_errors=True)
                times[kind].append(_build_seconds(roots[kind]))
        if sizes is not None:
            for kind in (False, True):
                page = roots[kind] / "site" / "quizzes" / "quiz-0" / "index.html"
                article = _article(page.read_text(encoding="utf-8")).encode("utf-8")
                sizes[kind] = (len(article), len(gzip.compress(article, 9)))
    finally:
        for root in roots.values():
            shutil.rmtree(root, ignore_errors=True)
    return times


def run(args) -> int:
    runs = int(os.environ.get("BENCH_QUIZ_RUNS", "9"))
    runs_large = int(os.environ.get("BENCH_QUIZ_RUNS_1000", "3"))
    print(
        f"Quiz build cost: bilingual site, {QUESTIONS} questions per quiz, against the same content as "
        f"plain pages; median of {runs} alternating builds per variant ({runs_large} at N=1000)"
    )
    print(
        f"{'N':>6} {'plain s':>8} {'quizzes s':>10} {'ratio':>6} {'ratio range':>12} "
        f"{'plain ms/page':>14} {'quiz ms/page':>13} {'hook ms/quiz':>13}"
    )
    rows, hook, sizes = {}, {}, {}
    for n in SIZES:
        samples = _measure(n, runs_large if n >= 1000 else runs, sizes if n == 10 else None)
        times = rows[n] = {k: _median([t for t, _ in v]) for k, v in samples.items()}
        hook[n] = 1000 * _median([h for _, h in samples[True]]) / n
        pairs = sorted(q[0] / p[0] for p, q in zip(samples[False], samples[True], strict=True))
        spread = f"{pairs[0]:.2f}-{pairs[-1]:.2f}" if len(pairs) > 1 else "-"
        plain_ms, quiz_ms = (1000 * times[k] / (2 * n) for k in (False, True))
        print(
            f"{n:>6} {times[False]:>8.2f} {times[True]:>10.2f} {times[True] / times[False]:>6.2f} "
            f"{spread:>12} {plain_ms:>14.1f} {quiz_ms:>13.1f} {hook[n]:>13.2f}"
        )
    ratio = rows[100][True] / rows[100][False]
    verdict = "within" if ratio <= 1.15 else "OVER"
    print(
        f"quiz generation at N=100 adds {100 * (ratio - 1):+.0f}% to the build by median "
        f"({verdict} the 15% budget)"
    )
    grow = {k: (rows[1000][k] / 2000) / (rows[100][k] / 200) for k in (False, True)}
    print(
        f"ms per page at N=1000 / N=100: plain pages {grow[False]:.2f}, quiz pages {grow[True]:.2f} "
        "(both grow because Material renders the whole navigation, the same for both, into every "
        "page; as it comes to dominate, the ratio moves toward 1.0)"
    )
    total = {n: hook[n] * n for n in SIZES}  # ms inside the hook per build
    print(
        "inside the quiz hook each added quiz costs "
        f"{(total[100] - total[10]) / 90:.2f} ms from N=10 to 100 and "
        f"{(total[1000] - total[100]) / 900:.2f} ms from N=100 to 1000 (equal = linear; the rest, "
        f"{total[10] - 10 * (total[100] - total[10]) / 90:.0f} ms, is start-up: imports and templates)"
    )
    print(
        f"page content (<article>) of one set of {QUESTIONS} questions: plain {sizes[False][0]} B "
        f"({sizes[False][1]} B gzip), quiz {sizes[True][0]} B ({sizes[True][1]} B gzip), "
        f"ratio {sizes[True][0] / sizes[False][0]:.2f} ({sizes[True][1] / sizes[False][1]:.2f} gzip); "
        "the quiz carries form controls, hashed keys and sealed explanations"
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
