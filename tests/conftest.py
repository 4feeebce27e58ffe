"""Shared fixtures: one strict build of the site per test session, served under a sub-path, and a browser."""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coi_course.errors import SourceErrors
from coi_course.project import ROOT
from coi_course.publish.package import make_offline, make_scorm
from coi_course.site.serve import SiteServer

SUB_PATH = "/elearning/coi/"
BUILD_SITE_URL = f"http://127.0.0.1{SUB_PATH}"


def build_site(
    dest: Path, site_url: str = BUILD_SITE_URL, extra_env=None, config_file: Path | None = None
) -> Path:
    """Run ``mkdocs build --strict`` into ``dest`` (with ``config_file`` instead of mkdocs.yml if
    given); fail the test with mkdocs' own output on error."""
    env = {
        **os.environ,
        "SITE_URL": site_url,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1735689600"),
        **(extra_env or {}),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
        + (["-f", str(config_file)] if config_file else []),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return dest


def _run_dir(tmp_path_factory) -> Path:
    """The folder of this test run that every pytest-xdist worker sees (each worker's own basetemp is
    a sub-folder of it); without xdist, the session's basetemp."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def one_at_a_time(tmp_path_factory, name: str) -> Iterator[None]:
    """Hold the lock ``name`` of this test run: pytest-xdist workers wait for each other."""
    fd = os.open(_run_dir(tmp_path_factory) / f".{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def built_once(tmp_path_factory, name: str, make: Callable[[Path], object]) -> Path:
    """``make(target)`` once per test run, even with pytest-xdist: the first worker to ask builds
    ``target``, the others wait for it and use the same files. Returns ``target``."""
    target = _run_dir(tmp_path_factory) / "built-once" / name / name
    done = target.parent / ".done"
    with one_at_a_time(tmp_path_factory, name):
        if not done.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            make(target)
            done.touch()
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test run with ``site_url`` under the sub-path ``/elearning/coi/``."""
    return built_once(tmp_path_factory, "site", build_site)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL of the built site served over HTTP under a sub-path, e.g. http://127.0.0.1:PORT/elearning/coi/."""
    with SiteServer(built_site, prefix=SUB_PATH) as server:
        yield server.url


@pytest.fixture(scope="session")
def scorm_zip(tmp_path_factory) -> Path:
    """The SCORM 1.2 package (``make scorm``), built once per test run for every test that needs it."""
    return built_once(tmp_path_factory, "scorm.zip", lambda target: print(make_scorm(target)))


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """The offline copy (``make offline``), built once per test run for every test that needs it."""
    return built_once(tmp_path_factory, "offline.zip", lambda target: print(make_offline(target)))


def build_project_with_hook(
    root: Path, hook: str, drop_env: tuple[str, ...] = (), timeout: int = 120
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the project copy ``root`` (e.g. made by bench's write_project)
    with this checkout's ``scripts/hooks/<hook>`` added to its hooks; ``drop_env`` names environment
    variables the build must not see."""
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "hooks:\n", f"hooks:\n  - {ROOT / 'scripts' / 'hooks' / hook}\n"
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in drop_env}
    env |= {"COI_COURSE_ROOT": str(root), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def load_hook(name: str):
    """A fresh module of ``scripts/hooks/<name>.py``, loaded from its file the way MkDocs loads hooks."""
    spec = importlib.util.spec_from_file_location(
        f"{name}_hook", ROOT / "scripts" / "hooks" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def site_pages(site: Path) -> list[str]:
    """Every content page of the built site (relative paths), both languages, 404 page excluded."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A content problem (SourceErrors from a loader) fails a test with its file:line messages only:
    the author needs those lines, not a traceback through the loader."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and call.excinfo is not None and call.excinfo.errisinstance(SourceErrors):
        report.longrepr = f"content problem(s):\n{call.excinfo.value}"
