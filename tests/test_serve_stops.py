"""`outage serve` stopped or refused: nothing of it is left in the temporary folder."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example
from test_serve import free_port

from generator.cli import main
from generator.site.preview import Preview


def test_stopped_while_a_rebuild_writes_its_folder_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild runs in the watcher thread while the stop is raised in the main thread: the builds' folder is
    removed only once the rebuild has ended (before, it made its folders again and they were left). The rebuild
    is a stand-in that writes as MkDocs does, so the outcome does not depend on timing."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    root = tmp_path / "repo"
    root.mkdir()
    (root / "status.yml").write_text("name: x\n", encoding="utf-8")
    said: list[str] = []
    preview = Preview(root, prepare=lambda: None, say=said.append)
    rebuilding, rebuilt = threading.Event(), threading.Event()

    def build(changed=()) -> bool:
        if not changed:  # the first build, in the main thread
            preview.folder = preview._work / "build-1"
            preview.folder.mkdir()
            return True
        target = preview._work / "build-2"
        try:
            for index in range(100):  # a rebuild writes page after page, making each page's folder
                page = target / "incidents" / f"i{index}" / "index.html"
                os.makedirs(page.parent, exist_ok=True)
                page.write_text("<html></html>", encoding="utf-8")
                rebuilding.set()
                time.sleep(0.01)
        finally:
            rebuilt.set()
        return True

    preview.build = build
    main_thread = threading.main_thread().ident
    assert main_thread == threading.get_ident()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGUSR1, interrupted)

    def staff() -> None:
        while not any(line.startswith("Serving") for line in said):
            time.sleep(0.01)
        (root / "status.yml").write_text("name: y, edited\n", encoding="utf-8")  # a save: the watcher rebuilds
        rebuilding.wait(30)
        signal.pthread_kill(main_thread, signal.SIGUSR1)  # SIGTERM or Ctrl-C, as serve's handler turns them

    threading.Thread(target=staff, daemon=True).start()
    try:
        preview.serve(f"127.0.0.1:{free_port()}")
    finally:
        signal.signal(signal.SIGUSR1, before)
    assert said[-1] == "stopped"
    assert rebuilt.wait(30)
    assert sorted(str(p.relative_to(temporary)) for p in temporary.rglob("*"))[:3] == []


def test_a_serve_refused_its_address_leaves_no_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    result = CliRunner().invoke(main, ["serve", "--root", str(root), "--address", "nonsense"])
    assert result.exit_code == 1 and "--address: expected host:port" in result.output
    assert [p.name for p in temporary.iterdir()] == []


def test_serve_gives_its_caller_back_the_sigterm_handler_it_had(tmp_path: Path) -> None:
    """serve turns SIGTERM into a stop while it runs; once it returns, the caller's own handler is back."""
    assert threading.current_thread() is threading.main_thread()  # where serve sets its handler
    root = copy_of_example(tmp_path, with_template=True)

    def callers(signum, frame):  # pragma: no cover - never sent
        pass

    before = signal.signal(signal.SIGTERM, callers)
    try:
        result = CliRunner().invoke(main, ["serve", "--root", str(root), "--address", "nonsense"])
        assert result.exit_code == 1
        assert signal.getsignal(signal.SIGTERM) is callers
    finally:
        signal.signal(signal.SIGTERM, before)
