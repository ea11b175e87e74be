"""Compiled page and theme templates, kept between runs where Python keeps the tool's own bytecode.

Jinja turns each template into Python source and compiles it the first time a
process uses it. The pages' templates and mkdocs-material's are about thirty, a
few tenths of a second that every build paid again (a tenth of a rebuild at
10,000 incidents), and each process of a build paid them anew.

What is kept is code, and it is run: it lives in the tool's own ``__pycache__``
folder, as Python's ``.pyc`` files do, never in the status repository's
``.outage-cache/`` (a cache a CI job restores could have been written by anyone
who can run a job). Whoever can write here can change the tool itself anyway.
Each kept template is used only if its text is the one it was compiled from
(Jinja checks a hash of it), under the same tool and library versions and the
same environment settings (the folder's name hashes them); a folder of another
version is removed the first time a new one is made. Where the tool's folder
cannot be written (installed read-only), templates are compiled in memory as
before, and nothing is said: the output is the same bytes either way.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from contextlib import suppress
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from ..incidents.kept import tool_fingerprint

KEPT_DIR = Path(__file__).resolve().parent / "__pycache__" / "templates"
"""Beside the site package's own bytecode (git-ignored, and outside what the tool's fingerprint hashes)."""


class KeptTemplates(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates; a folder it cannot write is no cache, not an error."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):  # read-only or full: the template was compiled, it is only not kept
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged (cut short, say): compiled afresh
            bucket.reset()


def kept_templates(env: Environment, kind: str, folder: Path | None = None) -> BytecodeCache:
    """The cache of ``env``'s compiled templates: ``kind`` names the environment (``pages-en``, ``theme``).

    The same template compiles differently under other settings, filters or extensions (Jinja folds a
    filter of constant text at compile time: the French pages' filters are not the English ones), so
    each kind, tool version and set of settings has its own folder. A filter is known by its code's
    place, not by what a closure holds: an environment whose filters hold other values (the pages'
    words in another language) is another ``kind``.
    """
    settings = repr(
        (
            tool_fingerprint(),
            kind,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            env.autoescape if isinstance(env.autoescape, bool) else _qualified(env.autoescape),
            sorted(env.extensions),
            sorted((name, _qualified(f)) for name, f in env.filters.items()),
            sorted((name, _qualified(f)) for name, f in env.tests.items()),
            None if env.finalize is None else _qualified(env.finalize),
            sorted((name, _qualified(v) if callable(v) else repr(v)) for name, v in env.policies.items()),
            getattr(env, "newstyle_gettext", None),
        )
    )
    folder = KEPT_DIR if folder is None else folder
    directory = folder / f"{kind}-{hashlib.sha256(settings.encode()).hexdigest()[:20]}"
    try:
        if not directory.is_dir():
            _forget_others(folder, kind)
    except OSError:
        pass  # a folder this user may not search (made by another, say): each template is then compiled
    return KeptTemplates(os.fspath(directory), "%s.jinja")


def _qualified(function: object) -> str:
    """A function by module and name: a lambda's own name is the same for every lambda, so its code's place too."""
    code = getattr(function, "__code__", None)
    where = f"{code.co_filename}:{code.co_firstlineno}" if code is not None else ""
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', type(function).__name__)}@{where}"


def _forget_others(folder: Path, kind: str) -> None:
    """Remove the folders of ``kind`` another version or setting made: they are never used again."""
    try:
        others = [entry for entry in os.scandir(folder) if entry.name.startswith(f"{kind}-") and entry.is_dir()]
    except OSError:
        return
    for entry in others:
        shutil.rmtree(entry.path, ignore_errors=True)
