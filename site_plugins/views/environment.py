"""The Jinja environment that renders page bodies (data-heavy HTML skips Python-Markdown entirely)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from catalogue.analysis.lifecycle import STATUS_LABELS
from catalogue.analysis.monev import NOT_EVALUATED
from catalogue.problems import format_field_path
from catalogue.rules.dates import format_date
from catalogue.rules.links import is_web_link

from .inferred import INFERRED_LABEL, INFERRED_MEANING

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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
    env.globals["not_evaluated"] = NOT_EVALUATED  # the monitoring result of an SOP without evaluation
    return env


def safe_href(url: str | None) -> str:
    """An external URL for an href: itself when http(s) or relative (the sources are checked for this when
    read), else "#" as a last defence, so that no script ever reaches a link."""
    return url if url and is_web_link(url) else "#"


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
