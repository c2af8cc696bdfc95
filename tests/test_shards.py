"""A national catalogue built in shards (catalogue/shards.py): the rules, then three real shard builds and
the national build that joins them, compared with one build of the whole catalogue, and searched in
Chromium across the shards."""

from __future__ import annotations

import filecmp
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from bench.generate import generate
from catalogue.cli.main import main
from catalogue.problems import CatalogueError
from catalogue.shards import (
    NOTES_FILE,
    ci_matrix,
    count_sources,
    join_sitemaps,
    load_shard_sites,
    parse_pemda_list,
    plan_shards,
    shard_owns,
)
from catalogue.source.load import load_catalogue

from .browser import ConsoleLog, serve
from .sitebuild import big_catalogue_pages, build_site
from .test_search_browser import result_count, search_page_query

# --- the rules --------------------------------------------------------------------------------------------


def test_plan_balances_sop_counts_and_is_the_same_each_time():
    counts = {"a": 50, "b": 40, "c": 30, "d": 20, "e": 10, "f": 10}
    plan = plan_shards(counts, 3)
    assert [s.pemda for s in plan] == [("a", "f"), ("b", "e"), ("c", "d")]
    assert [s.sources for s in plan] == [60, 50, 50]
    assert plan == plan_shards(dict(reversed(counts.items())), 3)
    assert [s.name for s in plan] == ["a", "b", "c"]
    # More shards than pemda: one pemda each; every pemda in exactly one shard.
    assert [s.pemda for s in plan_shards({"x": 1, "y": 2}, 5)] == [("x",), ("y",)]
    matrix = ci_matrix(plan)
    assert matrix["include"][0] == {"bagian": "a", "pemda": "a,f", "sop": 60}
    with pytest.raises(ValueError, match="positif"):
        plan_shards(counts, 0)


def test_sources_are_counted_per_pemda(tmp_path):
    generate(tmp_path / "sops", 90, 1, 3)
    counts = count_sources(tmp_path / "sops")
    assert len(counts) == 3 and sum(counts.values()) == 90


def test_a_shard_loads_its_pemda_only_and_names_one_that_is_not_there(tmp_path):
    generate(tmp_path / "sops", 90, 1, 3)
    wanted = sorted(count_sources(tmp_path / "sops"))[1]
    catalogue = load_catalogue(tmp_path / "sops", pemda=(wanted,))
    assert list(catalogue.pemdas) == [wanted] and not catalogue.errors
    assert catalogue.sops and {s.pemda_slug for s in catalogue.sops.values()} == {wanted}
    assert {a.pemda_slug for a in catalogue.agencies.values()} == {wanted}
    missing = load_catalogue(tmp_path / "sops", pemda=(wanted, "kota-lain")).errors
    assert [p.file.name for p in missing] == ["kota-lain"]


def test_sop_bagian_prints_the_ci_matrix_and_a_table_and_refuses_a_folder_without_pemda(tmp_path):
    generate(tmp_path / "sops", 90, 1, 3)
    runner = CliRunner()
    result = runner.invoke(main, ["bagian", str(tmp_path / "sops"), "--jumlah", "2"])
    assert result.exit_code == 0, result.output
    matrix = json.loads(result.output)
    pemda = [p for row in matrix["include"] for p in row["pemda"].split(",")]
    assert sorted(pemda) == sorted(count_sources(tmp_path / "sops")) and len(matrix["include"]) == 2
    assert sum(row["sop"] for row in matrix["include"]) == 90
    table = runner.invoke(main, ["bagian", str(tmp_path / "sops"), "--jumlah", "2", "--teks"])
    assert table.exit_code == 0 and table.output.count("bagian ") == 2 and "SOP, pemda" in table.output
    (tmp_path / "kosong").mkdir()
    empty = runner.invoke(main, ["bagian", str(tmp_path / "kosong")])
    assert empty.exit_code != 0 and "tidak ada folder pemda" in empty.output
    assert "Traceback" not in empty.output


