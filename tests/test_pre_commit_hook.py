"""`.pre-commit-hooks.yaml`: organisations run `outage check` before each commit with pre-commit."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from tools import tool

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def validate(path: Path) -> subprocess.CompletedProcess:
    """pre-commit's own check of a hooks manifest, as `pre-commit validate-manifest` runs it."""
    return subprocess.run([tool("pre-commit"), "validate-manifest", str(path)], capture_output=True, text=True)


def test_the_manifest_is_valid_for_pre_commit() -> None:
    result = validate(MANIFEST)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commits_validation_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / ".pre-commit-hooks.yaml"
    broken.write_text(MANIFEST.read_text(encoding="utf-8").replace("  language: python\n", ""), encoding="utf-8")
    result = validate(broken)
    assert result.returncode != 0
    assert "language" in result.stdout + result.stderr


def test_the_hook_runs_outage_check_once_when_an_incident_file_or_status_yml_is_staged() -> None:
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert hook["id"] == "outage-check" and hook["entry"] == "outage check"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for staged in ("status.yml", "incidents/2026/2026-05-12-fibre-cut.yml", "incidents/README.yml"):
        assert files.search(staged), staged
    for other in ("site_template/mkdocs.yml", "README.md", ".github/workflows/publish.yml", "my-status.yml"):
        assert not files.search(other), other


@pytest.mark.parametrize("broken", [False, True])
def test_the_hooks_command_passes_a_good_repository_and_stops_a_bad_one(tmp_path: Path, broken: bool) -> None:
    """What pre-commit runs, from the status repository's top folder: the entry, with no file names."""
    repo = tmp_path / "status"
    assert (
        CliRunner().invoke(main, ["init", str(repo), "--name", "Acme", "--timezone", "America/Edmonton"]).exit_code == 0
    )
    if broken:
        (repo / "incidents/2026").mkdir()
        (repo / "incidents/2026/2026-05-12-fibre-cut.yml").write_text(
            "title: Fibre cut\nimpact: huge\n", encoding="utf-8"
        )
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    program, *arguments = shlex.split(hook["entry"])
    result = subprocess.run([tool(program), *arguments], cwd=repo, capture_output=True, text=True)
    assert result.returncode == (1 if broken else 0), result.stdout + result.stderr
    if broken:
        assert "incidents/2026/2026-05-12-fibre-cut.yml:2:9: impact: expected one of" in result.stdout + result.stderr
