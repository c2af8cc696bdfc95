"""Real builds: the SOP page carries its schema.org JSON-LD in its head (escaped: data cannot close the script
element) and links its BPMN diagram, which the build publishes under data/bpmn/; other pages carry none."""

from __future__ import annotations

import json
import posixpath
import re

import pytest

from .conftest import MINIMAL_SOP, write_catalogue
from .sitebuild import build_site
from .test_standards_export import SCHEMA, expand

HOSTILE = "Laporan </script><script>window.diserang=1</script> <!-- & Kinerja"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("proj")
    source = MINIMAL_SOP.replace("nama: Penyusunan Laporan Kinerja", f"nama: {json.dumps(HOSTILE)}").replace(
        "kegiatan: Menyusun laporan", 'kegiatan: "Menyusun </SCRIPT> laporan"'
    )
    root = write_catalogue(project / "content" / "sops", {"laporan.yml": source})
    return build_site(project, root)


def _json_ld(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)


def test_sop_page_carries_schema_org_json_ld_that_no_text_can_break_out_of(site):
    url = "kab-uji/kec-uji/laporan/"
    html = site.html(url)
    [inner] = _json_ld(html)
    # In the head: inside the content, Material's instant navigation would run it as JavaScript.
    assert html.index('<script type="application/ld+json">') < html.index("</head>")
    assert "<" not in inner and ">" not in inner
    assert "<script>window.diserang" not in html, "the name reached the HTML unescaped"
    document = json.loads(inner)
    assert document["name"] == HOSTILE
    [service] = expand(document, url)
    assert service["@type"] == [SCHEMA + "GovernmentService"]
    # The site's address is known, so the IRIs are absolute under it (as in the exported CPSV-AP).
    assert service["@id"] == site.config.site_url.rstrip("/") + "/" + url
    [howto] = service[SCHEMA + "subjectOf"]
    assert [s[SCHEMA + "text"][0]["@value"] for s in howto[SCHEMA + "step"]][
        1
    ] == "Menyusun </SCRIPT> laporan"


def test_sop_page_links_its_bpmn_diagram(site):
    url = "kab-uji/kec-uji/laporan/"
    match = re.search(
        r'<a href="([^"]+)" type="application/bpmn\+xml" download>Unduh BPMN</a>', site.html(url)
    )
    assert match, "the SOP page has no 'Unduh BPMN' link"
    target = posixpath.normpath(posixpath.join(url, match.group(1)))
    assert target == "data/bpmn/kab-uji/kec-uji/laporan.bpmn"
    text = (site.site / target).read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>') and "window.diserang=1" in text
    assert "<script>" not in text  # XML-escaped: &lt;script&gt;


def test_only_sop_pages_carry_json_ld(site):
    assert _json_ld(site.html("kab-uji/kec-uji/")) == []
    assert _json_ld(site.html("")) == []
