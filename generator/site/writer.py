"""The site writer: the site folder is written whole or not at all, never outside itself, and only if it is ours.

MkDocs writes the theme's pages and files; the plugin writes generated pages
and files itself through :class:`Publisher`, which hard-links a file unchanged
since the previous site (a site this build made) instead of writing it again.
This module decides where, and guards the folder:

- it refuses a ``--site-dir`` that is the repository or contains it, lies in
  ``incidents/``, ``site_template/`` or ``.git/``, is the filesystem root or the
  home folder, or is an existing folder with other files: the build deletes
  only what it created. A folder it made carries a marker file; one made by a
  version before the marker is recognised by the files every build writes;
- it builds into a fresh folder beside the target and swaps it in whole: with
  an atomic exchange where the platform has one (Linux ``renameat2``), so the
  old or the new site is there at every instant; a failed build leaves the
  published site exactly as it was; the old site is parked beside it and
  dealt with by :func:`remove_previous` once the new one is live, so publishing
  does not wait for thousands of files to be deleted;
- it removes what killed builds left behind (only folders with its marker);
- it keeps the replaced site's folders, emptied of files, beside the site
  (``.site-spare``) for the next build to build into: on a site of 10,000
  incidents, making and deleting 10,000 folders costs seconds each time;
- the site is readable by others (folders 755, files 644), as web servers need.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from stat import S_IMODE, S_ISREG
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .records import PlacedRecords

MARKER = ".outage-site"
"""Written into every site folder the build makes: the build replaces only a folder that has it."""
MARKER_TEXT = "Made by outage build. This folder is replaced whole by each build; do not keep files in it.\n"
ALWAYS_WRITTEN = ("status.txt", "lite/index.html", "api/v2/summary.json", "feeds/atom.xml")
"""Files every build writes: a site folder made before the marker existed is recognised by them."""
PROTECTED = ("incidents", "site_template", ".git")
"""Folders of the repository the site may never be written into."""
SPARE = ".outage-spare"
"""In a new site folder, the spare folder tree while MkDocs cleans the folder (it leaves hidden names alone)."""
READABLE = 0o022
"""The umask while a site is written: folders 755 and files 644, whatever the user's own umask."""


class OutputError(Exception):
    """An output would escape the site folder, two outputs claim one path, or the folder is not the build's."""


def check_relative_path(relative: str) -> str:
    """A path inside the site folder, or :class:`OutputError`: no absolute paths, no ``..``.

    Plain string checks (``PurePosixPath`` for each of 12,000 outputs costs a third of a second).
    """
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if relative.startswith("/") or ".." in parts or not parts or "\\" in relative:
        raise OutputError(f"refusing to write {relative!r}: outside the site folder")
    return relative


def check_site_dir(site_dir: Path, root: Path) -> Path:
    """The site folder, resolved, or :class:`OutputError` saying why the build may not own it."""
    target, repository = site_dir.resolve(), root.resolve()

    def refuse(why: str) -> OutputError:
        return OutputError(f"refusing to build into {site_dir}: {why}; choose a folder of its own, like site/")

    if target == Path(target.anchor):
        raise refuse("it is the filesystem root")
    if target == Path.home().resolve():
        raise refuse("it is your home folder")
    if target == repository or repository.is_relative_to(target):
        raise refuse("it is the status repository, or holds it")
    for name in PROTECTED:
        if target.is_relative_to(repository / name):
            raise refuse(f"it is inside {name}/")
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise refuse("it is a file")
        if not is_ours(target) and any(target.iterdir()):
            raise refuse(f"it holds files the build did not make (no {MARKER} in it)")
    return target


def is_ours(folder: Path) -> bool:
    """A folder a build made: it has the marker, or every file each build writes (a build before the marker)."""
    return (folder / MARKER).is_file() or all((folder / name).is_file() for name in ALWAYS_WRITTEN)


@contextmanager
def staged_site(site_dir: Path) -> Iterator[Path]:
    """A fresh folder to build into; replaces ``site_dir`` whole only if the block succeeds.

    ``site_dir`` must have passed :func:`check_site_dir`. The spare folder tree
    the last build left (:func:`remove_previous`) is put inside the new folder
    under :data:`SPARE`, for :func:`unpack_spare` to move into place once MkDocs
    has cleaned the folder.
    """
    parent = site_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=parent))
    umask = os.umask(READABLE)
    try:
        staging.chmod(0o755)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        spare = _spare(site_dir)
        if _marked(spare):
            os.rename(spare, staging / SPARE)
        yield staging
        _swap(staging, site_dir)
    finally:
        os.umask(umask)
        shutil.rmtree(staging, ignore_errors=True)


