"""A preview's first look: the edited incidents' pages, filled into the last build's shells, before the whole site.

A save in ``outage serve`` rebuilds the whole site (the front page, the
history, the feeds and the API all list the incident), which takes seconds on
a long history. The page the editor is looking at is made of the incident,
its bulletins and "now" alone, and the last good build proved the theme's
shell for it: so that page is rendered and filled first, served at once, and
the whole site follows. The bytes are those the whole build writes for that
page (a test compares them); a page the last build did not fill the same way
(a new file, a page of a kind that goes through the theme, a change to
``status.yml`` or the template) waits for the whole build.

Only pages in the site's default language are made first; the others come
with the whole build.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from ..bulletins import published_sets
from ..bulletins.templates import bulletin_templates
from ..incidents.load import INCIDENTS_DIR
from ..incidents.model import Site
from ..state.now import snapshot
from .pages import incident_pages
from .shells import ProvenShells


def only_incidents(changed: Collection[str]) -> bool:
    """Whether every changed path (relative, ``/``-separated) is an incident file: nothing else the pages use."""
    return bool(changed) and all(path.startswith(f"{INCIDENTS_DIR}/") for path in changed)


def first_look(
    root: Path, site: Site, now: datetime, changed: Collection[str], proven: ProvenShells
) -> dict[str, bytes]:
    """``{address of a page (incidents/<id>/): its bytes}`` for the incidents read from the ``changed`` files.

    ``site`` is read and checked as the whole build will have it; ``proven`` is the last good build's.
    Empty when a path changed that is not an incident file, or when no page can be filled.
    """
    if not only_incidents(changed) or not proven.shells:
        return {}
    state = snapshot(site, now)
    wanted = [incident for incident in state.newest_first if incident.source in changed]
    if not wanted:
        return {}
    bulletins = published_sets(bulletin_templates(root), state, incidents=wanted)  # not the whole history's
    made = {}
    for page in incident_pages(state, bulletins, wanted):
        html = proven.fill(page.src_uri, page.url, page.title, page.description, page.body)
        if html is not None:
            made[page.url] = html.encode("utf-8", errors="xmlcharrefreplace")
    return made