def test_pemda_list_takes_commas_or_spaces_and_refuses_what_is_not_a_folder_name():
    assert parse_pemda_list("kota-b, kab-a kota-b") == ("kab-a", "kota-b")
    assert parse_pemda_list(["kab-a"]) == ("kab-a",)
    assert parse_pemda_list(None) == ()
    with pytest.raises(ValueError, match="'Kab A'"):
        parse_pemda_list(["Kab A"])


@pytest.mark.parametrize(
    ("rel", "owned"),
    [
        ("kab-a/index.html", True),
        ("kab-a/dinas/sop-x/index.html", True),
        ("kab-ab/index.html", False),
        ("perubahan.kab-a.dinas.xml", True),
        ("perubahan.xml", False),
        ("pagefind/kab-a/pagefind-entry.json", True),
        ("pagefind/kab-a/bagian-2/pagefind-entry.json", True),
        ("pagefind/kota-c/pagefind-entry.json", False),
        ("audit/kab-a/index.html", True),
        ("audit/index.html", False),
        ("evaluasi/instansi/kab-a/dinas/index.html", True),
        ("evaluasi/index.html", False),
        ("data/sumber/kab-a/dinas/sop-x.yml", True),
        ("data/dokumen/kab-a/dinas/sop-x.pdf", True),
        ("data/sop/kab-a/dinas/sop-x.json", False),  # the national open data places it
        ("data/katalog.json", False),
        ("peraturan/uu-25-2009/index.html", False),
        ("assets/javascripts/katalog-bagian.js", False),
        (NOTES_FILE, False),
    ],
)
def test_what_a_shard_publishes_in_the_national_site(rel, owned):
    assert shard_owns(rel, ("kab-a", "kab-b")) is owned


def test_the_national_sitemap_takes_the_shards_entries_for_their_pages():
    def sitemap(*paths):
        entries = "".join(f"    <url>\n         <loc>https://x.go.id/{p}</loc>\n    </url>\n" for p in paths)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="s">\n{entries}</urlset>\n'

    national = sitemap("", "peraturan/")
    shard = sitemap("", "kab-a/", "kab-a/dinas/sop/", "peraturan/")
    joined = join_sitemaps(national, [(shard, ("kab-a",))], "https://x.go.id")
    assert re.findall(r"<loc>https://x.go.id/([^<]*)</loc>", joined) == [
        "",
        "peraturan/",
        "kab-a/",
        "kab-a/dinas/sop/",
    ]
    assert joined.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="s">\n    <url>')
    assert joined.endswith("</url>\n</urlset>\n")


# --- three shards and the national site, against one whole build --------------------------------------------

SHARDS = 3
MONEV = Path(__file__).resolve().parent / "data" / "monev" / "sops"


def _normalised(html: str) -> str:
    """A page without what differs by construction between a whole and a national build: which index
    folder is the page's own, the prev/next links (another build's pages are not in the navigation's order)
    and white space."""
    html = re.sub(r"pagefind/[a-z0-9-]+/", "pagefind/", html)
    html = re.sub(r'<link rel="(prev|next)"[^>]*>', "", html)
    return re.sub(r"\s+", " ", html)


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    root = tmp_path_factory.mktemp("nasional")
    sources = root / "sops"
    generate(sources, 90, 3, SHARDS)
    # A pemda with monitoring and evaluation records, some keys of them internal ("RAHASIA-…").
    shutil.copytree(MONEV / "kab-uji", sources / "kab-uji")
    plan = plan_shards(count_sources(sources), SHARDS)
    assert len(plan) == SHARDS
    with serve(root / "nasional" / "site") as base:
        extra = f"site_url: {base}\n"
        whole = build_site(root / "utuh", sources, extra, search=True)
        shards = [
            build_site(
                root / f"b{s.number}", sources, extra, search=True, katalog_options={"pemda": list(s.pemda)}
            )
            for s in plan
        ]
        joined = [str(s.site) for s in shards]
        site = build_site(root / "nasional", sources, extra, search=True, katalog_options={"gabung": joined})
        yield whole, shards, site, plan, base


