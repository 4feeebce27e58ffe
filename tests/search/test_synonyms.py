"""The search synonyms list (issue 15): loaded for the worker, mistakes named by file and line."""

from __future__ import annotations

import json

import pytest

from coi_course.errors import SourceErrors
from coi_course.search import index as ts
from coi_course.search.synonyms import load_synonyms

from .test_index import _material_file


def test_the_project_list_has_the_transliterations_of_the_issue():
    synonyms = load_synonyms()
    assert synonyms["ไอทีเอ"] == "ITA" and synonyms["โนกิฟต์"] == "No Gift"


def test_mistakes_name_the_file_and_line(tmp_path):
    path = tmp_path / "search_synonyms.yml"
    path.write_text("# comment\nไอทีเอ: ITA\nสอง คำ: x\nว่าง:\nITA: ita\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        load_synonyms(path, "search_synonyms.yml")
    messages = [str(e) for e in caught.value.errors]
    assert messages == [
        "search_synonyms.yml:3: 'สอง คำ' must be one word (no spaces)",
        "search_synonyms.yml:4: 'ว่าง' needs the words it stands for",
        "search_synonyms.yml:5: 'ITA' stands for itself",
    ]


def test_a_list_that_is_no_mapping_is_refused(tmp_path):
    path = tmp_path / "s.yml"
    path.write_text("- ไอทีเอ\n", encoding="utf-8")
    with pytest.raises(SourceErrors, match="s.yml:1: write one 'typed: found' pair per line"):
        load_synonyms(path, "s.yml")


def test_the_worker_gets_the_synonyms():
    patched = ts.patch_worker(_material_file("workers/search.*.min.js"), {"ไอทีเอ": "ITA"})
    table = json.dumps({"ไอทีเอ": "ITA"}, ensure_ascii=False, separators=(",", ":"))
    assert f"var __coiSynonyms={table};" in patched
