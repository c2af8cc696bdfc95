"""The procedure section's HTML: one table, a symbol per step, one arrowhead per transition, safe text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalogue.layout.flowchart import layout_flowchart
from catalogue.rules.flow import transitions
from catalogue.source.load import load_catalogue
from site_plugins.views.procedure import render_procedure

from .conftest import MINIMAL_SOP, write_catalogue

XSS = "<script>alert('x')</script>"

DECISION_SOP = """\
nomor: "002/SOP/2024"
nama: Verifikasi Laporan
tanggal_pembuatan: 2024-01-02
tanggal_efektif: 2024-01-02
disahkan_oleh: Camat
pelaksana: [Camat, "Sekcam <script>alert('x')</script>", Staf]
langkah:
  - no: 1
    kegiatan: "Memerintahkan <script>alert('x')</script> & \\"menyusun\\" laporan"
    pelaksana: Camat
    waktu: "<script>alert('x')</script>"
    kelengkapan: [Disposisi, Renja]
  - no: 2
    kegiatan: Menyusun laporan
    pelaksana: Staf
    pelaksana_status: disimpulkan
    pelaksana_alasan: kalimat "menyusun" menunjuk staf
    waktu: 1 hari
    catatan: Nomor langkah dikoreksi.
  - no: 3
    kegiatan: Memeriksa laporan
    pelaksana: "Sekcam <script>alert('x')</script>"
    jenis: keputusan
    ya: 4
    tidak: 2
    waktu: 1 jam
  - no: 4
    kegiatan: Mengarsipkan laporan
    waktu: 10 menit
  - no: 5
    kegiatan: Menandatangani laporan
    pelaksana: Camat
    waktu: 15 menit
"""


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def ancestor(self, tag: str) -> Node | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TreeBuilder(HTMLParser):
    """A small DOM from html.parser; checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(Node("#text", {}, self.current, text=data))


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def load_sop(tmp_path: Path, text: str):
    root = write_catalogue(tmp_path / "sops", {"uji.yml": text})
    catalogue = load_catalogue(root)
    assert not catalogue.errors, [p.format(root) for p in catalogue.errors]
    return next(iter(catalogue.sops.values()))


@pytest.fixture
def decision_sop(tmp_path):
    return load_sop(tmp_path, DECISION_SOP)


@pytest.fixture
def decision_html(decision_sop):
    return str(render_procedure(decision_sop))


def test_one_table_with_official_two_row_header(tmp_path):
    sop = load_sop(tmp_path, MINIMAL_SOP)
    tree = parse(str(render_procedure(sop)))
    tables = tree.find_all("table")
    assert len(tables) == 1 and "sop-prosedur" in tables[0].classes
    assert tables[0].parent.classes == {"sop-prosedur-gulir"}
    head_rows = tables[0].find_all("thead")[0].find_all("tr")
    assert len(head_rows) == 2
    first = [th.all_text() for th in head_rows[0].find_all("th")]
    assert first == ["No", "Uraian Kegiatan", "Pelaksana", "Mutu Baku", "Keterangan"]
    pelaksana = head_rows[0].find_all("th")[2]
    assert pelaksana.attrs["colspan"] == "2"
    assert [th.all_text() for th in head_rows[1].find_all("th")] == [
        "Camat",
        "Sekcam",
        "Kelengkapan",
        "Waktu",
        "Output",
    ]
    body_rows = tables[0].find_all("tbody")[0].find_all("tr")
    assert len(body_rows) == 3
    # Column count of every row matches the column group.
    width = len(tables[0].find_all("col"))
    for row in body_rows:
        cells = [c for c in row.children if c.tag == "td"]
        assert sum(int(c.attrs.get("colspan", "1")) for c in cells) == width


def test_one_symbol_per_step_with_kind_and_lane(decision_sop, decision_html):
    tree = parse(decision_html)
    symbols = [g for g in tree.find_all("g", "simbol") if "simbol-konektor" not in g.classes]
    lanes = {"Camat": 0, "Sekcam <script>alert('x')</script>": 1, "Staf": 2, None: 3}
    assert [(g.attrs["data-langkah"], g.attrs["data-lajur"]) for g in symbols] == [
        (s.no, str(lanes[s.pelaksana])) for s in decision_sop.langkah
    ]
    kinds = [
        next(c for c in g.classes if c.startswith("simbol-") and c != "simbol-disimpulkan") for g in symbols
    ]
    assert kinds == [
        "simbol-terminator",
        "simbol-proses",
        "simbol-keputusan",
        "simbol-proses",
        "simbol-terminator",
    ]
    for g, step in zip(symbols, decision_sop.langkah, strict=True):
        assert [t.all_text() for t in g.find_all("text")] == [step.no]
        row = g.ancestor("tr")
        assert row.find_all("td", "sop-no")[0].all_text() == step.no
        assert g.ancestor("td").classes == {"sop-bagan"}
    # Shapes: capsule (rounded rect), rectangle, diamond.
    assert symbols[0].find_all("rect")[0].attrs["rx"] != "0"
    assert symbols[1].find_all("rect")[0].attrs["rx"] == "0"
    assert len(symbols[2].find_all("polygon")) == 1


