"""What French newsrooms and alert hubs subscribe to: ``fr/feeds/bulletins.xml`` and ``fr/feeds/cap.xml``.

The English newsroom's feeds (``bulletins/newsroom.py``) in French, beside
the French site: the radio scripts in French, and an index of the CAP messages
with their French headlines (each message is one file with both languages'
``info`` blocks). ``fr/bulletins/index.json`` is the English index's code with
French titles and files (``newsroom._index``). Entry ids are their own (``…:fr/bulletins/…``, ``…:fr/cap/…``), so a
reader that subscribes to both languages keeps both, and they never move.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from ...catalogue import catalogue_for
from ...feeds.atom import atom_bytes, new_feed
from ...incidents.model import Config
from ..cap import CAP_MEDIA_TYPE
from ..editorial import fr
from ..sets import BulletinSet, WithdrawalSet
from .story import SITE_FOLDER

_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
MESSAGE_TYPES = {"Alert": "alerte", "Update": "mise à jour", "Cancel": "annulation"}
"""CAP's ``msgType`` as the French index names it."""


def french_newsroom_outputs(
    config: Config, sets: Sequence[BulletinSet], withdrawals: Sequence[WithdrawalSet], fallback: datetime | None
) -> dict[str, bytes]:
    """The French newsroom feeds (its index is ``newsroom._index``'s); ``config`` is the site's own (its address and host)."""
    sets = [s for s in sets if s.french is not None]
    withdrawals = [w for w in withdrawals if w.french is not None]
    return {
        f"{SITE_FOLDER}feeds/bulletins.xml": _bulletin_feed(config, sets, withdrawals, fallback),
        f"{SITE_FOLDER}feeds/cap.xml": _cap_index(config, sets, withdrawals, fallback),
    }


def _label(item: BulletinSet) -> str:
    """``Correction : Enquête en cours`` or ``Enquête en cours``: how the French lists name a set."""
    status = catalogue_for("fr").status(item.update.status)
    return fr.typographie(f"Correction : {status}") if item.issue.is_correction else status


def _moment(config: Config, moment: datetime) -> str:
    zone = config.timezone
    return f"{fr.fr_time(moment, zone)} {fr.zone_name(moment, zone)}, {fr.fr_full_date(moment, zone)}"


def _bulletin_feed(
    config: Config, sets: Sequence[BulletinSet], withdrawals: Sequence[WithdrawalSet], fallback: datetime | None
) -> bytes:
    """Atom for French newsroom systems: one entry per update, the French scripts as preformatted text."""
    feed = new_feed()
    url = f"{config.site_url}{SITE_FOLDER}feeds/bulletins.xml"
    feed.id(url)
    feed.title(fr.typographie(f"{config.name} : bulletins pour les salles de nouvelles"))
    feed.subtitle("Textes radio prêts à lire en ondes, avec les communiqués et les alertes CAP.")
    feed.author({"name": config.name, "email": (config.media_contact or config.contact).email})
    feed.link(href=url, rel="self", type="application/atom+xml")
    feed.link(href=f"{config.site_url}{SITE_FOLDER}bulletins/", rel="alternate", type="text/html")
    feed.language("fr")
    entries = [(s.at, s.id, s) for s in sets] + [(w.at, w.id, w) for w in withdrawals]
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    feed.updated(max((item.issued_at for _, _, item in entries), default=fallback or _EPOCH))
    for _, _, item in entries:
        entry = feed.add_entry(order="append")
        incident_id = item.id.split("/", 1)[0]
        entry.id(f"tag:{config.host},{incident_id[:10]}:{SITE_FOLDER}bulletins/{item.id}")
        where = f"{config.site_url}{SITE_FOLDER}{item.path}"
        entry.link(href=where, rel="alternate", type="text/html")
        entry.link(href=f"{where}radio.txt", rel="related", type="text/plain")
        entry.link(href=f"{config.site_url}{item.path}cap.xml", rel="related", type=CAP_MEDIA_TYPE)
        entry.updated(item.issued_at)
        entry.published(item.at)
        if isinstance(item, WithdrawalSet):
            assert item.french is not None
            entry.title(fr.typographie(f"Retiré : {item.french.title}"))
            entry.content(f"<pre>{escape(item.french.kill)}</pre>", type="html")
            continue
        assert item.french is not None
        entry.title(fr.typographie(f"{_label(item)} : {item.french.incident.title}"))
        radio = item.french.radio
        entry.content("".join(f"<pre>{escape(radio[s])}</pre>" for s in sorted(radio)), type="html")
    return atom_bytes(feed)


def _cap_index(
    config: Config, sets: Sequence[BulletinSet], withdrawals: Sequence[WithdrawalSet], fallback: datetime | None
) -> bytes:
    """An Atom index of the CAP messages with their French headlines, newest first; every date a message's ``sent``."""
    items = []
    for s in sets:
        assert s.french is not None
        kind = MESSAGE_TYPES[s.thread.msg_type]
        revision = s.thread.identifier.rsplit(".", 1)[-1] if s.thread.correction else ""
        items.append(
            (
                s.thread.sent,
                f"tag:{config.host},{s.incident.id[:10]}:{SITE_FOLDER}cap/{s.id}"
                + (f"/{revision}" if revision else ""),
                s.path,
                s.french.info.headline,
                fr.typographie(
                    f"{s.french.info.event}. Message CAP ({kind}) envoyé à {_moment(config, s.thread.sent)}."
                ),
            )
        )
    for w in withdrawals:
        assert w.french is not None
        items.append(
            (
                w.withdrawal.withdrawn_at,
                f"tag:{config.host},{w.withdrawal.incident_id[:10]}:{SITE_FOLDER}cap/{w.id}/cancel",
                w.path,
                fr.typographie(f"Retiré : {w.french.title}"),
                fr.typographie(
                    f"Annulation CAP de la mise à jour de {_moment(config, w.withdrawal.at)} ; "
                    f"envoyée à {_moment(config, w.withdrawal.withdrawn_at)}."
                ),
            )
        )
    items.sort(key=lambda item: (item[0], item[1]), reverse=True)
    feed = new_feed()
    url = f"{config.site_url}{SITE_FOLDER}feeds/cap.xml"
    feed.id(url)
    feed.title(f"Alertes CAP de {config.name}")
    feed.subtitle(f"Les messages d'alerte CAP 1.2 sur les pannes et les travaux planifiés de {config.name}.")
    feed.author({"name": config.name, "email": config.contact.email})
    feed.link(href=url, rel="self", type="application/atom+xml")
    feed.link(href=f"{config.site_url}{SITE_FOLDER}bulletins/", rel="alternate", type="text/html")
    feed.language("fr")
    feed.updated(items[0][0] if items else fallback or _EPOCH)
    for sent, entry_id, path, headline, summary in items:
        entry = feed.add_entry(order="append")
        entry.id(entry_id)
        entry.title(headline)
        entry.updated(sent)
        entry.link(href=f"{config.site_url}{SITE_FOLDER}{path}", rel="alternate", type="text/html")
        entry.link(href=f"{config.site_url}{path}cap.xml", rel="alternate", type=CAP_MEDIA_TYPE)
        entry.summary(summary)
    return atom_bytes(feed)
