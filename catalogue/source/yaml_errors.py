"""YAML syntax errors said in Indonesian, at the line the author has to fix, with a hint.

The C parser (libyaml, through ruamel.yaml) reports where it gave up, in English ("did not find expected
key (while parsing a block mapping)"). Each known message is translated here with what usually causes it and
how to fix it. Where the parser gives up far from the cause, the position is moved to the cause:

- a quote left open (``nama: "Laporan``) swallows the lines after it until the next quote character; the
  parser then fails at some later line. The error points at the line where the quote opens;
- a bracket left open is reported where the parser noticed it, naming the line where it opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import ScalarToken


@dataclass(frozen=True)
class Explained:
    """A syntax error for a person: the message (with its hint) and the 1-based position to show."""

    message: str
    line: int | None
    column: int | None


#: A parser's problem (its start) → (what is wrong, how to fix it). The first match wins.
PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "found unexpected end of stream",
        "tanda kutip dibuka di sini tetapi tidak pernah ditutup",
        "Tambahkan tanda kutip penutup yang sama (\" atau ') di akhir nilainya.",
    ),
    (
        "found unexpected document indicator",
        "tanda kutip dibuka di sini tetapi tidak ditutup sebelum baris '---'",
        "Tambahkan tanda kutip penutup yang sama (\" atau ') di akhir nilainya.",
    ),
    (
        "did not find expected key",
        "baris ini tidak dapat dibaca sebagai 'kunci: nilai'",
        "Periksa indentasinya (sejajar dengan kunci lain pada tingkat yang sama) dan tanda kutip pada baris "
        "ini serta baris sebelumnya.",
    ),
    (
        "did not find expected '-' indicator",
        "butir daftar ('- ') diharapkan di sini",
        "Periksa indentasi: kunci-kunci dalam satu butir daftar harus sejajar satu sama lain.",
    ),
    (
        "did not find expected ',' or ']'",
        "kurung siku '[' tidak ditutup dengan ']'",
        "Tutup daftar dengan ']' pada baris yang sama, atau tulis daftar sebagai baris-baris '- '.",
    ),
    (
        "did not find expected ',' or '}'",
        "kurung kurawal '{{' tidak ditutup dengan '}}'",  # (doubled: these messages go through str.format)
        "Tutup pemetaan dengan '}', atau apit teks yang diawali '{' dengan tanda kutip.",
    ),
    (
        "mapping values are not allowed",
        "titik dua ':' tidak diharapkan di sini",
        'Teks yang memuat ": " harus diapit tanda kutip, mis. nama: "Laporan: Kinerja Triwulan".',
    ),
    (
        "block sequence entries are not allowed",
        "butir daftar ('- ') tidak diizinkan di sini",
        "Tulis butir daftar pada baris baru di bawah kuncinya, menjorok, mis. 'pelaksana:' lalu '  - Camat'.",
    ),
    (
        "could not find expected ':'",
        "tanda ':' setelah kunci tidak ditemukan",
        "Baris lanjutan sebuah teks harus menjorok lebih dalam dari kuncinya; atau apit teks itu dengan tanda "
        "kutip.",
    ),
    (
        "found character that cannot start any token",
        "karakter {char} tidak boleh mengawali nilai",
        'Apit nilainya dengan tanda kutip, mis. "@admin" atau "`kode`".',
    ),
    (
        "found unknown escape character",
        "urutan garis miring terbalik tidak dikenal di dalam kutip ganda",
        "Tulis \\\\ untuk satu garis miring terbalik, atau pakai kutip tunggal ('...').",
    ),
    (
        "did not find expected comment or line break",
        "ada teks setelah nilai yang tidak diharapkan",
        "Setelah nilai bertanda kutip hanya boleh ada komentar (# ...); apit seluruh nilai dengan tanda kutip.",
    ),
    (
        "did not find expected node content",
        "nilai tidak ditemukan di sini",
        "Periksa tanda baca di awal nilai (',', ']', '}' atau '|'); apit teksnya dengan tanda kutip.",
    ),
    (
        "found a tab character",
        "karakter tab dipakai sebagai indentasi",
        "YAML memakai spasi, bukan tab, untuk indentasi: ganti tab dengan spasi.",
    ),
    (
        "but found another document",
        "berkas berisi lebih dari satu dokumen YAML",
        "Hapus baris '---' (atau '...') ini dan yang sesudahnya bila bukan bagian SOP: satu berkas memuat satu "
        "SOP.",
    ),
    (
        "did not find expected <document start>",
        "ada isi di luar dokumen YAML",
        "Hapus baris '---' atau '...' di tengah berkas.",
    ),
    (
        "could not determine a constructor for the tag",
        "tag YAML {tag} tidak dikenal",
        "Hapus tanda yang diawali '!' sebelum nilai, atau apit nilainya dengan tanda kutip.",
    ),
    (
        "found duplicate key",
        "kunci ganda {key}",
        "Setiap kunci hanya boleh muncul sekali di tingkat yang sama; hapus atau gabungkan salah satunya.",
    ),
)

_GENERIC_HINT = "Periksa indentasi dan tanda kutip pada baris ini dan baris sebelumnya."
_QUOTES = ('"', "'")
_TAB_HINT = "Ada karakter tab: YAML memakai spasi, bukan tab, untuk indentasi; ganti tab dengan spasi."


def explain(exc: YAMLError, source: str) -> Explained:
    """The Indonesian message and the position of a YAML syntax error."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark or context_mark
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None) or ""
    line = mark.line if mark is not None else None
    column = mark.column if mark is not None else None

    found = next(((what, hint) for start, what, hint in PROBLEMS if problem.startswith(start)), None)
    if found is None:
        message, hint = f"YAML tidak valid ({problem})", _GENERIC_HINT
    else:
        what, hint = found
        message = "YAML tidak valid: " + what.format(
            char=_quoted_char(source, line, column), tag=_tag(problem), key=_key(problem)
        )
    if found is not None and _char_at(source, line, column) == "\t" and "cannot start" in problem:
        message, hint = "YAML tidak valid: karakter tab tidak diizinkan di sini", _TAB_HINT
    if problem.startswith("found duplicate key"):
        message = message.replace("YAML tidak valid: ", "")

    if "quoted scalar" in context and context_mark is not None and problem.startswith("found unexpected"):
        # The stream ended inside the quote: the cause is where it opens.
        line, column = context_mark.line, context_mark.column
    elif (
        "flow" in context and context_mark is not None and mark is not None and context_mark.line != mark.line
    ):
        message += f"; kurung dibuka pada baris {context_mark.line + 1}"
    elif line is not None:
        opened = _open_quote_before(source, line)
        if opened is not None:
            quote_line, quote_column, char = opened
            message = (
                f"YAML tidak valid: tanda kutip {char} pada baris {quote_line + 1} tidak ditutup pada barisnya, "
                f"sehingga baris-baris berikutnya terbaca sebagai bagian teks itu (pengurai baru berhenti di "
                f"baris {line + 1})"
            )
            hint = f"Tutup tanda kutip {char} di akhir nilai pada baris {quote_line + 1}."
            line, column = quote_line, quote_column
    if _char_at(source, line, column) == "\t" and _TAB_HINT not in hint:
        hint += " " + _TAB_HINT
    message = f"{message}. {hint}"
    if line is None:
        return Explained(message, None, None)
    return Explained(message, line + 1, (column or 0) + 1)


