"""Drafts to send: the notification, and the post-outage report, as Markdown.

Pure functions of the facts, the words of the incident (:class:`OutageStory`),
the duties and ``now``. Their sections follow the fields the published texts
ask for: the FCC's notification (47 CFR 4.11: reporting entity, onset, a brief
description, service effects, geographic area, contact) and its 911 notices
(an outage identifier, contact, cause, expected restoration); the CRTC's
reports (causes, effects, steps taken to repair service, how emergency and
accessibility services were affected, lessons learned and the plan to prevent
a recurrence). What the files cannot know is marked **To complete**.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from . import words
from .duties import Duty
from .facts import OutageFacts
from .minutes import Timeline
from .regimes import Regime

TO_COMPLETE = "**To complete.**"
DISCLAIMER = (
    "> Draft prepared by outage-bulletin from the incident files. It is an aid, not legal advice:\n"
    "> check every line against the incident and the rule before sending."
)
CATEGORY_EFFECTS = {
    "emergency-calls": "9-1-1 calls",
    "specialised": "TTY, IP relay or 9-8-8",
    "public-alerting": "wireless public alerting",
}


@dataclass(frozen=True)
class Entry:
    """One published update of the incident."""

    at: datetime
    status: str
    message: str


@dataclass(frozen=True)
class OutageStory:
    """The incident in words, for the drafts (the facts carry the numbers)."""

    reference: str
    """The incident id, used as the outage identifier."""
    title: str
    organisation: str
    contact_name: str
    contact_phone: str
    contact_email: str
    service_names: dict[str, str]
    """Service id -> name, for every service in the facts."""
    areas: tuple[str, ...]
    """Affected areas and communities, as names (with their region if helpful)."""
    cause: str = ""
    restore_eta: datetime | None = None
    updates: tuple[Entry, ...] = ()


def _line(text: str) -> str:
    """Staff text on one line, safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _services(facts: OutageFacts, story: OutageStory) -> list[str]:
    lines = []
    for service, categories in sorted(facts.categories_by_service.items()):
        name = story.service_names.get(service, service)
        shown = ", ".join(sorted(categories)) or "no reporting category"
        lines.append(f"- {name} ({shown})")
    return lines


def _rule_lines(duty: Duty) -> list[str]:
    regime, rule = duty.regime, duty.rule
    lines = [
        f"**Duty:** {duty.message}",
        "",
        f"**Rule:** {regime.short} {rule.title}" + (f" ({rule.cite})" if rule.cite else ""),
        "",
        f"**Regime:** {regime.name} (rules file `{regime.id}`, version {regime.version})",
    ]
    lines += [f"- Source: {s.title}, {s.date.day} {s.date:%B %Y}, <{s.url}>" for s in regime.sources]
    return lines


def _size(facts: OutageFacts, now: datetime, zone: ZoneInfo) -> list[str]:
    timeline = Timeline(facts, now)
    end = timeline.moment(timeline.end)
    lines = [
        f"- Customers affected: {words.number(timeline.count_at(timeline.end))} as of {words.stamp(end, zone)}"
        f" (at most {words.number(timeline.peak())})",
        f"- User-minutes: {words.number(int(timeline.user_minutes()))} from the start to {words.stamp(end, zone)}",
    ]
    if timeline.peak(True) != timeline.peak():
        lines.append(
            f"- Potentially affected: at most {words.number(timeline.peak(True))} users,"
            f" {words.number(int(timeline.user_minutes(True)))} user-minutes"
        )
    return lines


def _restoration(facts: OutageFacts, story: OutageStory, now: datetime, zone: ZoneInfo) -> str:
    if facts.restored_at is not None and facts.restored_at <= now.astimezone(UTC):
        return f"Service was restored at {words.stamp(facts.restored_at, zone)}."
    if story.restore_eta is not None:
        return f"Expected by {words.stamp(story.restore_eta, zone)} (the estimate published to customers)."
    return "Not yet estimated."


def notification_draft(
    duty: Duty,
    facts: OutageFacts,
    story: OutageStory,
    now: datetime,
    zone: ZoneInfo,
    *,
    names: Mapping[str, str] | None = None,
) -> str:
    """The notification a duty calls for, filled from the incident as of ``now``.

    ``names`` are the organisation's names for recipients, as for :func:`~generator.reporting.duties.duties`.
    """
    latest = story.updates[-1].message if story.updates else ""
    named = [(names or {}).get(r, duty.regime.recipients.get(r, r)) for r in duty.recipients]
    lines = [
        f"# Draft notification to {words.join(named)}: {story.title}",
        "",
        DISCLAIMER,
        "",
        *_rule_lines(duty),
        "",
        "## Reporting entity",
        "",
        story.organisation,
        "",
        "## Contact for follow-up",
        "",
        f"{story.contact_name}, {story.contact_phone}, {story.contact_email}",
        "",
        "## Outage identifier",
        "",
        story.reference,
        "",
        "## Date and time the outage began",
        "",
        f"- Began: {words.stamp(facts.began_at, zone)}",
        f"- Discovered: {words.stamp(facts.discovered_at, zone)}",
    ]
    if duty.rule.has_thresholds:
        lines.append(f"- Threshold crossed: {words.stamp(duty.met_at, zone)}")
    lines += ["", "## Services affected", "", *_services(facts, story), "", "## Geographic area affected", ""]
    lines += [f"- {area}" for area in story.areas] or ["- " + TO_COMPLETE]
    if facts.community_isolated:
        lines.append("- The outage cut off a community that only this provider serves.")
    lines += ["", "## Customers affected", "", *_size(facts, now, zone), ""]
    lines += ["## Description of the problem and its cause", "", story.cause or "Not yet known.", ""]
    if latest:
        lines += ["## Latest update to customers", "", latest.strip(), ""]
    lines += ["## Expected restoration", "", _restoration(facts, story, now, zone), ""]
    return "\n".join(lines)


