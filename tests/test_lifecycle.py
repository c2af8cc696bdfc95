"""Status of an SOP (berlaku, digantikan, dicabut): the rules of catalogue.analysis.lifecycle."""

from __future__ import annotations

from catalogue.analysis import Sources, analyse_sources

from .conftest import MINIMAL_SOP, write_catalogue


def sop(nomor: str, nama: str = "Penyusunan Laporan Kinerja", extra: str = "") -> str:
    return MINIMAL_SOP.replace("001/SOP/2024", nomor).replace("Penyusunan Laporan Kinerja", nama) + extra


def analyse(tmp_path, sops: dict[str, str]):
    root = write_catalogue(tmp_path / "sops", sops)
    return analyse_sources(Sources.at(root))


def errors(analysis) -> list[tuple[str, str, str]]:
    return [(p.file.name, p.field_name, p.message) for p in analysis.errors]


def test_an_sop_is_in_force_by_default_and_a_successor_is_followed(tmp_path):
    analysis = analyse(
        tmp_path,
        {
            "lama.yml": sop("001", extra="status: digantikan\ndigantikan_oleh: baru\n"),
            "baru.yml": sop("002", extra="status: digantikan\ndigantikan_oleh: kab-uji/kec-uji/terbaru\n"),
            "terbaru.yml": sop("003"),
        },
    )
    assert errors(analysis) == []
    sops = analysis.catalogue.sops
    assert sops["kab-uji/kec-uji/terbaru"].status == "berlaku" and sops["kab-uji/kec-uji/terbaru"].in_force
    life = analysis.lifecycle
    assert life.successor == {
        "kab-uji/kec-uji/lama": "kab-uji/kec-uji/baru",
        "kab-uji/kec-uji/baru": "kab-uji/kec-uji/terbaru",
    }
    assert life.chain("kab-uji/kec-uji/lama") == ["kab-uji/kec-uji/baru", "kab-uji/kec-uji/terbaru"]
    assert life.current("kab-uji/kec-uji/lama") == "kab-uji/kec-uji/terbaru"
    assert life.current("kab-uji/kec-uji/terbaru") is None
    assert life.predecessors["kab-uji/kec-uji/terbaru"] == ("kab-uji/kec-uji/baru",)


def test_a_successor_that_does_not_exist_is_an_error_with_a_hint(tmp_path):
    analysis = analyse(
        tmp_path,
        {"lama.yml": sop("001", extra="status: digantikan\ndigantikan_oleh: bary\n"), "baru.yml": sop("002")},
    )
    [(name, field, message)] = errors(analysis)
    assert (name, field) == ("lama.yml", "digantikan_oleh")
    assert "SOP pengganti 'bary' tidak ada di katalog" in message and "Maksud Anda 'baru'?" in message
    assert analysis.errors[0].line == 32  # MINIMAL_SOP has 30 lines; status is 31


def test_a_cycle_of_successors_is_an_error_on_each_member(tmp_path):
    analysis = analyse(
        tmp_path,
        {
            "a.yml": sop("001", extra="status: digantikan\ndigantikan_oleh: b\n"),
            "b.yml": sop("002", extra="status: digantikan\ndigantikan_oleh: c\n"),
            "c.yml": sop("003", extra="status: digantikan\ndigantikan_oleh: a\n"),
            "d.yml": sop("004", extra="status: digantikan\ndigantikan_oleh: a\n"),
        },
    )
    found = errors(analysis)
    assert sorted(name for name, _, _ in found) == ["a.yml", "b.yml", "c.yml"]
    assert all(field == "digantikan_oleh" and "rantai pengganti berputar" in m for _, field, m in found)
    assert "kab-uji/kec-uji/a → kab-uji/kec-uji/b → kab-uji/kec-uji/c → kab-uji/kec-uji/a" in found[0][2]


def test_an_sop_cannot_replace_itself(tmp_path):
    analysis = analyse(tmp_path, {"a.yml": sop("001", extra="status: digantikan\ndigantikan_oleh: a\n")})
    [(_, field, message)] = errors(analysis)
    assert field == "digantikan_oleh" and "tidak dapat menggantikan dirinya" in message


def test_malformed_combinations_are_errors(tmp_path):
    analysis = analyse(
        tmp_path,
        {
            "berlaku.yml": sop("001", extra="digantikan_oleh: lain\n"),
            "lain.yml": sop("002", "SOP Lain"),
            "tanpa-pengganti.yml": sop("003", "SOP Ketiga", "status: digantikan\n"),
            "dicabut-kosong.yml": sop("004", "SOP Keempat", "status: dicabut\n"),
            "dicabut-pengganti.yml": sop(
                "005",
                "SOP Kelima",
                "status: dicabut\ntanggal_dicabut: 2025-01-02\nalasan_dicabut: X\ndigantikan_oleh: lain\n",
            ),
            "alasan-tanpa-cabut.yml": sop("006", "SOP Keenam", "alasan_dicabut: Surat X\n"),
        },
    )
    found = {(name, field): message for name, field, message in errors(analysis)}
    assert "SOP berstatus 'berlaku' tidak mempunyai pengganti" in found[("berlaku.yml", "digantikan_oleh")]
    assert "harus menyebut penggantinya" in found[("tanpa-pengganti.yml", "status")]
    assert "harus menyebut `tanggal_dicabut`" in found[("dicabut-kosong.yml", "tanggal_dicabut")]
    assert "harus menyebut `alasan_dicabut`" in found[("dicabut-kosong.yml", "alasan_dicabut")]
    assert "SOP berstatus 'dicabut'" in found[("dicabut-pengganti.yml", "digantikan_oleh")]
    assert "hanya untuk `status: dicabut`" in found[("alasan-tanpa-cabut.yml", "alasan_dicabut")]
    assert len(found) == 6


