"""Property-based fuzzing (Hypothesis) of everything that reads text written by many hands: the loader, the
validator, the duration parser, the citation parser and the Keterkaitan title matcher.

The property is always the same: whatever the input, no exception escapes except the catalogue's own
:class:`~catalogue.problems.CatalogueError`, and every problem found carries a usable position.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from catalogue.analysis import keterkaitan
from catalogue.model import Keterkaitan
from catalogue.problems import CatalogueError, Problem
from catalogue.rules import citations, roles
from catalogue.rules import titles as title_rules
from catalogue.rules.durations import format_total, parse_duration, total
from catalogue.source import format as fmt
from catalogue.source.files import read_agency, read_sop
from catalogue.source.load import load_catalogue
from catalogue.text import slugify

from .conftest import MINIMAL_SOP, write_catalogue

FILE_BASED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PURE = settings(max_examples=300, deadline=None)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check_problems(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p, Problem)
        line = p.format()  # must render
        assert p.line is None or p.line >= 1, line
        assert p.column is None or p.column >= 1, line
        assert p.message


def _read(path: Path, data: bytes) -> tuple[object, list[Problem]]:
    path.write_bytes(data)
    sop, problems = read_sop(path, "kab-uji", "kec-uji")
    _check_problems(problems)
    if any(p.is_error for p in problems):
        assert sop is None, "an SOP with errors must not be published"
    return sop, problems


# --- the loader: raw text and bytes -------------------------------------------------------------------------

YAML_CHARS = st.sampled_from(list(":-[]{}#&*!|>'\"%@`?,\t\n\r \\\ufeff\x00\udcff"))


@FILE_BASED
@given(st.binary(max_size=400))
def test_loader_survives_arbitrary_bytes(scratch, data):
    _read(scratch / "bytes.yml", data)


@FILE_BASED
@given(st.text(alphabet=st.one_of(YAML_CHARS, st.characters()), max_size=300))
def test_loader_survives_arbitrary_text(scratch, text):
    _read(scratch / "text.yml", text.encode("utf-8", "surrogatepass"))


MINIMAL_LINES = MINIMAL_SOP.splitlines(keepends=True)


@st.composite
def mutated_sop(draw) -> str:
    """The valid minimal SOP with a few edits of the kind people make: lines lost, doubled, re-indented, or a
    character typed in the wrong place."""
    lines = list(MINIMAL_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "indent", "dedent", "insert", "tab", "swap"]))
        if edit == "drop" and len(lines) > 1:
            del lines[i]
        elif edit == "double":
            lines.insert(i, lines[i])
        elif edit == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif edit == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif edit == "tab":
            lines[i] = "\t" + lines[i].lstrip(" ")
        elif edit == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        else:
            pos = draw(st.integers(0, len(lines[i])))
            char = draw(st.one_of(YAML_CHARS, st.characters(max_codepoint=0x2FFF)))
            lines[i] = lines[i][:pos] + char + lines[i][pos:]
    return "".join(lines)


@FILE_BASED
@given(mutated_sop())
def test_loader_survives_mutated_sources(scratch, text):
    _, problems = _read(scratch / "mutated.yml", text.encode("utf-8", "surrogatepass"))
    for p in problems:
        if p.is_error:
            # Positions point into the file, never past its end.
            assert (p.line or 1) <= max(1, text.count("\n") + 1) + 1, p.format()


# --- the validator: well-formed YAML with values of every wrong shape --------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(
        ["-", "", " ", "2024-02-30", "31 Juni 2024", "keputusan", "Camat", "Sekcam", "1", "3", "9", "2 hari"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=12), st.integers()), inner, max_size=4),
    ),
    max_leaves=12,
)
SOP_KEYS = [f.key for f in fmt.SOP.fields]
STEP_KEYS = [f.key for f in fmt.STEP.fields]
_BASE = YAML(typ="safe").load(MINIMAL_SOP)


def _dump(data) -> bytes:
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def reshaped_sop(draw) -> dict:
    data = dict(_BASE)
    data["langkah"] = [dict(s) for s in _BASE["langkah"]]
    for _ in range(draw(st.integers(0, 3))):
        step = draw(st.integers(0, len(data["langkah"]) - 1))
        data["langkah"][step][draw(st.sampled_from(STEP_KEYS + ["kunci_asing"]))] = draw(VALUES)
    for _ in range(draw(st.integers(0, 3))):
        data[draw(st.sampled_from(SOP_KEYS + ["kunci_asing"]))] = draw(VALUES)
    return data


@FILE_BASED
@given(reshaped_sop())
def test_validator_survives_values_of_any_shape(scratch, data):
    try:
        raw = _dump(data)
    except Exception:  # noqa: BLE001 - a value the YAML emitter cannot write is not a source anyone can have
        return
    _read(scratch / "reshaped.yml", raw)


@PURE
@given(VALUES)
def test_spec_check_reports_instead_of_raising(value):
    reports: list[tuple] = []
    for spec in (fmt.SOP, fmt.AGENCY, fmt.PEMDA, fmt.STEP):
        spec.check(value, (), lambda path, message: reports.append((path, message)))
    for path, message in reports:
        assert isinstance(path, tuple) and isinstance(message, str) and message


@FILE_BASED
@given(st.dictionaries(st.sampled_from(["nama", "jenis", "alamat", "peran", "lain"]), VALUES, max_size=4))
def test_agency_reader_survives_values_of_any_shape(scratch, data):
    path = scratch / "_instansi.yml"
    try:
        path.write_bytes(_dump(data))
    except Exception:  # noqa: BLE001 - see above
        return
    _agency, problems = read_agency(path, "kab-uji", "kec-uji")
    _check_problems(problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutated_sop(), min_size=1, max_size=3))
def test_catalogue_loader_raises_only_catalogue_errors(tmp_path_factory, texts):
    root = tmp_path_factory.mktemp("cat")
    write_catalogue(root, {})
    for i, text in enumerate(texts):
        (root / "kab-uji" / "kec-uji" / f"sop-{i}.yml").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        catalogue = load_catalogue(root)
    except CatalogueError:
        return
    _check_problems(list(catalogue.problems))
    assert all(p.file.is_relative_to(root) for p in catalogue.problems)


# --- the duration parser ----------------------------------------------------------------------------------

UNITS = [
    "menit",
    "Menit",
    "mnt",
    "jam",
    "JAM",
    "hari",
    "hari kerja",
    "HK",
    "hari kalender",
    "minggu",
    "pekan",
    "bulan",
    "detik",
    "tahun",
    "hr",
]
NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**500).map(str),
    st.sampled_from(["satu", "dua", "setengah", "1,5", "0.5", "½", "-1", "1e9"]),
)


@st.composite
def waktu_text(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        number = draw(NUMBERS)
        if draw(st.booleans()):
            number += draw(
                st.sampled_from(["-", " - ", " s.d. ", " sampai dengan ", "–", " hingga "])
            ) + draw(NUMBERS)
        parts.append(f"{number} {draw(st.sampled_from(UNITS))}")
    joiner = draw(st.sampled_from([" ", " + ", ", ", " dan ", " / ", " atau "]))
    return joiner.join(parts) + draw(st.sampled_from(["", ".", " (tentatif)", " per berkas"]))


@PURE
@given(st.one_of(st.none(), st.text(max_size=60), waktu_text()))
def test_duration_parser_never_raises_and_keeps_its_invariants(text):
    d = parse_duration(text)
    assert d.raw == (text or "").strip()
    for low, high in ((d.work_min, d.work_max), (d.calendar_min, d.calendar_max)):
        assert math.isfinite(low) and math.isfinite(high)
        assert 0 <= low <= high
    if not d.parsed:
        assert (d.work_min, d.work_max, d.calendar_min, d.calendar_max) == (0, 0, 0, 0)
    assert isinstance(format_total(total([("1", d)])), str)


@settings(max_examples=100, deadline=None)
@given(st.lists(waktu_text(), max_size=30))
def test_duration_totals_are_finite_and_printable(texts):
    t = total([(str(i), parse_duration(x)) for i, x in enumerate(texts)])
    assert math.isfinite(t.work_max) and math.isfinite(t.calendar_max)
    assert isinstance(format_total(t), str)


# --- the citation parser ----------------------------------------------------------------------------------

CITATION_WORDS = [
    "Peraturan",
    "Menteri",
    "Dalam",
    "Negeri",
    "Permendagri",
    "PermenPAN-RB",
    "Permenpan",
    "RB",
    "PP",
    "UU",
    "Undang-Undang",
    "Perpres",
    "Perda",
    "Perbup",
    "Perwali",
    "Pergub",
    "Perka",
    "BKN",
    "PMK",
    "SE",
    "Keppres",
    "Nomor",
    "No.",
    "No",
    "Tahun",
    "tahun",
    "th.",
    "tentang",
    "sebagaimana",
    "telah",
    "diubah",
    "dengan",
    "terakhir",
    "beberapa",
    "kali",
    "jo.",
    "dan",
    ";",
    ",",
    "Perubahan",
    "Kedua",
    "atas",
    "Pelaksanaan",
    "Kabupaten",
    "Tebo",
    "Balangan",
    "Republik",
    "Indonesia",
    "Bupati",
    "Gubernur",
    "Walikota",
    "2.",
    "(",
    ")",
    "215/PMK.05/2016",
    "73",
    "2009",
    "86",
    "2017",
    "12",
    "2019",
    "0",
    "99999",
    "-",
    "|",
    "\t",
]


@st.composite
def citation_text(draw) -> str:
    words = draw(st.lists(st.one_of(st.sampled_from(CITATION_WORDS), st.text(max_size=6)), max_size=40))
    return " ".join(words)


@PURE
@given(st.one_of(st.none(), st.text(max_size=200), citation_text()))
def test_citation_parser_never_raises(text):
    parsed = citations.parse_citation(text)
    assert isinstance(parsed, citations.CitationParse)
    for ref in parsed.references:
        assert ref.nomor and ref.tahun
        for show in (
            citations.regulation_id,
            citations.short_name,
            citations.full_name,
            citations.peraturan_go_id_url,
            citations.canonical_reference,
        ):
            show(ref)


# --- the Keterkaitan title matcher ------------------------------------------------------------------------

TITLE_WORDS = [
    "SOP",
    "SOP/Mekanisme",
    "Mekanisme",
    "Penyusunan",
    "Laporan",
    "Kinerja",
    "Pengukuran",
    "Perjanjian",
    "Renstra",
    "Renja",
    "Surat",
    "Masuk",
    "Kecamatan",
    "Kabupaten",
    "Purbalingga",
    "Balangan",
    "Inspektorat",
    "Nomor",
    "067/001/KEC.BTM/BLG/2024",
    "Lihat",
    "dan",
    "-",
    "(",
    ")",
    "Evaluasi",
    "Penilaian",
    "SKP",
    "Triwulan",
    "Data",
    "PENGUMPULAN",
    "pengumpulan",
    "Kinerj",
    "Laporn",
]


@st.composite
def title_text(draw) -> str:
    words = draw(st.lists(st.one_of(st.sampled_from(TITLE_WORDS), st.text(max_size=8)), max_size=10))
    return " ".join(words)


@PURE
@given(st.one_of(st.text(max_size=120), title_text()), st.one_of(st.text(max_size=120), title_text()))
def test_title_matcher_functions_never_raise(a, b):
    for text in (a, b):
        assert isinstance(title_rules.normalise_title(text), str)
        title_rules.parse_title(text)
        keterkaitan.extract_nomor(text)
        keterkaitan.lihat_sop_references(text)
    left, right = tuple(title_rules.normalise_title(a).split()), tuple(title_rules.normalise_title(b).split())
    score = title_rules.fuzzy_title_match(left, right)
    assert score is None or 0 <= score <= 100
    assert 0 <= title_rules.title_score(a, b) <= 100


@pytest.fixture(scope="module")
def small_catalogue(tmp_path_factory):
    root = write_catalogue(
        tmp_path_factory.mktemp("ket") / "sops",
        {
            "laporan.yml": MINIMAL_SOP,
            "renstra.yml": MINIMAL_SOP.replace("001/SOP/2024", "002/SOP/2024").replace(
                "Penyusunan Laporan Kinerja", "Penyusunan Renstra"
            ),
        },
    )
    catalogue = load_catalogue(root)
    assert not catalogue.errors
    return catalogue


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(title_text(), min_size=2, max_size=2),
    entries=st.lists(
        st.tuples(
            title_text(), st.one_of(st.none(), st.text(alphabet=string.ascii_lowercase + "/-", max_size=30))
        ),
        max_size=5,
    ),
    keterangan=st.one_of(st.none(), title_text().map(lambda t: "Lihat SOP " + t)),
)
def test_keterkaitan_resolution_never_raises_and_links_only_to_real_sops(
    small_catalogue, titles, entries, keterangan
):
    sops = {}
    for (sop_id, sop), title in zip(small_catalogue.sops.items(), titles, strict=False):
        steps = tuple(dataclasses.replace(s, keterangan=keterangan) for s in sop.langkah)
        sops[sop_id] = dataclasses.replace(
            sop,
            nama=title.strip() or sop.nama,
            langkah=steps,
            keterkaitan=tuple(Keterkaitan(teks.strip() or "-", target) for teks, target in entries),
        )
    catalogue = dataclasses.replace(small_catalogue, sops=sops)
    index = keterkaitan.resolve_keterkaitan(catalogue)
    for source_id in sops:
        for entry in index.links_of(source_id):
            if entry.target_id is not None:
                assert entry.target_id in sops
                assert entry.target_id != source_id, "an SOP never links to itself"


# --- long junk: every parser stays linear --------------------------------------------------------------

LONG_JUNK = {
    "digits": "1" * 100_000 + " x",  # made parse_duration backtrack for minutes before it bounded its input
    "numbers": " ".join(["1"] * 50_000),
    "heads": "Peraturan Menteri Nomor " * 5_000,
    "citations": "Nomor 1 Tahun 2019 dan " * 5_000,
    "titles": "SOP Penyusunan Laporan Lihat SOP " * 5_000,
    "numbering": "067/001/" * 10_000,
}


@pytest.mark.parametrize("name", sorted(LONG_JUNK))
def test_parsers_handle_100_kb_of_junk_in_bounded_time(name):

    text = LONG_JUNK[name]
    for parse in (
        parse_duration,
        citations.parse_citation,
        title_rules.normalise_title,
        title_rules.parse_title,
        keterkaitan.extract_nomor,
        keterkaitan.lihat_sop_references,
    ):
        parse(text)  # exponential backtracking would not finish; speed itself is not asserted here


# --- the role reader (aliases and abbreviations of Pelaksana) -----------------------------------------------

ROLE_WORDS = [
    "Kasubbag",
    "Kasubag",
    "Kasi",
    "Kasie",
    "Kabid",
    "Kadis",
    "Sekcam",
    "Camat",
    "Irban",
    "Wil",
    "I",
    "II",
    "Inspektur",
    "Pembantu",
    "Sekda",
    "Asisten",
    "Lurah",
    "Kades",
    "JFT",
    "JFU",
    "Staf",
    "Pelaksana",
    "Pemohon",
    "Tim",
    "SAKIP",
    "Ketua",
    "Anggota",
    "Subkoordinator",
    "(Jabatan Fungsional)",
    "&",
    "/",
    "dan",
    "Kepala",
    "Seksi",
    "Bidang",
    "PROG",
    "Sekretaris",
]


@PURE
@given(
    st.lists(st.one_of(st.sampled_from(ROLE_WORDS), st.text(max_size=8)), max_size=8).map(" ".join),
    st.one_of(
        st.none(),
        st.sampled_from(["Kecamatan", "Inspektorat", "Dinas", "Kelurahan", "Badan"]),
        st.text(max_size=12),
    ),
)
def test_role_reader_never_raises(name, jenis):
    reading = roles.read_role(name, jenis)
    assert reading.key and reading.nama is not None
    assert reading.label is not None and (reading.unit_key is None or isinstance(reading.unit_key, str))
    slug = slugify(name, default="peran")
    assert slug and all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert isinstance(roles.role_text_key(name), str)
