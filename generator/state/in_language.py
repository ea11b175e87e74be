"""The snapshot as seen in one of the site's languages.

Which incidents are open, and what each service and area shows, do not depend
on the language; only the text does. So a snapshot in French is the snapshot
the build computed once, with the site, its incidents and the names of its
services and areas as :func:`~generator.incidents.languages.site_in` gives them
in French: nothing is computed again, and the two can never disagree on a status.
"""

from __future__ import annotations

from dataclasses import replace

from ..incidents.languages import site_in
from ..incidents.model import Incident, Site
from .now import ComponentState, Snapshot


def snapshot_in(state: Snapshot, language: str) -> Snapshot:
    """``state`` as seen in ``language`` (one of the site's languages); the default language's is ``state`` itself."""
    return with_site(state, site_in(state.site, language))


def with_site(state: Snapshot, site: Site) -> Snapshot:
    """``state`` with ``site``, a rebuilt copy of its site (the same incidents in the same order, other text):
    every incident and name the snapshot holds is taken from ``site``; no status is computed again."""
    if site is state.site:
        return state
    # A rebuilt site keeps the order of every tuple, so each incident's counterpart is at the same place.
    seen = {id(old): new for old, new in zip(state.site.incidents, site.incidents, strict=True)}

    def incidents(items: tuple[Incident, ...]) -> tuple[Incident, ...]:
        return tuple(seen[id(item)] for item in items)

    def component(item: ComponentState, name: str) -> ComponentState:
        return replace(item, name=name, incidents=incidents(item.incidents))

    services, areas = site.config.services, site.config.areas
    return replace(
        state,
        site=site,
        active=incidents(state.active),
        upcoming=incidents(state.upcoming),
        services=tuple(component(item, s.name) for item, s in zip(state.services, services, strict=True)),
        areas=tuple(component(item, a.name) for item, a in zip(state.areas, areas, strict=True)),
        area_services=tuple(
            tuple(component(item, s.name) for item, s in zip(row, services, strict=True)) for row in state.area_services
        ),
    )
