"""Bulletins for radio, press and alert hubs, built from the same incident files as the site.

Every update of an incident that broadcasts gets a bulletin set: radio scripts
for each configured length, a press release, a CAP 1.2 message, a notice for
technical contacts and its SMS form. Files are published for open incidents
and for the last ``KEEP_DAYS`` days, so the output stays bounded at any
history size; older updates remain on the incident pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from html import escape

from feedgen.feed import FeedGenerator
from jinja2 import Environment

from ..model import Incident, Site, Update
from .cap import cap_alert, cap_feed
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


def bulletin_outputs(sets: list[BulletinSet], site: Site) -> dict[str, bytes]:
    """Every bulletin file, the newsroom feeds and ``bulletins/index.json``."""
    outputs: dict[str, bytes] = {}
    for item in sets:
        outputs.update(item.files())
    outputs["feeds/bulletins.xml"] = _bulletin_feed(site, sets)
    outputs["feeds/cap.xml"] = cap_feed(site, [(s.incident, s.update) for s in sets])
    outputs["bulletins/index.json"] = _index(site, sets)
    return outputs


def _index(site: Site, sets: list[BulletinSet]) -> bytes:
    """A machine-readable list of published bulletins, so a mailer can tell new ones from old."""
    entries = [
        {
            "id": s.id,
            "incident": s.incident.id,
            "update": s.update.number,
            "title": s.incident.title,
            "status": s.update.status.value,
            "at": s.update.at.isoformat(),
            "services": [x.id for x in s.incident.services],
            "areas": [x.id for x in s.incident.areas],
            "files": {
                name: f"{s.path}{name}" for name in ("radio.txt", "press.txt", "cap.xml", "notice.txt", "sms.txt")
            },
        }
        for s in sets
    ]
    document = {"site": site.config.site_url, "keep_days": KEEP_DAYS, "bulletins": entries}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _bulletin_feed(site: Site, sets: list[BulletinSet]) -> bytes:
    """Atom for newsroom systems: one entry per script set, the scripts as preformatted text."""
    config = site.config
    host = config.host
    feed = FeedGenerator()
    feed.id(f"{config.site_url}feeds/bulletins.xml")
    feed.title(f"{config.name}: bulletins for newsrooms")
    feed.subtitle("Radio scripts ready to read on air, with press releases and CAP alerts.")
    feed.author({"name": config.name, "email": (config.media_contact or config.contact).email})
    feed.link(href=f"{config.site_url}feeds/bulletins.xml", rel="self")
    feed.link(href=f"{config.site_url}bulletins/", rel="alternate")
    feed.language(config.language)
    newest = max((u.at for i in site.incidents for u in i.updates), default=None)
    feed.updated(sets[0].update.at if sets else newest or datetime.fromisoformat("1970-01-01T00:00:00+00:00"))
    for item in sets:
        entry = feed.add_entry(order="append")
        # The site feed's tag URI with a "bulletins/" segment: stable, and distinct from the update's entry.
        entry.id(f"tag:{host},{item.incident.id[:10]}:bulletins/{item.id}")
        entry.title(f"{item.update.status.label}: {item.incident.title}")
        entry.link(href=f"{config.site_url}{item.path}", rel="alternate")
        entry.link(href=f"{config.site_url}{item.path}radio.txt", rel="related", type="text/plain")
        entry.updated(item.update.at)
        entry.published(item.update.at)
        scripts = "".join(f"<pre>{escape(item.radio[s])}</pre>" for s in sorted(item.radio))
        entry.content(scripts, type="html")
    return feed.atom_str(pretty=True)