def _open_quote_before(source: str, error_line: int) -> tuple[int, int, str] | None:
    """A quoted value that starts on an earlier line and ends on the error's line (or the one before): the
    sign of a quote left open that swallowed the lines after it. Its 0-based line, column and quote."""
    last: ScalarToken | None = None
    try:
        for token in YAML(typ="safe", pure=True).scan(source):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, ScalarToken) and token.style in _QUOTES:
                last = token
    except YAMLError:
        pass
    if last is None:
        return None
    start, end = last.start_mark, last.end_mark
    if start.line < end.line and error_line - 1 <= end.line <= error_line:
        return start.line, start.column, last.style
    return None


def _char_at(text: str, line: int | None, column: int | None) -> str:
    if line is None or column is None:
        return ""
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _quoted_char(source: str, line: int | None, column: int | None) -> str:
    char = _char_at(source, line, column)
    return f"'{char}'" if char else "ini"


def _tag(problem: str) -> str:
    found = re.search(r"tag '([^']*)'", problem)
    if not found:
        return ""
    return "'!!" + found.group(1).removeprefix("tag:yaml.org,2002:") + "'"


def _key(problem: str) -> str:
    found = re.search(r'duplicate key ("[^"]*"|\'[^\']*\')', problem)
    return found.group(1) if found else ""
