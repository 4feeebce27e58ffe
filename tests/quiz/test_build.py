"""The quiz hook inside a real MkDocs build, on the synthetic project of the quiz benchmark; and the
benchmark's plain-page baseline really carries the same content as the quiz it is compared with."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import yaml

from coi_course.bench.quiz_build import plain_page, quiz_file, write_project

RECORDER = """
import json, os

seen = []


def on_page_context(context, page, config, nav):
    with_meta = sorted(p.file.src_uri for p in nav.pages if p is not page and p.meta)
    seen.append({"page": page.file.src_uri, "meta": dict(page.meta), "title": page.title,
                 "others_with_meta": with_meta})
    return context


def on_post_build(config):
    with open(os.environ["RECORD"], "a", encoding="utf-8") as out:
        out.write(json.dumps(seen, ensure_ascii=False) + "\\n")
    seen.clear()
"""


def _texts(value, lang: str):
    """Every text of ``lang`` in a quiz (its {th, en} mappings) and the legal basis."""
    if isinstance(value, dict):
        if set(value) == {"th", "en"}:
            yield value[lang]
            return
        for key, item in value.items():
            if key == "basis":
                yield item
            else:
                yield from _texts(item, lang)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, lang)


def test_plain_baseline_has_every_text_of_the_quiz():
    quiz = yaml.safe_load(quiz_file(7))
    for lang in ("th", "en"):
        page = plain_page(7, lang)
        texts = list(_texts(quiz["questions"], lang))
        assert len(texts) == 5 * 7  # prompt, 3 choices, feedback, explanation, basis
        missing = [t for t in texts if t not in page]
        assert not missing, (lang, missing)
        assert page.count("](../lessons/l.md#topic)") == len(quiz["questions"])


def test_generated_pages_hold_their_metadata_only_while_they_render(tmp_path):
    root = tmp_path / "site-src"
    write_project(root, 3, quizzes=True)
    (root / "recorder.py").write_text(RECORDER, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "hooks:\n" in text
    config.write_text(
        text.replace("hooks:\n", f"hooks:\n  - {root / 'recorder.py'}\n"), encoding="utf-8"
    )
    record = tmp_path / "record.jsonl"
    env = {
        **os.environ,
        "COI_COURSE_ROOT": str(root),
        "RECORD": str(record),
        "NO_MKDOCS_2_WARNING": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    builds = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    assert len(builds) == 2  # one per language
    for renders in builds:
        quizzes = {r["page"]: r for r in renders if "/quizzes/" in r["page"]}
        assert len(quizzes) == 3
        for src, r in quizzes.items():
            lang = src.split("/")[0]
            number = src.rsplit("-", 1)[1].removesuffix(".md")
            title = f"{'ชุด' if lang == 'th' else 'Set'} {number}"
            assert r["title"] == title
            assert r["meta"] == {
                "title": title,
                "search": {"exclude": True},
                "quiz": f"quiz-{number}",
            }
        progress = next(r for r in renders if r["page"].endswith("/progress.md"))
        assert progress["meta"]["quiz_progress"] is True
        for r in renders:
            # Material renders each nav item's metadata into every page: N x N lookups if kept.
            generated = [p for p in r["others_with_meta"] if "/quizzes/" in p or "progress" in p]
            assert generated == [], r["page"]
