"""What stops delivery: one error, said in plain words."""

from __future__ import annotations


class NotifyError(Exception):
    """Delivery cannot go on; the message says why in plain words."""
