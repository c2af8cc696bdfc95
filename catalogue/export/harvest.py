"""The open data described for the tools that harvest it: DCAT-AP 3, CKAN and Frictionless Data.

* :func:`dcat_ap` — ``data/dcat.jsonld``: a DCAT-AP 3 ``dcat:Catalog`` (JSON-LD, its context inline) with
  one dataset for the whole catalogue (``katalog.json``, every CSV table, the column dictionary, the Data
  Package) and one per SOP (its JSON document, its BPMN diagram, its CPSV-AP description).
* :func:`ckan_package` — ``data/ckan-package.json``: the catalogue as one CKAN package, shaped like the
  answer of CKAN's ``package_show`` action (``help``, ``success``, ``result``), since Indonesia's data portals
  (Satu Data) run CKAN: a portal can harvest it or create the package from its ``result``.
* :func:`data_package` — ``data/datapackage.json``: a Frictionless Data Package of the CSV tables, each with
  its Table Schema. The fields come from the column dictionary (:data:`catalogue.export.schema.TABLES`):
  the columns are declared once.

Licence, publisher and description are those of ``content/katalog.yml``; a licence never stated is never
written (DCAT's ``dct:license``, CKAN's ``license_id`` and the Data Package's ``licenses`` stay out).
URLs are absolute under a known site address, else relative to the describing file (both JSON-LD and the
Data Package resolve them against the file's own place).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from catalogue import urls
from catalogue.source.catalogue_meta import CatalogueMeta
from catalogue.text import slugify

from .linked_data import iri
from .schema import FORMAT_VERSION, LIST_SEPARATOR, TABLES, Table

Document = dict[str, Any]

LANGUAGE_IRI = "http://publications.europa.eu/resource/authority/language/IND"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
BPMN_SPEC = "https://www.omg.org/spec/BPMN/2.0.2/"
CPSV_AP_SPEC = "https://semiceu.github.io/CPSV-AP/releases/3.2.0/"
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

DCAT_CONTEXT: Document = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: SPDX licence ids and the ids CKAN's default licence list gives the same licences.
CKAN_LICENCES = {
    "CC-BY-4.0": "cc-by",
    "CC-BY-SA-4.0": "cc-by-sa",
    "CC0-1.0": "cc-zero",
    "ODbL-1.0": "odc-odbl",
    "ODC-By-1.0": "odc-by",
    "PDDL-1.0": "odc-pddl",
}

#: Where the Table Schemas of the CSV tables are committed (relative to the repository).
TABLE_SCHEMAS = "schema/ekspor/tabel-csv.tableschema.json"

#: The column dictionary's value kinds as Table Schema field types.
FIELD_TYPES = {
    "teks": "string",
    "bilangan bulat": "integer",
    "bilangan": "number",
    "tanggal": "date",
    "true/false": "boolean",
    "daftar teks": "string",
}

#: Keys of the tables (Table Schema ``primaryKey``), and the tables whose ``sop_id`` names a row of ``sop``.
PRIMARY_KEYS = {
    "sop": ["sop_id"],
    "langkah": ["sop_id", "urutan"],
    "peran": ["sop_id", "urutan"],
    "instansi": ["instansi_id"],
}


@dataclass(frozen=True)
class SopEntry:
    """What the descriptions say of one SOP (kept while the export streams the SOPs)."""

    id: str
    nama: str
    nomor: str
    instansi: str
    pemda: str
    tanggal_efektif: str | None

    @classmethod
    def of(cls, doc: Document) -> SopEntry:
        return cls(
            doc["id"],
            doc["nama"],
            doc["nomor"],
            doc["instansi"]["nama"],
            doc["pemda"]["nama"],
            doc["tanggal_efektif"],
        )


def _text(value: str) -> Document:
    return {"@value": value, "@language": "id"}


def _ref(value: str, kind: str | None = None) -> Document:
    """A reference to another resource; ``kind`` types it as DCAT-AP's ranges ask (e.g. a licence is a
    ``dct:LicenseDocument``), so SEMIC's SHACL shapes can check it without fetching it."""
    return {"@id": value, "@type": kind} if kind else {"@id": value}


def _description(meta: CatalogueMeta) -> str:
    return meta.deskripsi or f"{meta.nama}: SOP Administrasi Pemerintahan sebagai data terbuka."


# --- DCAT-AP 3 ------------------------------------------------------------------------------------------------


