"""The organisation's own images on the site: where the logo and favicon go, and the logo's drawn size.

``status.yml`` names them and the loader has checked them (``incidents/images.py``);
here they get their place in the site. The logo is drawn at a fixed height with
its width from its own proportions, written into the page, so that nothing moves
when it arrives.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

LOGO_HEIGHT = 32
"""CSS pixels: the logo's height in the header."""
DEFAULT_FAVICON = "assets/favicon.svg"
"""The site template's own icon (site_template/docs/), used when status.yml names none."""


@dataclass(frozen=True)
class Logo:
    src: str
    """Its path in the site."""
    width: int
    height: int


def site_path(setting: str, source: str) -> str:
    """Where an image from the repository goes in the site: ``assets/brand/logo.svg``."""
    return f"assets/brand/{setting}{PurePosixPath(source).suffix.lower()}"


def logo(source: str, data: bytes) -> Logo:
    """The logo's place in the site and its drawn size, from its own width and height."""
    width, height = proportions(data, PurePosixPath(source).suffix.lower())
    drawn = max(1, round(LOGO_HEIGHT * width / height)) if width > 0 and height > 0 else LOGO_HEIGHT
    return Logo(site_path("logo", source), drawn, LOGO_HEIGHT)


_NUMBER = re.compile(r"^\s*([0-9.]+)")


def proportions(data: bytes, suffix: str) -> tuple[float, float]:
    """An image's width and height in its own units (0, 0 if it does not say)."""
    if suffix == ".png" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return float(width), float(height)
    if suffix == ".svg":
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(data, parser)
        box = (root.get("viewBox") or "").replace(",", " ").split()
        if len(box) == 4:
            try:
                return float(box[2]), float(box[3])
            except ValueError:
                pass
        sizes = [_NUMBER.match(root.get(name) or "") for name in ("width", "height")]
        if all(sizes):
            return float(sizes[0].group(1)), float(sizes[1].group(1))  # type: ignore[union-attr]
    return 0.0, 0.0
