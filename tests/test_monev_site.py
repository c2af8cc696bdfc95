"""Monitoring and evaluation on real builds of tests/data/monev/sops with the project's own mkdocs.yml (search
and every plugin it publishes with): the public edition holds nothing internal anywhere (pages, search
index, open data), the internal edition shows it, the pages show what the records say, the charts are
visible and readable in Chromium in both colour schemes, and the new page types pass vnu and axe."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from .browser import serve
from .realsite import AXE_JS, build_repo_site, html_errors, require_tool
from .test_monev import EPOCH, FIXTURE, KEC, LAPORAN, internal_markers
from .test_quality_gates import AXE_RUN

DASHBOARD = f"evaluasi/instansi/{KEC}/"
NEW_PAGES = ("evaluasi/", DASHBOARD, f"{LAPORAN}/evaluasi/", f"{LAPORAN}/", f"{KEC}/")


def _build(tmp_path_factory, edition: str) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setenv("KATALOG_EDISI", edition)
        return build_repo_site(tmp_path_factory.mktemp(edition) / "site", sources=FIXTURE)


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "publik")


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "internal")


def _site_text(site: Path) -> dict[str, str]:
    """Every file of a built site as text, gzip-compressed ones (Pagefind's index, the sitemap) unpacked."""
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        out[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="replace")
    return out


def test_the_public_edition_holds_no_internal_value_anywhere(public_site):
    files = _site_text(public_site)
    # The search index is read too (its fragments unpacked: an SOP's name is found in them).
    assert any(
        n.startswith("pagefind/fragment/") and "Penyusunan Laporan Kinerja" in t for n, t in files.items()
    )
    assert "data/evaluasi.json" in files and "data/katalog.json" in files
    leaks = [
        (marker, name) for marker in internal_markers() for name, text in files.items() if marker in text
    ]
    assert leaks == []
    # The draft's page, source and data do not exist; the published records do.
    assert not any("rancangan" in name for name in files)
    assert f"{LAPORAN}/evaluasi/index.html" in files
    assert "Menjelaskan istilah disposisi" in files["data/evaluasi.json"]


def test_the_internal_edition_shows_the_internal_keys_and_drafts(internal_site):
    files = _site_text(internal_site)
    pages = "".join(text for name, text in files.items() if name.endswith(".html"))
    assert [m for m in internal_markers() if m not in pages] == []
    assert f"{KEC}/rancangan/index.html" in files
    assert "edisi internal" in files[f"{LAPORAN}/evaluasi/index.html"]
    # The draft's page links no source or data file, for none is published; a signed SOP's page does.
    draft = files[f"{KEC}/rancangan/index.html"]
    assert "Sumber YAML" not in draft and "tidak diterbitkan dalam data terbuka" in draft
    assert "Sumber YAML" in files[f"{LAPORAN}/index.html"]
    # The open data is the public edition's in every build.
    data = "".join(text for name, text in files.items() if name.startswith("data/"))
    assert "RAHASIA" not in data


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_pages_show_what_the_records_say(public_site):
    sop = _text((public_site / LAPORAN / "index.html").read_text(encoding="utf-8"))
    assert "Evaluasi terakhir: periode 2025, 20 November 2025. Hasil: perlu perbaikan" in sop
    assert "Tindak lanjut yang belum selesai (2)" in sop and "terlambat" in sop
    assert 'href="evaluasi/"' in (public_site / LAPORAN / "index.html").read_text(encoding="utf-8")
    never = _text((public_site / "kab-uji" / "dinas-uji" / "izin" / "index.html").read_text(encoding="utf-8"))
    assert "belum dievaluasi Belum ada catatan monitoring atau evaluasi SOP ini" in never
    dashboard = (public_site / DASHBOARD / "index.html").read_text(encoding="utf-8")
    assert "Cakupan: 1 dari 2 SOP dievaluasi pada periode 2025 (50%)" in _text(dashboard)
    assert (
        dashboard.count('role="img"') == 2
        and "<script" not in dashboard.split('class="kat-dasbor"')[1].split("</article>")[0]
    )
    assert "Dari 2 SOP: sesuai: 0; perlu perbaikan: 1; belum dievaluasi: 1." in dashboard
    raw_history = (public_site / LAPORAN / "evaluasi" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw_history and "<script>alert(1)" not in raw_history
    history = _text(raw_history)
    assert "Periode 2025" in history and "Periode 2024" in history and "Mudah dipahami tidak" in history
    overview = _text((public_site / "evaluasi" / "index.html").read_text(encoding="utf-8"))
    assert "Kecamatan Uji (Kabupaten Uji): 1 dari 2 SOP (50%)" in overview
    assert "Dinas Uji" in overview and "Kabupaten Uji 3 1 (33%)" in overview
    agency = _text((public_site / KEC / "index.html").read_text(encoding="utf-8"))
    assert "Periode 2025: 1 dari 2 SOP dievaluasi, 2 tindak lanjut belum selesai." in agency


def test_the_seed_site_shows_not_evaluated(tmp_path):
    site = build_repo_site(tmp_path / "site")
    overview = _text((site / "evaluasi" / "index.html").read_text(encoding="utf-8"))
    assert "SOP tanpa catatan evaluasi dihitung belum dievaluasi" in overview
    assert re.search(r"Cakupan: 0 dari \d+ SOP dievaluasi", overview)
    one_sop = next(iter(json.loads((site / "data" / "katalog.json").read_text(encoding="utf-8"))["sop"]))
    page = _text((site / one_sop["id"] / "index.html").read_text(encoding="utf-8"))
    assert "belum dievaluasi Belum ada catatan monitoring atau evaluasi SOP ini di katalog." in page
    assert json.loads((site / "data" / "evaluasi.json").read_text(encoding="utf-8"))["evaluasi"] == []


@pytest.mark.parametrize("edition", ["publik", "internal"])
def test_new_page_types_are_valid_html(edition, public_site, internal_site):
    site = public_site if edition == "publik" else internal_site
    pages = [site / url / "index.html" for url in NEW_PAGES]
    errors = html_errors(site, pages)
    assert not errors, "\n".join(errors)


def _luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


CHART_STATE = """() => {
  const bg = getComputedStyle(document.body).backgroundColor;
  return [...document.querySelectorAll('svg[data-grafik]')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {
      id: svg.dataset.grafik, width: box.width, height: box.height, bg,
      legend: svg.querySelectorAll('g').length,
      label: svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent),
      texts: [...svg.querySelectorAll('text')].map(t => getComputedStyle(t).fill),
      segments: [...svg.querySelectorAll('rect.kat-seg')].map(r => ({
        fill: getComputedStyle(r).fill, width: r.getBoundingClientRect().width})),
    };
  });
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dashboard_charts_are_visible_and_readable(chromium, public_site, scheme):
    with serve(public_site) as base:
        page = chromium.new_page(color_scheme=scheme)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        page.goto(base + DASHBOARD, wait_until="load")
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        charts = page.evaluate(CHART_STATE)
        page.close()
    assert [c["id"] for c in charts] == ["grafik-hasil", "grafik-tindak-lanjut"]
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 50, chart
        assert chart["label"][0] and "Dari" in chart["label"][1]
        for fill in chart["texts"]:
            assert _contrast(fill, chart["bg"]) >= 4.5, (scheme, fill, chart["bg"])
        drawn = [s for s in chart["segments"] if s["width"] > 1]
        assert drawn, chart
        for segment in chart["segments"]:
            assert (
                segment["fill"] not in ("none", "rgb(0, 0, 0)")
                and _contrast(segment["fill"], chart["bg"]) >= 1.5
            )
        # Each part of the whole has its own colour.
        assert len({s["fill"] for s in chart["segments"]}) == chart["legend"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_page_types_have_no_serious_accessibility_violation(chromium, internal_site, scheme):
    axe = require_tool(AXE_JS, "axe-core").read_text(encoding="utf-8")
    problems = []
    with serve(internal_site) as base:
        page = chromium.new_page(color_scheme=scheme)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        for url in NEW_PAGES:
            page.goto(base + url, wait_until="load")
            page.add_script_tag(content=axe)
            problems += [
                f"{url}: {v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in page.evaluate(AXE_RUN)
            ]
        page.close()
    assert not problems, "\n".join(problems)


def test_pages_three_folders_deep_are_sop_pages_alone(public_site):
    """The search indexes ``*/*/*/index.html`` as SOP pages: the new pages keep out of that depth."""
    deep = sorted(p.parent.relative_to(public_site).as_posix() for p in public_site.glob("*/*/*/index.html"))
    assert deep == ["kab-uji/dinas-uji/izin", LAPORAN, f"{KEC}/surat-keluar"]
