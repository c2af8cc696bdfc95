"""The files of the open data written in other standards' formats, in one place for :func:`write_export`
(so ``sop export`` and the site's ``data/`` write them by the same code):

* per SOP: ``bpmn/<id>.bpmn`` (:mod:`catalogue.export.bpmn`) and ``cpsv/<id>.jsonld``
  (:func:`catalogue.export.linked_data.cpsv_ap`);
* once: ``dcat.jsonld``, ``ckan-package.json``, ``datapackage.json`` (:mod:`catalogue.export.harvest`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalogue import urls
from catalogue.model import Agency, Sop
from catalogue.source.catalogue_meta import CatalogueMeta

from .bpmn import bpmn_text
from .harvest import SopEntry, ckan_package, data_package, dcat_ap
from .linked_data import cpsv_ap

Write = Callable[[str, str], None]
Dump = Callable[[dict[str, Any]], str]

#: The lines of the export's README.txt that name these files.
STANDARD_FILES = (
    f"  {urls.data_file(urls.sop_bpmn('<pemda>/<instansi>/<slug>'))}  diagram proses BPMN 2.0 per SOP",
    f"  {urls.data_file(urls.sop_cpsv('<pemda>/<instansi>/<slug>'))}  layanan publik CPSV-AP 3.2 (JSON-LD) per SOP",
    f"  {urls.data_file(urls.dcat_catalogue())}  katalog DCAT-AP 3 (JSON-LD) semua berkas data",
    f"  {urls.data_file(urls.ckan_package())}  metadata paket CKAN (bentuk jawaban package_show)",
    f"  {urls.data_file(urls.data_package())}  Frictionless Data Package tabel CSV beserta skemanya",
)


def write_sop_standards(
    write: Write, dump: Dump, sop: Sop, agency: Agency, doc: dict[str, Any], site_url: str | None
) -> None:
    """One SOP's BPMN diagram and CPSV-AP description; ``doc`` is its exported JSON document."""
    write(urls.data_file(urls.sop_bpmn(sop.id)), bpmn_text(sop, agency, site_url))
    write(urls.data_file(urls.sop_cpsv(sop.id)), dump(cpsv_ap(doc, site_url)))


def write_catalogue_standards(
    write: Write, dump: Dump, meta: CatalogueMeta, sops: list[SopEntry], site_url: str | None
) -> None:
    """The DCAT-AP catalogue, the CKAN package and the Data Package."""
    write(urls.data_file(urls.dcat_catalogue()), dump(dcat_ap(meta, sops, site_url)))
    write(urls.data_file(urls.ckan_package()), dump(ckan_package(meta, len(sops), site_url)))
    write(urls.data_file(urls.data_package()), dump(data_package(meta, site_url)))
