"""ruff runs in `make test`, so CI holds the code to the same lint and format rules as a developer's editor
(the rules are in pyproject.toml: pyflakes, pycodestyle, isort, bugbear, pyupgrade, simplify)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

CODE = ["catalogue", "site_plugins", "tests", "tools", "bench"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.fail("ruff is a test dependency: run `make test` to install it")
    return subprocess.run(
        [str(ruff), *args, *CODE], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def test_ruff_finds_nothing():
    result = _ruff("check")
    assert result.returncode == 0, result.stdout[-4000:]


def test_code_is_ruff_formatted():
    result = _ruff("format", "--check")
    assert result.returncode == 0, "run `ruff format` on:\n" + result.stdout[-4000:]