def test_exactly_one_arrowhead_per_transition(decision_sop, decision_html):
    tree = parse(decision_html)
    carrying = [n for n in tree.iter() if "data-dari" in n.attrs and "data-ke" in n.attrs]
    assert all("panah" in n.classes for n in carrying)
    steps = decision_sop.langkah
    expected = sorted((steps[t.source].no, steps[t.target].no) for t in transitions(steps))
    assert sorted((n.attrs["data-dari"], n.attrs["data-ke"]) for n in carrying) == expected
    assert len(tree.find_all(cls="panah")) == len(expected)
    # Each arrowhead is drawn in its target's row.
    for n in carrying:
        target_row = n.ancestor("tr")
        assert target_row.find_all("g", "simbol")[0].attrs["data-langkah"] == n.attrs["data-ke"]


def test_decision_has_ya_and_tidak_labels(decision_html):
    tree = parse(decision_html)
    decision = tree.find_all("g", "simbol-keputusan")[0]
    svg = decision.ancestor("td").find_all("svg")[0]
    labels = [t.all_text() for t in svg.find_all("text", "label-cabang")]
    assert sorted(labels) == ["Tidak", "Ya"]
    label = svg.attrs["aria-label"]
    assert label.startswith("Langkah 3, keputusan oleh Sekcam")
    assert "bila ya lanjut ke langkah 4" in label and "bila tidak kembali ke langkah 2" in label


def test_row_svgs_are_labelled_images(decision_html):
    tree = parse(decision_html)
    rows = tree.find_all("tr", "sop-langkah")
    labels = [r.find_all("svg")[0].attrs for r in rows]
    assert all(a["role"] == "img" for a in labels)
    assert labels[0]["aria-label"] == "Langkah 1, mulai (terminator) oleh Camat, lanjut ke langkah 2."
    assert labels[1]["aria-label"] == (
        "Langkah 2, proses oleh Staf (ditentukan katalog), lanjut ke langkah 3; "
        "juga dituju dari langkah 3 (bila tidak)."
    )
    assert labels[3]["aria-label"] == "Langkah 4, proses pelaksana belum ditentukan, lanjut ke langkah 5."
    assert labels[4]["aria-label"] == "Langkah 5, selesai (terminator) oleh Camat."
    summary = tree.find_all("p", "sop-visually-hidden")
    assert len(summary) == 1 and "5 langkah" in summary[0].all_text()
    assert summary[0].parent.find_all("table")  # the summary comes before the table, in the same section


def test_unassigned_lane_header(decision_html):
    tree = parse(decision_html)
    roles = tree.find_all("th", "sop-peran")
    assert [th.all_text() for th in roles][-1] == "Belum ditentukan"
    assert "sop-peran-belum" in roles[-1].classes


def test_sop_text_is_escaped_everywhere(decision_html):
    tree = parse(decision_html)
    assert XSS not in decision_html
    assert not tree.find_all("script")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in decision_html
    # Kegiatan, role header, waktu and the aria-label all carry the text, as text.
    first = tree.find_all("tr", "sop-langkah")[0]
    uraian = first.find_all("td", "sop-uraian")[0].all_text()
    assert uraian == f'Memerintahkan {XSS} & "menyusun" laporanPelaksana: Camat'
    assert first.find_all("td", "sop-waktu")[0].all_text() == XSS
    assert [th.all_text() for th in tree.find_all("th", "sop-peran")][1] == f"Sekcam {XSS}"
    decision_svg = tree.find_all("g", "simbol-keputusan")[0].ancestor("td").find_all("svg")[0]
    assert XSS in decision_svg.attrs["aria-label"]


def test_inferred_performer_is_marked_in_plain_words_with_its_reason_behind_a_tap(decision_html):
    tree = parse(decision_html)
    rows = tree.find_all("tr", "sop-langkah")
    markers = [r.find_all("details", "sop-disimpulkan-info") for r in rows]
    assert [bool(m) for m in markers] == [False, True, False, False, False]
    details = markers[1][0]
    # The badge is the summary (a tap or Enter opens it), in words a citizen understands; no hover tooltip.
    summary = details.find_all("summary")[0]
    assert summary.all_text() == "pelaksana ditentukan katalog"
    assert not [n for n in tree.iter() if "title" in n.attrs]
    reason = details.find_all("p")[0].all_text()
    assert "tidak tertulis sebagai pelaksana di dokumen asli" in reason
    assert 'kalimat "menyusun" menunjuk staf' in reason and reason.startswith("Staf ")
    # The printed form carries the reason as a line of its own.
    assert 'kalimat "menyusun" menunjuk staf' in rows[1].find_all("p", "sop-alasan")[0].all_text()
    assert "simbol-disimpulkan" in rows[1].find_all("g", "simbol")[0].classes
    assert rows[1].find_all("p", "sop-catatan")[0].all_text() == "Catatan katalog: Nomor langkah dikoreksi."
    legend = tree.find_all("p", "sop-prosedur-catatan")[0].all_text()
    assert "tidak tertulis di dokumen asli" in legend and "disimpulkan" not in legend


