"""The bulletin templates a provider may reword: ``site_template/bulletins/*.j2``."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATE_DIR = Path("site_template") / "bulletins"


def bulletin_templates(root: Path) -> Environment:
    """Plain-text Jinja templates from the status repository (no HTML escaping: the output is text)."""
    return Environment(
        loader=FileSystemLoader(str(root / TEMPLATE_DIR)),
        undefined=StrictUndefined,
        autoescape=False,  # plain text for radio, press and SMS; never rendered as HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
