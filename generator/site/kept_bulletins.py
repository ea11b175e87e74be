"""Bulletin texts from the build cache: a rebuild does not write again the radio scripts of unchanged updates.

A bulletin set is a pure function of its incident as of its update, that
update's published identity and the CAP messages before it (see
``bulletins/sets.py``), rendered with the repository's templates and settings.
So its texts (radio scripts of every length, release, notice, SMS and the CAP
message, in each language) are kept in the build cache under a hash of exactly
those inputs and the repository's fingerprint, and a set whose inputs did not
change is filled from it. Fitting radio scripts to their slots is most of what
a rebuild after one update would otherwise spend on bulletins.

The pages and files are then made from the filled sets as from fresh ones:
same texts, same bytes (a test compares a cached build with a cold one).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..bulletins import BulletinSet
from .cache import BuildCache, key
from .parallel import split

TEXTS = ("press", "notice", "sms")
"""A set's texts besides its radio scripts and CAP message, in each language (``french`` has the same)."""


def set_key(fingerprint: str, item: BulletinSet) -> str:
    """Everything ``item``'s texts are made from (its templates and settings are in ``fingerprint``)."""
    parts = [repr(item.incident), repr(item.update), repr(item.issue), repr(item.previous), repr(item.reopens)]
    if item.french is not None:
        parts += [repr(item.french.incident), repr(item.french.update), repr(item.french.issue)]
    return key(fingerprint, "bulletin set", *parts)


def keep_bulletin_texts(cache: BuildCache, fingerprint: str, sets: Sequence[BulletinSet], fork: bool = False) -> None:
    """Fill each set's texts from ``cache``, or make them and keep them there for the next build.

    With ``fork``, half the sets not in the cache are made in a second process (``parallel.split``):
    fitting every radio script of a long history is seconds of a first build.
    """
    keys = [set_key(fingerprint, item) for item in sets]
    missing = {k: item for k, item in zip(keys, sets, strict=True) if not cache.has(k)}
    made = dict(zip(missing, split([lambda item=item: _texts(item) for item in missing.values()], fork), strict=True))
    for k, item in zip(keys, sets, strict=True):
        _fill(item, json.loads(cache.get(k, lambda k=k: made[k], kind="bulletins")))


def _texts(item: BulletinSet) -> str:
    texts: dict[str, object] = {
        "radio": list(item.radio.items()),  # pairs: the lengths keep their order
        "cap": item.cap.decode("utf-8"),
        **{name: getattr(item, name) for name in TEXTS},
    }
    if item.french is not None:
        texts["fr"] = {
            "radio": list(item.french.radio.items()),
            **{name: getattr(item.french, name) for name in TEXTS},
        }
    return json.dumps(texts, ensure_ascii=False, sort_keys=True)


def _fill(item: BulletinSet, texts: dict) -> None:
    """Set the texts as the set's own, as its ``cached_property``s would have made them on first use."""
    item.__dict__.update(
        radio={seconds: script for seconds, script in texts["radio"]},
        cap=texts["cap"].encode("utf-8"),
        **{name: texts[name] for name in TEXTS},
    )
    if item.french is not None and "fr" in texts:
        french = texts["fr"]
        item.french.__dict__.update(
            radio={seconds: script for seconds, script in french["radio"]},
            **{name: french[name] for name in TEXTS},
        )
