"""Print is the official form: printed page 1 of every seed holds the identity block and the six boxes, the
catalogue's own annotations and the web-only sections stay off the official pages, a connector on a branch
going back up is labelled as such, and no lane line crosses a branch label."""

from __future__ import annotations

import pytest

from catalogue.analysis import Sources, analyse_sources
from catalogue.layout.flowchart import layout_flowchart
from site_plugins.views.procedure import connector_words

from .browser import serve
from .conftest import SEEDS
from .sitebuild import build_site

SEED_PAGES = [f"{sop.id}/" for sop in analyse_sources(Sources.at(SEEDS)).catalogue.sops.values()]
BOXES = (
    "DASAR HUKUM",
    "KUALIFIKASI PELAKSANA",
    "KETERKAITAN",
    "PERALATAN/PERLENGKAPAN",
    "PERINGATAN",
    "PENCATATAN DAN PENDATAAN",
)
LONG_SOP = "kabupaten-purbalingga/kecamatan-purbalingga/mekanisme-pengukuran-kinerja"


def test_a_branch_back_to_an_earlier_page_is_labelled_as_going_back():
    sop = analyse_sources(Sources.at(SEEDS)).catalogue.sops[LONG_SOP]
    chart = layout_flowchart(sop)
    back = [c for c in chart.connectors if c.upward]
    assert back, "the seed's 'Tidak' of step 11 goes back to step 10 on the page before"
    at = back[0].after_row
    pair = chart.connectors_after(at)
    bottom, top = connector_words(pair, True), connector_words(pair, False)
    down = ", ".join(c.letter for c in pair if not c.upward)
    up = ", ".join(c.letter for c in pair if c.upward)
    assert bottom == f"Bersambung ke halaman berikutnya ({down}); Sambungan dari halaman berikutnya ({up})"
    assert top == f"Sambungan dari halaman sebelumnya ({down}); Bersambung ke halaman sebelumnya ({up})"


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("print-official"), SEEDS)
    with serve(site.site) as base:
        yield base


def _print(chromium, url, pdf):
    page = chromium.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    return page


@pytest.mark.parametrize("sop_url", SEED_PAGES)
def test_printed_page_one_is_the_official_first_page(chromium, seed_site, sop_url, tmp_path):
    from pypdf import PdfReader

    page = _print(chromium, seed_site + sop_url, tmp_path / "sop.pdf")
    page.close()
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(tmp_path / "sop.pdf")).pages]
    first = pages[0].upper()
    for title in ("NOMOR SOP", "TANGGAL EFEKTIF", "DISAHKAN OLEH", *BOXES):
        assert title in first, f"{title} not on printed page 1 of {sop_url}"
    assert "URAIAN KEGIATAN" not in first
    everything = " ".join(pages)
    # The catalogue's annotations are not on the official pages; its notes come after the procedure.
    for annotation in (
        "belum ada di katalog",
        "Catatan katalog:",
        "dicocokkan",
        "Hubungan dengan SOP",
        "Ringkasan",
    ):
        assert annotation not in everything, f"{annotation!r} printed on {sop_url}"
    notes = [
        i for i, text in enumerate(pages) if "Catatan katalog (bukan bagian dari SOP yang disahkan)" in text
    ]
    procedure = [i for i, text in enumerate(pages) if "Uraian Kegiatan" in text]
    assert notes and procedure and notes[0] > procedure[-1]
    assert "Uraian Kegiatan" not in pages[notes[0]]


def test_no_lane_line_crosses_a_branch_label(chromium, seed_site):
    """Where a lane separator passes through a label's box, an opaque box of the label's is painted over it
    (the text's halo alone leaves the line showing between the letters)."""
    page = chromium.new_page()
    page.goto(seed_site + LONG_SOP + "/", wait_until="networkidle")
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        crossed, problems = page.evaluate("""() => {
            let crossed = 0;
            const problems = [];
            for (const label of document.querySelectorAll('.sop-bagan text.label-cabang')) {
                label.scrollIntoView({block: 'center', inline: 'center'});
                const box = label.getBoundingClientRect();
                const svg = label.closest('svg.sop-bagan-gambar');
                for (const line of svg.querySelectorAll('line.lajur-batas')) {
                    const x = line.getBoundingClientRect().left;
                    if (x <= box.left || x >= box.right) continue;
                    crossed += 1;
                    for (const y of [box.top + 1, box.top + box.height / 2, box.bottom - 1]) {
                        const stack = document.elementsFromPoint(x, y);
                        const cover = stack.findIndex(e => e.matches && e.matches('rect.label-latar'));
                        const under = stack.indexOf(line);
                        const style = cover >= 0 && getComputedStyle(stack[cover]);
                        if (cover < 0 || (under >= 0 && under < cover) || style.fill === 'none'
                            || style.opacity !== '1') problems.push(label.textContent + '@' + Math.round(y));
                    }
                }
            }
            return [crossed, problems];
        }""")
        assert crossed >= 1, "the seed's 'Tidak' labels straddle a lane separator: the case to check"
        assert problems == [], (media, problems)
    page.close()
