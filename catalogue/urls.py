"""The public URL scheme: stable paths of every page and data file, in one place.

An SOP's identifier is ``<pemda>/<instansi>/<slug>`` (folder and file names); its page is ``/<id>/``.
Top-level names below are reserved for catalogue-wide pages, so a pemda folder may not use them.
"""

from __future__ import annotations

RESERVED_TOP_LEVEL = frozenset(
    {
        "peraturan",
        "peran",
        "perbandingan",
        "audit",
        "cari",
        "data",
        "tentang",
        "assets",
        "search",
        "keterkaitan",
        "format-sumber",
        "sumber",
        "404",
        "evaluasi",
    }
)


#: SOP slugs that would shadow an agency's sub-pages (roles live at ``<pemda>/<instansi>/peran/<key>/``).
RESERVED_SOP_SLUGS = frozenset({"peran"})


def home() -> str:
    return ""


def pemda(slug: str) -> str:
    return f"{slug}/"


def agency(agency_id: str) -> str:
    return f"{agency_id}/"


def sop(sop_id: str) -> str:
    return f"{sop_id}/"


def sop_history(sop_id: str) -> str:
    """The SOP's revision history: its versions from git, with what each changed."""
    return f"{sop_id}/riwayat/"


def feed() -> str:
    """The Atom feed of the whole catalogue's changes (new SOPs, revisions, status changes)."""
    return "perubahan.xml"


def agency_feed(agency_id: str) -> str:
    """The Atom feed of one agency's changes: ``perubahan.<pemda>.<instansi>.xml`` (slugs hold no dot).

    Every feed sits at the site's root because Material's instant navigation takes each
    ``<link rel="alternate">`` of a page for a language version and fetches ``sitemap.xml`` beside it:
    beside a feed in an agency's folder there is none (a 404 on every page load)."""
    return f"perubahan.{agency_id.replace('/', '.')}.xml"


def sop_source(sop_id: str) -> str:
    """The SOP's YAML source as published beside the site."""
    return f"data/sumber/{sop_id}.yml"


def sop_original(sop_id: str, suffix: str) -> str:
    """The SOP's source document (``sumber.berkas``: the signed document, or its extracted text), published."""
    return f"data/dokumen/{sop_id}{suffix.lower()}"


def redirect(old_sop_id: str) -> str:
    """The page left at an SOP's old identifier (``url_lama``): a redirect to its current page."""
    return f"{old_sop_id}/"


# Open data (the export). Every data file lives under DATA; ``data_file`` gives its path inside an export
# folder, so ``sop export --out DIR`` and the site's ``data/`` hold the same tree.
DATA = "data/"


def data_page() -> str:
    """The page that explains the open data files, their licence and how to cite them."""
    return DATA


def sop_json(sop_id: str) -> str:
    """One SOP as a JSON document (every field, resolved references, parsed waktu)."""
    return f"{DATA}sop/{sop_id}.json"


def sop_bpmn(sop_id: str) -> str:
    """One SOP as a BPMN 2.0 process diagram (its swimlane flowchart)."""
    return f"{DATA}bpmn/{sop_id}.bpmn"


def sop_cpsv(sop_id: str) -> str:
    """One SOP as a CPSV-AP 3.2 public service (JSON-LD)."""
    return f"{DATA}cpsv/{sop_id}.jsonld"


def dcat_catalogue() -> str:
    """The open data described as a DCAT-AP 3 catalogue (JSON-LD), for data portals that harvest."""
    return f"{DATA}dcat.jsonld"


def ckan_package() -> str:
    """The open data as CKAN package metadata (the ``result`` of ``package_show``)."""
    return f"{DATA}ckan-package.json"


def data_package() -> str:
    """The CSV tables as a Frictionless Data Package."""
    return f"{DATA}datapackage.json"


def catalogue_json() -> str:
    """The whole catalogue as one JSON document."""
    return f"{DATA}katalog.json"


def csv_table(name: str) -> str:
    """One CSV table of the export (``sop``, ``langkah``, ``dasar-hukum``, ``keterkaitan``, ``peran``, …)."""
    return f"{DATA}{name}.csv"


def workbook() -> str:
    """Every CSV table (and the column dictionary) as one Excel workbook, a sheet per table."""
    return f"{DATA}katalog.xlsx"


