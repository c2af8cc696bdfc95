"""One language in the ``sop`` command: help, click's own messages and usage errors in Indonesian."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
from click.testing import CliRunner

from catalogue.cli import bahasa, main

#: English words that would give away an untranslated text (help of ours or a message of click's).
ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Show|Error|Missing|required|default|Try|the|and|of|into|write|print)\b"
)


def _click_messages() -> list[tuple[str, tuple[str, ...]]]:
    """Every message click marks for translation in its installed sources (``_()`` and ``ngettext()``)."""
    out = []
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        if path.name.startswith("_win"):
            continue  # Windows console only
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ):
                args = tuple(
                    a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
                if args:
                    out.append((node.func.id, args))
    return out


def test_every_click_message_has_an_indonesian_translation():
    messages = _click_messages()
    assert len(messages) > 50  # the scan found click's messages at all
    missing = [
        args
        for kind, args in messages
        if (kind == "_" and args[0] not in bahasa.MESSAGES)
        or (kind == "ngettext" and args[:2] not in bahasa.PLURALS)
    ]
    assert not missing, f"click messages without an Indonesian translation: {missing}"


def test_translations_keep_every_placeholder():
    field = re.compile(r"\{(\w+)[^}]*\}|%\((\w+)\)s")
    for english, indonesian in bahasa.MESSAGES.items():
        names = {a or b for a, b in field.findall(english)}
        assert {a or b for a, b in field.findall(indonesian)} == names, english
    for forms, indonesian in bahasa.PLURALS.items():
        used = {a or b for a, b in field.findall(indonesian)}
        offered = {a or b for form in forms for a, b in field.findall(form)}
        assert used and used <= offered, forms


def test_help_of_every_command_is_indonesian():
    runner = CliRunner()
    pages = [runner.invoke(main, ["--help"]).output]
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        pages.append(result.output)
    for page in pages:
        # Option names, metavars and file names are not prose.
        prose = re.sub(r"--?[\w-]+|`[^`]*`|\S+\.(?:yml|json|md|csv)\b|\[[A-Z_ |.]+\]", "", page)
        assert not ENGLISH.search(prose), page
        assert "Penggunaan:" in page and "Opsi:" in page
        assert "Tampilkan bantuan ini lalu selesai." in page


def test_usage_errors_are_indonesian():
    runner = CliRunner()
    cases = {
        ("check", "--tidak-ada"): "Opsi '--tidak-ada' tidak ada.",
        ("new",): "Argumen tidak diberikan 'FOLDER_INSTANSI'.",
        ("instansi-baru", "x"): "Opsi wajib tidak diberikan '--nama'.",
        ("cek",): "Perintah 'cek' tidak ada.",
        ("check", "/tidak/ada"): "tidak ada.",
        ("new", "x", "--nama"): "Opsi '--nama' memerlukan nilai.",
    }
    for args, expected in cases.items():
        result = runner.invoke(main, list(args), prog_name="sop")
        assert result.exit_code == 2, args
        assert expected in result.output, result.output
        assert "Kesalahan:" in result.output
        assert not ENGLISH.search(result.output.replace("--help", "")), result.output


def test_click_keeps_english_outside_our_command():
    """Installing the translation is ours: a message click has no translation for stays as it is."""
    assert bahasa.translate("A message click may add later") == "A message click may add later"
