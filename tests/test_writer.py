"""The build owns only its folder: it refuses folders it did not make, swaps the site in whole, cleans up after itself.

Every test here drives ``outage build`` and then checks the files, as staff would.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.site.writer import MARKER, count_files, write_problem

NOW = "2026-11-22 12:00"


def build(root: Path, site_dir: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", NOW, "--site-dir", str(site_dir)])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file and folder below ``folder``, with its content's hash (folders: their mode)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        found[relative] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else oct(path.stat().st_mode)
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_of_example(tmp_path, with_template=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "notes.txt").write_text("staff notes\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("site_dir", "why"),
    [
        (".", "it is the status repository, or holds it"),
        ("..", "it is the status repository, or holds it"),
        ("incidents", "it is inside incidents/"),
        ("incidents/2026", "it is inside incidents/"),
        ("site_template", "it is inside site_template/"),
        (".git", "it is inside .git/"),
        ("/", "it is the filesystem root"),
        ("~", "it is your home folder"),
        ("notes.txt", "it is a file"),
    ],
)
def test_folders_the_build_does_not_own_are_refused_and_left_as_they_were(repo: Path, site_dir: str, why: str) -> None:
    before = fingerprint(repo.parent)
    target = Path.home() if site_dir == "~" else site_dir if site_dir.startswith("/") else repo / site_dir
    code, output = build(repo, target)
    assert code == 1
    assert f"the site was not built: refusing to build into {target}: {why}; choose a folder of its own" in output
    assert fingerprint(repo.parent) == before


def test_a_folder_with_files_the_build_did_not_make_is_refused(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "index.html").write_text("<h1>our marketing page</h1>", encoding="utf-8")
    code, output = build(repo, folder)
    assert code == 1 and f"it holds files the build did not make (no {MARKER} in it)" in output
    assert [p.name for p in folder.iterdir()] == ["index.html"]


def test_the_build_replaces_its_own_site_and_one_an_earlier_version_made(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(repo, site)[0] == 0
    assert (site / MARKER).is_file()
    (site / MARKER).unlink()  # as an earlier version left it: recognised by the files every build writes
    (site / "stale.html").write_text("from an old build", encoding="utf-8")
    assert build(repo, site)[0] == 0
    assert (site / MARKER).is_file() and not (site / "stale.html").exists()


def test_the_site_is_readable_by_a_web_server(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    old = os.umask(0o077)  # a strict umask must not make the site unreadable to others
    try:
        assert build(repo, site)[0] == 0
    finally:
        os.umask(old)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()} == {0o644}


def test_leftovers_of_a_killed_build_are_removed_and_nothing_else(repo: Path, tmp_path: Path) -> None:
    leftover = tmp_path / ".site-new-abc123"
    leftover.mkdir()
    (leftover / MARKER).write_text("made by a build that was killed", encoding="utf-8")
    (leftover / "index.html").write_text("half a site", encoding="utf-8")
    stranger = tmp_path / ".site-new-mine"
    stranger.mkdir()
    (stranger / "keep.txt").write_text("not the build's", encoding="utf-8")
    assert build(repo, tmp_path / "site")[0] == 0
    assert not leftover.exists()
    assert (stranger / "keep.txt").read_text(encoding="utf-8") == "not the build's"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site-new-mine"]


def test_a_site_is_there_at_every_instant_of_a_rebuild(repo: Path, tmp_path: Path) -> None:
    """The swap is one atomic exchange: a reader never finds the site missing (a watcher polls throughout)."""
    site = tmp_path / "site"
    assert build(repo, site)[0] == 0
    missing, done = [], threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (site / "index.html").is_file():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(3):
            assert build(repo, site)[0] == 0
    finally:
        done.set()
        watcher.join()
    assert missing == []


def test_a_failed_write_is_one_sentence_and_the_site_is_unchanged(repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    code, output = build(repo, blocker / "site")
    assert code == 1
    assert output == (
        f"outage: the site was not built, and {blocker / 'site'} is unchanged: "
        f"cannot write {blocker}: a file stands where a folder is needed\n"
    )


def test_write_problems_read_as_sentences() -> None:
    target = Path("/srv/status/site")
    assert write_problem(OSError(28, "No space left on device", "/srv/status/.site-new-x/index.html"), target) == (
        "cannot write /srv/status/.site-new-x/index.html: the disk is full"
    )
    assert (
        write_problem(OSError(30, "Read-only file system"), target)
        == "cannot write /srv/status/site: the file system is read-only"
    )


def test_building_into_the_repository_leaves_every_file_as_it_was(repo: Path) -> None:
    """The issue's own check: `outage build --site-dir .` on a copy of the repository."""
    before = fingerprint(repo)
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        code, output = build(repo, ".")
    finally:
        os.chdir(cwd)
    assert code == 1 and "refusing to build into ." in output
    assert fingerprint(repo) == before
    shutil.rmtree(repo / ".git")


