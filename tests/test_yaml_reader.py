"""Reading sources: the fast loader (PyYAML over libyaml) reads every value as ruamel (YAML 1.2) does, and
hands any file it cannot read as ruamel would to ruamel, whose verdict and messages stand."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.source import yaml_reader
from catalogue.source.yaml_reader import SourceReadError, parse

SOURCE = Path("x.yml")


def _ruamel(text: str):
    return yaml_reader._SAFE.load(text)


@pytest.mark.parametrize(
    "text",
    [
        "langkah:\n- no: 1\n  kegiatan: Cek\n",  # YAML 1.1 would read the key `no` as False
        "a: yes\nb: on\nc: off\nd: No\ne: y\n",  # text in YAML 1.2
        "a: true\nb: False\n",  # booleans in both
        "nomor: 067001\nversi: 1.10\nx: .inf\ny: 0x1F\nz: 1_000\nw: 1:30\n",  # numbers stay as written
        "tanggal: 2024-02-01\nsalah: 2024-02-30\n",  # a date; a non-date keeps its text
        "a: ~\nb: null\nc:\n",
        "1: satu\n2.5: x\n",  # number keys become text
        "a: 'kutip'\nb: \"\\u00e9\"\nc: |\n  baris\n  dua\n",
    ],
)
def test_fast_loader_reads_values_as_ruamel_does(text):
    fast = yaml_reader._fast_load(text)
    assert fast is not None, "the fast path was taken"
    assert repr(fast) == repr(_ruamel(text))
    assert repr(parse(SOURCE, text)) == repr(_ruamel(text))


def test_duplicate_key_goes_to_ruamel_and_is_refused():
    text = "judul: A\nnomor: 1\njudul: B\n"
    assert yaml_reader._fast_load(text) is None  # PyYAML would keep "B" silently
    with pytest.raises(SourceReadError) as caught:
        parse(SOURCE, text)
    assert caught.value.line == 3


@pytest.mark.parametrize("text", ["", "# hanya komentar\n", "teks saja\n", "a: [1, 2\n", "a: =\n"])
def test_what_the_fast_loader_cannot_judge_is_ruamels(text):
    assert yaml_reader._fast_load(text) is None
    try:
        expected = ("ok", repr(_ruamel(text)))
    except Exception:
        expected = ("error",)
    try:
        got = ("ok", repr(parse(SOURCE, text)))
    except SourceReadError:
        got = ("error",)
    assert got == expected
