"""axe-core, run in Chromium on the built pages, finds no serious or critical violation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import AREA, FRONT, INCIDENT, LITE
from playwright.sync_api import BrowserContext

BLOCKING = {"serious", "critical"}


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


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        (FRONT, "light"),
        (FRONT, "dark"),
        (INCIDENT, "light"),
        (AREA, "light"),
        (LITE, "light"),
    ],
    ids=["front-light", "front-dark", "incident", "area", "lite"],
)
def test_axe_finds_no_serious_or_critical_violation(
    new_context: Callable[..., BrowserContext], base_url: str, axe_js: Path, path: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response is not None and response.ok, f"{base_url + path} answered {response and response.status}"
    if path != LITE:  # the Material pages follow the reader's colour scheme: make sure this one is the one tested
        expected = {"light": "default", "dark": "slate"}[scheme]
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected

    page.add_script_tag(path=str(axe_js))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"] or results["violations"], "axe checked nothing"
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING]
    assert blocking == [], f"axe on /{path} ({scheme}) found serious or critical violations:\n{describe(blocking)}"
