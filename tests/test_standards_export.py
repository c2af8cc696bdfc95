"""The open data in other standards' formats, each checked by its own ecosystem's validator:

* BPMN 2.0 against the OMG XSDs (as shipped by SpiffWorkflow's BPMN parser) with xmlschema;
* schema.org, CPSV-AP 3.2 and DCAT-AP 3 JSON-LD expanded with pyld, contexts served from local files (no
  network), and the expanded IRIs compared with SEMIC's own contexts;
* CPSV-AP and DCAT-AP checked against SEMIC's own SHACL shapes with pyshacl;
* the Frictionless Data Package with the frictionless library (metadata and every row of every table);
* the CKAN package through frictionless-ckan-mapper (the CKAN ↔ Frictionless mapping) and CKAN's own rules
  for names.

The BPMN files are opened in bpmn-js in tests/test_bpmn_browser.py.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import pytest
import SpiffWorkflow
import xmlschema
from frictionless_ckan_mapper import ckan_to_frictionless
from pyld import jsonld
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from catalogue.analysis import Sources, analyse_sources
from catalogue.export.bpmn import NAMESPACES
from catalogue.export.linked_data import schema_org, script_json, script_tag
from catalogue.export.open_data import ExportSettings, export_sop, write_export
from catalogue.export.schema import TABLES
from catalogue.layout.flowchart import lanes_of

from .conftest import MINIMAL_SOP, REPO, SEEDS, write_catalogue

CONTEXTS = Path(__file__).resolve().parent / "data" / "standards"
BPMN_XSD = Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema" / "BPMN20.xsd"
BASE = "https://sop.contoh.go.id/"
NS = NAMESPACES


def _local_contexts(url: str, options=None) -> dict:
    """pyld's document loader: schema.org's context from a local copy; anything else is a test failure (our
    CPSV-AP and DCAT-AP documents carry their contexts inline)."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"a context was fetched from the network: {url}")
    document = json.loads((CONTEXTS / "schema.org.context.jsonld").read_text(encoding="utf-8"))
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": document,
    }


def expand(document: dict, url: str) -> list[dict]:
    return jsonld.expand(document, {"base": BASE + url, "documentLoader": _local_contexts})


@pytest.fixture(scope="module")
def seeds():
    analysis = analyse_sources(Sources.at(SEEDS))
    assert not analysis.errors
    return analysis


@pytest.fixture(scope="module")
def export(seeds, tmp_path_factory):
    out = tmp_path_factory.mktemp("ekspor")
    write_export(out, seeds, ExportSettings(source_base=REPO))
    return out


@pytest.fixture(scope="module")
def bpmn_schema():
    return xmlschema.XMLSchema(str(BPMN_XSD))


# --- BPMN ---------------------------------------------------------------------------------------------------------


def test_every_seed_has_a_bpmn_file_valid_against_the_omg_schema(seeds, export, bpmn_schema):
    for sop in seeds.catalogue.sops.values():
        path = export / "bpmn" / f"{sop.id}.bpmn"
        errors = list(bpmn_schema.iter_errors(str(path)))
        assert not errors, f"{sop.id}: {errors[0]}"


def test_the_schema_check_catches_a_broken_diagram(export, bpmn_schema):
    """The validator is strict: a flow without its target, or a task in the wrong namespace, fails."""
    text = next((export / "bpmn").rglob("*.bpmn")).read_text(encoding="utf-8")
    no_target = re.sub(r' targetRef="[^"]+"', "", text, count=1)
    assert list(bpmn_schema.iter_errors(no_target))
    misplaced = text.replace("<bpmn:laneSet", "<bpmn:unknownThing", 1).replace(
        "</bpmn:laneSet>", "</bpmn:unknownThing>", 1
    )
    assert list(bpmn_schema.iter_errors(misplaced))


def _tree(export: Path, sop_id: str) -> ET.Element:
    return ET.parse(export / "bpmn" / f"{sop_id}.bpmn").getroot()


