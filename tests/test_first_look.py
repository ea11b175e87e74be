"""A preview's first look: after a save, the edited incident's page is served before the whole site is built.

The page made first must be the very bytes the whole build then writes for it
(a save that adds an update, on the bilingual example, with its bulletins),
and nothing is made first when something else changed, or for a page the last
build did not fill.
"""

from __future__ import annotations

import shutil
import socket
import threading
import urllib.request
from pathlib import Path

import pytest
from example_repo import copy_of_example

from generator.incidents.load import Reading, load_site
from generator.incidents.times import parse_time
from generator.site import preview as preview_module
from generator.site.first_look import first_look, only_incidents
from generator.site.preview import Preview, _bind
from generator.site.shells import ProvenShells

NOW = "2026-11-22 12:00"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
OPEN_FILE = f"incidents/2026/{OPEN_ID}.yml"
ADDED = (
    "  - at: 2026-11-22 11:58\n    status: monitoring\n    message: Most customers are back online; the first look.\n"
)


def preview_of(root: Path) -> Preview:
    reading = Reading()

    def prepare():
        site = load_site(root, reading)
        return site, parse_time(NOW, site.config.timezone)

    return Preview(root, prepare, say=lambda line: None)


def watch_early_pages(monkeypatch: pytest.MonkeyPatch, preview: Preview) -> list[dict[str, bytes]]:
    """The pages each build of ``preview`` served first, as they were when its whole build began."""
    seen: list[dict[str, bytes]] = []
    build_site = preview_module.build_site

    def watching(*args, **kwargs) -> None:
        seen.append(dict(preview.early))
        build_site(*args, **kwargs)

    monkeypatch.setattr(preview_module, "build_site", watching)
    return seen


def test_the_edited_incidents_page_comes_first_with_the_bytes_the_whole_build_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    preview = preview_of(root)
    seen = watch_early_pages(monkeypatch, preview)
    try:
        assert preview.build()
        assert seen == [{}]  # the first build has no shells to fill yet
        path = root / OPEN_FILE
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and "the first look" not in text
        path.write_text(text + ADDED, encoding="utf-8")
        assert preview.build({OPEN_FILE})
        early = seen[-1]
        assert list(early) == [f"incidents/{OPEN_ID}/"]
        page = early[f"incidents/{OPEN_ID}/"]
        assert b"the first look" in page
        assert page == (preview.folder / "incidents" / OPEN_ID / "index.html").read_bytes()
        assert preview.early == {}  # the whole build is served now
    finally:
        shutil.rmtree(preview._work, ignore_errors=True)


def test_nothing_comes_first_when_other_files_changed_or_the_page_was_not_filled(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    preview = preview_of(root)
    try:
        assert preview.build()
        proven = preview._proven
        assert proven.shells and f"incidents/{OPEN_ID}.md" in proven.placed
        site, moment = preview.prepare()
        assert first_look(root, site, moment, {OPEN_FILE}, proven)
        assert first_look(root, site, moment, {OPEN_FILE, "status.yml"}, proven) == {}
        assert first_look(root, site, moment, {OPEN_FILE, "site_template/mkdocs.yml"}, proven) == {}
        assert first_look(root, site, moment, {OPEN_FILE}, ProvenShells()) == {}  # no build proved a shell
        unplaced = ProvenShells(proven.shells, {k: v for k, v in proven.placed.items() if OPEN_ID not in k})
        assert first_look(root, site, moment, {OPEN_FILE}, unplaced) == {}  # a page the last build did not fill
        assert first_look(root, site, moment, {"incidents/2026/gone.yml"}, proven) == {}
    finally:
        shutil.rmtree(preview._work, ignore_errors=True)
    assert only_incidents({OPEN_FILE}) and not only_incidents(set()) and not only_incidents({"status.yml"})


def test_a_page_made_first_is_served_over_the_last_build_with_the_banner_and_reload_script(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    preview = preview_of(root)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = _bind(f"127.0.0.1:{port}", preview)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        assert preview.build()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        built = (preview.folder / "incidents" / OPEN_ID / "index.html").read_bytes()
        preview.early = {f"incidents/{OPEN_ID}/": b"<html><body><p>made first</p></body></html>"}
        for address in (f"incidents/{OPEN_ID}/", f"incidents/{OPEN_ID}/index.html"):
            with urllib.request.urlopen(base + address, timeout=30) as response:
                served = response.read()
            assert b"<p>made first</p>" in served and b"__outage__/generation" in served
        preview.early = {}
        with urllib.request.urlopen(f"{base}incidents/{OPEN_ID}/", timeout=30) as response:
            served = response.read()
        assert b"made first" not in served and built.split(b"<body", 1)[0] in served
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(preview._work, ignore_errors=True)
