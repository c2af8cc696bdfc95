"""The seed catalogue: every file loads with no error, and is in canonical form (`sop fmt --check`)."""

from __future__ import annotations

from click.testing import CliRunner

from catalogue.cli.main import main
from catalogue.source.load import load_catalogue

from .conftest import SEEDS


def test_every_seed_loads_without_errors():
    catalogue = load_catalogue(SEEDS)
    assert catalogue.errors == ()
    assert len(catalogue.sops) == 5
    assert len(catalogue.agencies) == 5 and len(catalogue.pemdas) == 3
    # Honesty in data: every performer the catalogue inferred says why.
    for sop in catalogue.sops.values():
        for step in sop.langkah:
            assert step.pelaksana, f"{sop.id} step {step.no} has no performer"
            if step.is_inferred:
                assert step.pelaksana_alasan, f"{sop.id} step {step.no}: inferred without a reason"


def test_seed_sources_are_in_canonical_form():
    result = CliRunner().invoke(main, ["fmt", "--check", str(SEEDS)])
    assert result.exit_code == 0, result.output
