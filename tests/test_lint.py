"""ruff runs in `make test`, so CI holds the code to the same lint rules as a developer's editor."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).parent / "ruff"
    assert ruff.exists(), "ruff is a test dependency: run `make test` to install it"
    result = subprocess.run([str(ruff), "check", "catalogue", "site_plugins", "tests", "bench"], cwd=REPO,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-4000:]
