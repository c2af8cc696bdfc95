"""The Jinja environment that renders page bodies (data-heavy HTML skips Python-Markdown entirely)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from catalogue.analysis.lifecycle import STATUS_LABELS
from catalogue.problems import format_field_path
from catalogue.rules.dates import format_date
from catalogue.rules.links import is_web_link

from .inferred import INFERRED_LABEL, INFERRED_MEANING

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def relative_url(target: str, base: str) -> str:
    """Link from the page at directory URL ``base`` to site path ``target`` (both without leading '/').

    A page renders hundreds of links, so this walks the common folders itself (posixpath.relpath makes
    both paths absolute first and took a tenth of a catalogue's page-rendering time); for the normalised
    site paths the site uses it gives relpath's answer (tests/test_relative_url.py)."""
    base_parts = base.split("/")[:-1]  # the page's folder: "a/b/" -> [a, b]; "a/x.html" -> [a]
    target_parts = target.split("/")
    folder = target.endswith("/") or not target
    if folder:
        target_parts.pop()  # the trailing "" of "a/b/" (or the "" of the root)
    common = 0
    for mine, theirs in zip(base_parts, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    if not parts:
        return "./" if folder else "."
    return "/".join(parts) + ("/" if folder else "")


def number_id(value: float) -> str:
    """1234 -> '1.234' (Indonesian thousands separator)."""
    return f"{value:,.0f}".replace(",", ".")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tanggal"] = format_date
    env.filters["angka"] = number_id
    env.filters["tautan"] = safe_href
    env.filters["status_sop"] = STATUS_LABELS.__getitem__  # Berlaku / Digantikan / Dicabut
    env.globals["field_name"] = format_field_path
    env.globals["inferred_label"] = INFERRED_LABEL
    env.globals["inferred_meaning"] = INFERRED_MEANING
    return env


def safe_href(url: str | None) -> str:
    """An external URL for an href: itself when http(s) or relative (the sources are checked for this when
    read), else "#" as a last defence, so that no script ever reaches a link."""
    return url if url and is_web_link(url) else "#"


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
