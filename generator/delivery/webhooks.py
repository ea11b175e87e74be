"""Signed webhooks: JSON shaped like Atlassian Statuspage's incident and component webhooks.

Receivers written for Statuspage read these as they are: an incident webhook
(``meta``, ``page``, ``incident`` with its ``incident_updates`` newest first
and its ``components``) for every update, correction, withdrawal and
maintenance reminder, and a component webhook (``component_update`` with the
old and new status, and ``component``) for each service, area group and
service-in-area whose status an update changed. The objects are the ones the
site's API publishes (``feeds.statuspage``), made from the site as of the
update. An ``outage_bulletin`` object says what the message is: the update's
id, its revision, and whether it is a correction, a withdrawal or a reminder.

Each request is signed per the Standard Webhooks specification: the headers
``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` (HMAC-SHA256
of ``id.timestamp.body`` with the channel's ``whsec_`` secret, by the
``standardwebhooks`` library receivers verify with). The ``webhook-id`` is
the update's id and revision (``<incident>/<update>@r1``): a redelivery has
the same id and the same body, so a receiver can drop it, and a correction
has a new one (``…@r2``). The timestamp is when it is sent.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from standardwebhooks import Webhook

from ..feeds.statuspage import component_objects, incident_object, page_status
from ..incidents.model import Config, Site
from ..state.as_of import site_as_of
from ..state.ledger import Publication
from ..state.now import Snapshot, snapshot
from .posts import Post

TIMEOUT = 15.0
"""Seconds a receiver may take to answer (Statuspage allows 30 for the whole exchange)."""
USER_AGENT = "outage-bulletin webhooks"


@dataclass(frozen=True)
class Delivery:
    """One request: its ``webhook-id`` and JSON body."""

    id: str
    event: str
    body: bytes


def deliveries(post: Post, site: Site, published: Publication) -> list[Delivery]:
    """The incident webhook for ``post``, then a component webhook per component its update changed."""
    config = site.config
    extra = {
        "event": _event(post),
        "id": post.key,
        "incident_id": post.incident,
        "update_id": post.update,
        "revision": post.revision,
        "correction": post.kind == "correction",
        "withdrawal": post.kind == "withdrawal",
        "reminder": post.reminder is not None,
    }
    if post.duty is not None:
        extra["duty"] = _duty(post, config)
    moment = post.issued or post.at
    state = _state(site, post, published)
    body = {
        "meta": _meta(config, moment),
        "page": _page(state),
        "incident": _incident(post, state, config),
        "outage_bulletin": extra,
    }
    found = [Delivery(post.key, extra["event"], _encode(body))]
    if post.kind == "issue" and post.reminder is None and post.duty is None and post.source is not None:
        for old, new in _changed_components(site, post, published):
            change = {**extra, "event": "component.update"}
            component_update = {
                "created_at": body["incident"]["updated_at"],
                "new_status": new["status"],
                "old_status": old["status"],
                "id": f"{post.key}/{new['id']}",
                "component_id": new["id"],
                "component_type": "Component",
            }
            component = {
                "meta": _meta(config, moment),
                "page": _page(state),
                "component_update": component_update,
                "component": new,
                "outage_bulletin": change,
            }
            found.append(Delivery(f"{post.key}/{new['id']}", "component.update", _encode(component)))
    return found


def _event(post: Post) -> str:
    if post.duty is not None:
        return f"reporting.duty_{post.status}"
    if post.reminder is not None:
        return "maintenance.reminder"
    base = "maintenance" if post.topic == "maintenance" else "incident"
    return f"{base}.{_EVENTS[post.kind]}"


_EVENTS = {"issue": "update", "correction": "correction", "withdrawal": "withdrawal"}


def _duty(post: Post, config: Config) -> dict:
    """A reporting duty as it stood when it fell due or overdue: what an internal system acts on."""
    duty = post.duty
    assert duty is not None
    return {
        "key": duty.key,
        "regime": duty.regime.id,
        "rule": duty.rule.id,
        "title": f"{duty.regime.short} {duty.rule.title}",
        "status": post.status,
        "met_at": _time(duty.met_at, config),
        "clock_started_at": _time(duty.clock_start, config) if duty.clock_start else None,
        "deadline": _time(duty.deadline, config) if duty.deadline else None,
        "recipients": list(duty.recipients),
        "outstanding": list(duty.outstanding),
        "message": duty.message,
    }


def _meta(config: Config, moment: datetime) -> dict:
    return {
        "unsubscribe": None,
        "documentation": f"{config.site_url}api/v2/summary.json",
        "generated_at": moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }


def _page(state: Snapshot) -> dict:
    page_id, indicator, description = page_status(state)
    return {"id": page_id, "status_indicator": indicator, "status_description": description}


def _state(site: Site, post: Post, published: Publication) -> Snapshot:
    """The site as it stood at the post's moment: when its update was published, or now for the others."""
    moment = post.at if post.source_update is not None and post.reminder is None else post.issued or post.at
    return snapshot(site_as_of(site, moment), moment, published)


