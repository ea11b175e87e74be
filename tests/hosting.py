"""Reads a built site's `_headers` as Netlify and Cloudflare Pages do, and serves the site with them.

The syntax both hosts document: a line starting with `/` is a path pattern, where `*` matches any
characters (slashes included); the indented `Name: value` lines under it are the headers for every
request whose path matches; `#` starts a comment.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

Rules = list[tuple[re.Pattern[str], list[tuple[str, str]]]]


def parse_headers(text: str) -> Rules:
    rules: ClassVar[Rules] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("/"):
            rules.append((re.compile(re.escape(line.strip()).replace(r"\*", ".*")), []))
        else:
            assert line.startswith("  ") and rules, f"_headers:{number}: a header must be indented under a path"
            name, separator, value = line.strip().partition(": ")
            assert separator and re.fullmatch(r"[A-Za-z-]+", name), f"_headers:{number}: expected 'Name: value'"
            rules[-1][1].append((name, value))
    return rules


def headers_for(rules: Rules, path: str) -> list[tuple[str, str]]:
    """Every header of every rule that matches ``path`` (a URL path starting with `/`), in file order."""
    return [header for pattern, headers in rules if pattern.fullmatch(path) for header in headers]


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    rules: ClassVar[Rules] = []

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.path.split("?")[0]):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path, *, apply_headers: bool = True) -> Iterator[str]:
    """Serves ``folder`` on 127.0.0.1 at a free port, adding its `_headers` as the hosts do; yields the base URL."""
    rules = parse_headers((folder / "_headers").read_text(encoding="utf-8")) if apply_headers else []
    handler = type("Handler", (_HeadersHandler,), {"rules": rules})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
