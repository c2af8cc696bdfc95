"""One language in the ``sop`` command: click's own messages in Indonesian.

Click marks every message it prints (usage errors, "Missing argument", the ``--help`` page) for translation
with :mod:`gettext`: each of its modules calls ``_()`` (and ``ngettext()``) imported from :mod:`gettext`.
Installing a gettext catalogue would translate them only when the user's locale asks for Indonesian and
would change the messages of every other click program in the process too; instead :func:`install` gives
click's modules a ``_`` and ``ngettext`` that look up :data:`MESSAGES`, and falls back to click's English
for a message added by a later click (``tests/test_cli_language.py`` lists click's messages and fails on
one without a translation). The metavars click writes itself ("[OPTIONS]", "COMMAND [ARGS]...", "TEXT")
are not gettext messages; :func:`localise` sets them on our commands.
"""

from __future__ import annotations

import gettext
import importlib

import click

#: Click's English message → Indonesian. Placeholders are kept as they are.
MESSAGES: dict[str, str] = {
    "Aborted!": "Dibatalkan.",
    "deprecated": "usang",
    "Missing command.": "Perintah tidak diberikan.",
    "Options": "Opsi",
    "Positional arguments": "Argumen",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Peringatan: perintah {name!r} sudah usang.{extra_message}"
    ),
    "Commands": "Perintah",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Peringatan: {param_type} {name!r} sudah usang.{extra_message}"
    ),
    "Could not determine name for option with declarations {decls!r}": (
        "Nama opsi tidak dapat ditentukan dari deklarasi {decls!r}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?": (
        "Tidak ada opsi yang dideklarasikan tetapi sebuah nama diberikan ({name}). Maksudnya argumen, "
        "atau '--{name}'?"
    ),
    "env var: {var}": "variabel lingkungan: {var}",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Argumen menerima tepat satu deklarasi, diberikan {length}: {decls}."
    ),
    "(dynamic)": "(dinamis)",
    "Name '{name}' defined twice": "Nama '{name}' dideklarasikan dua kali",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "Opsi boolean {decl!r} tidak dapat memakai tanda yang sama untuk benar/salah."
    ),
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tindakan tanpa bertanya.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Show the version and exit.": "Tampilkan versi lalu selesai.",
    "Show this message and exit.": "Tampilkan bantuan ini lalu selesai.",
    "Missing argument": "Argumen tidak diberikan",
    "unknown error": "kesalahan tak dikenal",
    "Invalid value for {param_hint}: {message}": "Nilai tidak valid untuk {param_hint}: {message}",
    "Missing option": "Opsi wajib tidak diberikan",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "Error: {message}": "Kesalahan: {message}",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "Missing parameter": "Parameter tidak diberikan",
    "Missing parameter: {param_name}": "Parameter tidak diberikan: {param_name}",
    "No such option {name!r}.": "Opsi {name!r} tidak ada.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
    "Invalid value: {message}": "Nilai tidak valid: {message}",
    "Missing {param_type}": "{param_type} tidak diberikan",
    "Usage:": "Penggunaan:",
    "Invalid start character for option ({option})": "Karakter awal opsi tidak valid ({option})",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} menerima {nargs} nilai.",
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Versi Bash tidak dikenali; pelengkapan perintah tidak didukung."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Pelengkapan perintah tidak didukung untuk Bash sebelum versi 4.4."
    ),
    "Press any key to continue...": "Tekan sembarang tombol untuk melanjutkan...",
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Kesalahan: kedua nilai yang dimasukkan tidak sama.",
    "Unknown color {colour!r}": "Warna {colour!r} tidak dikenal",
    "Error: invalid input": "Kesalahan: masukan tidak valid",
    "file": "berkas",
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "Choice({choices})": "Pilihan({choices})",
    "directory": "folder",
    "path": "jalur",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} bukan nilai boolean. Nilai yang dikenal: {states}"
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang valid.",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang valid.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulis.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "Unknown standard stream '{name}'": "Aliran standar '{name}' tidak dikenal",
    "d": "d",
    "{editor}: Editing failed": "{editor}: penyuntingan gagal",
    "{editor}: Editing failed: {e}": "{editor}: penyuntingan gagal: {e}",
    "integer": "bilangan bulat",
    "float": "bilangan",
}

#: ngettext's (singular, plural) → Indonesian, which has one form for both (click passes every placeholder
#: of both forms).
PLURALS: dict[tuple[str, str], str] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Argumen berlebih yang tidak dikenal ({args})"
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Menerima {nargs} nilai, tetapi diberikan {len}."
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Maksud Anda {possibility}?"
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Opsi {name!r} memerlukan nilai."
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} bukan salah satu dari {choices}."
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} tidak sesuai format {formats}."
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): "{len_type} nilai diperlukan, tetapi diberikan {len_value}.",
}

#: Click's modules that print messages.
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click._termui_impl",
)


def translate(message: str) -> str:
    return MESSAGES.get(message) or gettext.gettext(message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    found = PLURALS.get((singular, plural))
    if found is None:
        return gettext.ngettext(singular, plural, n)
    return found


def install() -> None:
    """Give click's modules the Indonesian ``_`` and ``ngettext`` (idempotent)."""
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a module click may drop or rename
            continue
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural  # type: ignore[attr-defined]


#: Metavars of option values by click type (click writes the type's English name: TEXT, INTEGER, PATH).
_TYPE_METAVARS = {"text": "TEKS", "integer": "BILANGAN", "float": "BILANGAN", "path": "JALUR"}


def localise(group: click.Group) -> None:
    """Indonesian metavars and ``-h`` on a command group and every command in it."""
    group.subcommand_metavar = "PERINTAH [ARGUMEN]..."
    for command in [group, *group.commands.values()]:
        command.options_metavar = "[OPSI]"
        command.context_settings.setdefault("help_option_names", ["-h", "--help"])
        for param in command.params:
            if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
                if isinstance(param.type, click.Path):
                    param.metavar = "FOLDER" if not param.type.file_okay else "BERKAS"
                else:
                    param.metavar = _TYPE_METAVARS.get(param.type.name)
