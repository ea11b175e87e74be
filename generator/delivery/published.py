"""What a build published: its bulletin index, and reading a published site over http(s).

``outage notify`` reads the new build's index and compares it with the
ledger; ``outage ledger init --from`` reads what an earlier version published.
Network reads retry transient failures within one overall deadline.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import retry
from .errors import NotifyError
from .retry import Sleep

INDEX = "bulletins/index.json"
FETCH_TIMEOUT = 20.0
"""Seconds one request may take."""
DEADLINE = 60.0
"""Seconds all tries of one network read may take together, waits included."""
MAX_INDEX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Bulletin:
    """One entry of ``bulletins/index.json``."""

    id: str
    incident: str
    update: str
    """The update's published identity."""
    title: str
    status: str
    at: datetime
    services: tuple[str, ...]
    areas: tuple[str, ...]
    files: Mapping[str, str] = field(default_factory=dict)
    revision: int = 1
    kind: str = "issue"
    """``issue`` (first issue), ``correction`` (revision 2 on) or ``withdrawal``."""
    issued: datetime | None = None
    """When this revision was issued (a correction, a withdrawal); the update's time for a first issue."""

    @property
    def key(self) -> str:
        """What was sent: one per revision, and one for a withdrawal (``<id>@r2``, ``<id>@withdrawn``)."""
        return bulletin_key(self.id, self.revision, self.kind)


def bulletin_key(bulletin_id: str, revision: int = 1, kind: str = "issue") -> str:
    return f"{bulletin_id}@withdrawn" if kind == "withdrawal" else f"{bulletin_id}@r{revision}"


def read_index(raw: bytes, source: str) -> list[Bulletin]:
    """The bulletins of a full index, as the build writes it."""
    try:
        document = json.loads(raw.decode("utf-8"))
        return [
            Bulletin(
                id=entry["id"],
                incident=entry["incident"],
                update=str(entry["update"]),
                title=entry["title"],
                status=entry["status"],
                at=datetime.fromisoformat(entry["at"]),
                services=tuple(entry["services"]),
                areas=tuple(entry["areas"]),
                files=dict(entry["files"]),
                revision=int(entry.get("revision", 1)),
                kind=str(entry.get("kind", "issue")),
                issued=datetime.fromisoformat(entry["issued"]) if entry.get("issued") else None,
            )
            for entry in document["bulletins"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise NotifyError(f"{source}: expected a bulletin index written by outage build; found {exc!r}") from None


def built_index(site_dir: Path, folder: str = "") -> list[Bulletin]:
    """The bulletins of the build in ``site_dir``; ``folder``: another language's (``fr/``), with its titles and files."""
    path = site_dir / folder / INDEX
    if not path.is_file():
        raise NotifyError(
            f"no {INDEX} in {site_dir}: build the site first (outage build --site-dir {site_dir}), then notify"
        )
    return read_index(path.read_bytes(), str(path))


def fetch(
    url: str, sleep: Sleep, *, deadline: float = DEADLINE, clock: Callable[[], float] = time.monotonic
) -> bytes | None:
    """The body at ``url``; ``None`` for 404; transient failures retried, all within ``deadline`` seconds.

    A slow server never holds a run for minutes: every try and every wait
    counts against one deadline. Messages show the address without any
    user name or password it carries.
    """
    shown = public(url)
    request = urllib.request.Request(
        url, headers={"Cache-Control": "no-cache", "User-Agent": "outage-bulletin", "Accept": "application/json"}
    )
    started = clock()
    delays = retry.RETRY_DELAYS
    for attempt in range(len(delays) + 1):
        left = deadline - (clock() - started)
        try:
            if left <= 0:
                raise TimeoutError(f"no answer within {deadline:g} s")
            with urllib.request.urlopen(request, timeout=min(FETCH_TIMEOUT, left)) as response:
                raw = response.read(MAX_INDEX_BYTES + 1)
            if len(raw) > MAX_INDEX_BYTES:
                raise NotifyError(f"{shown}: expected at most {MAX_INDEX_BYTES:,} bytes; found more")
            return raw
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            reason: str = f"HTTP {exc.code} {exc.reason}"
            transient = exc.code >= 500 or exc.code in (408, 429)
        except (urllib.error.URLError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc)).replace(url, shown)
            transient = not isinstance(exc, TimeoutError) or clock() - started < deadline
        out_of_time = clock() - started + (delays[attempt] if attempt < len(delays) else 0) >= deadline
        if not transient or attempt == len(delays) or out_of_time:
            raise NotifyError(f"cannot read {shown}: {reason}")
        sleep(delays[attempt])
    raise AssertionError("unreachable")


def public(url: str) -> str:
    """The address without user name and password: what may appear in a log."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
