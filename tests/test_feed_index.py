"""Each filtered feed holds the newest entries that name its service or area, found in one pass for all feeds.

``feed_outputs`` indexes every entry by the services and areas it names
(``_newest_by_item``) instead of scanning the whole history once per feed; the
lists must be exactly those the scan chose: the first ``limit`` entries, newest
first, that name the item.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.feeds import atom
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.state.as_of import as_of
from generator.state.ledger import Issue, Publication
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT)
STATE = snapshot(SITE, parse_time("2026-11-22 12:00", SITE.config.timezone))


def scanned(refs: list, keep, limit: int) -> list[str]:
    """What each feed held before the index: the whole history scanned, newest first, until ``limit`` kept."""
    kept = []
    for ref in refs:
        if len(kept) == limit:
            break
        if keep(ref):
            kept.append(ref.key)
    return kept


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 1000])
def test_every_filtered_feed_holds_what_a_scan_of_the_whole_history_chose(limit: int) -> None:
    refs = atom._refs_newest_first(STATE)
    newest = atom._newest_by_item(refs, limit)
    counted = 0
    for service in SITE.config.services:
        chosen = [r.key for r in newest.get(("services", service.id), [])]
        assert chosen == scanned(refs, lambda r, s=service.id: s in r.services, limit), service.id
        counted += len(chosen)
    for area in SITE.config.areas:
        chosen = [r.key for r in newest.get(("areas", area.id), [])]
        assert chosen == scanned(refs, lambda r, a=area.id: a in r.areas, limit), area.id
        counted += len(chosen)
    feeds = len(SITE.config.services) + len(SITE.config.areas)
    assert counted > (feeds if limit > 1 else feeds // 2)  # not empty lists: most feeds hold more than one entry


def test_an_entry_naming_an_area_twice_is_in_its_feed_once() -> None:
    ref = atom._Ref(STATE.now, "x/1", ("internet", "internet"), ("mill-woods", "mill-woods"), ())
    assert atom._newest_by_item([ref], 5) == {("services", "internet"): [ref], ("areas", "mill-woods"): [ref]}


def test_the_refs_are_every_update_newest_first_under_its_published_identity() -> None:
    """What the refs were when each was a whole object: (time, incident/published id), newest first, each
    rendering its update as of then under the identity the ledger gives it (here one renamed, one corrected)."""
    incident = SITE.incidents[0]
    first, last = incident.updates[0], incident.updates[-1]
    issues = {(incident.id, first.id): Issue("earlier-id"), (incident.id, last.id): Issue(last.id, revision=2)}
    state = replace(STATE, publication=Publication(issues=issues))
    expected = sorted(
        (
            (update.at, f"{i.id}/{state.publication.of(i, update).published_id}", i, update)
            for i in SITE.incidents
            for update in i.updates
        ),
        key=lambda row: (row[0], row[1]),
        reverse=True,
    )
    refs = atom._refs_newest_first(state)
    assert [(r.published, r.key) for r in refs] == [(at, key) for at, key, _, _ in expected]
    assert f"{incident.id}/earlier-id" in {r.key for r in refs}
    for ref, (_, _, _, update) in zip(refs, expected, strict=True):
        assert ref.services == tuple(s.id for s in update.facts.services)
        assert ref.areas == tuple(a.id for a in update.facts.areas)
    for ref, (_, _, i, update) in list(zip(refs, expected, strict=True))[:: max(1, len(refs) // 25)]:
        assert atom._entry(STATE.config, ref) == atom.update_entry(
            STATE.config, as_of(i, update), update, state.publication.of(i, update)
        )