def test_bpmn_holds_one_pool_one_lane_per_role_and_one_node_per_step(seeds, export):
    for sop in seeds.catalogue.sops.values():
        root = _tree(export, sop.id)
        participants = root.findall("bpmn:collaboration/bpmn:participant", NS)
        assert [p.get("name") for p in participants] == [seeds.catalogue.agency_of(sop).nama]
        process = root.find("bpmn:process", NS)
        lanes = process.findall("bpmn:laneSet/bpmn:lane", NS)
        assert [lane.get("name") for lane in lanes] == [lane.nama for lane in lanes_of(sop)]
        # Every step is one node, in the lane of its performer.
        nodes = {
            el.get("id"): el
            for el in process
            if el.tag.split("}")[1]
            in ("task", "exclusiveGateway", "startEvent", "endEvent", "intermediateThrowEvent")
        }
        assert len(nodes) == len(sop.langkah)
        lane_of = {
            ref.text: lane.get("name") for lane in lanes for ref in lane.findall("bpmn:flowNodeRef", NS)
        }
        for step in sop.langkah:
            node = nodes[f"Langkah_{step.index + 1}"]
            kind = node.tag.split("}")[1]
            expected = {"proses": {"task"}, "keputusan": {"exclusiveGateway"}}.get(
                step.kind, {"startEvent", "endEvent", "intermediateThrowEvent"}
            )
            assert kind in expected, (sop.id, step.no, kind)
            assert node.get("name") == step.kegiatan
            if step.pelaksana in sop.pelaksana:
                assert lane_of[node.get("id")] == step.pelaksana
        assert nodes["Langkah_1"].tag.endswith("startEvent") and nodes[
            f"Langkah_{len(sop.langkah)}"
        ].tag.endswith("endEvent")


def test_decisions_are_exclusive_gateways_with_ya_and_tidak_flows(seeds, export):
    sop = seeds.catalogue.sops["kabupaten-purbalingga/kecamatan-purbalingga/mekanisme-pengukuran-kinerja"]
    root = _tree(export, sop.id)
    process = root.find("bpmn:process", NS)
    flows = process.findall("bpmn:sequenceFlow", NS)
    by_id = {f.get("id"): f for f in flows}
    decisions = [s for s in sop.langkah if s.kind == "keputusan"]
    assert decisions
    for step in decisions:
        gateway = process.find(f"bpmn:exclusiveGateway[@id='Langkah_{step.index + 1}']", NS)
        out = [by_id[o.text] for o in gateway.findall("bpmn:outgoing", NS)]
        names = {f.get("name"): f.get("targetRef") for f in out}
        numbers = {f"Langkah_{s.index + 1}": s.no for s in sop.langkah}
        assert {k: numbers[v] for k, v in names.items()} == {"Ya": step.ya, "Tidak": step.tidak}
    # Every flow is referenced by its two ends, and every flow and node is drawn.
    drawn = {s.get("bpmnElement") for s in root.iter(f"{{{NS['bpmndi']}}}BPMNShape")}
    drawn |= {e.get("bpmnElement") for e in root.iter(f"{{{NS['bpmndi']}}}BPMNEdge")}
    assert {f.get("id") for f in flows} <= drawn
    assert {f"Langkah_{s.index + 1}" for s in sop.langkah} <= drawn


