"""Status badges (SVG) for READMEs and intranet pages: the status in words.

The words carry the meaning; colour only repeats it, so a badge reads the
same in greyscale or to a screen reader (role="img" with an aria-label).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..display import COMPONENT_LABELS
from ..state.now import Snapshot

_COLOURS = {
    "operational": "#1b7f3b",
    "under_maintenance": "#2557a7",
    "degraded_performance": "#8a5a00",
    "partial_outage": "#b34700",
    "major_outage": "#b3261e",
}
_CHAR_WIDTH = 7  # average width of an 11px sans-serif character, as shields-style badges assume
_PADDING = 10


def badge(label: str, status: str) -> bytes:
    """A two-part badge: ``label | Status in words``."""
    value = COMPONENT_LABELS[status]
    left = len(label) * _CHAR_WIDTH + 2 * _PADDING
    right = len(value) * _CHAR_WIDTH + 2 * _PADDING
    width = left + right
    text = f"{label}: {value}"
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label={quoteattr(text)}>
<title>{escape(text)}</title>
<rect width="{left}" height="20" fill="#555"/>
<rect x="{left}" width="{right}" height="20" fill="{_COLOURS[status]}"/>
<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
<text x="{left / 2:g}" y="14">{escape(label)}</text>
<text x="{left + right / 2:g}" y="14">{escape(value)}</text>
</g>
</svg>
"""
    return svg.encode("utf-8")


def badge_outputs(state: Snapshot) -> dict[str, bytes]:
    """``badge.svg`` for the whole site and ``services/<id>/badge.svg`` for each service."""
    outputs = {"badge.svg": badge("status", state.overall)}
    for service in state.services:
        outputs[f"services/{service.id}/badge.svg"] = badge(service.name.lower(), service.status)
    return outputs
