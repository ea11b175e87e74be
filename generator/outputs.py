"""Every file of the site that is not a page, by its path: a pure function of (site, now).

Each writer module renders its own files; this module only gathers them, so
the plugin can hand them all to MkDocs and a path claimed twice is caught here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from .api import api_outputs
from .badges import badge_outputs
from .bulletins import BulletinSet, bulletin_outputs
from .calendar import calendar_outputs
from .feeds import feed_outputs
from .model import Site
from .pages import lite_page, status_text
from .timeline import snapshot


def static_outputs(site: Site, now: datetime, bulletins: Sequence[BulletinSet] = ()) -> dict[str, bytes]:
    """``{path in the site: content}``: lite page, status.txt, feeds, calendar, badges, API and bulletins."""
    state = snapshot(site, now)
    outputs: dict[str, bytes] = {}

    def add(files: Mapping[str, str | bytes]) -> None:
        for path, content in files.items():
            if path in outputs:
                raise ValueError(f"two outputs claim {path}")
            outputs[path] = content.encode("utf-8") if isinstance(content, str) else content

    add({"lite/index.html": lite_page(site, now), "status.txt": status_text(site, now)})
    add(feed_outputs(site))
    add(calendar_outputs(site))
    add(badge_outputs(site, state))
    add(api_outputs(site, now))
    add(bulletin_outputs(list(bulletins), site))
    return outputs