def dcat_ap(meta: CatalogueMeta, sops: list[SopEntry], site_url: str | None = None) -> Document:
    """The DCAT-AP 3 catalogue of the open data."""
    here_url = urls.dcat_catalogue()

    def here(url: str) -> str:
        return iri(url, here_url, site_url)

    licence = [_ref(meta.lisensi.url, "dct:LicenseDocument")] if meta.lisensi and meta.lisensi.url else []
    publisher: Document = {"@id": here(urls.data_page()) + "#penerbit", "@type": "foaf:Agent"}
    publisher["foaf:name"] = meta.penerbit or meta.nama

    def distribution(url: str, title: str, file_type: str, media: str, conforms: str | None) -> Document:
        item: Document = {
            "@id": here(url) + "#distribusi",
            "@type": "dcat:Distribution",
            "dct:title": _text(title),
            "dcat:accessURL": _ref(here(url)),
            "dcat:downloadURL": _ref(here(url)),
            "dct:format": _ref(FILE_TYPE + file_type, "dct:MediaTypeOrExtent"),
            "dcat:mediaType": _ref(MEDIA_TYPE + media, "dct:MediaType"),
        }
        if conforms:
            item["dct:conformsTo"] = _ref(conforms, "dct:Standard")
        if licence:
            item["dct:license"] = licence[0]
        return item

    def dataset(ident: str, title: str, description: str, distributions: list[Document], **more) -> Document:
        item: Document = {
            "@id": here(ident) + ("#dataset" if ident.endswith("/") else ""),
            "@type": "dcat:Dataset",
            "dct:identifier": ident,
            "dct:title": _text(title),
            "dct:description": _text(description),
            "dct:publisher": _ref(publisher["@id"]),
            "dct:language": _ref(LANGUAGE_IRI, "dct:LinguisticSystem"),
            "dcat:distribution": distributions,
            **more,
        }
        return item

    whole = dataset(
        urls.data_page(),
        meta.nama,
        _description(meta),
        [
            distribution(
                urls.catalogue_json(),
                "Seluruh katalog (JSON)",
                "JSON",
                "application/json",
                here(urls.export_schema("katalog")),
            ),
            *(
                distribution(
                    urls.csv_table(t.name), f"Tabel {t.title.lower()} (CSV)", "CSV", "text/csv", None
                )
                for t in TABLES
            ),
            distribution(urls.column_dictionary(), "Kamus kolom (CSV)", "CSV", "text/csv", None),
            distribution(
                urls.data_package(),
                "Paket data Frictionless tabel CSV",
                "JSON",
                "application/json",
                DATA_PACKAGE_PROFILE,
            ),
        ],
        **{"dcat:landingPage": _ref(here(urls.data_page()), "foaf:Document")},
    )
    per_sop = [
        dataset(
            urls.sop(s.id),
            f"SOP {s.nama}",
            f"SOP Nomor {s.nomor}, {s.instansi}, {s.pemda}.",
            [
                distribution(
                    urls.sop_json(s.id),
                    "Data SOP (JSON)",
                    "JSON",
                    "application/json",
                    here(urls.export_schema("sop")),
                ),
                distribution(
                    urls.sop_bpmn(s.id), "Diagram proses BPMN 2.0", "XML", "application/xml", BPMN_SPEC
                ),
                distribution(
                    urls.sop_cpsv(s.id),
                    "Layanan publik CPSV-AP (JSON-LD)",
                    "JSON_LD",
                    "application/ld+json",
                    CPSV_AP_SPEC,
                ),
            ],
            **{"dcat:landingPage": _ref(here(urls.sop(s.id)), "foaf:Document")},
            **(
                {"dct:issued": {"@value": s.tanggal_efektif, "@type": "xsd:date"}}
                if s.tanggal_efektif
                else {}
            ),
        )
        for s in sops
    ]
    catalog: Document = {
        "@id": here(urls.data_page()) + "#katalog",
        "@type": "dcat:Catalog",
        "dct:title": _text(meta.nama),
        "dct:description": _text(_description(meta)),
        "dct:publisher": _ref(publisher["@id"]),
        "dct:language": _ref(LANGUAGE_IRI, "dct:LinguisticSystem"),
        "foaf:homepage": _ref(here(urls.home()), "foaf:Document"),
        "dcat:dataset": [_ref(d["@id"]) for d in [whole, *per_sop]],
    }
    if licence:
        catalog["dct:license"] = licence[0]
    if meta.kontak:
        catalog["dcat:contactPoint"] = {"@type": "vcard:Kind", "vcard:fn": meta.kontak}
    return {"@context": DCAT_CONTEXT, "@graph": [catalog, publisher, whole, *per_sop]}


# --- CKAN -------------------------------------------------------------------------------------------------------


def ckan_name(text: str) -> str:
    """A CKAN package name: lowercase letters, digits, ``-`` and ``_``, 2 to 100 characters."""
    name = slugify(text, max_length=100)  # accents folded ("é" -> "e"), not a word break
    return name if len(name) >= 2 else "katalog-sop"