def test_the_diagram_is_placed_like_our_swimlane(seeds, export):
    """Vertical lanes in pelaksana order, left to right; steps top to bottom in order; every shape inside its
    lane; flows start and end on their shapes."""
    for sop in seeds.catalogue.sops.values():
        root = _tree(export, sop.id)
        shapes = {s.get("bpmnElement"): s for s in root.iter(f"{{{NS['bpmndi']}}}BPMNShape")}

        def box(element_id: str, shapes: dict = shapes) -> tuple[float, float, float, float]:
            b = shapes[element_id].find("dc:Bounds", NS)
            return tuple(float(b.get(k)) for k in ("x", "y", "width", "height"))

        assert shapes["Instansi"].get("isHorizontal") == "false"
        lanes = root.findall("bpmn:process/bpmn:laneSet/bpmn:lane", NS)
        lane_boxes = [box(lane.get("id")) for lane in lanes]
        assert [b[0] for b in lane_boxes] == sorted(b[0] for b in lane_boxes)
        tops = [box(f"Langkah_{s.index + 1}")[1] for s in sop.langkah]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)
        for lane, (lx, _, lw, _) in zip(lanes, lane_boxes, strict=True):
            for ref in lane.findall("bpmn:flowNodeRef", NS):
                x, _, w, _ = box(ref.text)
                assert lx <= x and x + w <= lx + lw, (sop.id, ref.text)
        flows = {f.get("id"): f for f in root.iter(f"{{{NS['bpmn']}}}sequenceFlow")}
        for edge in root.iter(f"{{{NS['bpmndi']}}}BPMNEdge"):
            flow = flows[edge.get("bpmnElement")]
            points = [(float(p.get("x")), float(p.get("y"))) for p in edge.findall("di:waypoint", NS)]
            for (px, py), end in ((points[0], "sourceRef"), (points[-1], "targetRef")):
                x, y, w, h = box(flow.get(end))
                assert x - 0.5 <= px <= x + w + 0.5 and y - 0.5 <= py <= y + h + 0.5, (sop.id, flow.get("id"))
            # Axis-parallel segments, as on the page.
            for (x1, y1), (x2, y2) in itertools.pairwise(points):
                assert x1 == x2 or y1 == y2


def test_an_inferred_performer_is_documented_as_inferred(tmp_path):
    sop = MINIMAL_SOP.replace(
        "    pelaksana: Sekcam\n",
        "    pelaksana: Sekcam\n    pelaksana_status: disimpulkan\n"
        "    pelaksana_alasan: kolom tidak jelas pada pindaian\n",
    )
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": sop})
    analysis = analyse_sources(Sources.at(root))
    assert not analysis.errors, analysis.errors
    write_export(tmp_path / "out", analysis, ExportSettings(source_base=tmp_path))
    tree = ET.parse(tmp_path / "out" / "bpmn" / "kab-uji" / "kec-uji" / "laporan.bpmn").getroot()
    docs = {
        t.get("id"): (t.findtext("bpmn:documentation", "", NS)) for t in tree.iter(f"{{{NS['bpmn']}}}task")
    }
    assert "disimpulkan katalog" in docs["Langkah_2"] and "kolom tidak jelas" in docs["Langkah_2"]


# --- schema.org ---------------------------------------------------------------------------------------------------

SCHEMA = "http://schema.org/"


def _revoked_catalogue(tmp_path: Path):
    root = write_catalogue(
        tmp_path / "sops",
        {
            "laporan.yml": MINIMAL_SOP.replace(
                "  - Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
                "  - Peraturan Pemerintah Nomor 58 Tahun 2005 tentang Pengelolaan Keuangan Daerah\n"
                "  - Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah\n"
                "  - Perbup Nomor 5 Tahun 2020 tentang Tata Kerja",
            ).replace(
                "    output: Laporan\n",
                "    output: Laporan\n    kelengkapan: [Draf laporan, Data kinerja]\n",
            )
        },
    )
    registry = tmp_path / "peraturan.yml"
    registry.write_text(
        "peraturan:\n"
        "  - {jenis: Peraturan Pemerintah, nomor: '58', tahun: '2005', tentang: Pengelolaan Keuangan Daerah,\n"
        "     status: dicabut, dicabut_oleh: [PP Nomor 12 Tahun 2019], sumber: 'PP 12/2019, Pasal 285'}\n"
        "  - {jenis: Peraturan Pemerintah, nomor: '12', tahun: '2019', tentang: Pengelolaan Keuangan Daerah,\n"
        "     status: berlaku, sumber: peraturan.go.id}\n",
        encoding="utf-8",
    )
    analysis = analyse_sources(Sources.at(root, registry=registry))
    assert not analysis.errors, analysis.errors
    return analysis


