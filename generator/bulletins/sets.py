"""Which updates get bulletins, and every bulletin of one update (:class:`BulletinSet`).

Every update of an incident that broadcasts gets a bulletin set: radio scripts
for each configured length, a press release, a CAP 1.2 message, a notice for
technical contacts and its SMS form. Files are published for open incidents
and for the last ``KEEP_DAYS`` days, so the output stays bounded at any
history size; older updates remain on the incident pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from jinja2 import Environment

from ..incidents.model import Incident, Site, Update
from .cap import cap_alert
from .notice import notice, sms
from .press import press_release
from .radio import radio_scripts

KEEP_DAYS = 90
"""Bulletin files are published for this many days after their update (and while the incident is open)."""


@dataclass(frozen=True)
class BulletinSet:
    """Every bulletin of one update, rendered on first use."""

    templates: Environment
    site: Site
    incident: Incident
    update: Update

    @property
    def path(self) -> str:
        """``bulletins/<incident-id>/<n>/``: where its files live in the site."""
        return f"bulletins/{self.incident.id}/{self.update.number}/"

    @property
    def id(self) -> str:
        """``<incident-id>/<n>``: stable, used in the index, feeds and email Message-IDs."""
        return f"{self.incident.id}/{self.update.number}"

    @cached_property
    def radio(self) -> dict[int, str]:
        return radio_scripts(self.templates, self.site, self.incident, self.update)

    @cached_property
    def press(self) -> str:
        return press_release(self.templates, self.site, self.incident, self.update)

    @cached_property
    def notice(self) -> str:
        return notice(self.templates, self.site, self.incident, self.update)

    @cached_property
    def sms(self) -> str:
        return sms(self.templates, self.site, self.incident, self.update)

    @cached_property
    def cap(self) -> bytes:
        return cap_alert(self.site, self.incident, self.update)

    def files(self) -> dict[str, bytes]:
        """The set's files by their path in the site."""
        radio = "\n\n".join(self.radio[s] for s in sorted(self.radio))
        files = {
            f"{self.path}radio.txt": radio,
            f"{self.path}press.txt": self.press,
            f"{self.path}notice.txt": self.notice,
            f"{self.path}sms.txt": self.sms + "\n",
        }
        for seconds, script in sorted(self.radio.items()):
            files[f"{self.path}radio-{seconds}.txt"] = script
        encoded = {path: text.encode("utf-8") for path, text in files.items()}
        encoded[f"{self.path}cap.xml"] = self.cap
        return encoded


def broadcast_updates(site: Site) -> list[tuple[Incident, Update]]:
    """Every update of every broadcasting incident, newest first."""
    pairs = [(i, u) for i in site.incidents if i.broadcast for u in i.updates]
    return sorted(pairs, key=lambda pair: (pair[1].at, pair[0].id, pair[1].number), reverse=True)


def published_sets(templates: Environment, site: Site, now: datetime) -> list[BulletinSet]:
    """The bulletin sets with files in the site: open incidents, and updates of the last KEEP_DAYS days."""
    since = now - timedelta(days=KEEP_DAYS)
    return [
        BulletinSet(templates, site, incident, update)
        for incident, update in broadcast_updates(site)
        if incident.is_open or update.at >= since
    ]


def current_sets(sets: list[BulletinSet]) -> list[BulletinSet]:
    """The latest set of each open incident: what a newsroom should read now."""
    latest: dict[str, BulletinSet] = {}
    for item in sets:  # newest first, so the first seen is the latest
        if item.incident.is_open:
            latest.setdefault(item.incident.id, item)
    return list(latest.values())
