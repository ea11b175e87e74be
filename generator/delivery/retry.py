"""How delivery waits: the delays between tries of a transient failure, read at call time (tests set zeros)."""

from __future__ import annotations

from collections.abc import Callable

RETRY_DELAYS: tuple[float, ...] = (2.0, 10.0)
"""Seconds to wait before the second and third try of a transient failure."""

Sleep = Callable[[float], None]
"""What waits between tries: ``time.sleep``, or a stand-in in tests."""
