"""One SOP as linked data: schema.org on its page, CPSV-AP 3.2 in the open data.

Both are built from the SOP's exported document (:func:`catalogue.export.open_data.export_sop`), so they say
what the JSON says, no more: a regulation's status is the registry's (none is claimed when the registry does
not record it), the steps are as signed.

* :func:`schema_org` — a schema.org ``GovernmentService`` (name, provider = the agency, areaServed = the pemda)
  whose ``subjectOf`` is the SOP document as a ``HowTo`` with one ``HowToStep`` per step.
  schema.org has no property tying a service to its legal basis; the ``HowTo`` (a CreativeWork) does:
  ``isBasedOn`` each cited regulation as a ``Legislation``, with ``legislationLegalForce`` where the registry
  knows it. :func:`script_tag` puts it into the page, escaped for an HTML ``<script>`` element.
* :func:`cpsv_ap` — a CPSV-AP 3.2 ``PublicService`` (``data/cpsv/<id>.jsonld``): ``hasCompetentAuthority`` the
  agency (a ``PublicOrganisation`` with the pemda as its ``spatial``), ``hasLegalResource`` each cited
  regulation (an ELI ``LegalResource``; ``eli:in_force``, ``eli:repealed_by``, ``eli:amended_by`` from the
  registry), ``hasInput`` each kelengkapan (an ``Evidence``), ``produces`` each output (an ``Output``). Its
  context is written inline (no network needed to read it); its terms map to the IRIs of SEMIC's own
  CPSV-AP 3.2.0 context, which the tests check.

IRIs: with a known site address every ``@id`` is absolute; without one it is relative to the document itself
(JSON-LD resolves it against the document's own URL), so the data stays correct wherever it is published.
"""

from __future__ import annotations

import json
from typing import Any

from catalogue import urls

Document = dict[str, Any]

SCHEMA_ORG_CONTEXT = "https://schema.org"
#: schema.org's LegalForceStatus members, by the registry's status.
LEGAL_FORCE = {
    "berlaku": "https://schema.org/InForce",
    "dicabut": "https://schema.org/NotInForce",
    "diubah": "https://schema.org/PartiallyInForce",
}
#: The EU "in force" authority table (used by ELI), by the registry's status.
IN_FORCE = {
    "berlaku": "http://data.europa.eu/eli/ontology#InForce-inForce",
    "dicabut": "http://data.europa.eu/eli/ontology#InForce-notInForce",
    "diubah": "http://data.europa.eu/eli/ontology#InForce-inForce",
}
LANGUAGE = "id"
#: Said of an SOP some of whose values await the agency's review (they are listed in its JSON document).
UNREVIEWED_NOTE = " Sebagian nilai belum ditinjau instansi (lihat belum_ditinjau pada data JSON SOP ini)."

CPSV_AP_CONTEXT: Document = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "PublicService": "cpsv:PublicService",
    "PublicOrganisation": "cv:PublicOrganisation",
    "LegalResource": "eli:LegalResource",
    "Evidence": "cv:Evidence",
    "Output": "cv:Output",
    "Location": "dct:Location",
    "identifier": "dct:identifier",
    "name": {"@id": "dct:title", "@language": LANGUAGE},
    "description": {"@id": "dct:description", "@language": LANGUAGE},
    "prefLabel": {"@id": "skos:prefLabel", "@language": LANGUAGE},
    "hasCompetentAuthority": {"@id": "cv:hasCompetentAuthority", "@type": "@id"},
    "hasLegalResource": {"@id": "cv:hasLegalResource", "@type": "@id"},
    "hasInput": {"@id": "cpsv:hasInput", "@type": "@id"},
    "produces": {"@id": "cpsv:produces", "@type": "@id"},
    "spatial": {"@id": "dct:spatial", "@type": "@id"},
    "seeAlso": {"@id": "rdfs:seeAlso", "@type": "@id"},
    "inForce": {"@id": "eli:in_force", "@type": "@id"},
    "repealedBy": {"@id": "eli:repealed_by", "@type": "@id"},
    "amendedBy": {"@id": "eli:amended_by", "@type": "@id"},
}


def iri(url: str, document_url: str, site_url: str | None) -> str:
    """The IRI of a site URL (``p/i/s/``, ``peraturan/x/``) as written in the document at ``document_url``:
    absolute under a known site address, else relative to the document."""
    if site_url:
        return f"{site_url.rstrip('/')}/{url}"
    return urls.relative_url(url, document_url)


def cited_regulations(doc: Document) -> list[Document]:
    """Every regulation the SOP's Dasar Hukum cites (not those only mentioned in a title), once, in order."""
    seen: dict[str, Document] = {}
    for line in doc["dasar_hukum"]:
        for ref in line["rujukan"]:
            seen.setdefault(ref["id"], ref)
    return list(seen.values())


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _regulation_title(ref: Document) -> str:
    return ref["nama_singkat"] + (f" tentang {ref['tentang']}" if ref["tentang"] else "")


# --- schema.org -----------------------------------------------------------------------------------------------


