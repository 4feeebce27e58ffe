"""The Content-Security-Policy computed from a built site: hashes of inline scripts, fixed sources."""

from __future__ import annotations

import base64
import hashlib

from coi_course.site.csp import script_hash, site_policy

PAGE = """<!doctype html><html><head>
<script>var a = "<b>" && 1;</script>
<script type="application/json" id="data">{"x": 1}</script>
<script src="assets/app.js"></script>
</head><body><p>x</p>
<script type="module">import "./m.js"</script>
</body></html>"""


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_scripts_are_hashed_and_data_blocks_and_files_are_not(tmp_path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(PAGE, encoding="utf-8")
    policy = site_policy(tmp_path)
    assert policy.pages == 2 and policy.problems == []
    assert policy.hashes == {
        _sha('var a = "<b>" && 1;'): 2,
        _sha('import "./m.js"'): 2,
    }
    header = policy.header()
    assert header.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "img-src 'self' data:" in header and "object-src 'none'" in header
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header


def test_handlers_and_javascript_links_are_reported(tmp_path):
    (tmp_path / "index.html").write_text(
        '<button onclick="go()">x</button><a href=" JavaScript:void(0)">y</a>', encoding="utf-8"
    )
    assert site_policy(tmp_path).problems == [
        "index.html: inline event handler onclick= on <button> (not allowed by this policy)",
        "index.html: javascript: URL in <a href> (not allowed by this policy)",
    ]


def test_script_hash_is_the_browsers_sha256_of_the_text():
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_cli_prints_the_header_and_fails_on_problems(tmp_path, capsys):
    from coi_course.cli import main

    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    assert main(["csp", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-")
    (tmp_path / "x.html").write_text('<img src=x onerror="a()">', encoding="utf-8")
    assert main(["csp", str(tmp_path), "--value-only"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("default-src 'self';")
    assert "x.html: inline event handler onerror= on <img>" in captured.err
    assert main(["csp", str(tmp_path / "missing")]) == 1
    assert "is not a built site: run make build first" in capsys.readouterr().err


def test_the_publishing_guide_explains_make_csp_in_both_languages():
    from coi_course.project import DOCS, ROOT

    for lang in ("th", "en"):
        guide = (DOCS / lang / "publishing.md").read_text(encoding="utf-8")
        section = guide.split("{#content-security-policy}", 1)[1]
        assert "make csp" in section and "--value-only" in section, lang
        assert "'sha256-" not in section, f"{lang}: hashes change with every build"
    assert "\ncsp: $(STAMP)\n\t$(PY) -m coi_course csp site\n" in (ROOT / "Makefile").read_text()
