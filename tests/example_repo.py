"""A private copy of the example status repository, for tests that change it."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_of_example(tmp_path: Path, *, with_template: bool = False) -> Path:
    """``status.yml`` and ``incidents/`` of the example (and ``site_template/``) in a new folder."""
    root = tmp_path / "status"
    root.mkdir()
    shutil.copy(ROOT / "status.yml", root / "status.yml")
    shutil.copytree(ROOT / "incidents", root / "incidents")
    if with_template:
        shutil.copytree(ROOT / "site_template", root / "site_template")
    return root
