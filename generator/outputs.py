"""Every file of the site that is not a page, by its path: a pure function of (site, now).

Each writer module renders its files; this module only gathers them, so the
plugin can hand them to MkDocs and a path claimed twice is caught in one place.
"""

from __future__ import annotations

from datetime import datetime

from .model import Site
from .pages import lite_page, status_text


def static_outputs(site: Site, now: datetime) -> dict[str, bytes]:
    """``{path in the site: content}`` for the lite page, status.txt and (later) feeds and the API."""
    outputs: dict[str, bytes] = {}

    def add(path: str, content: str | bytes) -> None:
        if path in outputs:
            raise ValueError(f"two outputs claim {path}")
        outputs[path] = content.encode("utf-8") if isinstance(content, str) else content

    add("lite/index.html", lite_page(site, now))
    add("status.txt", status_text(site, now))
    return outputs
