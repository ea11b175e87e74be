"""A site in one language builds exactly as before languages existed: every file, byte for byte.

The manifests in ``tests/golden/one-language/`` list the SHA-256 of every file
of two builds, in ``sha256sum`` form: the example at 2026-11-22 12:00, and a
synthetic history of 60 incidents (``benchmarks/history.py``). They were written
by the code before ``languages`` existed (commit "Tests: the built example and a
synthetic history, file by file, before languages"). The example has since
become bilingual: its English site (the default language, every file outside
``fr/``) must not change; the history is in one language, and its whole site
must not change.

A change that is meant to change the site (a new page, different wording)
rewrites them: ``python tests/test_one_language_build.py``, then read the diff.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from history import make_repository  # noqa: E402

from generator.cli import main  # noqa: E402

GOLDEN = ROOT / "tests/golden/one-language"
NOW = "2026-11-22 12:00"
HISTORY_SIZE = 60


def manifest(folder: Path) -> str:
    """``sha256sum`` lines for every file under ``folder``, sorted by path."""
    lines = [
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}"
        for p in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
        if p.is_file()
    ]
    return "\n".join(lines) + "\n"


def built(root: Path, site: Path) -> str:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", NOW, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    return manifest(site)


def history(folder: Path) -> Path:
    make_repository(folder, HISTORY_SIZE)
    return folder


def differences(expected: str, found: str) -> list[str]:
    old = dict(reversed(line.split("  ", 1)) for line in expected.splitlines())
    new = dict(reversed(line.split("  ", 1)) for line in found.splitlines())
    return [
        f"{path}: {'missing' if path not in new else 'new' if path not in old else 'changed'}"
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    ]


def in_the_default_language(manifest_text: str) -> str:
    """The lines of a manifest outside the other languages' folders (``fr/``): the default language's site."""
    return "".join(line for line in manifest_text.splitlines(True) if not line.split("  ", 1)[1].startswith("fr/"))


@pytest.mark.parametrize("name", ["example", "history"])
def test_the_default_language_builds_byte_for_byte_as_before(tmp_path: Path, name: str) -> None:
    root = ROOT if name == "example" else history(tmp_path / "history")
    found = built(root, tmp_path / "site")
    if name == "example":
        assert "  fr/feeds/atom.xml\n" in found  # the French is built beside it, and left out of the comparison
        found = in_the_default_language(found)
    expected = (GOLDEN / f"{name}.sha256").read_text(encoding="utf-8")
    changed = differences(expected, found)
    assert not changed, f"{len(changed)} files differ from {name}.sha256:\n" + "\n".join(changed[:40])


if __name__ == "__main__":
    import tempfile

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        example = in_the_default_language(built(ROOT, folder / "example"))
        (GOLDEN / "example.sha256").write_text(example, encoding="utf-8")
        (GOLDEN / "history.sha256").write_text(built(history(folder / "history"), folder / "h"), encoding="utf-8")
    print(f"wrote {GOLDEN}/example.sha256 and history.sha256")
