"""axe-core, run in Chromium on one page of every kind (in English and in French), in light and in dark, finds no
violation of any level.

Dark is the reader's setting (media emulation): the pages follow it with CSS alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import PAGE_KINDS
from playwright.sync_api import BrowserContext

# The background the page paints, as a number from 0 (black) to 255 (white).
LIGHTNESS = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


ADDRESSES = {**PAGE_KINDS, **{f"fr-{kind}": f"fr/{path}" for kind, path in PAGE_KINDS.items()}}
"""Every kind of page in English, and the same at /fr/ in French."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ADDRESSES)
def test_axe_finds_no_violation_of_any_level(
    new_context: Callable[..., BrowserContext], base_url: str, axe_js: Path, kind: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    response = page.goto(base_url + ADDRESSES[kind], wait_until="networkidle")
    assert response is not None and response.ok, f"/{ADDRESSES[kind]} answered {response and response.status}"
    lightness = page.evaluate(LIGHTNESS)
    assert (lightness < 60) if scheme == "dark" else (lightness > 200), f"{scheme} page painted at {lightness:.0f}"

    page.add_script_tag(path=str(axe_js))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"] or results["violations"], "axe checked nothing"
    violations = results["violations"]
    assert violations == [], f"axe on /{ADDRESSES[kind]} ({scheme}) found:\n{describe(violations)}"
