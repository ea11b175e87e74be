"""Every file of the site that is not a page, by its path: a pure function of the snapshot.

Each stage renders its own files; this module only gathers them, so the plugin
can hand them all to MkDocs and a path claimed twice is caught here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..bulletins import BulletinSet, WithdrawalSet, bulletin_outputs
from ..feeds.atom import Keep, feed_outputs, feed_outputs_in
from ..feeds.calendar import calendar_outputs, calendar_outputs_in
from ..feeds.statuspage import api_outputs, api_outputs_in
from ..incidents.languages import path_prefix
from ..state.in_language import snapshot_in
from ..state.now import Snapshot
from .badges import badge_outputs
from .headers import header_outputs
from .languages import marked_snapshot
from .pages import lite_page, status_text


def static_outputs(
    state: Snapshot,
    bulletins: Sequence[BulletinSet] = (),
    withdrawals: Sequence[WithdrawalSet] = (),
    keep: Keep | None = None,
    keep_events: Keep | None = None,
) -> dict[str, bytes]:
    """``{path in the site: content}``: lite page, status.txt, feeds, calendar, badges, API, bulletins, _headers.

    ``keep`` is the build cache's get, for the service and area feeds (see ``feed_outputs``); ``keep_events``,
    for the calendars' events (see ``calendar_outputs``).
    """
    outputs: dict[str, bytes] = {}

    def add(files: Mapping[str, str | bytes]) -> None:
        for path, content in files.items():
            if path in outputs:
                raise ValueError(f"two outputs claim {path}")
            outputs[path] = content.encode("utf-8") if isinstance(content, str) else content

    add({"lite/index.html": lite_page(state), "status.txt": status_text(state)})
    for language in state.config.languages[1:]:
        seen = marked_snapshot(snapshot_in(state, language))
        folder = path_prefix(seen.config)
        add(
            {f"{folder}lite/index.html": lite_page(seen), f"{folder}status.txt": status_text(seen)}
        )  # fr/lite/, fr/status.txt
    add(feed_outputs(state, keep))
    for language in state.config.languages[1:]:
        add(feed_outputs_in(state, language, keep))  # fr/feeds/atom.xml …; the pages in each language come later
        add(api_outputs_in(state, language))  # fr/api/v2/summary.json …
    add(calendar_outputs(state.site, state.now, keep_events))
    for language in state.config.languages[1:]:  # fr/calendar.ics, fr/calendar/2025.ics …
        add(calendar_outputs_in(state.site, state.now, language, keep_events))
    add(badge_outputs(state))
    add(api_outputs(state))
    add(bulletin_outputs(bulletins, state, withdrawals))
    add(header_outputs(state.config.languages[1:]))
    return outputs