def test_each_step_carries_its_card_lines_performer_and_branches_in_words(decision_sop, decision_html):
    tree = parse(decision_html)
    rows = tree.find_all("tr", "sop-langkah")
    assert len(rows) == len(decision_sop.langkah)
    performers = [r.find_all("p", "sop-kartu-pelaksana")[0].all_text() for r in rows]
    assert performers == [
        "Pelaksana: Camat",
        "Pelaksana: Staf",
        f"Pelaksana: Sekcam {XSS}",
        "Pelaksana: belum ditentukan",
        "Pelaksana: Camat",
    ]
    branches = [[p.all_text() for p in r.find_all("p", "sop-kartu-cabang")] for r in rows]
    assert branches == [[], [], ["Ya → langkah 4 / Tidak → langkah 2"], [], []]
    assert all(r.find_all("div", "sop-kartu-info")[0].attrs.get("data-pagefind-ignore") == "" for r in rows)


def test_cells_list_several_kelengkapan_items(decision_html):
    tree = parse(decision_html)
    cell = tree.find_all("tr", "sop-langkah")[0].find_all("td", "sop-kelengkapan")[0]
    assert [li.all_text() for li in cell.find_all("li")] == ["Disposisi", "Renja"]


def test_no_ids_and_no_inline_colours(decision_html):
    tree = parse(decision_html)
    assert not [n for n in tree.iter() if "id" in n.attrs]
    for n in tree.iter():
        assert not {"fill", "stroke", "style", "color"} & set(n.attrs), n.tag


def _long_yaml(n: int = 20) -> str:
    roles = ["Pemohon", "Staf", "Kasi", "Sekcam", "Camat"]
    lines = ["nomor: '3'", "nama: Panjang", "pelaksana: [" + ", ".join(roles) + "]", "langkah:"]
    for i in range(1, n + 1):
        lines += [
            f"  - no: {i}",
            "    kegiatan: Memeriksa kelengkapan berkas permohonan dan mencatatnya",
            f"    pelaksana: {roles[(i * 2) % 5]}",
            "    waktu: 1 jam",
        ]
        if i == 7:
            lines += ["    jenis: keputusan", "    ya: 8", "    tidak: 3"]
    return "\n".join(lines) + "\n"


def test_print_connectors_pair_at_each_page_break(tmp_path):
    sop = load_sop(tmp_path, _long_yaml())
    chart = layout_flowchart(sop)
    assert len(chart.pages) > 1
    tree = parse(str(render_procedure(sop)))
    rows = [r for r in tree.find_all("tbody")[0].children if r.tag == "tr"]
    konektor = [g.attrs["data-huruf"] for g in tree.find_all("g", "simbol-konektor")]
    letters = [c.letter for c in chart.connectors]
    assert sorted(konektor) == sorted(letters * 2)
    for g in tree.find_all("g", "simbol-konektor"):
        assert [t.all_text() for t in g.find_all("text")] == [g.attrs["data-huruf"]]
    # Each break: a bottom connector row ends one page, a top connector row (which breaks the page) starts
    # the next, with the same letters, between the right step rows.
    for page in chart.pages[1:]:
        first = page.first_row
        top = next(
            i
            for i, r in enumerate(rows)
            if "sop-konektor-atas" in r.classes
            and rows[i + 1].find_all("g", "simbol")[0].attrs["data-langkah"] == sop.langkah[first].no
        )
        bottom = rows[top - 1]
        assert "sop-konektor-bawah" in bottom.classes and "sop-halaman-baru" in rows[top].classes
        assert rows[top - 2].find_all("g", "simbol")[0].attrs["data-langkah"] == sop.langkah[first - 1].no
        assert (
            [g.attrs["data-huruf"] for g in bottom.find_all("g", "simbol-konektor")]
            == [g.attrs["data-huruf"] for g in rows[top].find_all("g", "simbol-konektor")]
            == [c.letter for c in chart.connectors_after(first - 1)]
        )
    # Step rows never carry the page break when connectors do.
    assert not [r for r in rows if "sop-langkah" in r.classes and "sop-halaman-baru" in r.classes]


def test_short_sop_has_no_connector_rows(tmp_path):
    sop = load_sop(tmp_path, MINIMAL_SOP)
    tree = parse(str(render_procedure(sop)))
    assert not tree.find_all("tr", "sop-konektor")
    assert not tree.find_all(cls="sop-halaman-baru")
