"""Shared fixtures for the tests in this folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from example_repo import copy_of_example


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example status repository that a test may change."""
    return copy_of_example(tmp_path, with_template=True)