def unpack_spare(site_dir: str) -> None:
    """Move the spare folders into ``site_dir`` (a new site MkDocs has just cleaned), then drop the rest.

    The spare holds folders only (:func:`remove_previous` emptied them): writing
    into them never touches a file of the live site. The ones this build does
    not use are left empty, and :func:`tidy` removes them.
    """
    spare = os.path.join(site_dir, SPARE)
    if not os.path.isdir(spare):
        return
    for entry in os.scandir(spare):
        target = os.path.join(site_dir, entry.name)
        if entry.is_dir(follow_symlinks=False) and not os.path.lexists(target):
            os.rename(entry.path, target)
    shutil.rmtree(spare, ignore_errors=True)


def remove_previous(site_dir: Path) -> None:
    """Once the new site is live (and :func:`tidy`): keep the replaced site's folders as the next build's spare.

    The replaced site (parked beside ``site_dir`` by the swap) is emptied of its
    files, and its folders become the spare. The site is published by then: what
    cannot be done here (a file of another user's, a build running beside this
    one) is left undone, and the parked site deleted as far as it can be.
    """
    spare = _spare(site_dir)
    for parked in _ours(site_dir, "-old-"):
        old = parked / "site"
        try:
            if old.is_dir() and not old.is_symlink() and not spare.exists():
                _empty(old)
                os.rename(old, spare)
        except OSError:
            shutil.rmtree(spare, ignore_errors=True)  # half made, if at all: the next build makes its folders
        shutil.rmtree(parked, ignore_errors=True)


def tidy(site_dir: Path) -> None:
    """Remove the folders of the live site the build left empty (spare folders it did not use): an incident
    removed, say. The site then has the very folders a cold build makes."""
    try:
        if site_dir.is_dir() and (site_dir / MARKER).is_file():
            _remove_empty_folders(os.fspath(site_dir))
    except OSError:
        pass  # a folder being served or changed meanwhile: the next build tries again


def _spare(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}-spare"


def _marked(folder: Path) -> bool:
    """A folder (not a link to one) a build made: it has the marker."""
    return folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file()


def _ours(site_dir: Path, prefix: str) -> list[Path]:
    """Folders beside the site named for ``prefix`` that a build made (they have its marker)."""
    return [p for p in site_dir.parent.glob(f".{glob.escape(site_dir.name)}{prefix}*") if _marked(p)]


def _remove_leftovers(site_dir: Path) -> None:
    """Folders a killed build left beside the site, or a parked old site: only ours, by name and marker."""
    for prefix in ("-new-", "-old-"):
        for leftover in _ours(site_dir, prefix):
            shutil.rmtree(leftover, ignore_errors=True)


def _empty(folder: Path) -> None:
    """Delete every file below ``folder`` but its marker, and every link; keep the folders, each made 755.

    A link to a folder (someone's, in the live site) is listed among the folders: left, the next
    build would write through it, outside the site. The modes are set here, after publishing, so
    that the next site's folders are readable whatever was done to these.
    """
    top = os.fspath(folder)
    for base, folders, names in os.walk(top):
        os.chmod(base, 0o755)
        for name in [f for f in folders if os.path.islink(os.path.join(base, f))]:
            os.unlink(os.path.join(base, name))
            folders.remove(name)
        for name in names:
            if base != top or name != MARKER:
                os.unlink(os.path.join(base, name))


def _remove_empty_folders(top: str) -> bool:
    """Remove the empty folders below ``top``, deepest first; whether ``top`` itself is now empty."""
    empty = True
    with os.scandir(top) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and _remove_empty_folders(entry.path):
                os.rmdir(entry.path)
            else:
                empty = False
    return empty


class Publisher:
    """Writes generated files into a site folder; hard-links one unchanged since ``previous`` instead.

    ``previous`` is the live site, made by a build (it has the marker): its files are
    never changed in place, only replaced whole, so sharing one is safe. Strings and
    ``os`` calls, not ``Path``, and a folder made only when writing into it fails: on
    a site of 12,000 files, path objects and asking for folders that exist cost seconds.
    """

    def __init__(self, site_dir: Path, previous: Path | None, records: PlacedRecords | None = None) -> None:
        self.site_dir = os.fspath(site_dir)
        self.previous = None if previous is None else os.fspath(previous)
        self.records = records
        """What the previous site's placed pages were made of (``records.py``), if it is known."""

    def link_unchanged(self, relative: str, made_of: str) -> bool:
        """Hard-link ``relative`` from the previous site if the records say its file there is the very one made
        of ``made_of`` (the hash of all a page is filled from), unchanged since; ``False`` if not (nothing done)."""
        if self.previous is None or self.records is None or relative not in self.records.known:
            return False
        before = os.path.join(self.previous, relative)
        try:
            found = os.lstat(before)
        except OSError:
            return False
        return self.records.unchanged(relative, made_of, found) and _linked(
            before, os.path.join(self.site_dir, relative)
        )

    def publish(self, relative: str, data: bytes) -> None:
        """Write ``data`` at ``relative`` (``/``-separated, checked by :func:`check_relative_path`)."""
        target = os.path.join(self.site_dir, relative)
        if self.previous is not None:
            before = os.path.join(self.previous, relative)
            try:
                found = os.lstat(before)
                if found.st_size == len(data) and published_file(found):
                    with open(before, "rb") as file:
                        same = file.read(len(data) + 1) == data
                    if same and _linked(before, target):
                        return
            except OSError:
                pass  # not there, or not readable: write it
        _in_folder(target, lambda: _write(target, data))

    def unpublish(self, relative: str) -> None:
        """Remove the file at ``relative`` if it is there: a child process writing it failed part of the way."""
        with suppress(FileNotFoundError, NotADirectoryError, IsADirectoryError):
            os.unlink(os.path.join(self.site_dir, relative))