def ckan_package(meta: CatalogueMeta, sop_count: int, site_url: str | None = None) -> Document:
    """The catalogue as a CKAN package, shaped like the answer of ``package_show``."""
    here_url = urls.ckan_package()

    def here(url: str) -> str:
        return iri(url, here_url, site_url)

    def resource(url: str, name: str, description: str, fmt: str, mimetype: str) -> Document:
        return {
            "name": name,
            "description": description,
            "format": fmt,
            "mimetype": mimetype,
            "url": here(url),
        }

    resources = [
        resource(
            urls.catalogue_json(),
            "katalog.json",
            "Seluruh katalog dalam satu dokumen JSON.",
            "JSON",
            "application/json",
        ),
        *(
            resource(
                urls.csv_table(t.name),
                f"{t.name}.csv",
                f"Tabel {t.title.lower()}: satu baris = {t.row}.",
                "CSV",
                "text/csv",
            )
            for t in TABLES
        ),
        resource(
            urls.column_dictionary(), "kamus-kolom.csv", "Kamus kolom semua tabel CSV.", "CSV", "text/csv"
        ),
        resource(
            urls.data_package(),
            "datapackage.json",
            "Paket data Frictionless tabel CSV.",
            "JSON",
            "application/json",
        ),
        resource(
            urls.dcat_catalogue(),
            "dcat.jsonld",
            "Katalog DCAT-AP 3, termasuk berkas per SOP (JSON, BPMN, CPSV-AP).",
            "JSON-LD",
            "application/ld+json",
        ),
    ]
    for position, item in enumerate(resources):
        item["position"] = position
    lic = meta.lisensi
    result: Document = {
        "name": ckan_name(meta.nama),
        "title": meta.nama,
        "notes": _description(meta),
        "type": "dataset",
        "state": "active",
        "private": False,
        "version": str(FORMAT_VERSION),
        "url": here(urls.home()),
        "author": meta.penerbit,
        "maintainer": meta.penerbit,
        "maintainer_email": meta.kontak if meta.kontak and "@" in meta.kontak else None,
        "license_id": CKAN_LICENCES.get(lic.id, lic.id) if lic else None,
        "license_title": lic.nama if lic else None,
        "license_url": lic.url if lic else None,
        "tags": [{"name": t} for t in ("SOP", "administrasi-pemerintahan", "prosedur", "pemerintah-daerah")],
        "extras": [
            {"key": "versi_format", "value": str(FORMAT_VERSION)},
            {"key": "jumlah_sop", "value": str(sop_count)},
            {"key": "bahasa", "value": "id"},
            {"key": "dcat_ap", "value": here(urls.dcat_catalogue())},
        ],
        "num_resources": len(resources),
        "resources": resources,
    }
    result["num_tags"] = len(result["tags"])
    if meta.penerbit:
        result["organization"] = {"name": ckan_name(meta.penerbit), "title": meta.penerbit}
    return {
        "help": "Metadata paket data terbuka katalog ini, berbentuk jawaban aksi package_show CKAN.",
        "success": True,
        "result": result,
    }


# --- Frictionless Data Package ------------------------------------------------------------------------------------


def table_schema(table: Table) -> Document:
    """The Table Schema of one CSV table, from the column dictionary."""
    fields = []
    for column in table.columns:
        field: Document = {
            "name": column.name,
            "type": FIELD_TYPES[column.type],
            "description": column.meaning,
        }
        if column.type == "daftar teks":
            field["description"] += f" Beberapa nilai dipisah '{LIST_SEPARATOR.strip()}'."
        if column.type == "true/false":
            field["trueValues"] = ["true"]
            field["falseValues"] = ["false"]
        fields.append(field)
    schema: Document = {"fields": fields, "missingValues": [""]}
    if table.name in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[table.name]
    if table.name != "sop" and "sop_id" in table.header:
        schema["foreignKeys"] = [
            {"fields": ["sop_id"], "reference": {"resource": "sop", "fields": ["sop_id"]}}
        ]
    return schema


def table_schemas_text() -> str:
    """Every CSV table's Table Schema, by table name: committed as ``schema/ekspor/tabel-csv.tableschema.json``
    (``sop export --write-schemas``), the Frictionless form of the column dictionary."""
    schemas = {table.name: table_schema(table) for table in TABLES}
    return json.dumps({"versi_format": FORMAT_VERSION, "tabel": schemas}, ensure_ascii=False, indent=2) + "\n"


def data_package(meta: CatalogueMeta, site_url: str | None = None) -> Document:
    """The Frictionless Data Package of the CSV tables (paths relative to ``datapackage.json``)."""
    package: Document = {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": ckan_name(meta.nama),
        "title": meta.nama,
        "description": _description(meta),
        "version": f"{FORMAT_VERSION}.0.0",
    }
    if site_url:
        package["homepage"] = iri(urls.data_page(), urls.data_package(), site_url)
    if meta.lisensi:
        licence = {"name": meta.lisensi.id}
        if meta.lisensi.url:
            licence["path"] = meta.lisensi.url
        if meta.lisensi.nama:
            licence["title"] = meta.lisensi.nama
        package["licenses"] = [licence]
    if meta.penerbit:
        package["contributors"] = [{"title": meta.penerbit, "roles": ["publisher"]}]
    package["resources"] = [
        {
            "name": table.name,
            "title": table.title,
            "description": f"Satu baris = {table.row}.",
            "path": urls.data_file(urls.csv_table(table.name)),
            "format": "csv",
            "mediatype": "text/csv",
            "schema": table_schema(table),
        }
        for table in TABLES
    ]
    return package
