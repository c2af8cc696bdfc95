"""What a reader sees of an SOP's history in real Chromium: the link from the SOP page, the Riwayat page
with its versions and changes, and the feeds the pages announce (fetched and parsed by the browser)."""

from __future__ import annotations

import pytest

from .browser import ConsoleLog, serve
from .gitrepo import AGENCY, SOPS, history_repo
from .sitebuild import build_site


@pytest.fixture(scope="module")
def history_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("riwayat-browser")
    repo = history_repo(root / "repo")
    site = build_site(root / "project", repo.root / SOPS)
    with serve(site.site) as base:
        yield base


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)], ids=["desktop", "phone"])
def test_from_the_sop_page_to_its_history(chromium, history_server, width, height):
    page = chromium.new_page(viewport={"width": width, "height": height})
    log = ConsoleLog(page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(history_server + f"{AGENCY}/laporan/", wait_until="networkidle")
    page.get_by_role("link", name="Riwayat revisi (2 versi)").click()
    page.wait_for_url("**/laporan/riwayat/")
    assert page.locator("h1").first.inner_text() == "Riwayat revisi"
    versions = page.locator("li.kat-versi")
    assert versions.count() == 2
    newest = versions.nth(0)
    assert "Revisi" in newest.locator("h2").inner_text()
    assert "3 Juni 2024" in newest.locator("h2").inner_text()
    # The commit message is shown as written, as text: its markup neither renders nor runs.
    message = newest.locator(".kat-versi-pesan").inner_text()
    assert message == 'Revisi <script>alert("x")</script> & langkah pemeriksaan'
    assert dialogs == []
    # What changed, old → new, and the step added, as a reader sees them.
    waktu_row = newest.locator("tr", has_text="Waktu")
    assert waktu_row.locator("del").inner_text() == "1 hari"
    assert waktu_row.locator("ins").inner_text() == "2 hari"
    assert newest.locator(
        ".kat-ditambah ins", has_text="Langkah 3: Memeriksa kelengkapan laporan"
    ).is_visible()
    assert newest.locator(".kat-ditambah ins", has_text="Printer").is_visible()
    assert "SOP ditambahkan ke katalog." in versions.nth(1).inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"page is {overflow}px wider than a {width}px screen"
    assert log.errors == []
    page.close()


FETCH_FEEDS = """
async () => {
  const out = [];
  for (const link of document.querySelectorAll('link[rel~="alternate"][type="application/atom+xml"]')) {
    const response = await fetch(link.href);
    const xml = new DOMParser().parseFromString(await response.text(), "application/xml");
    out.push({
      title: link.title,
      status: response.status,
      error: xml.getElementsByTagName("parsererror").length,
      root: xml.documentElement.namespaceURI + " " + xml.documentElement.localName,
      entries: xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").length,
    });
  }
  return out;
}
"""


def test_the_feeds_a_page_announces_load_as_atom(chromium, history_server):
    page = chromium.new_page()
    page.goto(history_server + f"{AGENCY}/laporan/riwayat/", wait_until="networkidle")
    feeds = page.evaluate(FETCH_FEEDS)
    assert [f["title"] for f in feeds] == ["Perubahan Katalog Uji", "Perubahan SOP Kecamatan Uji"]
    for feed in feeds:
        assert feed["status"] == 200 and feed["error"] == 0
        assert feed["root"] == "http://www.w3.org/2005/Atom feed"
        assert feed["entries"] == 3
    page.close()
