"""What newsrooms and alert hubs subscribe to: every bulletin file, the newsroom feeds and the index.

``bulletins/index.json`` lists every published bulletin with its revision, so
a mailer can tell new ones, corrections and withdrawals from what it sent;
``feeds/bulletins.xml`` carries the radio scripts and ``feeds/cap.xml``
indexes the CAP messages. A site in French too has the same three under
``fr/`` (``fr/newsroom.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from html import escape

from ..feeds.atom import atom_bytes, new_feed
from ..incidents.model import Config
from ..state.now import Snapshot
from .cap import CAP_MEDIA_TYPE, cancel_feed_item, cap_feed, feed_item
from .fr.newsroom import french_newsroom_outputs
from .fr.story import SITE_FOLDER
from .sets import FILES, KEEP_DAYS, BulletinSet, WithdrawalSet

_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")


def bulletin_outputs(
    sets: Sequence[BulletinSet], state: Snapshot, withdrawals: Sequence[WithdrawalSet] = ()
) -> dict[str, bytes]:
    """Every bulletin file, the newsroom feeds and ``bulletins/index.json``."""
    config = state.config
    outputs: dict[str, bytes] = {}
    for item in [*sets, *withdrawals]:
        outputs.update(item.files())
    fallback = state.last_update_at if state.site.incidents else None
    outputs["feeds/bulletins.xml"] = _bulletin_feed(config, sets, withdrawals, fallback)
    items = [feed_item(config, s.incident, s.update, s.thread, s.path) for s in sets]
    items += [cancel_feed_item(config, w.withdrawal, w.path) for w in withdrawals]
    outputs["feeds/cap.xml"] = cap_feed(config, items, fallback)
    outputs["bulletins/index.json"] = _index(config, sets, withdrawals)
    if "fr" in config.languages:
        outputs.update(french_newsroom_outputs(config, sets, withdrawals, fallback))
        sets_fr, withdrawals_fr = [s for s in sets if s.french], [w for w in withdrawals if w.french]
        outputs[f"{SITE_FOLDER}bulletins/index.json"] = _index(config, sets_fr, withdrawals_fr, SITE_FOLDER)
    return outputs


def _index(
    config: Config, sets: Sequence[BulletinSet], withdrawals: Sequence[WithdrawalSet], folder: str = ""
) -> bytes:
    """A machine-readable list of published bulletins, so a mailer can tell new ones from old.

    ``folder`` ``fr/``: the French newsroom's (``fr/bulletins/index.json``), the same entries with the French
    title and the French files; the CAP message is one file in both languages.
    """

    def files(path: str) -> dict[str, str]:
        return {name: f"{'' if name == 'cap.xml' else folder}{path}{name}" for name in FILES}

    entries = [
        {
            "id": s.id,
            "incident": s.incident.id,
            "update": s.issue.published_id,
            "revision": s.issue.revision,
            "kind": "correction" if s.issue.is_correction else "issue",
            "title": s.french.incident.title if folder and s.french is not None else s.incident.title,
            "status": s.update.status.value,
            "at": s.update.at.isoformat(),
            "issued": s.issued_at.isoformat(),
            "services": [x.id for x in s.incident.services],
            "areas": [x.id for x in s.incident.areas],
            "files": files(s.path),
        }
        for s in sets
    ]
    entries += [
        {
            "id": w.id,
            "incident": w.withdrawal.incident_id,
            "update": w.withdrawal.published_id,
            "revision": w.withdrawal.revision,
            "kind": "withdrawal",
            "title": w.french.title if folder and w.french is not None else w.withdrawal.title,
            "status": w.withdrawal.status,
            "at": w.withdrawal.at.isoformat(),
            "issued": w.issued_at.isoformat(),
            "services": list(w.withdrawal.services),
            "areas": list(w.withdrawal.areas),
            "files": files(w.path),
        }
        for w in withdrawals
    ]
    language = {"language": folder.rstrip("/")} if folder else {}
    document = {"site": config.site_url, **language, "keep_days": KEEP_DAYS, "bulletins": entries}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _bulletin_feed(
    config: Config, sets: Sequence[BulletinSet], withdrawals: Sequence[WithdrawalSet], fallback: datetime | None
) -> bytes:
    """Atom for newsroom systems: one entry per update, the scripts as preformatted text.

    A correction keeps its entry's id with a new ``updated``; a withdrawal does too, with the kill notice.
    """
    host = config.host
    feed = new_feed()
    feed.id(f"{config.site_url}feeds/bulletins.xml")
    feed.title(f"{config.name}: bulletins for newsrooms")
    feed.subtitle("Radio scripts ready to read on air, with press releases and CAP alerts.")
    feed.author({"name": config.name, "email": (config.media_contact or config.contact).email})
    feed.link(href=f"{config.site_url}feeds/bulletins.xml", rel="self", type="application/atom+xml")
    feed.link(href=f"{config.site_url}bulletins/", rel="alternate", type="text/html")
    feed.language(config.language)
    entries = [(s.at, s.id, s) for s in sets] + [(w.at, w.id, w) for w in withdrawals]
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    feed.updated(max((item.issued_at for _, _, item in entries), default=fallback or _EPOCH))
    for _, _, item in entries:
        entry = feed.add_entry(order="append")
        incident_id = item.id.split("/", 1)[0]
        # The site feed's tag URI with a "bulletins/" segment: stable, and distinct from the update's entry.
        entry.id(f"tag:{host},{incident_id[:10]}:bulletins/{item.id}")
        # One alternate (the bulletin's page, which has every format); the script and the CAP message beside it.
        entry.link(href=f"{config.site_url}{item.path}", rel="alternate", type="text/html")
        entry.link(href=f"{config.site_url}{item.path}radio.txt", rel="related", type="text/plain")
        entry.link(href=f"{config.site_url}{item.path}cap.xml", rel="related", type=CAP_MEDIA_TYPE)
        entry.updated(item.issued_at)
        entry.published(item.at)
        if isinstance(item, WithdrawalSet):
            entry.title(f"Withdrawn: {item.withdrawal.title}")
            entry.content(f"<pre>{escape(item.kill)}</pre>", type="html")
            continue
        entry.title(f"{item.label}: {item.incident.title}")
        scripts = "".join(f"<pre>{escape(item.radio[s])}</pre>" for s in sorted(item.radio))
        entry.content(scripts, type="html")
    return atom_bytes(feed)
