"""What newsrooms and alert hubs subscribe to: every bulletin file, the newsroom feeds and the index.

``bulletins/index.json`` lists every published bulletin, so a mailer can tell
new ones from old; ``feeds/bulletins.xml`` carries the radio scripts and
``feeds/cap.xml`` indexes the CAP messages.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from feedgen.feed import FeedGenerator

from ..incidents.model import Site
from .cap import cap_feed
from .sets import KEEP_DAYS, BulletinSet


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