@pytest.fixture(scope="module")
def with_context(national):
    """The same catalogue's shards built again with context (the whole build's site standing for the last
    national site), and the national site joined from them."""
    whole, _, _, plan, base = national
    root = whole.root.parent  # beside the whole build: the open data names sources relative to the project
    sources = root / "sops"
    extra = f"site_url: {base}\n"
    options = lambda s: {"pemda": list(s.pemda), "konteks": str(whole.site)}  # noqa: E731
    shards = [
        build_site(root / f"k{s.number}", sources, extra, search=True, katalog_options=options(s))
        for s in plan
    ]
    joined = [str(s.site) for s in shards]
    site = build_site(root / "knasional", sources, extra, search=True, katalog_options={"gabung": joined})
    return shards, site


def _shard_pages(whole, site, plan) -> tuple[list[str], list[str]]:
    """The shards' SOP, agency and pemda pages, and those whose text differs from the whole build's."""
    every_pemda = {slug for s in plan for slug in s.pemda}
    pages = [f for f in _files(whole.site) if f.endswith(".html") and shard_owns(f, every_pemda)]
    return pages, [
        f
        for f in pages
        if _normalised(_without_nav((whole.site / f).read_text(encoding="utf-8")))
        != _normalised(_without_nav((site.site / f).read_text(encoding="utf-8")))
    ]


def _without_nav(html: str) -> str:
    """A page without its sidebar navigation (a shard's lists its own pages; see the README)."""
    return re.sub(
        r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', "", html, flags=re.DOTALL
    )


def test_without_context_a_shard_s_pages_miss_what_other_pemda_add(national):
    whole, _, site, plan, _ = national
    pages, different = _shard_pages(whole, site, plan)
    assert len(pages) > 100
    # A comparison group spanning pemda: its SOP pages in a shard count the shard's members only.
    assert any("Bandingkan" in (whole.site / f).read_text("utf-8") for f in different)


def test_with_context_a_shard_s_pages_and_open_data_are_a_whole_build_s(national, with_context):
    whole, _, _, plan, _ = national
    shards, site = with_context
    for shard, s in zip(shards, plan, strict=True):
        catalogue = json.loads((shard.site / "data/katalog.json").read_text(encoding="utf-8"))
        assert {p["slug"] for p in catalogue["pemda"]} == set(s.pemda)
        assert {d["id"].split("/")[0] for d in catalogue["sop"]} == set(s.pemda)
        # Its own pages only: no page of another pemda (the context's SOPs are not published again).
        others = {slug for t in plan if t is not s for slug in t.pemda}
        assert not [f for f in _files(shard.site) if f.split("/")[0] in others]
        assert json.loads((shard.site / NOTES_FILE).read_text("utf-8"))["pemda"] == list(s.pemda)
    pages, different = _shard_pages(whole, site, plan)
    assert different == []
    data = sorted(f for f in _files(whole.site / "data") if f != "index.html")
    assert [
        f for f in data if not filecmp.cmp(whole.site / "data" / f, site.site / "data" / f, shallow=False)
    ] == []


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_a_shard_builds_its_pemda_only(national):
    _, shards, _, plan, _ = national
    for shard, s in zip(shards, plan, strict=True):
        catalogue = json.loads((shard.site / "data/katalog.json").read_text(encoding="utf-8"))
        assert {p["slug"] for p in catalogue["pemda"]} == set(s.pemda)
        assert {d["id"].split("/")[0] for d in catalogue["sop"]} == set(s.pemda)
        assert (shard.site / f"pagefind/{s.name}/pagefind-entry.json").is_file()
        assert json.loads((shard.site / NOTES_FILE).read_text(encoding="utf-8"))["pemda"] == list(s.pemda)


