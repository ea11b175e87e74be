"""``outage report``: the drafts of one outage under one regime, as files to write outside the site.

Pure: from the site as of ``now``, the setup and the incident, it returns each
file's name and text (Markdown drafts and the SVG chart); the CLI writes them.
The drafts are the organisation's private counterpart of the incident page:
nothing here is ever published.
"""

from __future__ import annotations

from datetime import datetime

from ..incidents.model import Config, Incident, Site
from ..state.as_of import live_estimate, site_as_of
from . import words
from .chart import timeline_svg
from .drafts import Entry, OutageStory, notification_draft, post_outage_report_draft
from .duties import Duty
from .outages import OutageDuties, outage_duties
from .setup import Setup

CHART = "timeline.svg"


class ReportError(Exception):
    """No draft can be written; the message says why, in words for staff."""


def outage_story(incident: Incident, config: Config, setup: Setup, now: datetime) -> OutageStory:
    """The incident in words, as of ``now``, for the drafts."""
    contact = setup.contact or config.media_contact
    services = {s.id: s.name for u in incident.updates for s in u.facts.services}
    areas = dict.fromkeys(
        f"{a.name} ({a.region})" if a.region and a.region != a.name else a.name
        for u in incident.updates
        for a in u.facts.areas
    )
    return OutageStory(
        reference=incident.id,
        title=incident.title,
        organisation=config.name,
        contact_name=contact.name if contact and contact.name else config.name,
        contact_phone=contact.phone if contact else config.contact.phone,
        contact_email=contact.email if contact else config.contact.email,
        service_names=services,
        areas=tuple(areas),
        cause=incident.cause,
        restore_eta=live_estimate(incident, now),
        updates=tuple(Entry(u.at, u.status.value, u.message) for u in incident.updates),
    )


def draft_files(
    site: Site, setup: Setup, incident_id: str, regime_id: str, stages: tuple[str, ...], now: datetime
) -> dict[str, str]:
    """File name -> text of the drafts of ``incident_id`` under ``regime_id`` as of ``now``.

    Raises :class:`ReportError` when the incident or the regime cannot give a
    draft: unknown, not yet begun, planned work, not covered, or no duty yet.
    """
    config = site.config
    zone = config.timezone
    incident = _incident(site, incident_id, now)
    regime = setup.regime(regime_id)
    if regime is None:
        chosen = ", ".join(r.id for r in setup.regimes)
        if not chosen:
            raise ReportError(
                f"--regime: status.yml selects no reporting regime (reporting.regimes); found {regime_id!r}"
            )
        raise ReportError(f"--regime: expected one of the regimes status.yml selects ({chosen}); found {regime_id!r}")
    began_on = incident.began_at.astimezone(zone).date()
    if not regime.in_force_on(began_on):
        raise ReportError(
            f"{regime_id} does not cover {incident_id}: it is not in force for outages that began on {began_on}"
        )
    single = Setup((regime,), setup.names, setup.categories, setup.contact)
    outage = outage_duties(incident, single, now, zone)
    if outage is None:
        raise ReportError(
            f"{incident_id} has no duty under {regime_id} as of {words.stamp(now, zone)}: it meets none of its rules"
        )
    story = outage_story(incident, config, setup, now)
    files: dict[str, str] = {}
    if "notification" in stages:
        notices = [d for d in outage.duties if not is_report(d)]
        if not notices and stages == ("notification",):
            raise ReportError(
                f"{incident_id} has no notification duty under {regime_id} as of {words.stamp(now, zone)}"
            )
        for duty in notices:
            files[f"notification-{duty.rule.id}.md"] = (
                notification_draft(duty, outage.facts, story, now, zone, names=setup.names) + "\n"
            )
    if "final" in stages:
        files["post-outage-report.md"] = (
            post_outage_report_draft(outage.duties, regime, outage.facts, story, now, zone, chart=CHART) + "\n"
        )
    files[CHART] = _chart(outage, now, zone)
    return files


def is_report(duty: Duty) -> bool:
    """A duty to file a report (after restoration, or one its action calls a report), not a notification."""
    return duty.rule.clock == "restored" or "report" in duty.rule.action.lower()


def _incident(site: Site, incident_id: str, now: datetime) -> Incident:
    known = next((i for i in site.incidents if i.id == incident_id), None)
    if known is None:
        raise ReportError(f"no incident with the id {incident_id!r} under incidents/")
    incident = next((i for i in site_as_of(site, now).incidents if i.id == incident_id), None)
    if incident is None:
        raise ReportError(f"{incident_id} has no update yet at {now.isoformat()} (--now)")
    if incident.is_maintenance:
        raise ReportError(f"{incident_id} is planned maintenance: reports are drafted for outages (incidents)")
    return incident


def _chart(outage: OutageDuties, now: datetime, zone) -> str:
    """The timeline, marked with the first user-minute threshold the outage crossed (if any)."""
    marked: Duty | None = next((d for d in outage.duties if d.rule.user_minutes is not None), None)
    if marked is None or marked.rule.user_minutes is None:
        return timeline_svg(outage.facts, now, zone)
    return timeline_svg(
        outage.facts,
        now,
        zone,
        threshold=marked.rule.user_minutes.value,
        crossed_at=marked.met_at,
        potentially=marked.rule.potentially,
    )
