"""SCORM 1.2 package and offline ZIP: structure, manifest validity, every listed file present."""

from __future__ import annotations

import builtins
import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coi_course.project import ROOT, allowed_link_hosts
from coi_course.publish.package import (
    SCORM_SCHEMAS,
    SUSPEND_DATA_MAX,
    PackageError,
    make_scorm,
    scorm_launch_config,
    scorm_suspend_data,
)
from coi_course.search.thai_wrap import unmark  # the page text without line-break marks
from coi_course.site.linkcheck import SiteChecker

NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}


def _unzip(zip_path: Path, dest: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(dest)
    return dest


def _scorm12_schema(tmp_path: Path) -> etree.XMLSchema:
    """One schema importing the three SCORM 1.2 namespaces from the vendored ADL/IMS XSDs.

    libxml2 refuses ims_xml.xsd as shipped (it declares the xml namespace as its default namespace,
    which nothing in it uses): the copy validated here drops that one declaration. The metadata schema
    (imsmd) is not loaded: libxml2 rejects its content model, and the manifest uses no LOM metadata."""
    xsd_dir = tmp_path / "xsd"
    xsd_dir.mkdir()
    for xsd in SCORM_SCHEMAS.glob("*.xsd"):
        text = xsd.read_text(encoding="utf-8")
        if xsd.name == "ims_xml.xsd":
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "", 1)
        (xsd_dir / xsd.name).write_text(text, encoding="utf-8")
    wrapper = tmp_path / "scorm12-all.xsd"
    wrapper.write_text(
        f"""<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:coi:wrapper">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="{(xsd_dir / "imscp_rootv1p1p2.xsd").as_uri()}"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="{(xsd_dir / "adlcp_rootv1p2.xsd").as_uri()}"/>
</xsd:schema>""",
        encoding="utf-8",
    )
    return etree.XMLSchema(etree.parse(str(wrapper)))


def test_scorm_manifest_is_valid_scorm12_and_lists_existing_files(scorm_zip, tmp_path):
    with zipfile.ZipFile(scorm_zip) as zf:
        names = set(zf.namelist())
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    schema = _scorm12_schema(tmp_path)
    assert schema.validate(manifest), schema.error_log
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert len(resources) == 1
    sco = resources[0]
    assert sco.get(f"{{{NS['adlcp']}}}scormtype") == "sco" and sco.get("href") in names
    listed = {f.get("href") for f in sco.findall("cp:file", NS)}
    assert listed - names == set()
    assert names - listed == {"imsmanifest.xml"}
    assert {"scorm-launch.html", "index.html", "quizzes/post-test.html", "en/index.html"} <= listed
    assert manifest.findtext(".//adlcp:masteryscore", namespaces=NS) == "80"


def test_manifest_that_breaks_the_schema_is_rejected(scorm_zip, tmp_path):
    with zipfile.ZipFile(scorm_zip) as zf:
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    manifest.find("cp:organizations", NS).append(etree.Element(f"{{{NS['cp']}}}bogus"))
    assert not _scorm12_schema(tmp_path).validate(manifest)


def test_packages_are_reproducible_and_write_nothing_beside_the_sources(
    scorm_zip, tmp_path, monkeypatch
):
    """The same sources give the same bytes; and the build's config is read from memory, so no
    file appears (even for a while) in the project folder: two package builds can run at once."""
    written = []

    def spy(opener):
        def open_(file, mode="r", *args, **kwargs):
            if isinstance(file, (str, Path)) and set(mode) & set("wax+"):
                written.append(Path(file).resolve())
            return opener(file, mode, *args, **kwargs)

        return open_

    monkeypatch.setattr(io, "open", spy(io.open))
    monkeypatch.setattr(builtins, "open", spy(builtins.open))
    again = tmp_path / "again.zip"
    make_scorm(again)
    monkeypatch.undo()
    assert again.read_bytes() == scorm_zip.read_bytes()
    assert written, "the spy saw no writes"
    beside = [p for p in written if p.parent == ROOT.resolve()]
    assert not beside, beside


def test_offline_copy_links_resolve_as_files_and_has_no_search(offline_zip, tmp_path):
    site = _unzip(offline_zip, tmp_path / "off")
    report = SiteChecker(site, "/", allowed_link_hosts()).check()
    assert not report.problems, "\n".join(map(str, report.problems))
    assert not (site / "search").exists()
    html = unmark((site / "index.html").read_text(encoding="utf-8"))
    assert "ฉบับออฟไลน์" in html and 'href="lessons/gifts.html"' in html
    from coi_course.site.htmlscan import scan_html

    folder_links = []
    for page in site.rglob("*.html"):
        for ref in scan_html(page.read_text(encoding="utf-8")).refs:
            url = ref.url.split("#")[0]
            # file:// cannot open folders: every internal page link must name a file
            if (
                ref.tag == "a"
                and url
                and "://" not in url
                and not url.startswith(("mailto:", "tel:"))
            ):
                if url.endswith("/") or url in (".", ".."):
                    folder_links.append(f"{page.relative_to(site)}:{ref.line}: {ref.url}")
    assert folder_links == []


def test_reading_record_of_every_lesson_fits_scorm12_suspend_data(scorm_zip):
    with zipfile.ZipFile(scorm_zip) as zf:
        launch = zf.read("scorm-launch.html").decode("utf-8")
        names = set(zf.namelist())
    config = json.loads(launch.split('id="coi-scorm-config">', 1)[1].split("</script>", 1)[0])
    assert config["lessons"] and set(config["lessons"]) <= names
    assert len(scorm_suspend_data(config["lessons"])) <= SUSPEND_DATA_MAX


def test_course_whose_reading_record_cannot_fit_is_refused():
    lessons = [f"lessons/{'a-long-lesson-name-' * 3}{i}.md" for i in range(80)]
    with pytest.raises(PackageError, match=r"80 lessons need \d+ characters of cmi.suspend_data"):
        scorm_launch_config(lessons)
    assert scorm_launch_config(lessons[:10])["lessons"][0].endswith("0.html")