def _values(node: dict, prop: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(prop, [])]


def test_schema_org_government_service_expands_with_provider_area_steps_and_legal_bases(tmp_path):
    analysis = _revoked_catalogue(tmp_path)
    sop = analysis.catalogue.sops["kab-uji/kec-uji/laporan"]
    doc = export_sop(sop, analysis)
    [service] = expand(schema_org(doc), doc["halaman"])
    assert service["@type"] == [SCHEMA + "GovernmentService"]
    assert service["@id"] == BASE + "kab-uji/kec-uji/laporan/"
    assert _values(service, SCHEMA + "name") == [sop.nama]
    [provider] = service[SCHEMA + "provider"]
    assert provider["@type"] == [SCHEMA + "GovernmentOrganization"]
    assert _values(provider, SCHEMA + "name") == [analysis.catalogue.agency_of(sop).nama]
    assert provider["@id"] == BASE + "kab-uji/kec-uji/"
    [area] = service[SCHEMA + "areaServed"]
    assert _values(area, SCHEMA + "name") == ["Kabupaten Uji"]
    [howto] = service[SCHEMA + "subjectOf"]
    assert howto["@type"] == [SCHEMA + "HowTo"]
    steps = howto[SCHEMA + "step"]
    assert [s["@type"] for s in steps] == [[SCHEMA + "HowToStep"]] * 3
    assert [_values(s, SCHEMA + "text")[0] for s in steps] == [s.kegiatan for s in sop.langkah]
    assert [_values(s, SCHEMA + "position")[0] for s in steps] == [1, 2, 3]
    laws = {law["@id"].rsplit("/", 2)[1]: law for law in howto[SCHEMA + "isBasedOn"]}
    assert set(laws) == {
        "peraturan-pemerintah-58-2005",
        "peraturan-pemerintah-12-2019",
        "peraturan-bupati-uji-5-2020",
    }
    assert all(law["@type"] == [SCHEMA + "Legislation"] for law in laws.values())
    force = {k: _values(v, SCHEMA + "legislationLegalForce") for k, v in laws.items()}
    assert force == {
        "peraturan-pemerintah-58-2005": ["https://schema.org/NotInForce"],
        "peraturan-pemerintah-12-2019": ["https://schema.org/InForce"],
        "peraturan-bupati-uji-5-2020": [],  # the registry does not know it: no status is claimed
    }


@pytest.mark.parametrize(
    "name",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "A & B </SCRIPT >\u2028\u2029",
        "]]></script>",
    ],
)
def test_json_ld_in_a_script_element_cannot_be_closed_by_the_data(name):
    document = {"@context": "https://schema.org", "name": name}
    tag = script_tag(document)
    inner = tag.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == document  # the escapes are JSON's own: the data reads back unchanged
    assert script_json(document) == inner


# --- CPSV-AP ------------------------------------------------------------------------------------------------------


def _official_cpsv() -> dict:
    return json.loads((CONTEXTS / "cpsv-ap-3.2.0.context.jsonld").read_text(encoding="utf-8"))["@context"]


