"""Command line: ``python -m coi_course <command>`` (the Makefile calls these)."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from pathlib import Path

from .errors import SourceErrors

# Benchmarks: name -> module with a ``run(args) -> int`` function. Each prints a table of measured numbers.
BENCHMARKS = {
    "quiz": "coi_course.bench.quiz_build",
    "search": "coi_course.bench.search",
    "report": "coi_course.bench.report",
    "quiz-files": "coi_course.bench.quiz_files",
    "page-load": "coi_course.bench.page_load",
}


def _check(args) -> int:
    from .quiz.loader import load_all_quizzes

    quizzes = load_all_quizzes(Path(args.quizzes), Path(args.docs))
    print(f"{len(quizzes)} quiz files OK ({sum(len(q.questions) for q in quizzes)} questions)")
    return 0


def _check_links(args) -> int:
    from .project import DOCS, allowed_link_hosts
    from .site.linkcheck import SiteChecker
    from .site.site_url import SiteUrlError, normalise_site_url

    try:
        site_url = normalise_site_url(args.site_url, allow_path_only=True) or "/"
    except SiteUrlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = SiteChecker(Path(args.site), site_url, allowed_link_hosts(), DOCS).check()
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


def _csp(args) -> int:
    from .site.csp import site_policy

    site = Path(args.site)
    if not site.is_dir():
        print(f"error: {site} is not a built site: run make build first", file=sys.stderr)
        return 1
    policy = site_policy(site)
    for problem in policy.problems:
        print(problem, file=sys.stderr)
    print(policy.header() if args.value_only else f"Content-Security-Policy: {policy.header()}")
    print(
        f"{policy.pages} pages, {len(policy.hashes)} inline script hashes, "
        f"{len(policy.problems)} problems",
        file=sys.stderr,
    )
    return 1 if policy.problems else 0


def _check_sources(args) -> int:
    from .course.sources import check_sources
    from .project import DOCS, INCLUDES, LANGUAGES, ROOT

    errors = check_sources(ROOT, DOCS, INCLUDES, LANGUAGES)
    if errors:
        raise SourceErrors(errors)
    return 0


def _port_check(args) -> int:
    from .site.preview import port_problem

    if problem := port_problem(args.host, args.port):
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


def _package(args) -> int:
    from .project import ROOT
    from .publish.package import PackageError, make_offline, make_scorm
    from .site.output import write_problem

    dist = ROOT / "dist"
    # The package build writes only the ZIP into dist/ (the site it zips is built in a temporary folder).
    if problem := write_problem(dist, "the package"):
        print(f"error: {problem}", file=sys.stderr)
        return 1
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


def _report(args) -> int:
    from .course.agency import load_agency, read_mkdocs
    from .course.content_version import course_version
    from .project import DOCS, QUIZZES, ROOT
    from .publish.report import build_report, write_report
    from .publish.results import read_results
    from .quiz.loader import course_quizzes

    folder = Path(args.results)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder of results files", file=sys.stderr)
        return 2
    agency = load_agency(ROOT / "mkdocs.yml", DOCS)
    nav = (read_mkdocs(ROOT / "mkdocs.yml").data or {}).get("nav") or []
    version = course_version(ROOT)
    results = read_results(folder, version)
    for rejected in results.rejected:
        print(f"{rejected.file}: {rejected.reason(args.lang)}", file=sys.stderr)
    report = build_report(
        results,
        course_quizzes(QUIZZES, DOCS),
        nav,
        lang=args.lang,
        agency=agency.name[args.lang],
        version=version,
        folder_name=folder.name or str(folder),
        docs=DOCS,
    )
    out = Path(args.out) if args.out else ROOT / "dist" / "report"
    for path in write_report(report, out):
        print(path)
    print(
        f"{results.files} files: {len(results.participants)} participants, "
        f"{len(results.rejected)} left out (listed above and in the report)"
    )
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


def _use_project(argv: list[str] | None) -> str | None:
    """Apply ``--project DIR`` (before the package reads where the project is); a problem, or None."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--project")
    known, _ = pre.parse_known_args(argv)
    if not known.project:
        return None
    folder = Path(known.project).resolve()
    if not (folder / "mkdocs.yml").is_file():
        return f"--project {known.project}: no mkdocs.yml in {folder}"
    loaded = sys.modules.get("coi_course.project")
    if loaded is not None and loaded.ROOT.resolve() != folder:
        return f"--project {known.project}: this process already works on {loaded.ROOT}"
    os.environ["COI_COURSE_ROOT"] = str(folder)
    return None


def _images(args) -> int:
    from .site.share_images import render_images

    for path in render_images():
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    if problem := _use_project(argv):
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from .project import DOCS, QUIZZES

    parser = argparse.ArgumentParser(prog="coi_course", description=__doc__)
    parser.add_argument(
        "--project",
        help="the project folder (the one with mkdocs.yml); default: the nearest from here up",
    )
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
    p = sub.add_parser(
        "check-sources",
        help="check that settings, pages and includes are UTF-8, with valid front matter, in every language",
    )
    p.set_defaults(func=_check_sources)
    p = sub.add_parser("csp", help="print the Content-Security-Policy header for a built site")
    p.add_argument("site", nargs="?", default="site")
    p.add_argument("--value-only", action="store_true", help="print only the header's value")
    p.set_defaults(func=_csp)
    p = sub.add_parser("port-check", help="say whether the live preview can listen on HOST:PORT")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=_port_check)
    p = sub.add_parser("package", help="build the offline ZIP or the SCORM 1.2 package into dist/")
    p.add_argument("kind", choices=["offline", "scorm"])
    p.set_defaults(func=_package)
    p = sub.add_parser("export", help="write every quiz as a Moodle question bank (GIFT, XML)")
    p.add_argument("--quizzes", default=str(QUIZZES))
    p.add_argument("--docs", default=str(DOCS))
    p.add_argument("--out", help="output folder (default: dist/export)")
    p.set_defaults(func=_export)
    p = sub.add_parser("report", help="the training officer's report from learners' results files")
    p.add_argument("results", help="folder with the results files (coi-results-*.json)")
    p.add_argument("--lang", choices=["th", "en"], default="th")
    p.add_argument("--out", help="output folder (default: dist/report)")
    p.set_defaults(func=_report)
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
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        what = exc.filename or "a file"
        print(
            f"error: cannot write {what}: {exc.strerror}. If this checkout is read-only, copy the "
            "project to a folder you can write (or give an output folder, e.g. export --out DIR)",
            file=sys.stderr,
        )
        return 1
