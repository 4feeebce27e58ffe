"""Command line: ``python -m coi_course <command>`` (the Makefile calls these)."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .errors import SourceErrors

# Benchmarks: name -> module with a ``run(args) -> int`` function. Each prints a table of measured numbers.
BENCHMARKS = {
    "quiz": "coi_course.bench.quiz_build",
    "search": "coi_course.bench.search",
}


def _check(args) -> int:
    from .quiz.loader import load_all_quizzes

    quizzes = load_all_quizzes(Path(args.quizzes), Path(args.docs))
    print(f"{len(quizzes)} quiz files OK ({sum(len(q.questions) for q in quizzes)} questions)")
    return 0


def _check_links(args) -> int:
    from .project import DOCS, allowed_link_hosts
    from .site.linkcheck import SiteChecker

    report = SiteChecker(Path(args.site), args.site_url, allowed_link_hosts(), DOCS).check()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(
        f"{report.pages_checked} pages checked, {len(report.external_links)} external links, "
        f"{len(report.problems)} problems"
    )
    return 1 if report.problems else 0


def _serve(args) -> int:
    import time

    from .site.serve import SiteServer

    with SiteServer(Path(args.site), prefix=args.prefix, port=args.port) as server:
        print(f"Serving {args.site} at {server.url} (Ctrl+C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


def _package(args) -> int:
    from .project import ROOT
    from .publish.package import PackageError, make_offline, make_scorm

    dist = ROOT / "dist"
    try:
        if args.kind == "offline":
            print(make_offline(dist / "coi-course-offline.zip"))
        else:
            print(make_scorm(dist / "coi-course-scorm12.zip"))
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _export(args) -> int:
    from .project import ROOT
    from .publish.exports import export_all
    from .quiz.loader import load_all_quizzes

    quizzes = load_all_quizzes(Path(args.quizzes), Path(args.docs))
    out = Path(args.out) if args.out else ROOT / "dist" / "export"
    try:
        print(export_all(quizzes, out).summary(root=ROOT))
    except ValueError as exc:  # a quiz Moodle's formats cannot express; nothing was written
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _bench(args) -> int:
    names = args.names or list(BENCHMARKS)
    status = 0
    for name in names:
        if name not in BENCHMARKS:
            print(
                f"unknown benchmark '{name}'; choose from {', '.join(BENCHMARKS)}", file=sys.stderr
            )
            return 2
        status |= importlib.import_module(BENCHMARKS[name]).run(args)
    return status


def _images(args) -> int:
    from .site.images import render_images

    for path in render_images():
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from .project import DOCS, QUIZZES

    parser = argparse.ArgumentParser(prog="coi_course", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate every quiz file in quizzes/")
    p.add_argument("--quizzes", default=str(QUIZZES))
    p.add_argument("--docs", default=str(DOCS))
    p.set_defaults(func=_check)
    p = sub.add_parser("check-links", help="check links and third-party loads of a built site")
    p.add_argument("site", nargs="?", default="site")
    p.add_argument(
        "--site-url", default="/", help="where the site is published (sets the sub-path)"
    )
    p.set_defaults(func=_check_links)
    p = sub.add_parser("serve", help="serve a built site under a sub-path")
    p.add_argument("site", nargs="?", default="site")
    p.add_argument("--prefix", default="/")
    p.add_argument("--port", type=int, default=8001)
    p.set_defaults(func=_serve)
    p = sub.add_parser("package", help="build the offline ZIP or the SCORM 1.2 package into dist/")
    p.add_argument("kind", choices=["offline", "scorm"])
    p.set_defaults(func=_package)
    p = sub.add_parser("export", help="write every quiz as a Moodle question bank (GIFT, XML)")
    p.add_argument("--quizzes", default=str(QUIZZES))
    p.add_argument("--docs", default=str(DOCS))
    p.add_argument("--out", help="output folder (default: dist/export)")
    p.set_defaults(func=_export)
    p = sub.add_parser("images", help="redraw the share image and PNG icons (needs chromium)")
    p.set_defaults(func=_images)
    p = sub.add_parser("bench", help="run benchmarks and print measured numbers")
    p.add_argument("names", nargs="*", help=f"any of: {', '.join(BENCHMARKS)}")
    p.set_defaults(func=_bench)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SourceErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} problem(s) found", file=sys.stderr)
        return 1