def test_an_unknown_status_is_refused_by_the_format(tmp_path):
    analysis = analyse(tmp_path, {"a.yml": sop("001", extra="status: kedaluwarsa\n")})
    [(_, field, message)] = errors(analysis)
    assert field == "status" and "pilih salah satu: berlaku, digantikan, dicabut" in message


def test_a_revoked_sop_with_date_and_reason_is_valid(tmp_path):
    analysis = analyse(
        tmp_path,
        {
            "a.yml": sop(
                "001", extra="status: dicabut\ntanggal_dicabut: 2 Januari 2025\nalasan_dicabut: Surat 1\n"
            )
        },
    )
    assert errors(analysis) == []
    revoked = analysis.catalogue.sops["kab-uji/kec-uji/a"]
    assert revoked.status == "dicabut" and revoked.tanggal_dicabut.isoformat() == "2025-01-02"
    assert not revoked.in_force and analysis.lifecycle.current(revoked.id) is None


def test_keterkaitan_prefers_the_sop_in_force_over_the_one_it_replaced(tmp_path):
    other = sop("009", "Pelaksanaan Perjanjian Kinerja").replace(
        "keterkaitan: [SOP Perjanjian Kinerja]", "keterkaitan: [SOP Penyusunan Laporan Kinerja]"
    )
    analysis = analyse(
        tmp_path,
        {
            "laporan-2020.yml": sop("001", extra="status: digantikan\ndigantikan_oleh: laporan-2024\n"),
            "laporan-2024.yml": sop("002"),
            "perjanjian.yml": other,
        },
    )
    assert errors(analysis) == []
    [entry] = analysis.links.links_of("kab-uji/kec-uji/perjanjian")
    assert entry.target_id == "kab-uji/kec-uji/laporan-2024"


def test_the_open_data_carries_the_status_and_the_successors(tmp_path):
    from catalogue.export.open_data import export_sop

    analysis = analyse(
        tmp_path,
        {
            "lama.yml": sop("001", extra="status: digantikan\ndigantikan_oleh: baru\n"),
            "baru.yml": sop("002"),
            "cabut.yml": sop(
                "003", "SOP Lain", "status: dicabut\ntanggal_dicabut: 2025-01-02\nalasan_dicabut: SK 1\n"
            ),
        },
    )
    sops = analysis.catalogue.sops
    old = export_sop(sops["kab-uji/kec-uji/lama"], analysis)
    assert (old["status"], old["digantikan_oleh"], old["pengganti_terakhir"]) == (
        "digantikan",
        "kab-uji/kec-uji/baru",
        "kab-uji/kec-uji/baru",
    )
    new = export_sop(sops["kab-uji/kec-uji/baru"], analysis)
    assert (new["status"], new["digantikan_oleh"], new["menggantikan"]) == (
        "berlaku",
        None,
        ["kab-uji/kec-uji/lama"],
    )
    revoked = export_sop(sops["kab-uji/kec-uji/cabut"], analysis)
    assert (revoked["status"], revoked["tanggal_dicabut"], revoked["alasan_dicabut"]) == (
        "dicabut",
        "2025-01-02",
        "SK 1",
    )


def test_only_sops_in_force_are_compared_across_agencies(tmp_path):
    root = write_catalogue(tmp_path / "sops", {"a.yml": sop("001", extra="topik: laporan-kinerja\n")})
    other = root / "kab-uji" / "kec-lain"
    other.mkdir()
    (other / "_instansi.yml").write_text("nama: Kecamatan Lain\njenis: Kecamatan\n", encoding="utf-8")
    (other / "b.yml").write_text(
        sop("002", extra="topik: laporan-kinerja\nstatus: digantikan\ndigantikan_oleh: c\n"), encoding="utf-8"
    )
    (other / "c.yml").write_text(sop("003", "Penyusunan LKj"), encoding="utf-8")
    assert analyse_sources(Sources.at(root)).comparison == ()
    (other / "c.yml").write_text(sop("003", "Penyusunan LKj", "topik: laporan-kinerja\n"), encoding="utf-8")
    [group] = analyse_sources(Sources.at(root)).comparison
    assert sorted(group.sop_ids) == ["kab-uji/kec-lain/c", "kab-uji/kec-uji/a"]


def test_an_export_published_before_the_status_keys_is_still_a_valid_previous_export(tmp_path):
    import json

    from catalogue.export.previous import read_previous
    from catalogue.export.schema import ADDED_SOP_KEYS

    from .conftest import REPO

    document = json.loads((REPO / "tests" / "golden" / "export" / "katalog.json").read_text(encoding="utf-8"))
    for item in document["sop"]:
        for key in ADDED_SOP_KEYS:
            del item[key]
    earlier = tmp_path / "katalog.json"
    earlier.write_text(json.dumps(document), encoding="utf-8")
    assert read_previous(earlier) == (document, [])
    del document["sop"][0]["langkah"]  # a key of the first release is still required
    earlier.write_text(json.dumps(document), encoding="utf-8")
    found, problems = read_previous(earlier)
    assert found is None and "langkah" in problems[0].message
