"""The example repository built with a ledger, for the tests of delivery to channels."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
NEW_SENTENCE = "The replacement board has arrived and is being fitted."


def cli(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@dataclass(frozen=True)
class Repo:
    root: Path
    site: Path
    ledger: Path


@dataclass(frozen=True)
class Example:
    noon: Repo
    """The example, built with a ledger at noon."""
    updated: Repo
    """The same after staff added an update at 12:40 and built again at 12:45."""


def copy_repo(source: Repo, folder: Path) -> Repo:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.root, folder / "status")
    shutil.copytree(source.site, folder / "site")
    shutil.copy(source.ledger, folder / "ledger.json")
    return Repo(folder / "status", folder / "site", folder / "ledger.json")


def build_example(base: Path) -> Example:
    """The example built with a ledger at noon, and again after an update at 12:40."""
    root = base / "status"
    root.mkdir()
    for name in ("status.yml", "incidents", "site_template"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    ledger = base / "ledger.json"
    assert cli("ledger", "init", "--root", str(root), "--now", "2026-11-22 11:00", "--ledger", str(ledger))[0] == 0
    code, output = build(root, base / "site", ledger, "2026-11-22 12:00")
    assert code == 0, output
    noon = copy_repo(Repo(root, base / "site", ledger), base / "noon")
    add_the_update(Repo(root, base / "site", ledger))
    return Example(noon, Repo(root, base / "site", ledger))


def build(root: Path, site: Path, ledger: Path, now: str) -> tuple[int, str]:
    return cli("build", "--root", str(root), "--now", now, "--site-dir", str(site), "--ledger", str(ledger))


def add_the_update(repo: Repo) -> None:
    """Staff add an update at 12:40 and the site is built with the ledger at 12:45."""
    code, output = cli(
        "update", OPEN_ID, "--root", str(repo.root), "--now", "2026-11-22 12:40",
        "--message", f"{NEW_SENTENCE} We still expect service back by about 3 p.m.", "--eta", "15:00",
        "--next-update", "14:00",
    )  # fmt: skip
    assert code == 0, output
    code, output = build(repo.root, repo.site, repo.ledger, "2026-11-22 12:45")
    assert code == 0, output


def as_built_with_the_update(repo: Repo, example: Example) -> None:
    """What :func:`add_the_update` does to ``repo``, without building again: the files and site of the
    example's second build, and its ledger entries (a build changes only the entries; what was delivered
    to whom stays as ``repo`` recorded it)."""
    shutil.rmtree(repo.root)
    shutil.copytree(example.updated.root, repo.root)
    shutil.rmtree(repo.site)
    shutil.copytree(example.updated.site, repo.site)
    book = json.loads(repo.ledger.read_text(encoding="utf-8"))
    book["entries"] = json.loads(example.updated.ledger.read_text(encoding="utf-8"))["entries"]
    repo.ledger.write_text(json.dumps(book), encoding="utf-8")
