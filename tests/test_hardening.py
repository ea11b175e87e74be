"""What a careless or hostile repository cannot do: read outside itself, exhaust memory, or leave half an edit.

And: an editor with the published JSON Schema (YAML 1.2) and ``outage check``
give the same verdict on every value whose meaning YAML 1.1 and 1.2 disagree on.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import jsonschema
import pytest
import tools
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.incidents.load import load_site
from generator.incidents.problems import InvalidSite

ROOT = Path(__file__).resolve().parent.parent
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
NOW = "2026-11-22 12:00"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))
    return result.exit_code, result.output


# --- reading only what is in the repository -------------------------------------------


def test_an_incidents_folder_that_links_outside_the_repository_is_refused(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    outside = tmp_path / "elsewhere"
    (root / "incidents").rename(outside)
    (root / "incidents").symlink_to(outside)
    code, output = run("check", "--root", str(root), "--now", NOW)
    assert code == 1
    assert f"incidents:1:1: expected the incidents folder inside the repository; found a link to {outside}" in output
    (root / "incidents").unlink()
    (root / "incidents").symlink_to("/")  # the case: a traceback, or reading the whole disk
    code, output = run("check", "--root", str(root), "--now", NOW)
    assert code == 1 and "found a link to /\n" in output


def test_a_file_linking_outside_the_repository_is_refused_and_never_read(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text("title: not for the site\n", encoding="utf-8")
    (root / "incidents/2026/2026-11-23-leak.yml").symlink_to(secret)
    code, output = run("check", "--root", str(root), "--now", NOW)
    assert code == 1
    assert (
        f"incidents/2026/2026-11-23-leak.yml:1:1: expected a file inside the repository; found a link to {secret}, "
        "outside the repository"
    ) in output
    assert "not for the site" not in output
    inside = root / "incidents/2026/2026-11-24-alias.yml"
    inside.symlink_to(root / "incidents/2026" / f"{OPEN_ID}.yml")  # a link that stays inside is a file like any
    (root / "incidents/2026/2026-11-23-leak.yml").unlink()
    code, output = run("check", "--root", str(root), "--now", NOW)
    assert code == 0, output
    assert "ok: 13 files valid" in output


def test_a_huge_sparse_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    huge = root / "incidents/2026/2026-11-23-huge.yml"
    with huge.open("wb") as file:
        file.truncate(8 * 1024**3)  # 8 GB on paper, nothing on disk: reading it would take 8 GB of memory
    code, output = run("check", "--root", str(root), "--now", NOW)
    assert code == 1
    assert (
        "incidents/2026/2026-11-23-huge.yml:1:1: expected a file of at most 262,144 bytes; found 8,589,934,592 bytes"
        in output
    )


# --- edits --------------------------------------------------------------------------------


def test_update_refuses_a_file_that_does_not_check_and_parses_nothing_of_it(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    path = root / f"incidents/2026/{OPEN_ID}.yml"
    deep = path.read_text(encoding="utf-8") + "x: " + "[" * 25_000 + "]" * 25_000 + "\n"
    path.write_text(deep, encoding="utf-8")
    code, output = run("update", "--root", str(root), OPEN_ID, "--now", "2026-11-22 12:40", "--message", "More.")
    assert code == 1
    assert f"incidents/2026/{OPEN_ID}.yml was not changed, because it has problems to fix first:" in output
    assert "expected at most 20 levels of nesting; found deeper nesting" in output
    assert path.read_text(encoding="utf-8") == deep


def test_update_keeps_the_files_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    path = root / f"incidents/2026/{OPEN_ID}.yml"
    for minute, mode in ((41, 0o644), (42, 0o664)):
        path.chmod(mode)
        code, output = run(
            "update", "--root", str(root), OPEN_ID, "--now", f"2026-11-22 12:{minute}", "--message", "More."
        )
        assert code == 0, output
        assert stat.S_IMODE(path.stat().st_mode) == mode
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


def test_new_writes_the_whole_file_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_of_example(tmp_path)
    folder = root / "incidents/2026"
    before = sorted(p.name for p in folder.iterdir())

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    code, output = run(
        "new", "--root", str(root), "--now", "2026-11-23 09:00", "--title", "Email outage", "--impact", "minor",
        "--service", "email", "--area", "st-albert", "--message", "Email is down.",
    )  # fmt: skip
    assert code == 1 and output.startswith("outage: nothing was changed: cannot write ")
    assert sorted(p.name for p in folder.iterdir()) == before  # no 0-byte file, no temporary file
    monkeypatch.undo()
    code, output = run(
        "new", "--root", str(root), "--now", "2026-11-23 09:00", "--title", "Email outage", "--impact", "minor",
        "--service", "email", "--area", "st-albert", "--message", "Email is down.",
    )  # fmt: skip
    assert code == 0, output
    made = root / output.strip()
    assert stat.S_IMODE(made.stat().st_mode) == 0o666 & ~_umask()
    code, output = run(
        "new", "--root", str(root), "--now", "2026-11-23 09:00", "--title", "Email outage", "--impact", "minor",
        "--service", "email", "--area", "st-albert", "--message", "Another.",
    )  # fmt: skip
    assert code == 1 and "exists already" in output and "Another." not in made.read_text(encoding="utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- the editor and check agree (YAML 1.2) ------------------------------------------------------------


def editor_reads(text: str) -> object:
    """The data an editor sees: the YAML language server's own parser (npm ``yaml``, YAML 1.2 core schema)."""
    script = "const Y=require(process.argv[1]);let s='';process.stdin.on('data',d=>s+=d).on('end',()=>" \
        "process.stdout.write(JSON.stringify(Y.parse(s))))"  # fmt: skip
    result = subprocess.run(
        [tools.node("yaml"), "-e", script, str(tools.NODE_MODULES / "yaml")], input=text, capture_output=True,
        text=True, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


SCHEMA = json.loads((ROOT / "schemas/incident.schema.json").read_text(encoding="utf-8"))
BASE = (ROOT / "tests/broken/_base/incident.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("broadcast: true", "yes"),
        ("broadcast: true", "off"),
        ("broadcast: true", "True"),
        ("customers_affected: 1200", "12.0"),
        ("customers_affected: 1200", "1e3"),
        ("customers_affected: 1200", "0x10"),
        ("customers_affected: 1200", "0o17"),
        ("customers_affected: 1200", "017"),
        ("customers_affected: 1200", "1_000"),
        ("customers_affected: 1200", "12.5"),
        ("title: Internet and phone outage in Castle Downs", "1e3"),
        ("title: Internet and phone outage in Castle Downs", "no"),
        ("title: Internet and phone outage in Castle Downs", "{en: Outage in Castle Downs}"),
        ("title: Internet and phone outage in Castle Downs", "{english: Outage in Castle Downs}"),
        ("title: Internet and phone outage in Castle Downs", "{}"),
        ("title: Internet and phone outage in Castle Downs", "{en: ''}"),
    ],
)
def test_an_editor_with_the_json_schema_and_check_give_the_same_verdict(tmp_path: Path, line: str, value: str) -> None:
    key = line.split(":")[0]
    text = BASE.replace(line, f"{key}: {value}")
    data = editor_reads(text)
    editor_ok = jsonschema.Draft202012Validator(SCHEMA).is_valid(data)
    root = tmp_path / "status"
    (root / "incidents/2026").mkdir(parents=True)
    (root / "status.yml").write_text(
        (ROOT / "tests/broken/_base/status.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (root / "incidents/2026/2026-05-12-fibre-cut.yml").write_text(text, encoding="utf-8")
    try:
        load_site(root)
        check_ok = True
    except InvalidSite:
        check_ok = False
    assert editor_ok == check_ok, f"{key}: {value}: the editor says {editor_ok}, check says {check_ok}"


def test_read_file_gives_every_byte_of_a_file_up_to_the_limit(tmp_path: Path) -> None:
    from generator.incidents.load import read_file
    from generator.incidents.yamltext import MAX_FILE_BYTES, YamlProblem

    for size in (0, 1, 4095, 4096, 65537, MAX_FILE_BYTES):
        path = tmp_path / f"{size}.yml"
        data = bytes(i % 251 for i in range(size))
        path.write_bytes(data)
        assert read_file(path) == data, size
    (tmp_path / "over.yml").write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(YamlProblem):
        read_file(tmp_path / "over.yml")
    (tmp_path / "folder.yml").mkdir()
    with pytest.raises(OSError):
        read_file(tmp_path / "folder.yml")
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "missing.yml")