def test_cpsv_ap_expands_to_the_iris_of_semics_cpsv_ap_3_2_context(tmp_path):
    analysis = _revoked_catalogue(tmp_path)
    out = tmp_path / "out"
    write_export(out, analysis, ExportSettings(source_base=tmp_path))
    url = "data/cpsv/kab-uji/kec-uji/laporan.jsonld"
    document = json.loads(
        (out / "cpsv" / "kab-uji" / "kec-uji" / "laporan.jsonld").read_text(encoding="utf-8")
    )
    [service] = expand(document, url)
    official = _official_cpsv()

    def prop(cls: str, term: str) -> str:
        return official[f"{cls}.{term}"]["@id"]

    assert service["@type"] == [official["PublicService"]]
    assert service["@id"] == BASE + "kab-uji/kec-uji/laporan/"
    assert _values(service, prop("PublicService", "name")) == ["Penyusunan Laporan Kinerja"]
    [authority] = service[prop("PublicService", "hasCompetentAuthority")]
    assert authority["@type"] == [official["PublicOrganization"]]
    assert authority["@id"] == BASE + "kab-uji/kec-uji/"
    assert _values(authority, prop("PublicOrganization", "preferredLabel")) == ["Kecamatan Uji"]
    [spatial] = authority[prop("PublicOrganization", "spatial")]
    assert spatial["@type"] == [official["Location"]]

    legal = {r["@id"].rsplit("/", 2)[1]: r for r in service[prop("PublicService", "hasLegalResource")]}
    assert set(legal) == {
        "peraturan-pemerintah-58-2005",
        "peraturan-pemerintah-12-2019",
        "peraturan-bupati-uji-5-2020",
    }
    assert all(r["@type"] == [official["LegalResource"]] for r in legal.values())
    eli = "http://data.europa.eu/eli/ontology#"
    revoked = legal["peraturan-pemerintah-58-2005"]
    assert _values(revoked, eli + "in_force") == [eli + "InForce-notInForce"]
    assert _values(revoked, eli + "repealed_by") == [BASE + "peraturan/peraturan-pemerintah-12-2019/"]
    assert _values(legal["peraturan-pemerintah-12-2019"], eli + "in_force") == [eli + "InForce-inForce"]
    assert eli + "in_force" not in legal["peraturan-bupati-uji-5-2020"]

    inputs = service[prop("PublicService", "hasInput")]
    assert all(i["@type"] == [official["Evidence"]] for i in inputs)
    assert [_values(i, prop("Evidence", "name"))[0] for i in inputs] == ["Draf laporan", "Data kinerja"]
    outputs = service[prop("PublicService", "produces")]
    assert all(o["@type"] == [official["Output"]] for o in outputs)
    assert [_values(o, prop("Output", "name"))[0] for o in outputs] == [
        "Disposisi",
        "Draf laporan",
        "Laporan",
    ]


def test_every_seed_has_a_cpsv_ap_document(seeds, export):
    official = _official_cpsv()
    for sop in seeds.catalogue.sops.values():
        url = f"data/cpsv/{sop.id}.jsonld"
        [service] = expand(
            json.loads((export / "cpsv" / f"{sop.id}.jsonld").read_text(encoding="utf-8")), url
        )
        assert service["@type"] == [official["PublicService"]]
        assert service["@id"] == BASE + sop.id + "/"
        assert len(service[official["PublicService.hasCompetentAuthority"]["@id"]]) == 1


# --- DCAT-AP, Frictionless, CKAN ----------------------------------------------------------------------------------

DCAT_CLASSES = {
    "Catalogue": "Catalogue",
    "Dataset": "Dataset",
    "Distribution": "Distribution",
    "Agent": "Agent",
}


