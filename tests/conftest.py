"""Shared fixtures for the tests in this folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from example_repo import copy_of_example
from hypothesis import HealthCheck, settings

from generator.incidents import load

# Tests run on every CPU of a shared machine: how fast hypothesis draws examples says nothing about
# the code, so neither a slow draw nor a slow example fails a test (what each example checks still does).
settings.register_profile("shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shared-machine")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example status repository that a test may change."""
    return copy_of_example(tmp_path, with_template=True)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The incident files parsed and checked (not taken from a reading before), in order."""
    seen: list[str] = []
    real = load.read_incident

    def counting(raw, source, *args, **kwargs):
        seen.append(source)
        return real(raw, source, *args, **kwargs)

    monkeypatch.setattr(load, "read_incident", counting)
    return seen