def test_the_national_site_publishes_what_one_build_does(national):
    whole, _, site, plan, _ = national
    outside_search = lambda files: {f for f in files if not f.startswith("pagefind/")}  # noqa: E731
    assert outside_search(_files(site.site)) == outside_search(_files(whole.site))
    # The open data is the same, byte for byte: katalog.json, the tables, each SOP's files.
    data = sorted(f for f in _files(whole.site / "data") if f != "index.html")
    assert "katalog.json" in data and any(f.startswith("sop/") for f in data)
    differ = [
        f for f in data if not filecmp.cmp(whole.site / "data" / f, site.site / "data" / f, shallow=False)
    ]
    assert differ == []
    # The evaluations travel too (the public edition's: no internal key reaches the national site).
    assert json.loads((site.site / "data/evaluasi.json").read_text("utf-8"))["evaluasi"]
    assert not [
        f
        for f in _files(site.site)
        if f.endswith((".html", ".json")) and "RAHASIA" in (site.site / f).read_text("utf-8")
    ]
    # Its sitemap lists every page of the whole site (Material's instant navigation follows only those).
    locs = lambda site: sorted(re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text("utf-8")))  # noqa: E731
    assert len(locs(whole.site)) > 100
    assert locs(site.site) == locs(whole.site)
    with gzip.open(site.site / "sitemap.xml.gz", "rt", encoding="utf-8") as packed:
        assert packed.read() == (site.site / "sitemap.xml").read_text("utf-8")
    # Every page across pemda reads as in one build: home, legal index, roles, comparison, audit, evaluation.
    national_pages = _national_pages_as_whole(whole, site, plan)
    assert {"index.html", "peraturan/index.html", "audit/index.html"} <= set(national_pages)
    assert any(f.startswith("perbandingan/") and f != "perbandingan/index.html" for f in national_pages)


def _national_pages_as_whole(whole, site, plan) -> list[str]:
    """The pages across pemda of the whole build, after checking that the national site has them alike."""
    every_pemda = {slug for s in plan for slug in s.pemda}
    national_pages = [f for f in _files(whole.site) if f.endswith(".html") and not shard_owns(f, every_pemda)]
    different = [
        f
        for f in national_pages
        if _normalised((whole.site / f).read_text(encoding="utf-8"))
        != _normalised((site.site / f).read_text(encoding="utf-8"))
    ]
    assert different == []
    return national_pages


def test_the_national_site_publishes_a_big_catalogue_s_summaries_as_one_build_does(tmp_path):
    """With the forms a big catalogue's pages take (counts per pemda, pages per pemda of a regulation and of
    the SOPs named but missing, a row per agency), the national site has the whole build's pages."""
    sources = tmp_path / "sops"
    generate(sources, 60, 4, SHARDS)
    plan = plan_shards(count_sources(sources), SHARDS)
    with pytest.MonkeyPatch.context() as patch:
        big_catalogue_pages(patch)
        whole = build_site(tmp_path / "utuh", sources)
        shards = [
            build_site(tmp_path / f"b{s.number}", sources, katalog_options={"pemda": list(s.pemda)})
            for s in plan
        ]
        site = build_site(
            tmp_path / "nasional", sources, katalog_options={"gabung": [str(s.site) for s in shards]}
        )
    assert _files(site.site) == _files(whole.site)
    national_pages = _national_pages_as_whole(whole, site, plan)
    per_pemda = [
        f for f in national_pages if re.fullmatch(r"(peraturan/[^/]+|keterkaitan)/[^/]+/index\.html", f)
    ]
    assert len(per_pemda) > len(plan)  # the summaries' pages per pemda were built, and alike


