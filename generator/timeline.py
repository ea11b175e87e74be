"""What the site's state is at one moment, "now".

A static site is right at the moment it is built, so the build takes the time
once and everything here is a pure function of (site, now).
"""

from __future__ import annotations

from datetime import datetime

from .model import Incident, Site, Status
from .problems import Problem


def overdue_warnings(site: Site, now: datetime) -> list[Problem]:
    """Open incidents whose promised update is late, as located warnings."""
    warnings = []
    for incident in site.incidents:
        reason = overdue_reason(incident, now, site.config.max_update_gap)
        if reason is not None:
            field = f"updates[{len(incident.updates) - 1}]"
            warnings.append(Problem(incident.source, incident.latest.line, 3, field, *reason, severity="warning"))
    return warnings


def overdue_reason(incident: Incident, now: datetime, max_gap) -> tuple[str, str] | None:
    """Why an open incident is overdue (expected, found), or ``None`` if it is not."""
    if not incident.is_open:
        return None
    latest = incident.latest
    if incident.is_maintenance:
        window = incident.window
        if window is not None and latest.status is Status.SCHEDULED and now > window.end:
            return (
                "an update once the window has ended",
                f"still 'scheduled', window ended {_ago(now - window.end)} ago",
            )
        if latest.status is Status.SCHEDULED:
            return None
    if latest.next_update is not None and now > latest.next_update:
        due = latest.next_update.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
        return (f"a new update by its next_update, {due}", f"none; {_ago(now - latest.next_update)} overdue")
    if now - latest.at > max_gap:
        return (f"an update at least every {_ago(max_gap)} while open", f"none for {_ago(now - latest.at)}")
    return None


def _ago(delta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{minutes}m" if minutes else ""]
    return "".join(parts) or "0m"
