"""A timeline chart of customers affected and cumulative user-minutes, as a small SVG.

Hand-written SVG: one function, no dependency, every piece of text escaped.
Customers affected are a solid step line on the left scale; user-minutes a
dashed line on the right scale; the threshold a dotted line, and the moment it
was crossed a marked point (``id="crossing"``), so a reader sees at a glance
when the outage became major. Lines differ in pattern, not only colour.
Coordinates are rounded to a tenth, so the same input gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from . import words
from .facts import OutageFacts
from .minutes import Timeline

WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 80, 630, 50, 290
_STEPS = [timedelta(minutes=m) for m in (5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)]


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _nice(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= value:
            return factor * power
    return 10.0 * power  # pragma: no cover - the loop always returns


def timeline_svg(
    facts: OutageFacts,
    now: datetime,
    zone: ZoneInfo,
    *,
    threshold: int | None = None,
    crossed_at: datetime | None = None,
    potentially: bool = False,
    title: str = "Customers affected and user-minutes",
) -> str:
    """The chart as an SVG document (a string)."""
    timeline = Timeline(facts, now)
    length = max(timeline.end, 60)
    total = float(timeline.user_minutes(potentially))
    top_customers = _nice(timeline.peak(potentially) * 1.1)
    top_minutes = _nice(max(total, threshold or 0) * 1.1)

    def x(seconds: float) -> float:
        return LEFT + (RIGHT - LEFT) * seconds / length

    def y_customers(count: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * count / top_customers

    def y_minutes(amount: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * amount / top_minutes

    def pt(a: float, b: float) -> str:
        return f"{a:.1f} {b:.1f}"

    parts: list[str] = []
    steps, minutes = [], [f"M{pt(x(0), y_minutes(0))}"]
    for segment in timeline.segments:
        count = segment.count(potentially)
        steps.append(f"{'M' if not steps else 'L'}{pt(x(segment.start), y_customers(count))}")
        steps.append(f"L{pt(x(segment.end), y_customers(count))}")
        minutes.append(f"L{pt(x(segment.end), y_minutes(float(timeline.user_minutes(potentially, segment.end))))}")
    if steps:
        parts.append(f'<path class="customers" d="{" ".join(steps)}" fill="none" stroke="#1f5fbf" stroke-width="2.5"/>')
    parts.append(
        f'<path class="user-minutes" d="{" ".join(minutes)}" fill="none" stroke="#a04a00" stroke-width="2" stroke-dasharray="7 4"/>'
    )
    if threshold is not None:
        ty = y_minutes(threshold)
        parts.append(
            f'<line class="threshold" x1="{LEFT}" y1="{ty:.1f}" x2="{RIGHT}" y2="{ty:.1f}" stroke="#b00020" stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        parts.append(
            f'<text x="{LEFT + 6}" y="{ty - 6:.1f}" font-size="12" fill="#b00020">{_text(f"threshold: {words.number(threshold)} user-minutes")}</text>'
        )
        if crossed_at is not None and 0 <= timeline.seconds(crossed_at) <= timeline.end:
            cx = x(timeline.seconds(crossed_at))
            label = f"crossed at {words.stamp(crossed_at, zone)}"
            parts.append(
                f'<line x1="{cx:.1f}" y1="{TOP}" x2="{cx:.1f}" y2="{BOTTOM}" stroke="#b00020" stroke-width="1"/>'
            )
            parts.append(
                f'<circle id="crossing" cx="{cx:.1f}" cy="{ty:.1f}" r="5" fill="#b00020"><title>{_text(label)}</title></circle>'
            )
            anchor = "end" if cx > (LEFT + RIGHT) / 2 else "start"
            shift = -8 if anchor == "end" else 8
            parts.append(
                f'<text x="{cx + shift:.1f}" y="{TOP + 14}" font-size="12" text-anchor="{anchor}" fill="#b00020">{_text(label)}</text>'
            )
    parts.extend(_axes(timeline, length, top_customers, top_minutes, zone))
    description = (
        f"From {words.stamp(facts.began_at, zone)} to {words.stamp(timeline.moment(timeline.end), zone)}: "
        f"at most {words.number(timeline.peak(potentially))} customers affected, "
        f"{words.number(int(total))} user-minutes in all."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif">\n'
        f'<title id="chart-title">{_text(title)}</title>\n<desc id="chart-desc">{_text(description)}</desc>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>\n' + "\n".join(parts) + "\n</svg>\n"
    )


def _axes(timeline: Timeline, length: int, top_customers: float, top_minutes: float, zone: ZoneInfo) -> list[str]:
    parts = [
        f'<path d="M{LEFT} {TOP} V{BOTTOM} H{RIGHT} V{TOP}" fill="none" stroke="#444" stroke-width="1"/>',
        f'<text x="{LEFT}" y="{TOP - 26}" font-size="12" fill="#1f5fbf">Customers affected (solid, left scale)</text>',
        f'<text x="{RIGHT}" y="{TOP - 26}" font-size="12" fill="#a04a00" text-anchor="end">'
        "User-minutes, cumulative (dashed, right scale)</text>",
    ]
    for fraction in (0, 0.5, 1):
        y = BOTTOM - (BOTTOM - TOP) * fraction
        left = words.number(round(top_customers * fraction))
        right = words.number(round(top_minutes * fraction))
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{left}</text>')
        parts.append(f'<text x="{RIGHT + 6}" y="{y + 4:.1f}" font-size="11">{right}</text>')
    step = next((s for s in _STEPS if length / s.total_seconds() <= 8), _STEPS[-1])
    began_local = timeline.began_at.astimezone(zone)
    offset = began_local.hour * 3600 + began_local.minute * 60 + began_local.second
    tick = (-offset) % int(step.total_seconds())  # the first tick on a round local time
    while tick <= length:
        tx = LEFT + (RIGHT - LEFT) * tick / length
        label = f"{timeline.moment(tick).astimezone(zone):%H:%M}"
        parts.append(f'<line x1="{tx:.1f}" y1="{BOTTOM}" x2="{tx:.1f}" y2="{BOTTOM + 5}" stroke="#444"/>')
        parts.append(f'<text x="{tx:.1f}" y="{BOTTOM + 18}" font-size="11" text-anchor="middle">{_text(label)}</text>')
        tick += int(step.total_seconds())
    zone_name = _text(f"Local time ({timeline.moment(timeline.end).astimezone(zone).tzname()})")
    parts.append(
        f'<text x="{(LEFT + RIGHT) / 2:.1f}" y="{BOTTOM + 38}" font-size="12" text-anchor="middle">{zone_name}</text>'
    )
    return parts
