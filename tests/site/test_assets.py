"""Stylesheets bundled and scripts minified at build time (coi_course.site.assets, hooks/assets.py)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from coi_course.project import ROOT
from coi_course.site import assets

SOURCES = ["assets/stylesheets/a.css", "assets/stylesheets/b.css"]


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs" / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    (folder / "a.css").write_text("/* first */\n.x {\n  color: red;\n}\n", encoding="utf-8")
    (folder / "b.css").write_text(".x { color: blue; } /* wins */\n", encoding="utf-8")
    return tmp_path / "docs"


def test_bundle_keeps_the_order_and_drops_comments(docs):
    text = assets.bundle_text(docs, SOURCES)
    assert text.index("red") < text.index("blue")
    assert "first" not in text and "wins" not in text and "\n  " not in text


def test_bundle_name_follows_the_sources(docs):
    name = assets.bundle_name(docs, SOURCES)
    assert re.fullmatch(r"assets/stylesheets/course\.[0-9a-f]{8}\.min\.css", name)
    assert assets.bundle_name(docs, SOURCES) == name
    assert assets.bundle_name(docs, list(reversed(SOURCES))) != name  # the cascade order counts
    (docs / SOURCES[1]).write_text(".x { color: green; }", encoding="utf-8")
    assert assets.bundle_name(docs, SOURCES) != name


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("assets/stylesheets/missing.css", "no such file"),
        ("https://fonts.example/x.css", "only the site's own stylesheets"),
        ("css/elsewhere.css", "live in docs/assets/stylesheets/"),
    ],
)
def test_a_bad_extra_css_entry_is_named(docs, entry, problem):
    with pytest.raises(assets.AssetError) as info:
        assets.bundle_name(docs, [SOURCES[0], entry])
    assert str(info.value).startswith(f"mkdocs.yml extra_css: {entry}: ")
    assert problem in str(info.value)


def test_minify_in_place_leaves_material_and_worker_files_alone(tmp_path):
    js, css = tmp_path / "assets/javascripts", tmp_path / "assets/stylesheets"
    (js / "workers").mkdir(parents=True)
    css.mkdir(parents=True)
    ours = "/* note */\nfunction add(a, b) {\n  return a + b;\n}\n"
    (js / "quiz.js").write_text(ours, encoding="utf-8")
    (js / "bundle.1234.min.js").write_text(ours, encoding="utf-8")
    (js / "workers" / "search.js").write_text(ours, encoding="utf-8")
    (css / "quiz.css").write_text("/* c */\n.a {\n  color: red;\n}\n", encoding="utf-8")
    changed = assets.minify_in_place(tmp_path)
    assert sorted(p.name for p in changed) == ["quiz.css", "quiz.js"]
    assert (js / "quiz.js").read_text(encoding="utf-8") == "function add(a,b){return a+b;}"
    assert (js / "bundle.1234.min.js").read_text(encoding="utf-8") == ours
    assert (js / "workers" / "search.js").read_text(encoding="utf-8") == ours
    assert (css / "quiz.css").read_text(encoding="utf-8") == ".a{color:red}"


def _hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("assets_hook", ROOT / "scripts/hooks/assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hook_links_the_bundle_once_and_writes_it(docs, tmp_path):
    hook = _hook()
    config = SimpleNamespace(
        extra_css=list(SOURCES), docs_dir=str(docs), site_dir=str(tmp_path / "site")
    )
    hook.on_config(config)
    assert len(config.extra_css) == 1 and config.extra_css[0].startswith(
        "assets/stylesheets/course."
    )
    hook.on_config(config)  # mkdocs-static-i18n runs it again for the next language
    assert config.extra_css == [assets.bundle_name(docs, SOURCES)]
    hook.on_post_build(config)
    written = tmp_path / "site" / config.extra_css[0]
    assert written.read_text(encoding="utf-8") == assets.bundle_text(docs, SOURCES)


def test_hook_stops_the_build_with_the_entry_named(docs):
    config = SimpleNamespace(extra_css=["assets/stylesheets/nope.css"], docs_dir=str(docs))
    with pytest.raises(PluginError, match=r"extra_css: assets/stylesheets/nope.css: no such file"):
        _hook().on_config(config)