def test_a_comparison_across_pemda_lists_every_shard_s_sops(national):
    whole, _, site, _, _ = national
    pages = sorted((site.site / "perbandingan").glob("*/index.html"))
    spanning = [
        p
        for p in pages
        if len(set(re.findall(r'href="\.\./\.\./([a-z0-9-]+)/[a-z0-9-]+/[a-z0-9-]+/"', p.read_text("utf-8"))))
        > 1
    ]
    assert spanning, "the generated catalogue has a comparison group across pemda"


def test_search_on_a_shard_s_page_finds_every_shard_s_sops(chromium, national):
    _, _, site, plan, base = national
    listed = (site.site / "assets/javascripts/katalog-bagian.js").read_text(encoding="utf-8")
    assert all(f'"pagefind/{s.name}/"' in listed for s in plan)
    catalogue = json.loads((site.site / "data/katalog.json").read_text(encoding="utf-8"))
    first = next(d for d in catalogue["sop"] if d["id"].split("/")[0] in plan[0].pemda)
    last = next(d for d in catalogue["sop"] if d["id"].split("/")[0] in plan[-1].pemda)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(status=200, body=""))
    log = ConsoleLog(page)
    try:
        # A page the first shard built searches the other shards' SOPs from its header box.
        page.goto(base + first["halaman"], wait_until="networkidle")
        own = page.locator(".kat-cari__kotak").get_attribute("data-kat-bundle")
        assert own.endswith(f"pagefind/{plan[0].name}/")
        page.locator(".md-header pagefind-searchbox input").fill(last["pemda"]["nama"].split()[-1])
        hits = page.locator(".md-header .kat-hasil")
        hits.first.wait_for()
        pemda_of_hits = {(h.get_attribute("href") or "").strip("/").split("/")[0] for h in hits.all()}
        assert pemda_of_hits - set(plan[0].pemda), pemda_of_hits
        # The search page counts the SOPs of every shard, and filters by each shard's pemda.
        page.goto(base + "cari/", wait_until="networkidle")
        search_page_query(page, "inspektorat")
        assert result_count(page) > max(s.sources for s in plan)
        page.locator('pagefind-filter-dropdown[filter="pemda"] .pf-dropdown-trigger').click()
        dropdown = page.locator('pagefind-filter-dropdown[filter="pemda"]')
        found_in = {d["pemda"]["nama"] for d in catalogue["sop"] if "Inspektorat" in d["instansi"]["nama"]}
        assert len(found_in) == SHARDS
        for nama in found_in:  # each shard's pemda, from the merged filter values
            dropdown.locator(f'.pf-dropdown-option[data-value="{nama}"]').wait_for()
        assert log.errors == []
    finally:
        page.close()


# --- bad input ------------------------------------------------------------------------------------------------


def test_a_shard_asked_for_a_pemda_that_is_not_there_says_which(tmp_path, caplog):
    sources = tmp_path / "sops"
    generate(sources, 6, 1, 2)
    with pytest.raises((PluginError, Abort)):  # MkDocs logs the plugin's error, then aborts
        build_site(tmp_path / "p", sources, katalog_options={"pemda": ["kota-tidak-ada"]})
    assert f"{sources / 'kota-tidak-ada'}:1:1: error" in caplog.text
    assert "pemda 'kota-tidak-ada' yang diminta untuk dibangun" in caplog.text
    assert not (tmp_path / "p" / "site").exists()


def test_the_national_build_refuses_a_folder_that_is_no_shard_and_a_pemda_built_twice(national, tmp_path):
    whole, shards, _, _, _ = national
    with pytest.raises(CatalogueError) as found:
        load_shard_sites([whole.site], whole.root)
    assert "bukan situs sebuah bagian" in found.value.problems[0].message
    with pytest.raises(CatalogueError) as found:
        load_shard_sites([shards[0].site, shards[0].site], whole.root)
    assert "juga dibangun oleh bagian" in found.value.problems[0].message
