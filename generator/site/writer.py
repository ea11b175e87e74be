"""The site writer: the site folder is written whole or not at all, and never outside itself.

MkDocs writes the files (the plugin hands it every output, so MkDocs also
checks links to them); this module refuses paths that would leave the folder.

The build writes into a fresh folder beside the target and swaps it in only
when it is complete, so a failed build leaves the published site untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    """An output would escape the site folder, or two outputs claim one path."""


def check_relative_path(relative: str) -> PurePosixPath:
    """A path inside the site folder, or :class:`OutputError`: no absolute paths, no ``..``."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative:
        raise OutputError(f"refusing to write {relative!r}: outside the site folder")
    return pure


@contextmanager
def staged_site(site_dir: Path) -> Iterator[Path]:
    """A fresh folder to build into; replaces ``site_dir`` only if the block succeeds."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        yield staging
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, site_dir: Path) -> None:
    if not site_dir.exists():
        os.replace(new, site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    os.replace(site_dir, old / "site")
    try:
        os.replace(new, site_dir)
    except BaseException:
        os.replace(old / "site", site_dir)  # put the published site back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
