"""``outage serve``: a preview of the site that rebuilds as files change and forgives a broken edit.

The preview builds the site as ``outage build`` does, each time into a new
folder, and serves the last build that succeeded. When an edit breaks a file,
that build stays up: the terminal prints the located problems, and every page
shows them at its top until an edit fixes them. Pages reload themselves after
each build through a small script that only the preview adds (the published
site has none). The address is printed; a port in use is said, and the next
free one is taken. After a save of incident files, their pages are served
first, filled into the last build's theme shells (``first_look.py``), while
the whole site builds.

The clock is not read here: ``prepare`` (from the command line) gives the
checked site and the moment to build it at, each time.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection
from datetime import datetime
from functools import partial
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from stat import S_ISREG

from ..incidents.load import CONFIG_FILE, INCIDENTS_DIR
from ..incidents.model import Site
from ..incidents.problems import InvalidSite
from .cache import BuildCache
from .first_look import first_look
from .plugin import BuildFailed, build_site
from .shells import ProvenShells

PORTS_TRIED = 10
"""A port in use is said, and the next ones are tried, up to this many in all."""
WATCHED = (CONFIG_FILE, INCIDENTS_DIR, "site_template")
GENERATION_PATH = "/__outage__/generation"
"""What the pages' reload script asks: a number that changes with every build, good or not."""


class PreviewError(Exception):
    """The preview cannot start (an address it cannot use); the message says why."""


class NotBuilt(Exception):
    """``prepare`` found a problem that is not in a file (a bad ``--now``); the message says what."""


class Preview:
    """The last good build of a repository, the problem that stops the next one, and the server."""

    def __init__(self, root: Path, prepare: Callable[[], tuple[Site, datetime]], say: Callable[[str], None]) -> None:
        self.root = root
        self.prepare = prepare
        self.say = say
        self.folder: Path | None = None
        """The last build that succeeded; ``None`` until one has."""
        self.problem = ""
        """Why the newest files are not what is served, located; empty when they are."""
        self.generation = 0
        self._builds = 0
        self._lock = threading.Lock()
        self._work = Path(tempfile.mkdtemp(prefix="outage-serve-"))
        self._cache = BuildCache(None)
        """Kept in memory between rebuilds: a save re-renders only the pages whose inputs changed."""
        self._proven = ProvenShells()
        """The last good build's theme shells: the edited incidents' pages are filled from them first."""
        self.early: dict[str, bytes] = {}
        """Pages made ahead of the build under way (by address, ``incidents/<id>/``): served over the last build."""

    def build(self, changed: Collection[str] = ()) -> bool:
        """Build the site as the files are now; keep serving the last good build if they are broken.

        ``changed``: the watched files (relative paths) that changed since the last look; if they are
        all incident files, their pages are served first, before the whole site is built.
        """
        try:
            site, moment = self.prepare()
        except InvalidSite as exc:
            return self._failed(str(exc) + f"\n{_count(exc)}")
        except NotBuilt as exc:
            return self._failed(str(exc))
        if self.folder is not None and (early := first_look(self.root, site, moment, changed, self._proven)):
            with self._lock:
                self.early, self.problem = early, ""
                self.generation += 1  # open pages reload now, and again when the whole site is built
        self._builds += 1
        target = self._work / f"build-{self._builds}"
        proven = ProvenShells()
        try:
            build_site(self.root, target, site, moment, previous=self.folder, cache=self._cache, proven=proven)
        except (BuildFailed, OSError) as exc:
            shutil.rmtree(target, ignore_errors=True)
            return self._failed(f"the site did not build: {exc}")
        with self._lock:
            old, self.folder, self.problem, self.early = self.folder, target, "", {}
            self.generation += 1
        self._proven = proven
        self.say(f"built as of {moment.isoformat()}")
        if old is not None:
            # Not served any more (a request under way keeps its open files): deleting it does not hold up the next look.
            threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True).start()
        return True

    def _failed(self, problem: str) -> bool:
        with self._lock:
            self.problem, self.early = problem, {}
            self.generation += 1
            serving = self.folder is not None
        after = "still serving the last good build" if serving else "nothing to serve until it is fixed"
        self.say(f"not rebuilt: {problem}\n({after}; fix the file and save it again)")
        return False

    def fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """Every watched file's path, modification time and size: any edit changes it."""
        found = []
        root = str(self.root)
        for name in WATCHED:
            top = os.path.join(root, name)
            # os.walk and strings, not Path.rglob: this runs twice a second over thousands of files.
            paths = [top] if os.path.isfile(top) else (os.path.join(b, f) for b, _, fs in os.walk(top) for f in fs)
            for path in paths:
                try:
                    stat = os.stat(path)
                except OSError:
                    continue  # gone between listing and reading: the next look sees it
                if S_ISREG(stat.st_mode):
                    found.append((os.path.relpath(path, root).replace(os.sep, "/"), stat.st_mtime_ns, stat.st_size))
        return tuple(sorted(found))

    def watch(self, stop: threading.Event, every: float = 0.5, seen: tuple | None = None) -> None:
        """Rebuild whenever a watched file changes from ``seen`` (by default: as they are now), until ``stop``."""
        seen = self.fingerprint() if seen is None else seen
        while not stop.wait(every):
            now = self.fingerprint()
            if now != seen:
                changed = {path for path, *_ in set(now) ^ set(seen)}
                seen = now
                self.build(changed)

    def serve(self, address: str) -> None:
        """Build, then serve at ``address`` (or the next free port) until interrupted."""
        server, watcher, stop = None, None, threading.Event()
        # One way out for the whole run: an address refused, or Ctrl-C (or SIGTERM) during the first build or
        # just after the address is printed, leaves nothing behind, as a stop while serving does.
        try:
            server = _bind(address, self)
            before = self.fingerprint()  # a file saved during the first build is seen as a change
            self.build()
            host, port = server.server_address[:2]
            watcher = threading.Thread(target=self.watch, args=(stop, 0.5, before), daemon=True)
            watcher.start()
            self.say(f"Serving http://{host}:{port}/ (press Ctrl-C to stop)")
            server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            self.say("stopped")
        finally:
            stop.set()
            if server is not None:
                server.server_close()
            if watcher is not None:
                watcher.join()  # a rebuild under way ends before its folder is removed
            shutil.rmtree(self._work, ignore_errors=True)

    def page_extras(self) -> tuple[bytes, bytes]:
        """What every served page gets: the problem banner (or nothing), and the reload script."""
        with self._lock:
            problem, generation = self.problem, self.generation
        banner = b""
        if problem:
            banner = (
                '<div role="alert" style="margin:0;padding:1em;background:#fff3cd;color:#3d2e00;'
                'border-bottom:3px solid #b58100;font:1rem/1.4 system-ui,sans-serif">'
                "<strong>This preview is not up to date.</strong> The files have a problem; below is the "
                f'last good build.<pre style="white-space:pre-wrap;margin:.5em 0 0">{escape(problem)}</pre></div>'
            ).encode()
        script = (
            "<script>(function(){var seen=GENERATION;setInterval(function(){fetch('PATH',{cache:'no-store'})"
            ".then(function(r){return r.text()}).then(function(t){if(+t!==seen)location.reload()})"
            ".catch(function(){})},1000)})();</script>"
        )
        script = script.replace("GENERATION", str(generation)).replace("PATH", GENERATION_PATH).encode()
        return banner, script