def post_outage_report_draft(
    duties: Sequence[Duty],
    regime: Regime,
    facts: OutageFacts,
    story: OutageStory,
    now: datetime,
    zone: ZoneInfo,
    *,
    chart: str = "timeline.svg",
) -> str:
    """The post-outage report under ``regime``, with the customers-over-time table and the chart."""
    own = [d for d in duties if d.regime.id == regime.id]
    report = next((d for d in own if d.rule.clock == "restored"), None)
    timeline = Timeline(facts, now)
    lines = [f"# Draft post-outage report to {regime.short}: {story.title}", "", DISCLAIMER, ""]
    if report is not None:
        lines += [*_rule_lines(report), ""]
    lines += ["## Summary", "", _summary(facts, story, timeline, zone), ""]
    lines += ["## Timeline", "", "| Time | Event |", "| --- | --- |"]
    lines += [f"| {words.stamp(at, zone)} | {_line(event)} |" for at, event in _events(own, facts, story, now)]
    lines += ["", "## Services affected", "", *_services(facts, story), ""]
    lines += ["## Areas and communities affected", ""]
    lines += [f"- {area}" for area in story.areas] or ["- " + TO_COMPLETE]
    if facts.community_isolated:
        lines.append("- The outage cut off a community that only this provider serves.")
    lines += ["", "## Customers and user-minutes over time", "", *_size(facts, now, zone), ""]
    lines += ["| From | To | Customers affected | User-minutes by then |", "| --- | --- | ---: | ---: |"]
    for s in timeline.segments:
        total = words.number(int(timeline.user_minutes(at=s.end)))
        start, end = timeline.moment(s.start), timeline.moment(s.end)
        lines.append(
            f"| {words.stamp(start, zone)} | {words.stamp(end, zone)} | {words.number(s.affected)} | {total} |"
        )
    lines += [
        "",
        f"![Customers affected and cumulative user-minutes, with the threshold and its crossing]({chart})",
        "",
    ]
    lines += ["## Cause", "", story.cause or TO_COMPLETE, ""]
    lines += ["## Steps taken to restore service", ""]
    lines += [f"- {words.stamp(u.at, zone)} ({u.status}): {_line(u.message)}" for u in story.updates] or [TO_COMPLETE]
    lines += ["", "## Effects on emergency and accessibility services", "", *_emergency(facts, story), ""]
    lines += ["## Restoration", "", _restoration(facts, story, now, zone), ""]
    lines += ["## Lessons learned, corrective actions and the plan to prevent a recurrence", "", TO_COMPLETE, ""]
    lines += ["## Contact", "", f"{story.contact_name}, {story.contact_phone}, {story.contact_email}", ""]
    return "\n".join(lines)


def _summary(facts: OutageFacts, story: OutageStory, timeline: Timeline, zone: ZoneInfo) -> str:
    names = words.join([story.service_names.get(s, s) for s in sorted(facts.categories_by_service)])
    ended = timeline.moment(timeline.end)
    state = f"restored at {words.stamp(ended, zone)}" if facts.restored_at == ended else "not yet restored"
    return (
        f"{story.organisation}, outage {story.reference}: {names} in {words.join(list(story.areas)) or 'the area'}. "
        f"Began {words.stamp(facts.began_at, zone)}, discovered {words.stamp(facts.discovered_at, zone)}, {state}"
        f" after {words.span(ended - facts.began_at)}; at most {words.number(timeline.peak())} customers affected,"
        f" {words.number(int(timeline.user_minutes()))} user-minutes."
    )


def _events(
    duties: Sequence[Duty], facts: OutageFacts, story: OutageStory, now: datetime
) -> list[tuple[datetime, str]]:
    events = [(facts.began_at, "Outage began"), (facts.discovered_at, "Outage discovered")]
    for duty in duties:
        if duty.rule.has_thresholds:
            events.append((duty.met_at, f"{duty.regime.short} {duty.rule.title} crossed"))
        events += [
            (r.at, f"{duty.key} reported by {r.by}" + (f" ({r.reference})" if r.reference else ""))
            for r in duty.reports
        ]
    events += [(u.at, f"Update to customers ({u.status}): {u.message}") for u in story.updates]
    if facts.restored_at is not None and facts.restored_at <= now.astimezone(UTC):
        events.append((facts.restored_at, "Service restored"))
    return sorted(events, key=lambda e: e[0])


def _emergency(facts: OutageFacts, story: OutageStory) -> list[str]:
    lines = []
    for category, effect in CATEGORY_EFFECTS.items():
        hit = [
            story.service_names.get(s, s) for s, cats in sorted(facts.categories_by_service.items()) if category in cats
        ]
        if hit:
            lines.append(f"- {effect[0].upper()}{effect[1:]}: affected ({words.join(hit)}).")
        else:
            lines.append(f"- {effect[0].upper()}{effect[1:]}: no service of this kind was marked as affected.")
    return [*lines, "", f"{TO_COMPLETE} How emergency and accessibility services were specifically affected."]