def test_a_rebuild_links_unchanged_files_from_the_site_it_replaces_and_matches_a_cold_build(
    repo: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert build(repo, site)[0] == 0
    edited, untouched = "incidents/2026-04-21-slow-webmail/index.html", "incidents/2026-09-09-sturgeon-county-slow-dsl/"
    before = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    file = repo / "incidents" / "2026" / "2026-04-21-slow-webmail.yml"
    text = file.read_text(encoding="utf-8")
    assert "Webmail is back to normal speed." in text
    file.write_text(
        text.replace("Webmail is back to normal speed.", "Webmail is back to full speed."), encoding="utf-8"
    )
    assert build(repo, site)[0] == 0
    after = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert "full speed" in (site / edited).read_text(encoding="utf-8")
    assert after[edited] != before[edited]
    linked = [path for path in after if path in before and after[path] == before[path]]
    assert f"{untouched}index.html" in linked and f"{untouched}index.html" != edited
    assert "feeds/atom.xml" not in linked  # the feed carries the edited message
    assert build(repo, tmp_path / "cold")[0] == 0
    assert fingerprint(site) == fingerprint(tmp_path / "cold")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site-spare"]


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir())


def test_the_replaced_sites_folders_are_kept_empty_and_the_next_build_builds_into_them(
    repo: Path, tmp_path: Path
) -> None:
    site, spare = tmp_path / "site", tmp_path / ".site-spare"
    assert build(repo, site)[0] == 0
    assert not spare.exists()  # a first build replaces nothing
    assert build(repo, site)[0] == 0
    assert files_in(spare) == [MARKER]  # the folders of the replaced site, and not one of its files
    folders = {p.relative_to(spare).as_posix(): p.stat().st_ino for p in spare.rglob("*") if p.is_dir()}
    assert "incidents/2026-04-21-slow-webmail" in folders
    (repo / "incidents" / "2026" / "2026-04-21-slow-webmail.yml").unlink()  # its folder is left unused
    assert build(repo, site)[0] == 0
    reused = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_dir()}
    assert (
        reused["incidents/2026-09-09-sturgeon-county-slow-dsl"]
        == folders["incidents/2026-09-09-sturgeon-county-slow-dsl"]
    )
    assert "incidents/2026-04-21-slow-webmail" not in reused  # an unused folder is removed, as a cold build has none
    assert build(repo, tmp_path / "cold")[0] == 0
    assert fingerprint(site) == fingerprint(tmp_path / "cold")
    assert files_in(spare) == [MARKER]


def test_a_site_built_into_the_spare_folders_is_readable_by_a_web_server(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    old = os.umask(0o077)
    try:
        for _ in range(3):
            assert build(repo, site)[0] == 0
    finally:
        os.umask(old)
    assert (tmp_path / ".site-spare").is_dir()
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()} == {0o644}


