"""What was published: the bulletin index of a new build, and of the live site (or an earlier build).

``outage notify`` compares the two and emails only the bulletins that are new.
The live index is fetched over http(s) with retries; a 404 means nothing was
published before (the first publish).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from . import retry
from .errors import NotifyError
from .retry import Sleep

INDEX = "bulletins/index.json"
FETCH_TIMEOUT = 20.0
"""Seconds to wait for the previous index from the live site."""
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


def index_ids(raw: bytes, source: str) -> set[str]:
    """The keys (id and revision) of an index's bulletins: all that is needed of the previous one.

    An index from before revisions were recorded lists first issues only.
    """
    try:
        document = json.loads(raw.decode("utf-8"))
        ids = {
            bulletin_key(entry["id"], int(entry.get("revision", 1)), str(entry.get("kind", "issue")))
            for entry in document["bulletins"]
        }
    except (ValueError, KeyError, TypeError) as exc:
        raise NotifyError(f"{source}: expected a bulletin index written by outage build; found {exc!r}") from None
    if not all(isinstance(i, str) for i in ids):
        raise NotifyError(f"{source}: expected bulletin ids as text; found {sorted(map(repr, ids))[:3]}")
    return ids


def built_index(site_dir: Path) -> list[Bulletin]:
    """The bulletins of the build in ``site_dir``."""
    path = site_dir / INDEX
    if not path.is_file():
        raise NotifyError(
            f"no {INDEX} in {site_dir}: build the site first (outage build --site-dir {site_dir}), then notify"
        )
    return read_index(path.read_bytes(), str(path))


def previous_ids(source: str, *, sleep: Sleep = time.sleep) -> set[str] | None:
    """The bulletin ids published before: ``source`` is a site folder or an http(s) address of the live site.

    ``None`` when there is no previous index (the address answers 404, or the
    folder has none): the first publish. A folder that does not exist, or a site
    that cannot be reached after retries, is an error, never "nothing published".
    """
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        url = source if source.endswith(".json") else source.rstrip("/") + "/" + INDEX
        raw = fetch(url, sleep)
        return None if raw is None else index_ids(raw, url)
    if scheme and len(scheme) > 1:
        raise NotifyError(f"--previous: expected a folder or an http(s) address; found {source!r}")
    folder = Path(source)
    if folder.is_file():
        return index_ids(folder.read_bytes(), source)
    if not folder.is_dir():
        raise NotifyError(
            f"--previous: expected a built site folder or an http(s) address; found {source!r}, which does not exist"
        )
    path = folder / INDEX
    return index_ids(path.read_bytes(), str(path)) if path.is_file() else None


def fetch(url: str, sleep: Sleep) -> bytes | None:
    """The body at ``url``; ``None`` for 404; transient failures retried, then an error."""
    request = urllib.request.Request(
        url, headers={"Cache-Control": "no-cache", "User-Agent": "outage-bulletin notify", "Accept": "application/json"}
    )
    delays = retry.RETRY_DELAYS
    for attempt in range(len(delays) + 1):
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
                raw = response.read(MAX_INDEX_BYTES + 1)
            if len(raw) > MAX_INDEX_BYTES:
                raise NotifyError(f"{url}: expected an index of at most {MAX_INDEX_BYTES:,} bytes; found more")
            return raw
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            reason: str = f"HTTP {exc.code} {exc.reason}"
            transient = exc.code >= 500 or exc.code in (408, 429)
        except (urllib.error.URLError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc))
            transient = True
        if not transient or attempt == len(delays):
            raise NotifyError(f"cannot read the previous bulletin index at {url}: {reason}; nothing was sent")
        sleep(delays[attempt])
    raise AssertionError("unreachable")


def new_bulletins(current: Iterable[Bulletin], previous: set[str]) -> list[Bulletin]:
    """The bulletins (and corrections, and withdrawals) of the new build the previous one did not have, oldest first."""
    return sorted(
        (b for b in current if b.key not in previous), key=lambda b: (b.issued or b.at, b.at, b.incident, b.update)
    )
