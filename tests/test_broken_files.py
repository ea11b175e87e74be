"""Broken input files, one rule each, and the exact located message the loader gives.

Each folder in ``tests/broken/`` (except ``_base``) is one case: a tiny project
that breaks exactly one rule of DESIGN.md ("Rules the loader enforces"), and an
``expected.txt`` holding the exact problem lines (``file:line:col: field:
expected X; found Y``), in the order the loader reports them.

A case folder holds only what it changes from ``_base``:

- ``status.yml``: replaces ``_base/status.yml``;
- ``incidents/``: a whole incidents tree, copied as it is (for cases about
  file names, year folders and ids);
- any other ``*.yml`` / ``*.yaml`` file: an incident, placed in ``incidents/2026/``;
- ``oversize.txt``: a line ``<path> <bytes>``; the test writes ``_base/incident.yml``
  padded with comment lines to exactly that many bytes at that path, so the
  repository does not carry a large file;
- if the case brings no incident at all, ``_base/incident.yml`` is placed at
  ``incidents/2026/2026-05-12-fibre-cut.yml``.

``_base/maintenance.yml`` is the valid planned-work file the maintenance cases
start from; ``test_base_is_valid`` checks that the bases load cleanly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.incidents.load import load_site
from generator.incidents.problems import InvalidSite

BROKEN = Path(__file__).parent / "broken"
BASE = BROKEN / "_base"
BASE_INCIDENT_PATH = "incidents/2026/2026-05-12-fibre-cut.yml"
SPECIAL = {"expected.txt", "status.yml", "incidents", "oversize.txt"}

CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir() and not p.name.startswith("_"))


def build_project(case: Path, root: Path) -> Path:
    """A project in ``root`` made of ``_base`` plus what ``case`` changes."""
    root.mkdir(parents=True, exist_ok=True)
    status = case / "status.yml"
    shutil.copyfile(status if status.is_file() else BASE / "status.yml", root / "status.yml")
    has_incident = False
    if (case / "incidents").is_dir():
        shutil.copytree(case / "incidents", root / "incidents")
        has_incident = True
    for path in sorted(case.iterdir()):
        if path.name in SPECIAL or path.suffix not in (".yml", ".yaml"):
            continue
        target = root / "incidents" / "2026" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        has_incident = True
    oversize = case / "oversize.txt"
    if oversize.is_file():
        for line in oversize.read_text(encoding="utf-8").splitlines():
            if line.strip():
                relative, size = line.split()
                write_padded(root / relative, int(size))
                has_incident = True
    if not has_incident:
        target = root / BASE_INCIDENT_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BASE / "incident.yml", target)
    return root


def write_padded(path: Path, size: int) -> None:
    """The base incident followed by comment lines, exactly ``size`` bytes long."""
    content = (BASE / "incident.yml").read_bytes()
    filler = b"# " + b"x" * 77 + b"\n"
    while len(content) + len(filler) <= size:
        content += filler
    content += b"#" * (size - len(content))
    assert len(content) == size
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def expected_lines(case: Path) -> list[str]:
    return [line for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_base_is_valid(tmp_path: Path) -> None:
    """Every case breaks one rule of a project that is otherwise valid."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copyfile(BASE / "status.yml", root / "status.yml")
    (root / "incidents" / "2026").mkdir(parents=True)
    shutil.copyfile(BASE / "incident.yml", root / BASE_INCIDENT_PATH)
    shutil.copyfile(BASE / "maintenance.yml", root / "incidents" / "2026" / "2026-05-26-lauderdale-upgrade.yml")
    site = load_site(root)
    assert [i.id for i in site.incidents] == ["2026-05-12-fibre-cut", "2026-05-26-lauderdale-upgrade"]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 34


@pytest.mark.parametrize("name", CASES)
def test_broken_case_is_reported(name: str, tmp_path: Path) -> None:
    case = BROKEN / name
    root = build_project(case, tmp_path / "project")
    with pytest.raises(InvalidSite) as caught:
        load_site(root)
    assert [str(p) for p in caught.value.problems] == expected_lines(case)


@pytest.mark.parametrize("name", CASES)
def test_broken_case_fails_check_command(name: str, tmp_path: Path) -> None:
    case = BROKEN / name
    root = build_project(case, tmp_path / "project")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    reported = result.stderr.splitlines()
    for line in expected_lines(case):
        assert line in reported


def test_incident_with_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copyfile(BASE / "status.yml", root / "status.yml")
    target = root / BASE_INCIDENT_PATH
    target.parent.mkdir(parents=True)
    target.write_bytes(b"\xef\xbb\xbf" + (BASE / "incident.yml").read_bytes())
    site = load_site(root)
    (incident,) = site.incidents
    assert incident.id == "2026-05-12-fibre-cut"
    assert incident.title == "Internet and phone outage in Castle Downs"
    assert len(incident.updates) == 3
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--now", "2026-11-22 12:00"])
    assert result.exit_code == 0, result.output
    assert "ok: 1 files valid" in result.stdout
