"""The BPMN files open in bpmn-js (the bpmn.io viewer, from package-lock.json, loaded from node_modules: no
CDN) in Debian's Chromium: no import warning, one shape per step, vertical lanes as on the SOP page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from catalogue.analysis import Sources, analyse_sources
from catalogue.export.open_data import ExportSettings, write_export
from catalogue.layout.flowchart import lanes_of

from .conftest import REPO, SEEDS

BPMN_JS = REPO / "node_modules" / "bpmn-js" / "dist"

IMPORT = """async (xml) => {
  if (window.viewer) window.viewer.destroy();
  const viewer = window.viewer = new BpmnJS({container: '#diagram'});
  const result = await viewer.importXML(xml);
  const registry = viewer.get('elementRegistry');
  const shapes = registry.filter(
    e => !e.waypoints && e.type !== 'label' && e.businessObject.$type !== 'bpmn:Collaboration');
  return {
    warnings: result.warnings.map(w => w.message),
    types: shapes.map(e => e.type),
    flows: registry.filter(e => e.type === 'bpmn:SequenceFlow').length,
    vertical: registry.filter(e => e.type === 'bpmn:Participant' || e.type === 'bpmn:Lane')
                      .map(e => e.di.isHorizontal),
    drawn: document.querySelectorAll('#diagram .djs-element.djs-shape').length,
  };
}"""


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    analysis = analyse_sources(Sources.at(SEEDS))
    out = tmp_path_factory.mktemp("ekspor")
    write_export(out, analysis, ExportSettings(source_base=REPO))
    return analysis, out


def test_every_seed_diagram_opens_in_bpmn_js_without_warnings(chromium, export):
    if not (BPMN_JS / "bpmn-viewer.production.min.js").is_file():
        pytest.fail(
            "bpmn-js is missing: run `make test` (npm ci installs it from package-lock.json)", pytrace=False
        )
    analysis, out = export
    page = chromium.new_page(viewport={"width": 1200, "height": 1600})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"request: {req.url}"))
    try:
        page.set_content(
            '<!doctype html><html><body><div id="diagram" style="height:1500px"></div></body></html>'
        )
        for css in ("diagram-js.css", "bpmn-js.css"):
            page.add_style_tag(path=str(BPMN_JS / "assets" / css))
        page.add_script_tag(path=str(BPMN_JS / "bpmn-viewer.production.min.js"))
        for sop in analysis.catalogue.sops.values():
            xml = Path(out / "bpmn" / f"{sop.id}.bpmn").read_text(encoding="utf-8")
            result = page.evaluate(IMPORT, xml)
            assert result["warnings"] == [], (sop.id, result["warnings"])
            types = Counter(result["types"])
            steps = Counter(s.kind for s in sop.langkah)
            assert types["bpmn:Task"] == steps["proses"], sop.id
            assert types["bpmn:ExclusiveGateway"] == steps["keputusan"], sop.id
            events = types["bpmn:StartEvent"] + types["bpmn:EndEvent"] + types["bpmn:IntermediateThrowEvent"]
            assert events == steps["terminator"], sop.id
            assert types["bpmn:Participant"] == 1
            assert types["bpmn:Lane"] == len(lanes_of(sop)), sop.id
            assert result["vertical"] and not any(result["vertical"]), (
                "lanes are drawn upright, as on the page"
            )
            assert result["flows"] > 0 and result["drawn"] >= len(sop.langkah)
        assert errors == []
    finally:
        page.close()