def column_dictionary(extension: str = "csv") -> str:
    """The column dictionary of the CSV tables (``csv`` or ``json``)."""
    return f"{DATA}kamus-kolom.{extension}"


def export_schema(name: str) -> str:
    """The JSON Schema of an export document (``sop`` or ``katalog``)."""
    return f"{DATA}skema/{name}.schema.json"


def data_file(url: str) -> str:
    """The path of a data URL inside an export folder (``data/katalog.json`` -> ``katalog.json``)."""
    if not url.startswith(DATA):
        raise ValueError(f"{url!r} is not a data file URL")
    return url[len(DATA) :]


def page_src_uri(url: str) -> str:
    """The virtual Markdown path that MkDocs turns into ``url`` with directory URLs."""
    return f"{url}index.md" if url else "index.md"


# Cross-reference pages.
def regulations() -> str:
    """Index of every regulation cited, by jenis and by year."""
    return "peraturan/"


def regulation(regulation_id: str) -> str:
    """One regulation and every SOP that cites it, across agencies."""
    return f"peraturan/{regulation_id}/"


def regulation_pemda(regulation_id: str, pemda_slug: str) -> str:
    """The SOPs of one pemda that cite a regulation (a regulation cited very often, per pemda)."""
    return f"{regulation(regulation_id)}{pemda_slug}/"


def audit() -> str:
    """The auditor's page: revoked and mistyped citations, unparsed lines, unresolved references."""
    return "audit/"


def audit_pemda(pemda_slug: str) -> str:
    """The audit page of one pemda: one row per SOP with findings, filterable by agency."""
    return f"audit/{pemda_slug}/"


def missing_sops() -> str:
    """SOPs named in Keterkaitan but not in the catalogue: a to-do list for agencies."""
    return "keterkaitan/"


def missing_sops_pemda(pemda_slug: str) -> str:
    """The SOPs named but missing that one pemda's SOPs name (a big catalogue's list, per pemda)."""
    return f"{missing_sops()}{pemda_slug}/"


def roles() -> str:
    """Index of roles across agencies."""
    return "peran/"


def canonical_role(key: str) -> str:
    """What one kind of position (e.g. Camat) does in every agency's SOPs."""
    return f"peran/{key}/"


def agency_role(agency_id: str, key: str) -> str:
    """Every step one position of one agency performs, across that agency's SOPs."""
    return f"{agency_id}/peran/{key}/"


def comparisons() -> str:
    return "perbandingan/"


def comparison(key: str) -> str:
    """Side-by-side comparison of SOPs on the same activity across agencies."""
    return f"perbandingan/{key}/"


# Monitoring and evaluation (PermenPAN-RB 35/2012, Bab IV).
def monev() -> str:
    """The catalogue-wide view for auditors: evaluation coverage, results and follow-ups of every agency."""
    return "evaluasi/"


def agency_monev(agency_id: str) -> str:
    """One agency's monitoring and evaluation dashboard, under the catalogue-wide view. Four folders deep:
    the pages three folders deep are SOP pages alone (the search indexes them as such)."""
    return f"evaluasi/instansi/{agency_id}/"


def sop_evaluations(sop_id: str) -> str:
    """One SOP's evaluation and monitoring history."""
    return f"{sop_id}/evaluasi/"


def evaluations_json() -> str:
    """The public fields of every evaluation as one JSON document."""
    return f"{DATA}evaluasi.json"


def relative_url(target: str, base: str) -> str:
    """Link from the page at directory URL ``base`` to site path ``target`` (both without leading '/').

    ``base`` may also be a file (``data/cpsv/p/i/s.jsonld``): links are then relative to its folder. A page
    renders hundreds of links, so this walks the common folders itself (posixpath.relpath makes both paths
    absolute first and took a tenth of a catalogue's page-rendering time); for the normalised site paths
    the site uses it gives relpath's answer (tests/test_relative_url.py)."""
    base_parts = base.split("/")[:-1]  # the page's folder: "a/b/" -> [a, b]; "a/x.html" -> [a]
    target_parts = target.split("/")
    folder = target.endswith("/") or not target
    if folder:
        target_parts.pop()  # the trailing "" of "a/b/" (or the "" of the root)
    common = 0
    for mine, theirs in zip(base_parts, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    if not parts:
        return "./" if folder else "."
    return "/".join(parts) + ("/" if folder else "")