def test_dcat_ap_catalogue_uses_only_dcat_ap_3_classes_and_their_properties(seeds, export):
    document = json.loads((export / "dcat.jsonld").read_text(encoding="utf-8"))
    nodes = expand(document, "data/dcat.jsonld")
    official = json.loads((CONTEXTS / "dcat-ap-3.0.1.context.jsonld").read_text(encoding="utf-8"))["@context"]
    classes = {official[name]["@id"]: name for name in DCAT_CLASSES}
    allowed = {
        iri: {d["@id"] if isinstance(d, dict) else d for d in official[name]["@context"].values()}
        for iri, name in classes.items()
    }
    by_type: dict[str, list[dict]] = {}

    def walk(node: dict) -> None:
        for t in node.get("@type", []):
            by_type.setdefault(t, []).append(node)
        for key, values in node.items():
            if not key.startswith("@"):
                for v in values:
                    if isinstance(v, dict) and "@type" in v and "@value" not in v:
                        walk(v)

    for node in nodes:
        walk(node)
    assert set(classes) <= set(by_type), set(classes) - set(by_type)
    for iri, found in by_type.items():
        if iri not in classes:  # a referenced resource typed as DCAT-AP's range asks (a licence document, …)
            assert all(set(node) == {"@id", "@type"} for node in found), iri
            continue
        for node in found:
            used = {k for k in node if not k.startswith("@")}
            assert used <= allowed[iri], (classes[iri], used - allowed[iri])
    dcat, dct = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
    [catalog] = by_type[dcat + "Catalog"]
    for mandatory in (dct + "title", dct + "description", dct + "publisher"):
        assert catalog.get(mandatory), mandatory
    datasets = by_type[dcat + "Dataset"]
    assert len(datasets) == 1 + len(seeds.catalogue.sops)
    assert {d["@id"] for d in datasets} == {c["@id"] for c in catalog[dcat + "dataset"]}
    for dataset in datasets:
        assert dataset.get(dct + "title") and dataset.get(dct + "description")
    # Every distribution's download address is a file of the export.
    for distribution in by_type[dcat + "Distribution"]:
        [access] = distribution[dcat + "accessURL"]
        rel = access["@id"].removeprefix(BASE + "data/")
        assert (export / rel).is_file(), rel
    files = {
        d[dcat + "downloadURL"][0]["@id"].removeprefix(BASE + "data/") for d in by_type[dcat + "Distribution"]
    }
    for sop in seeds.catalogue.sops.values():
        assert {f"sop/{sop.id}.json", f"bpmn/{sop.id}.bpmn", f"cpsv/{sop.id}.jsonld"} <= files
    assert {"katalog.json", *(f"{t.name}.csv" for t in TABLES)} <= files