def schema_org(doc: Document, site_url: str | None = None) -> Document:
    """The schema.org description of one SOP, for its page (IRIs relative to the page without a site URL)."""
    page = doc["halaman"]

    def here(url: str) -> str:
        return iri(url, page, site_url)

    legislation = []
    for ref in cited_regulations(doc):
        item: Document = {
            "@type": "Legislation",
            "@id": here(urls.regulation(ref["id"])),
            "name": _regulation_title(ref),
            "legislationIdentifier": ref["id"],
            "legislationType": ref["jenis"],
        }
        if ref["url_peraturan_go_id"]:
            item["sameAs"] = ref["url_peraturan_go_id"]
        if ref["status"] in LEGAL_FORCE:
            item["legislationLegalForce"] = {"@id": LEGAL_FORCE[ref["status"]]}
        legislation.append(item)

    area: Document = {"@type": "AdministrativeArea", "name": doc["pemda"]["nama"]}
    if doc["pemda"]["provinsi"]:
        area["containedInPlace"] = {"@type": "AdministrativeArea", "name": doc["pemda"]["provinsi"]}
    howto: Document = {
        "@type": "HowTo",
        "@id": here(page) + "#prosedur",
        "name": f"SOP {doc['nama']}",
        "identifier": doc["nomor"],
        "inLanguage": LANGUAGE,
        "step": [
            {"@type": "HowToStep", "position": s["urutan"], "text": s["kegiatan"]} for s in doc["langkah"]
        ],
    }
    if doc["tanggal_efektif"]:
        howto["datePublished"] = doc["tanggal_efektif"]
    if legislation:
        howto["isBasedOn"] = legislation
    return {
        "@context": SCHEMA_ORG_CONTEXT,
        "@type": "GovernmentService",
        "@id": here(page),
        "name": doc["nama"],
        "url": here(page),
        "identifier": doc["nomor"],
        "provider": {
            "@type": "GovernmentOrganization",
            "@id": here(urls.agency(doc["instansi"]["id"])),
            "name": doc["instansi"]["nama"],
        },
        "areaServed": area,
        "subjectOf": howto,
    }


def script_json(document: Document) -> str:
    """JSON for the inside of an HTML ``<script>`` element: ``<``, ``>`` and ``&`` as JSON escapes, so no text
    in the data can close the element (``</script>``) or open a comment (``<!--``); U+2028 and U+2029 too."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def script_tag(document: Document) -> str:
    """The ``<script type="application/ld+json">`` element of a JSON-LD document (safe HTML)."""
    return f'<script type="application/ld+json">{script_json(document)}</script>'


# --- CPSV-AP ----------------------------------------------------------------------------------------------------


def _part(service: str, sop_id: str, what: str, n: int, kind: str, text: str) -> Document:
    """A kelengkapan (``Evidence``) or output (``Output``) of the service; CPSV-AP wants an identifier."""
    return {"@id": f"{service}#{what}-{n}", "@type": kind, "identifier": f"{sop_id}#{what}-{n}", "name": text}


def cpsv_ap(doc: Document, site_url: str | None = None) -> Document:
    """The CPSV-AP 3.2 description of one SOP, the document at ``data/cpsv/<id>.jsonld``."""
    here_url = urls.sop_cpsv(doc["id"])

    def here(url: str) -> str:
        return iri(url, here_url, site_url)

    service = here(doc["halaman"])
    pemda = here(urls.pemda(doc["pemda"]["slug"]))
    resources = []
    for ref in cited_regulations(doc):
        item: Document = {
            "@id": here(urls.regulation(ref["id"])),
            "@type": "LegalResource",
            "identifier": ref["id"],
            "name": _regulation_title(ref),
        }
        if ref["url_peraturan_go_id"]:
            item["seeAlso"] = ref["url_peraturan_go_id"]
        if ref["status"] in IN_FORCE:
            item["inForce"] = IN_FORCE[ref["status"]]
        if ref["dicabut_oleh"]:
            item["repealedBy"] = [here(urls.regulation(r)) for r in ref["dicabut_oleh"]]
        if ref["diubah_oleh"]:
            item["amendedBy"] = [here(urls.regulation(r)) for r in ref["diubah_oleh"]]
        resources.append(item)
    inputs = _unique([k for s in doc["langkah"] for k in s["kelengkapan"]])
    outputs = _unique([s["output"] for s in doc["langkah"]])
    return {
        "@context": CPSV_AP_CONTEXT,
        "@id": service,
        "@type": "PublicService",
        "identifier": doc["id"],
        "name": doc["nama"],
        "description": f"SOP Nomor {doc['nomor']}, {doc['instansi']['nama']}, {doc['pemda']['nama']}."
        + (UNREVIEWED_NOTE if doc["belum_ditinjau"] else ""),
        "hasCompetentAuthority": {
            "@id": here(urls.agency(doc["instansi"]["id"])),
            "@type": "PublicOrganisation",
            "prefLabel": doc["instansi"]["nama"],
            "spatial": {"@id": pemda, "@type": "Location", "prefLabel": doc["pemda"]["nama"]},
        },
        "hasLegalResource": resources,
        "hasInput": [
            _part(service, doc["id"], "kelengkapan", n, "Evidence", text) for n, text in enumerate(inputs, 1)
        ],
        "produces": [
            _part(service, doc["id"], "output", n, "Output", text) for n, text in enumerate(outputs, 1)
        ],
    }