def published_file(found: os.stat_result) -> bool:
    """Whether ``found`` (an ``lstat``) is a file as a build writes it: a regular file of mode 644. One with another
    mode was changed by someone else since, and is not shared with a new site."""
    return S_ISREG(found.st_mode) and S_IMODE(found.st_mode) == 0o644


def _linked(before: str, target: str) -> bool:
    """Hard-link ``before`` at ``target``; ``False`` if it cannot be (another file system, links to others' files
    refused, a file there already): the caller writes the file instead."""
    try:
        _in_folder(target, lambda: os.link(before, target))
    except OSError:
        return False
    return True


def _in_folder(target: str, make: Callable[[], None]) -> None:
    """``make()`` the file ``target``, making its folder first if it is missing (mostly, it is there).

    A spare folder (of the site this one replaces) where a file now goes holds no file: it goes.
    """
    try:
        make()
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        make()
    except (IsADirectoryError, FileExistsError):
        if not _spare_folder_removed(target):
            raise
        make()


def _write(target: str, data: bytes) -> None:
    try:
        with open(target, "xb") as file:  # never into a file that is there: it may be the live site's, linked
            file.write(data)
    except FileExistsError:
        if os.path.isdir(target):
            raise  # a folder: perhaps a spare one, see _in_folder
        raise OutputError(f"refusing to write {target}: two outputs claim it") from None


def count_files(site_dir: Path) -> int:
    """How many files (not folders) ``site_dir`` holds, in all its folders, as ``os.walk`` counts them.

    For the "built" line, said once the site is live: 10,000 folders listed with ``os.scandir``,
    not ``os.walk``, which makes a list of each folder's names first (0.07 s instead of 0.11).
    """
    found, folders = 0, [os.fspath(site_dir)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if not entry.is_dir():
                    found += 1
                elif not entry.is_symlink():  # a link to a folder is neither counted nor followed, as os.walk does
                    folders.append(entry.path)
    return found


def clear_folders(site_dir: str, files: list[str]) -> None:
    """Remove a spare folder standing where one of ``files`` (paths in ``site_dir``) will be written.

    MkDocs writes its own files into a folder found at their path instead of failing: a spare
    folder of the site before, where this site has a file, would change the site.
    """
    for relative in files:
        _spare_folder_removed(os.path.join(site_dir, relative))


def _spare_folder_removed(path: str) -> bool:
    """Whether ``path`` was a folder with folders only (spare ones) and is now gone."""
    if os.path.islink(path) or not os.path.isdir(path):
        return False
    if any(names for _, _, names in os.walk(path)):
        return False  # a file of this build: two outputs claim the path, as a cold build would find
    shutil.rmtree(path)
    return True


def _swap(new: Path, site_dir: Path) -> None:
    """Put ``new`` where ``site_dir`` is, so that one or the other is there at every instant when possible."""
    if not site_dir.exists():
        os.rename(new, site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    (old / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    if _exchange(new, site_dir):
        os.replace(new, old / "site")  # ``new`` now holds the old site: parked for remove_previous
        return
    # No atomic exchange here (not Linux, or a file system without it): two renames, a moment apart.
    os.replace(site_dir, old / "site")
    try:
        os.replace(new, site_dir)
    except BaseException:
        os.replace(old / "site", site_dir)  # put the published site back
        shutil.rmtree(old, ignore_errors=True)
        raise


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def write_problem(exc: OSError, target: Path) -> str:
    """One sentence for a write that failed: what, where, and the usual reason."""
    where = exc.filename or target
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a file stands where a folder is needed",
        errno.EEXIST: "a file stands where a folder is needed",
        errno.ENOENT: "a folder on the way does not exist",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return f"cannot write {where}: {reason}"
