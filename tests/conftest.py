"""Fixtures shared by every test package."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data` beside the checkout; tests that need real corpora skip without it."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"real corpora not available: {path} is absent")
    return path


@pytest.fixture(scope="session")
def seeds() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed pages not available: {path} is absent")
    return path


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return REPO / "examples" / "corpus"
