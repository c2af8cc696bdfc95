"""Escaping: XSS payloads in every text field of two SOPs, their agencies, roles and pemda are published only
as text. Checked twice: statically over every built HTML/SVG/XML file, and in real Chromium on every generated
page (no dialog, no injected element), including the flowchart SVG and the search results.

The test walks every HTML file of the built site, so page types added later are covered without editing it.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path

import pytest

from .browser import serve
from .realsite import build_repo_site, html_errors, html_pages

PAYLOAD_FILE = Path(__file__).resolve().parent / "data" / "xss_payloads.txt"
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "srcdoc",
    "content",
    "poster",
    "background",
    "codebase",
    "cite",
    "ping",
}
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def load_payloads() -> list[str]:
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


PAYLOADS = load_payloads()


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def write_hostile_catalogue(root: Path) -> dict[str, str]:
    """Two agencies of one pemda, one SOP each, every text field a payload. Returns the SOP titles."""
    payloads = cycle(PAYLOADS)

    def p() -> str:
        """The next payload (short: it is called in every line of the templates below)."""
        return next(payloads)

    pemda = root / "kab-xss"
    pemda.mkdir(parents=True)
    (pemda / "_pemda.yml").write_text(f"nama: {q(p())}\nprovinsi: {q(p())}\n", encoding="utf-8")
    titles = {"instansi-a": p(), "instansi-b": p()}
    for slug, title in titles.items():
        other = next(t for s, t in titles.items() if s != slug)
        role_alias, role_other = p(), p()
        folder = pemda / slug
        folder.mkdir()
        (folder / "_instansi.yml").write_text(
            f"""\
nama: {q(p())}
jenis: {q(p())}
alamat: {q(p())}
peran:
  - nama: {q(p())}
    alias: [{q(role_alias)}, {q(p())}]
  - nama: {q(role_other)}
""",
            encoding="utf-8",
        )
        (folder / "prosedur.yml").write_text(
            f"""\
nomor: {q(p())}
nama: {q(title)}
tanggal_pembuatan: 2024-01-02
tanggal_revisi: "-"
tanggal_efektif: 2024-01-02
disahkan_oleh:
  jabatan: {q(p())}
  nama: {q(p())}
  nip: {q(p())}
  pangkat: {q(p())}
topik: uji-xss
dasar_hukum:
  - {q(p())}
  - {q("Peraturan Pemerintah Nomor 12 Tahun 2019 tentang " + p())}
  - {q("Permendagri Nomor 86 Tahun 2017 tentang " + p())}
  - teks: {q(p())}
    rujukan:
      - jenis: Peraturan Menteri
        penerbit: {q(p())}
        nomor: {q(p())}
        tahun: "2020"
        tentang: {q(p())}
kualifikasi_pelaksana: [{q(p())}, {q(p())}]
keterkaitan:
  - {q(other)}
  - {q("SOP " + p())}
  - teks: {q(p())}
    target: "-"
peralatan_perlengkapan: [{q(p())}]
peringatan: [{q(p())}]
pencatatan_pendataan: [{q(p())}]
pelaksana: [{q(role_alias)}, {q(role_other)}]
langkah:
  - no: 1
    kegiatan: {q(p())}
    pelaksana: {q(role_alias)}
    waktu: 10 menit
    output: {q(p())}
    keterangan: {q(p())}
  - no: 2
    kegiatan: {q(p())}
    pelaksana: {q(role_other)}
    pelaksana_status: disimpulkan
    pelaksana_alasan: {q(p())}
    kelengkapan: [{q(p())}, {q(p())}]
    waktu: {q(p())}
    output: {q(p())}
    keterangan: {q("Lihat SOP " + other)}
    catatan: {q(p())}
  - no: 3
    kegiatan: {q(p())}
    jenis: keputusan
    pelaksana: {q(role_alias)}
    ya: 4
    tidak: 2
    waktu: 1 hari
    output: {q(p())}
  - no: 4
    kegiatan: {q(p())}
    pelaksana: {q(role_other)}
    waktu: 1 jam
  - no: {q(p())}
    kegiatan: {q(p())}
    pelaksana: {q(role_alias)}
    waktu: 5 menit
    output: {q(p())}
sumber:
  dokumen: {q(p())}
  jenis_dokumen: pdf
  catatan: [{q(p())}]
""",
            encoding="utf-8",
        )
    return titles


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("xss")
    write_hostile_catalogue(base / "sops")
    return build_repo_site(base / "site", base / "sops")


class _Scan(HTMLParser):
    """Finds markup that could only have come from a payload: handlers, ids and data attributes carrying the
    marker, javascript: URLs, and executable script or style bodies carrying the marker."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.raw: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            low = value.lower()
            handler = name.startswith("on") and "xss" in low
            marked = (name == "id" and low.startswith("xss")) or name.startswith("data-xss")
            script_url = name in URL_ATTRIBUTES and "".join(low.split()).startswith("javascript:")
            if handler or marked or script_url or (name == "srcdoc" and "xss" in low):
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            kind = (dict(attrs).get("type") or "").strip().lower()
            self.raw = (tag, kind)

    def handle_endtag(self, tag: str) -> None:
        if self.raw and tag == self.raw[0]:
            self.raw = None

    def handle_data(self, data: str) -> None:
        if self.raw and "xss" in data.lower():
            tag, kind = self.raw
            if tag == "style" or kind in EXECUTABLE_SCRIPT_TYPES:
                self.findings.append(f"<{tag}> body with a payload: {data.strip()[:80]!r}")