def test_a_failed_build_with_a_spare_leaves_the_site_as_it_was(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    for _ in range(2):
        assert build(repo, site)[0] == 0
    before = fingerprint(site)
    template = repo / "site_template" / "mkdocs.yml"
    template.write_text(template.read_text(encoding="utf-8") + "nav:\n  - Missing: nowhere.md\n", encoding="utf-8")
    code, output = build(repo, site)
    assert code == 1 and f"the site was not built, and {site} is unchanged" in output
    assert fingerprint(site) == before


def test_the_old_site_is_removed_only_once_the_new_one_is_live(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site import writer

    site = tmp_path / "site"
    assert build(repo, site)[0] == 0
    (site / "status.txt").write_text("the old site\n", encoding="utf-8")  # to tell it from the new one
    seen = []
    remove = writer.remove_previous

    def look_then_remove(folder: Path) -> None:
        parked = [p for p in tmp_path.iterdir() if p.name.startswith(".site-old-")]
        seen.append(((site / "status.txt").read_text(encoding="utf-8"), len(parked)))
        assert (parked[0] / "site" / "status.txt").read_text(encoding="utf-8") == "the old site\n"
        remove(folder)

    monkeypatch.setattr(writer, "remove_previous", look_then_remove)
    assert build(repo, site)[0] == 0
    assert len(seen) == 1 and seen[0][0] != "the old site\n" and seen[0][1] == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site-spare"]
    assert files_in(tmp_path / ".site-spare") == [MARKER]


def test_the_folders_beside_the_site_are_git_ignored_here_and_in_a_new_repository(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    assert "/.site-*/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    made = CliRunner().invoke(main, ["init", str(tmp_path / "new"), "--name", "Acme", "--timezone", "Europe/Dublin"])
    assert made.exit_code == 0, made.output
    assert "/.site-*/" in (tmp_path / "new" / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_a_link_in_the_replaced_site_is_not_kept_and_nothing_is_written_through_it(repo: Path, tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    for _ in range(2):
        assert build(repo, site)[0] == 0
    page = site / "incidents" / "2026-04-21-slow-webmail"
    shutil.rmtree(page)
    page.symlink_to(outside, target_is_directory=True)  # someone's link, in the live site
    for _ in range(3):
        assert build(repo, site)[0] == 0
    assert list(outside.iterdir()) == []
    assert not any(p.is_symlink() for p in [*site.rglob("*"), *(tmp_path / ".site-spare").rglob("*")])
    assert build(repo, tmp_path / "cold")[0] == 0
    assert fingerprint(site) == fingerprint(tmp_path / "cold")


def test_a_path_that_was_a_folder_and_is_now_a_file_is_a_file(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    downloads = repo / "site_template" / "docs" / "downloads"
    downloads.mkdir()
    (downloads / "readme.txt").write_text("a folder of downloads\n", encoding="utf-8")
    for _ in range(2):
        assert build(repo, site)[0] == 0
    shutil.rmtree(downloads)
    downloads.write_text("now a file\n", encoding="utf-8")
    for _ in range(2):
        assert build(repo, site)[0] == 0
        assert (site / "downloads").is_file()
    assert build(repo, tmp_path / "cold")[0] == 0
    assert fingerprint(site) == fingerprint(tmp_path / "cold")


def test_modes_changed_in_the_live_site_are_not_carried_into_the_next(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    for _ in range(2):
        assert build(repo, site)[0] == 0
    (site / "feeds" / "atom.xml").chmod(0o600)
    (site / "incidents").chmod(0o700)
    for _ in range(3):  # the live site and the spare change places each build
        assert build(repo, site)[0] == 0
        assert stat.S_IMODE((site / "feeds" / "atom.xml").stat().st_mode) == 0o644
        assert {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()} == {0o755}


def test_a_replaced_site_that_cannot_be_emptied_does_not_fail_the_published_build(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(repo, site)[0] == 0
    real = os.unlink

    def refused(path, *args, **kwargs):
        if ".site-old-" in os.fspath(path) and os.fspath(path).endswith("atom.xml"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refused)
    code, output = build(repo, site)
    assert code == 0 and "built " in output
    assert not (tmp_path / ".site-spare").exists()  # no half-emptied spare
    monkeypatch.setattr(os, "unlink", real)
    assert build(repo, site)[0] == 0
    assert build(repo, tmp_path / "cold")[0] == 0
    assert fingerprint(site) == fingerprint(tmp_path / "cold")


def test_count_files_counts_as_os_walk_does(tmp_path: Path) -> None:
    # The "built" line's count: every file in every folder; a link to a folder is not followed (nor counted).
    site = tmp_path / "site"
    (site / "a" / "b" / "c").mkdir(parents=True)
    (site / "empty").mkdir()
    for path in ("index.html", "a/x.html", "a/b/y.html", "a/b/c/z.html"):
        (site / path).write_text("x", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.html").write_text("x", encoding="utf-8")
    (site / "a" / "to-outside").symlink_to(outside)
    (site / "a" / "to-file").symlink_to(site / "index.html")
    (site / "a" / "broken").symlink_to(tmp_path / "nothing")
    assert count_files(site) == sum(len(names) for _, _, names in os.walk(site)) == 6
