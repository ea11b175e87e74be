"""Command-line tools the tests run, taken from the test environment itself, never found on PATH.

`scripts/test` installs them into `.venv` as test extras (pyproject.toml). A machine that happens
to have an `actionlint` on its PATH must not be what makes a test pass: the README's test command
has to pass on a machine that has never seen the project.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

VENV_BIN = Path(sys.executable).parent
"""The folder of the Python running the tests: `.venv/bin` when run by `scripts/test`."""


def tool(name: str) -> str:
    """The path of ``name`` installed beside the running Python; the test fails, saying so, if it is missing."""
    path = VENV_BIN / name
    if not path.is_file():
        pytest.fail(f"{name} is not installed in {VENV_BIN}: run scripts/test, which installs the test extras")
    return str(path)


NODE = Path("/usr/bin/node")
"""Debian's Node.js, which scripts/test installs with apt; the npm packages the tests run are in tests/browser."""
NODE_MODULES = Path(__file__).resolve().parent / "browser" / "node_modules"


def node(package: str) -> str:
    """The path of Node.js, once the npm ``package`` the test needs is installed; the test fails, saying so, if not."""
    if not NODE.is_file() or not (NODE_MODULES / package).is_dir():
        pytest.fail(f"{package} needs {NODE} and `npm ci --prefix tests/browser` (scripts/test does both)")
    return str(NODE)
