"""Bulletins for radio, press and alert hubs, built from the same incident files as the site.

``sets`` decides which updates get bulletins and holds each update's set;
``story`` decides the facts every format shares (is 911 at stake, is this an
update of the story); ``radio``, ``press``, ``notice`` (and its SMS) and
``cap`` write one format each, every value through ``editorial``, the
rulebook; ``newsroom`` gathers the files, feeds and index newsrooms subscribe
to. The wording is in ``site_template/bulletins/``.
"""

from .newsroom import bulletin_outputs
from .sets import (
    KEEP_DAYS,
    BulletinSet,
    WithdrawalSet,
    broadcast_updates,
    bulletin_set,
    current_sets,
    published_sets,
    withdrawal_sets,
)

__all__ = [
    "KEEP_DAYS",
    "BulletinSet",
    "WithdrawalSet",
    "broadcast_updates",
    "bulletin_outputs",
    "bulletin_set",
    "current_sets",
    "published_sets",
    "withdrawal_sets",
]