def _incident(post: Post, state: Snapshot, config: Config) -> dict:
    if post.source is not None:
        body = incident_object(state, post.source)
        if post.reminder is not None:
            body["scheduled_remind_prior"] = True
            body["scheduled_reminded_at"] = body["updated_at"] if post.issued is None else _time(post.issued, config)
        return body
    gone = post.withdrawal
    assert gone is not None
    still = next((i for i in state.site.incidents if i.id == post.incident), None)
    if still is not None:
        return incident_object(state, still)
    return {
        "id": post.incident,
        "name": post.title,
        "status": post.status,
        "shortlink": f"{config.site_url}incidents/{post.incident}/",
        "incident_updates": [],
        "components": [],
    }


def _time(moment: datetime, config: Config) -> str:
    return moment.astimezone(config.timezone).isoformat(timespec="milliseconds")


def _changed_components(site: Site, post: Post, published: Publication) -> list[tuple[dict, dict]]:
    """(before, after) for each component whose status the post's update changed."""
    update = post.source_update
    assert update is not None and post.source is not None
    after_site = site_as_of(site, update.at)
    cut = [
        replace(i, updates=i.updates[: update.number - 1]) if i.id == post.incident else i for i in after_site.incidents
    ]
    before_site = replace(after_site, incidents=tuple(i for i in cut if i.updates))
    before = {c["id"]: c for c in component_objects(snapshot(before_site, update.at, published))}
    after = component_objects(snapshot(after_site, update.at, published))
    return [(before[c["id"]], c) for c in after if before[c["id"]]["status"] != c["status"]]


def _encode(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=False, separators=(",", ":")).encode("utf-8")


# --- sending --------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure (as for Statuspage): the signed body is never sent on to another address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def signed_headers(secret: str, delivery: Delivery, sent_at: datetime) -> dict[str, str]:
    """The Standard Webhooks headers for ``delivery`` sent at ``sent_at``."""
    # The library reads the time as UTC whatever its zone says: give it UTC.
    moment = sent_at.astimezone(UTC)
    signature = Webhook(secret).sign(delivery.id, moment, delivery.body.decode("utf-8"))
    return {
        "webhook-id": delivery.id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": signature,
    }


def post(address: str, secret: str, delivery: Delivery, sent_at: datetime) -> tuple[bool, str]:
    """POST one delivery; (sent, why not). Any 2xx answer is success, anything else a failure worth retrying
    (``True`` in the reason's second part means a later try may work)."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signed_headers(secret, delivery, sent_at),
    }
    request = urllib.request.Request(address, data=delivery.body, headers=headers, method="POST")
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            response.read(65536)
            return True, f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError) as exc:
        return False, str(getattr(exc, "reason", exc)) or type(exc).__name__
