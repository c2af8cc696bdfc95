"""The SOP catalogue domain: load, validate, normalise, resolve, index and export SOP AP sources.

Pure Python with no MkDocs import, so every rule is testable alone and the site engine can change.
"""

from catalogue.source.load import FileCache, load_catalogue, load_or_raise

from .model import Agency, Catalogue, Pemda, Sop, Step
from .problems import CatalogueError, Problem, Severity

__all__ = [
    "Agency",
    "Catalogue",
    "CatalogueError",
    "FileCache",
    "Pemda",
    "Problem",
    "Severity",
    "Sop",
    "Step",
    "load_catalogue",
    "load_or_raise",
]
