"""What the W3C feed validator checks in an Atom feed, for the tests, offline.

The RELAX NG grammar of RFC 4287 (``schemas/atom_rfc4287.rng``) checks the
shape. The rules the RFC states in prose, and which the grammar cannot hold,
are checked here:

- 4.1.1: a feed without an author needs one in every entry;
- 4.1.1, 4.1.2: no two links of a feed or an entry with the same relation,
  type and language (the RFC says it of ``alternate``; a reader has no way to
  choose between two of any relation, so the rule holds for all here), a link
  without ``rel`` being an ``alternate``;
- 4.1.2: an entry without content needs an ``alternate`` link;
- 4.2.6: entry ids unique in the feed;
- the validator's "self reference doesn't match document location": the
  feed's ``self`` link is where it is published;
- and feedparser reads it without complaint.

``atom_problems`` returns the problems found, so a test can show each rule fails.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import feedparser
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "schemas" / "atom_rfc4287.rng")))


def atom_problems(xml: bytes, location: str | None = None) -> list[str]:
    """Every rule ``xml`` breaks; ``location`` is the address it is published at, when known."""
    document = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    problems = [f"RELAX NG: {error.message} (line {error.line})" for error in _schema_errors(document)]
    if document.find(f"{ATOM}author") is None:
        problems += [
            f"entry {_id(entry)}: no author, and the feed has none (RFC 4287 4.1.1)"
            for entry in document.iterfind(f"{ATOM}entry")
            if entry.find(f"{ATOM}author") is None
        ]
    problems += _duplicate_links(document, "feed")
    for entry in document.iterfind(f"{ATOM}entry"):
        problems += _duplicate_links(entry, f"entry {_id(entry)}")
        if entry.find(f"{ATOM}content") is None and not any(
            link.get("rel", "alternate") == "alternate" for link in entry.iterfind(f"{ATOM}link")
        ):
            problems.append(f"entry {_id(entry)}: no content and no alternate link (RFC 4287 4.1.2)")
    ids = Counter(_id(entry) for entry in document.iterfind(f"{ATOM}entry"))
    problems += [
        f"entry id {entry_id} used {count} times (RFC 4287 4.2.6)" for entry_id, count in ids.items() if count > 1
    ]
    if location is not None:
        selves = [link.get("href") for link in document.iterfind(f"{ATOM}link") if link.get("rel") == "self"]
        if selves != [location]:
            problems.append(f"self link {selves} is not where the feed is published, {location}")
    parsed = feedparser.parse(xml)
    if parsed.bozo:
        problems.append(f"feedparser: {parsed.get('bozo_exception')}")
    return problems


def _schema_errors(document: etree._Element) -> list:
    return [] if SCHEMA.validate(document) else list(SCHEMA.error_log)


def _id(entry: etree._Element) -> str:
    return entry.findtext(f"{ATOM}id") or "(no id)"


def _duplicate_links(parent: etree._Element, where: str) -> list[str]:
    kinds = Counter(
        (link.get("rel", "alternate"), link.get("type"), link.get("hreflang"))
        for link in parent.iterfind(f"{ATOM}link")
    )
    return [
        f"{where}: {count} links with rel={rel!r}, type={kind!r}, hreflang={language!r}; a reader cannot tell which to follow"
        for (rel, kind, language), count in kinds.items()
        if count > 1
    ]
