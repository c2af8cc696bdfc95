"""The CSV tables as one Excel workbook (``katalog.xlsx``): a sheet per table, for Excel set to Indonesian.

A CSV with a byte order mark opens with its letters intact, but Excel in an Indonesian (or any
comma-decimal) locale splits rows on ";" and puts a whole comma-separated row into one cell: a reader
double-clicking ``langkah.csv`` sees one column. A workbook carries its cells, not a separator.

Written here as plain Office Open XML (SpreadsheetML with inline strings), streamed row by row from the
CSV files already written, in reproducible bytes (fixed zip timestamps, no creation date): openpyxl would
stamp the build time into every file. Numbers of ``bilangan`` columns are number cells; everything else is
text, as in the CSV. Read back by openpyxl in the tests.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from catalogue.text import xml_text

#: Fixed timestamp of every zip entry (the earliest a zip can carry): the same tables give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: Excel's limits: a sheet name has at most 31 characters; a cell at most 32,767.
MAX_SHEET_NAME = 31
MAX_CELL = 32767
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Sheet:
    name: str
    csv_path: Path  # a table written by open_data (UTF-8 with byte order mark)
    number_columns: frozenset[str] = frozenset()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: str, number: bool) -> str:
    if value == "":
        return ""
    if number and _NUMBER.fullmatch(value):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(xml_text(value[:MAX_CELL]))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet_xml(rows: Iterable[list[str]], number_columns: frozenset[str]) -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/></sheetView></sheetViews><sheetData>'
    )
    numbers: list[bool] = []
    letters: list[str] = []  # column letters, made once per sheet (a table has a few dozen columns)
    for r, row in enumerate(rows, start=1):
        if r == 1:
            numbers = [name in number_columns for name in row]
        while len(letters) < len(row):
            letters.append(_column_letter(len(letters)))
        cells = "".join(
            _cell(f"{letters[c]}{r}", value, r > 1 and c < len(numbers) and numbers[c])
            for c, value in enumerate(row)
            if value != ""
        )
        yield f'<row r="{r}">{cells}</row>'
    yield "</sheetData></worksheet>"


def _csv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.reader(handle)


def _write(archive: zipfile.ZipFile, name: str, parts: Iterable[str]) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with archive.open(info, "w") as entry:
        for part in parts:
            entry.write(part.encode("utf-8"))


def write_workbook(path: Path, sheets: list[Sheet]) -> None:
    """Write ``sheets`` (each from its CSV file) into the workbook at ``path``, one row in memory at a time."""
    names = [sheet.name[:MAX_SHEET_NAME] for sheet in sheets]
    if len(set(names)) != len(names):
        raise ValueError(f"sheet names collide: {names}")
    sheet_entries = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w") as archive:
        _write(
            archive,
            "[Content_Types].xml",
            [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                f"{sheet_entries}</Types>"
            ],
        )
        _write(
            archive,
            "_rels/.rels",
            [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>'
            ],
        )
        _write(
            archive,
            "xl/workbook.xml",
            [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                + "".join(
                    f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, name in enumerate(names, start=1)
                )
                + "</sheets></workbook>"
            ],
        )
        _write(
            archive,
            "xl/_rels/workbook.xml.rels",
            [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(
                    f'<Relationship Id="rId{i}" '
                    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, len(sheets) + 1)
                )
                + "</Relationships>"
            ],
        )
        for i, sheet in enumerate(sheets, start=1):
            _write(
                archive,
                f"xl/worksheets/sheet{i}.xml",
                _sheet_xml(_csv_rows(sheet.csv_path), sheet.number_columns),
            )
