"""Which URLs may become a link (catalogue.rules.links): http(s) and relative paths, never a script."""

import pytest

from catalogue.rules.links import is_web_link, link_problem, looks_like_url


@pytest.mark.parametrize(
    "url",
    [
        "https://creativecommons.org/licenses/by/4.0/",
        "http://example.go.id",
        " https://x.id ",
        "../data/",
        "a.pdf",
    ],
)
def test_web_addresses_and_relative_paths_may_be_links(url):
    assert is_web_link(url) and link_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",  # a browser drops the tab and runs it
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "http://[::1",  # not a URL at all
    ],
)
def test_anything_else_is_refused(url):
    assert not is_web_link(url)
    assert "tidak dapat dijadikan tautan" in link_problem(url)


def test_relative_and_mailto_as_each_setting_allows():
    assert not is_web_link("../lisensi.html", relative=False)
    assert is_web_link("mailto:organisasi@example.go.id", mailto=True) and not is_web_link("mailto:x@y")


def test_a_windows_file_name_is_not_an_address():
    assert not looks_like_url("C:\\dokumen\\sop.docx") and not looks_like_url("sop-2024.pdf")
    assert looks_like_url("https://x.id/sop.pdf") and looks_like_url("javascript:alert(1)")