def test_payloads_are_text_in_every_built_file(hostile_site):
    files = sorted(
        p for p in hostile_site.rglob("*") if p.suffix in (".html", ".svg", ".xml") and p.is_file()
    )
    assert len(files) >= 6
    markup_payloads = [p for p in PAYLOADS if "<" in p]
    problems = []
    shown = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(hostile_site).as_posix()
        for payload in markup_payloads:
            if payload in text:
                problems.append(f"{rel}: unescaped payload {payload!r}")
        scan = _Scan()
        scan.feed(text)
        problems += [f"{rel}: {finding}" for finding in scan.findings]
        shown += "xss" in text
    assert not problems, "\n".join(problems[:40])
    assert shown >= 5, "the payloads must be published (as text) on the generated pages"
    sop = (hostile_site / "kab-xss" / "instansi-a" / "prosedur" / "index.html").read_text(encoding="utf-8")
    assert (
        "&lt;script&gt;alert(&#39;xss01&#39;)&lt;/script&gt;" in sop or "&lt;script&gt;alert('xss01')" in sop
    )
    assert (
        "{{7*7}}" in (hostile_site / "kab-xss" / "instansi-b" / "prosedur" / "index.html").read_text() + sop
    ), "template syntax in data must stay literal text"


def test_payloads_leave_the_markup_valid(hostile_site):
    """Escaped payloads are still text: no page of the hostile site has an HTML error."""
    pages = html_pages(hostile_site)
    errors = html_errors(hostile_site, pages)
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors[:30])


DOM_CHECK = """() => {
  const found = [];
  const urlAttrs = URL_ATTRIBUTES;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value, low = value.toLowerCase();
      if (name.startsWith('on') && low.includes('xss')) found.push(`<${el.localName} ${name}="${value}">`);
      else if ((name === 'id' && low.startsWith('xss')) || name.startsWith('data-xss'))
        found.push(`<${el.localName} ${name}="${value}">`);
      else if (urlAttrs.includes(name) && low.replace(/\\s+/g, '').startsWith('javascript:'))
        found.push(`<${el.localName} ${name}="${value}">`);
    }
    const tag = el.localName;
    if ((tag === 'script' || tag === 'style') && el.textContent.toLowerCase().includes('xss')) {
      const type = (el.getAttribute('type') || '').trim().toLowerCase();
      if (tag === 'style' || SCRIPT_TYPES.includes(type)) found.push(`<${tag}> ${el.textContent.slice(0, 80)}`);
    }
  }
  if (window.__xssFired) found.push('payload ran: ' + window.__xssFired);
  return found;
}""".replace("URL_ATTRIBUTES", json.dumps(sorted(URL_ATTRIBUTES))).replace(
    "SCRIPT_TYPES", json.dumps(sorted(EXECUTABLE_SCRIPT_TYPES))
)

# Payloads call alert(); anything that slips through without a dialog still trips this flag.
INIT_SCRIPT = """
window.__xssFired = '';
for (const name of ['alert', 'confirm', 'prompt']) {
  const original = window[name];
  window[name] = function (message) {
    window.__xssFired += String(message) + ' ';
    return original.call(window, message);
  };
}
"""


class Watch:
    """One page with a dialog handler: every dialog is recorded and dismissed."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page()
        self.dialogs: list[str] = []
        self.page.add_init_script(INIT_SCRIPT)
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self, where: str) -> list[str]:
        self.page.wait_for_timeout(150)  # let onload/onerror/autofocus handlers and animations start
        return [f"{where}: {f}" for f in self.page.evaluate(DOM_CHECK)] + [
            f"{where}: dialog {d}" for d in self.dialogs
        ]


def test_nothing_executes_in_chromium_on_any_page(chromium, hostile_site):
    pages = html_pages(hostile_site)
    problems: list[str] = []
    with serve(hostile_site) as base:
        watch = Watch(chromium)
        for path in pages:
            rel = path.relative_to(hostile_site).as_posix()
            url = base + rel.removesuffix("index.html")
            watch.dialogs.clear()
            watch.page.goto(url, wait_until="load")
            # Hover and focus everything a payload might have hooked (a handler that fires only on use).
            for selector in ("svg", "a", "td"):
                loc = watch.page.locator(selector)
                if loc.count():
                    loc.first.hover(timeout=2000, force=True)
            problems += watch.check(rel)
        watch.page.close()
    assert not problems, "\n".join(problems[:40])
    assert len(pages) >= 6


def test_search_results_show_payloads_as_text(chromium, hostile_site):
    """The search page and the header box render results from the index: payloads stay text there too."""
    search_page = hostile_site / "cari" / "index.html"
    if not search_page.exists():
        pytest.fail("the search page cari/ is missing from the built site")
    with serve(hostile_site) as base:
        watch = Watch(chromium)
        watch.page.goto(base + "cari/?q=xss", wait_until="load")
        results = watch.page.locator("pagefind-results a, .kat-hasil, .pf-result")
        results.first.wait_for(timeout=15_000)
        assert results.count() >= 1, "the search for 'xss' found nothing: the check would be vacuous"
        problems = watch.check("cari/?q=xss")

        watch.dialogs.clear()
        watch.page.goto(base, wait_until="load")
        box = watch.page.locator("pagefind-searchbox input").first
        if watch.page.locator("[data-kat-cari-buka]").first.is_visible():
            watch.page.locator("[data-kat-cari-buka]").first.click()
        box.fill("alert")
        watch.page.locator("pagefind-searchbox .kat-hasil, pagefind-searchbox a").first.wait_for(
            timeout=15_000
        )
        problems += watch.check("header search box")
        watch.page.close()
    assert not problems, "\n".join(problems[:40])