def _count(exc: InvalidSite) -> str:
    errors = sum(p.severity == "error" for p in exc.problems)
    files = len({p.file for p in exc.problems})
    return f"{errors} error{'s' if errors != 1 else ''} in {files} file{'s' if files != 1 else ''}"


def _bind(address: str, preview: Preview) -> ThreadingHTTPServer:
    host, _, port_text = address.rpartition(":")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise PreviewError(f"--address: expected host:port, like 127.0.0.1:8000; found {address!r}")
    first = int(port_text)
    for port in range(first, min(first + PORTS_TRIED, 65536)):
        try:
            return ThreadingHTTPServer((host, port), partial(_Handler, preview))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise PreviewError(f"--address: cannot serve at {host}:{port}: {exc.strerror or exc}") from None
            preview.say(f"{host}:{port} is in use (another outage serve?); trying {port + 1}")
    raise PreviewError(
        f"--address: ports {first} to {first + PORTS_TRIED - 1} on {host} are all in use; choose another port"
    )


class _Handler(SimpleHTTPRequestHandler):
    """Files of the last good build; pages with the banner and the reload script added."""

    def __init__(self, preview: Preview, *args, **kwargs) -> None:
        self.preview = preview
        folder = preview.folder
        super().__init__(*args, directory=str(folder if folder is not None else preview._work), **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == GENERATION_PATH:
            return self._send(200, "text/plain; charset=utf-8", str(self.preview.generation).encode())
        if self.preview.folder is None:
            banner, script = self.preview.page_extras()
            body = b"<!doctype html><title>Not built yet</title><body>" + banner + script + b"</body>"
            return self._send(503, "text/html; charset=utf-8", body)
        early = self.preview.early.get(path.lstrip("/").removesuffix("index.html"))
        local = Path(self.translate_path(path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"  # (without the slash, the handler redirects to it first)
        if early is not None or (local.suffix == ".html" and local.is_file()):
            banner, script = self.preview.page_extras()
            html = local.read_bytes() if early is None else early
            start = html.find(b">", html.find(b"<body")) + 1 if b"<body" in html else 0
            html = html[:start] + banner + html[start:]
            end = html.rfind(b"</body>")
            html = html[:end] + script + html[end:] if end >= 0 else html + script
            return self._send(200, "text/html; charset=utf-8", html)
        return super().do_GET()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview is always the newest build
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        """Requests are not worth a line each in the terminal staff read problems in."""