def test_data_package_is_valid_and_every_table_passes_its_schema(export):
    report = frictionless.validate(str(export / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((export / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == [t.name for t in TABLES]
    for resource, table in zip(package["resources"], TABLES, strict=True):
        assert [f["name"] for f in resource["schema"]["fields"]] == table.header


def test_data_package_validation_catches_a_bad_cell(export, tmp_path):
    """frictionless really reads the rows: a step number that is not an integer fails."""
    import shutil

    copy_dir = tmp_path / "ekspor"
    shutil.copytree(export, copy_dir)
    langkah = copy_dir / "langkah.csv"
    lines = langkah.read_text(encoding="utf-8").splitlines(True)
    header = lines[0].rstrip("\n").split(",")
    position = header.index("urutan")
    row = lines[1].split(",")
    row[position] = "satu"
    lines[1] = ",".join(row)
    langkah.write_text("".join(lines), encoding="utf-8")
    assert not frictionless.validate(str(copy_dir / "datapackage.json")).valid


def test_ckan_package_is_shaped_like_package_show_and_maps_to_a_valid_data_package(export):
    answer = json.loads((export / "ckan-package.json").read_text(encoding="utf-8"))
    assert answer["success"] is True and set(answer) == {"help", "success", "result"}
    result = answer["result"]
    # CKAN's package schema: name_validator (2-100 of a-z 0-9 - _), required title, resources with url.
    assert re.fullmatch(r"[a-z0-9_-]{2,100}", result["name"])
    assert result["license_id"] == "cc-by"
    assert result["num_resources"] == len(result["resources"])
    for resource in result["resources"]:
        assert resource["url"] and resource["format"]
        assert (export / "ckan-package.json").parent.joinpath(resource["url"]).is_file(), resource["url"]
    descriptor = ckan_to_frictionless.dataset(copy.deepcopy(result))
    # The mapper passes CKAN's own `type` ("dataset") through; in a Data Package `type` names a profile.
    assert descriptor.pop("type") == "dataset"
    descriptor["resources"] = [
        {**r, "path": r["path"], "name": re.sub(r"[^a-z0-9._-]", "-", r["name"].lower())}
        for r in descriptor["resources"]
    ]
    report = frictionless.Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])
    package = frictionless.Package.from_descriptor(descriptor, basepath=str(export))
    assert package.title == result["title"] and package.licenses[0]["name"] == "cc-by"
    assert all(resource.path and (export / resource.path).is_file() for resource in package.resources)


def test_committed_table_schemas_are_generated_from_the_column_dictionary(tmp_path, monkeypatch):
    """schema/ekspor/tabel-csv.tableschema.json is what `sop export --write-schemas` writes, and each of its
    Table Schemas is valid for frictionless."""
    from click.testing import CliRunner

    from catalogue.cli.main import main
    from catalogue.export.harvest import TABLE_SCHEMAS, table_schemas_text

    assert (REPO / TABLE_SCHEMAS).read_text(encoding="utf-8") == table_schemas_text()
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["export", "--write-schemas"]).exit_code == 0
    assert (tmp_path / TABLE_SCHEMAS).read_text(encoding="utf-8") == table_schemas_text()
    for name, schema in json.loads(table_schemas_text())["tabel"].items():
        report = frictionless.Schema.validate_descriptor(schema)
        assert report.valid, (name, report.flatten(["note"]))


LOOPING_SOP = (
    MINIMAL_SOP.split("langkah:\n")[0]
    + """langkah:
  - no: 1
    kegiatan: Mulai
    jenis: terminator
    pelaksana: Camat
  - no: 2
    kegiatan: Menyusun laporan
  - no: 3
    kegiatan: Apakah laporan lengkap?
    jenis: keputusan
    pelaksana: Camat
    ya: 4
    tidak: 2
  - no: 4
    kegiatan: Selesai
    jenis: terminator
    pelaksana: Sekcam
"""
)


def test_a_loop_and_a_step_without_performer_make_a_valid_diagram(tmp_path, bpmn_schema):
    """A "Tidak" back to an earlier step is a flow along the gutter; a step whose performer is not known sits
    in the "Belum ditentukan" lane, as on the page."""
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": LOOPING_SOP})
    analysis = analyse_sources(Sources.at(root))
    assert not analysis.errors, analysis.errors
    write_export(tmp_path / "out", analysis, ExportSettings(source_base=tmp_path))
    path = tmp_path / "out" / "bpmn" / "kab-uji" / "kec-uji" / "laporan.bpmn"
    assert not list(bpmn_schema.iter_errors(str(path)))
    tree = ET.parse(path).getroot()
    process = tree.find("bpmn:process", NS)
    lanes = {
        lane.get("name"): [r.text for r in lane.findall("bpmn:flowNodeRef", NS)]
        for lane in process.findall("bpmn:laneSet/bpmn:lane", NS)
    }
    assert lanes == {
        "Camat": ["Langkah_1", "Langkah_3"],
        "Sekcam": ["Langkah_4"],
        "Belum ditentukan": ["Langkah_2"],
    }
    kinds = {el.get("id"): el.tag.split("}")[1] for el in process if el.get("id", "").startswith("Langkah_")}
    assert kinds == {
        "Langkah_1": "startEvent",
        "Langkah_2": "task",
        "Langkah_3": "exclusiveGateway",
        "Langkah_4": "endEvent",
    }
    flows = {
        (f.get("sourceRef"), f.get("targetRef"), f.get("name"))
        for f in process.findall("bpmn:sequenceFlow", NS)
    }
    assert flows == {
        ("Langkah_1", "Langkah_2", None),
        ("Langkah_2", "Langkah_3", None),
        ("Langkah_3", "Langkah_4", "Ya"),
        ("Langkah_3", "Langkah_2", "Tidak"),
    }
    edges = {e.get("bpmnElement"): e for e in tree.iter(f"{{{NS['bpmndi']}}}BPMNEdge")}
    back = next(f.get("id") for f in process.findall("bpmn:sequenceFlow", NS) if f.get("name") == "Tidak")
    points = [(float(p.get("x")), float(p.get("y"))) for p in edges[back].findall("di:waypoint", NS)]
    assert len(points) == 4 and points[-1][1] < points[0][1]  # up the gutter, back to step 2


def test_values_awaiting_review_are_said_so_in_cpsv_ap_and_bpmn(tmp_path):
    source = MINIMAL_SOP.replace(
        'nomor: "001/SOP/2024"', 'nomor: "001/SOP/2024"  # PERIKSA: nomor tidak terbaca'
    )
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": source})
    analysis = analyse_sources(Sources.at(root))
    assert not analysis.errors, analysis.errors
    out = tmp_path / "out"
    write_export(out, analysis, ExportSettings(source_base=tmp_path))
    cpsv = json.loads((out / "cpsv" / "kab-uji" / "kec-uji" / "laporan.jsonld").read_text(encoding="utf-8"))
    assert "belum ditinjau" in cpsv["description"]
    tree = ET.parse(out / "bpmn" / "kab-uji" / "kec-uji" / "laporan.bpmn").getroot()
    assert "belum ditinjau" in tree.find("bpmn:process/bpmn:documentation", NS).text
    # A reviewed SOP claims nothing of the kind.
    reviewed = _revoked_catalogue(tmp_path / "bersih")
    write_export(tmp_path / "out2", reviewed, ExportSettings(source_base=tmp_path))
    clean = json.loads(
        (tmp_path / "out2" / "cpsv" / "kab-uji" / "kec-uji" / "laporan.jsonld").read_text("utf-8")
    )
    assert "belum ditinjau" not in clean["description"]


#: pyshacl 0.40 uses rdflib's Dataset API that rdflib 7.6 deprecates (thousands of warnings, none ours).
RDFLIB_DATASET_DEPRECATIONS = pytest.mark.filterwarnings(
    r"ignore:Dataset\.\w+ is deprecated:DeprecationWarning"
)


def _shacl_violations(document: dict, url: str, shapes: str) -> list[str]:
    """SEMIC's SHACL shapes over the document's RDF (pyld turns the JSON-LD into N-Quads, rdflib reads them)."""
    quads = jsonld.to_rdf(
        document, {"base": BASE + url, "format": "application/n-quads", "documentLoader": _local_contexts}
    )
    data = Graph().parse(data=quads, format="nt")  # one graph: N-Quads lines are N-Triples
    assert len(data) > 10
    conforms, report, _ = shacl_validate(
        data, shacl_graph=str(CONTEXTS / shapes), shacl_graph_format="turtle", inference="none"
    )
    return [
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: {report.value(r, SH.resultMessage)}"
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    ]


@RDFLIB_DATASET_DEPRECATIONS
def test_cpsv_ap_documents_conform_to_semics_shacl_shapes(seeds, export, tmp_path):
    for sop in seeds.catalogue.sops.values():
        document = json.loads((export / "cpsv" / f"{sop.id}.jsonld").read_text(encoding="utf-8"))
        assert _shacl_violations(document, f"data/cpsv/{sop.id}.jsonld", "cpsv-ap-3.2.0.shacl.ttl") == []
    analysis = _revoked_catalogue(tmp_path)  # revoked and amended regulations, kelengkapan, outputs
    write_export(tmp_path / "out", analysis, ExportSettings(source_base=tmp_path))
    url = "data/cpsv/kab-uji/kec-uji/laporan.jsonld"
    document = json.loads((tmp_path / "out" / url.removeprefix("data/")).read_text(encoding="utf-8"))
    assert _shacl_violations(document, url, "cpsv-ap-3.2.0.shacl.ttl") == []
    # The shapes do check: an Evidence without its identifier is a violation.
    del document["hasInput"][0]["identifier"]
    assert _shacl_violations(document, url, "cpsv-ap-3.2.0.shacl.ttl")


@RDFLIB_DATASET_DEPRECATIONS
def test_dcat_ap_catalogue_conforms_to_semics_shacl_shapes(export):
    document = json.loads((export / "dcat.jsonld").read_text(encoding="utf-8"))
    assert _shacl_violations(document, "data/dcat.jsonld", "dcat-ap-3.0.1.shacl.ttl") == []
    # The shapes do check: a distribution without its access URL is a violation.
    distribution = document["@graph"][2]["dcat:distribution"][0]
    del distribution["dcat:accessURL"]
    assert _shacl_violations(document, "data/dcat.jsonld", "dcat-ap-3.0.1.shacl.ttl")
