"""The page-load benchmark's arithmetic and verdicts (coi_course.bench.page_load), on made-up
measurements, and its server: the browser and Lighthouse runs themselves are in ``make bench``."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from coi_course.bench import page_load as pl


def _visit(tbt: float, cls: float = 0.0, size: int = 100_000, files=("index.html",)) -> dict:
    return {"bytes": size, "files": list(files), "kinds": {"html": 1}, "tbt": tbt, "cls": cls}


def _get_gzip(url: str) -> tuple[str, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return response.headers["Content-Encoding"], response.read()


def test_server_gzips_each_file_once_and_again_when_it_changes(tmp_path, monkeypatch):
    """Like a server of precompressed files: nothing is compressed inside a timed visit."""
    (tmp_path / "search").mkdir()
    index = tmp_path / "search" / "search_index.json"
    index.write_text('{"docs": []}', encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    compressed = []
    real = gzip.compress
    monkeypatch.setattr(
        pl.gzip, "compress", lambda data, level: compressed.append(data) or real(data, level)
    )
    with pl._GzipServer(tmp_path) as server:
        assert compressed == [b'{"docs": []}'], "the text files are compressed before any visit"
        url = server.url + "search/search_index.json"
        for _ in range(2):
            assert _get_gzip(url) == ("gzip", real(b'{"docs": []}', 6))
        assert len(compressed) == 1
        index.write_text('{"docs": [1]}', encoding="utf-8")
        encoding, body = _get_gzip(url)
        assert encoding == "gzip" and gzip.decompress(body) == b'{"docs": [1]}'
        assert len(compressed) == 2
        assert _get_gzip(server.url + "logo.png") == (None, b"\x89PNG")  # not text: as it is


def test_load_summary_is_the_median_tbt_with_its_range_and_the_worst_cls():
    summary = pl._load_summary([_visit(300, 0.01), _visit(100, 0.002), _visit(200, 0.0)])
    assert summary["tbt"] == 200
    assert summary["tbts"] == [100, 200, 300]
    assert summary["cls"] == 0.01
    assert pl._range(summary["tbts"]) == "(100-300)"


def test_search_summary_sorts_each_measure():
    visits = [
        {"first": 900.0, "further": 150.0, "from click": 1100.0},
        {"first": 800.0, "further": 200.0, "from click": 1000.0},
    ]
    assert pl._search_summary(visits) == {
        "first": [800.0, 900.0],
        "further": [150.0, 200.0],
        "from click": [1000.0, 1100.0],
    }


def _loads(ours: dict, stock: dict) -> dict:
    return {
        pl.OURS: {kind: pl._load_summary([ours]) for kind in pl.PAGES},
        pl.STOCK: {kind: pl._load_summary([stock]) for kind in pl.PAGES},
    }


def _verdicts(out: str) -> dict[str, bool]:
    found = {}
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("met "):
            found[line[len("met") :].strip()] = True
        elif line.startswith("NOT MET "):
            found[line[len("NOT MET") :].strip()] = False
    return found


def _scores(perf: float, other: float = 100) -> dict:
    result = {c: other for c in pl.CATEGORIES} | {"performance": perf, "LCP s": 2, "TBT ms": 50}
    return {kind: [result] for kind in pl.PAGES}


TIMINGS = {
    pl.OURS: {
        "first": [700.0, 800.0, 900.0],
        "further": [100.0, 120.0, 140.0],
        "from click": [1100.0, 1200.0, 1300.0],
    },
    pl.STOCK: {"first": [600.0], "further": [40.0], "from click": [800.0]},
}


def test_report_meets_every_target_when_the_figures_do(capsys):
    loads = _loads(_visit(100, 0.01, 200_000), _visit(300, 0.0, 450_000))
    pl._report(loads, TIMINGS, {pl.OURS: _scores(97), pl.STOCK: _scores(85)}, 3)
    out = capsys.readouterr().out
    assert "TBT: median of 1 visits" in out  # _loads gives each page one visit
    verdicts = _verdicts(out)
    assert len(verdicts) == 4 * len(pl.PAGES) + 2 + 2 * len(pl.PAGES)
    assert all(verdicts.values()), [name for name, ok in verdicts.items() if not ok]


@pytest.mark.parametrize(
    ("ours", "timings", "perf", "other", "missed"),
    [
        (_visit(100, 0.01, 300_000), TIMINGS, 97, 100, "lesson: bytes <= half of stock"),
        (_visit(301, 0.01, 200_000), TIMINGS, 97, 100, "lesson: TBT no worse than stock"),
        (_visit(100, 0.03, 200_000), TIMINGS, 97, 100, "lesson: CLS <= 0.02"),
        (
            _visit(100, 0.01, 200_000, ("index.html", "search/search_index.json")),
            TIMINGS,
            97,
            100,
            "lesson: no search file on load",
        ),
        (
            _visit(100),
            {
                **TIMINGS,
                pl.OURS: {"first": [900.0, 1001.0, 1200.0], "further": [100.0], "from click": []},
            },
            97,
            100,
            "search: first results within 1 s of the tap",
        ),
        (
            _visit(100),
            {**TIMINGS, pl.OURS: {"first": [], "further": [], "from click": []}},
            97,
            100,
            "search: further keystroke within 300 ms",
        ),
        (_visit(100), TIMINGS, 94, 100, "lesson: Lighthouse performance >= 95"),
        (_visit(100), TIMINGS, 97, 98, "lesson: a11y, best practices, SEO 100"),
    ],
)
def test_report_names_the_target_a_figure_misses(capsys, ours, timings, perf, other, missed):
    loads = _loads(ours, _visit(300, 0.0, 450_000))
    pl._report(loads, timings, {pl.OURS: _scores(perf, other), pl.STOCK: _scores(85)}, 3)
    out = capsys.readouterr().out
    assert _verdicts(out)[missed] is False, out


def test_stock_config_takes_its_overrides_from_any_folder():
    """The stock build's overrides live in a temporary folder outside the project (nothing is written
    into it), named by an absolute path that may hold any character; the rest of the config is stock's."""
    from mkdocs.utils.yaml import yaml_load

    from coi_course.project import ROOT

    text = pl.stock_page_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "/tmp/a #1/ov")
    config = yaml_load(text)
    assert config["theme"]["custom_dir"] == "/tmp/a #1/ov"
    hooks = "\n".join(config.get("hooks", []))
    assert "thai_search" not in hooks and "thai_line_breaks" not in hooks
