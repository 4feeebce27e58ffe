"""Packages for publishers: an offline ZIP that opens from disk, and a SCORM 1.2 package for an LMS.

Both are ordinary builds of the same sources with file URLs (``use_directory_urls: false``, so every
link ends in ``.html``) and without search (Material's search worker cannot load from ``file://``).
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import yaml

from ..course.content_version import BuildDateError, course_sources, source_epoch
from ..project import DOCS, QUIZZES, ROOT
from ..quiz.loader import load_all_quizzes
from ..templating import template_env


class PackageError(Exception):
    """A package could not be built; the message says why."""


SCORM_SCHEMAS = Path(__file__).parents[1] / "data" / "scorm12"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same sources give the same ZIP bytes


def _last_commit_time() -> str:
    """The sources' date (last commit, never a silent guess: see course.content_version)."""
    try:
        return str(source_epoch(course_sources(ROOT), ROOT, environ={}))
    except BuildDateError as exc:
        raise PackageError(f"build date: {exc}") from None


def build_variant(dest: Path, *, offline: bool = False, scorm: bool = False) -> Path:
    """Build the site into ``dest`` with file URLs and no search (for file:// and LMS use)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        data = yaml_load(f)
    data["plugins"] = [
        p for p in data["plugins"] if (next(iter(p)) if isinstance(p, dict) else p) != "search"
    ]
    data["use_directory_urls"] = False
    data["site_url"] = ""
    data.setdefault("extra", {}).update({"offline": offline, "scorm": scorm})
    kind = "scorm" if scorm else "offline"
    # Read from memory, as if it were mkdocs.yml (relative paths: docs/, overrides/, hooks): nothing
    # is written beside the sources, so two package builds can run at once.
    variant = io.BytesIO(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    # Reproducible output: timestamps from the last commit unless the caller chose one.
    chosen_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = chosen_epoch or _last_commit_time()
    log = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)
    try:
        config = load_config(
            variant, config_file_path=str(ROOT / "mkdocs.yml"), site_dir=str(dest), strict=True
        )
        build(config)
    except MkDocsException as exc:
        raise PackageError(f"the {kind} build failed: {exc}") from None
    finally:
        log.removeHandler(handler)
        if chosen_epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
    return dest


def _zip(src: Path, target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in src.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(src).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return len(files)


def make_offline(target: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        site = build_variant(Path(tmp) / "site", offline=True)
        count = _zip(site, target)
    return (
        f"wrote {target} ({count} files, {target.stat().st_size // 1024} KB): unzip it and open "
        "index.html in a browser; no server needed (search is off in this copy)"
    )


def scorm_manifest(files: list[str], title: str, mastery: int, version: str) -> str:
    return (
        template_env()
        .get_template("imsmanifest.xml.j2")
        .render(
            identifier="coi-course",
            version=version,
            title=title,
            mastery=mastery,
            launch="scorm-launch.html",
            files=files,
        )
    )


SUSPEND_DATA_MAX = 4096  # SCORM 1.2 cmi.suspend_data is a CMIString4096


def scorm_suspend_data(read: list[str]) -> str:
    """What scorm-launch.js stores in ``cmi.suspend_data`` once ``read`` lessons are read (same JSON)."""
    return json.dumps({"v": 1, "read": read}, ensure_ascii=False, separators=(",", ":"))


def scorm_launch_config(lessons: list[str]) -> dict:
    """Settings for scorm-launch.js; refuses a course whose reading record could not fit SCORM 1.2."""
    pages = [lesson.removesuffix(".md") + ".html" for lesson in lessons]
    longest = len(scorm_suspend_data(pages))
    if longest > SUSPEND_DATA_MAX:
        raise PackageError(
            f"{len(pages)} lessons need {longest} characters of cmi.suspend_data to record which "
            f"were read; SCORM 1.2 allows {SUSPEND_DATA_MAX}: use shorter lesson file names"
        )
    return {"lessons": pages}


def make_scorm(target: Path) -> str:
    quizzes = load_all_quizzes(QUIZZES, DOCS)
    post = next((q for q in quizzes if q.kind == "post-test"), None)
    lessons = sorted({q.lesson for q in quizzes if q.lesson})
    title = "ผลประโยชน์ทับซ้อนและ No Gift Policy"
    config = scorm_launch_config(lessons)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_variant(Path(tmp) / "site", scorm=True)
        (site / "scorm-launch.html").write_text(
            template_env()
            .get_template("scorm_launch.html.j2")
            .render(
                title=title, start="index.html", config_json=json.dumps(config, ensure_ascii=False)
            ),
            encoding="utf-8",
        )
        for xsd in sorted(SCORM_SCHEMAS.glob("*.xsd")):
            shutil.copy(xsd, site / xsd.name)
        files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        (site / "imsmanifest.xml").write_text(
            scorm_manifest(files, title, post.pass_percent if post else 80, "1.0"), encoding="utf-8"
        )
        count = _zip(site, target)
    return (
        f"wrote {target} ({count} files, {target.stat().st_size // 1024} KB): upload it to the LMS "
        "as a SCORM 1.2 package (Moodle: add an activity > SCORM package)"
    )
