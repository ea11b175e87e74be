"""`outage serve`, run as staff run it: it says where, survives a broken edit, and picks up the fix.

The command runs in its own process against a copy of the example; the test
reads what it prints, edits files as an editor would, and fetches pages over HTTP.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import tools
from example_repo import copy_of_example

OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
WAIT = 180.0
"""Seconds to wait for a build: generous, because a shared CI machine can be slow; no test times anything."""


class Served:
    """An ``outage serve`` process and the lines it has printed."""

    def __init__(self, root: Path, address: str, env: dict[str, str] | None = None) -> None:
        # Ctrl-C as in a terminal: a test runner's worker may ignore SIGINT, and a child started from it would
        # inherit that (Python then never raises KeyboardInterrupt); the wrapper restores the default, then execs.
        command = [
            sys.executable,
            "-c",
            "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
            tools.tool("outage"),
            "serve",
            "--root",
            str(root),
            "--now",
            "2026-11-22 12:00",
            "--address",
            address,
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str) -> re.Match[str]:
        """The first line from now on that matches ``pattern``; fails with everything printed if none comes."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                pytest.fail(f"no line matching {pattern!r}; printed:\n" + "\n".join(self.seen))
            self.seen.append(line)
            if match := re.search(pattern, line):
                return match

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.seen.append(_signals(self.process.pid))  # why Ctrl-C did not stop it, in the failure
                self.process.kill()
        return self.process.wait()


def _signals(pid: int) -> str:
    """The process's ignored and caught signals (``SigIgn``/``SigCgt`` masks from /proc), or why they are unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError as exc:
        return f"(signals of {pid} unknown: {exc})"
    return " ".join(line for line in status.splitlines() if line.startswith(("SigIgn", "SigCgt")))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_serve_prints_its_address_keeps_the_last_good_build_and_shows_the_error(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    served = Served(root, f"127.0.0.1:{free_port()}")
    try:
        url = served.wait_for(r"^Serving (http://127\.0\.0\.1:\d+/) \(press Ctrl-C to stop\)$").group(1)
        status, front = fetch(url)
        assert status == 200 and "Northwind Broadband status" in front
        assert 'role="alert"' not in front

        path = root / "incidents" / "2026" / f"{OPEN_ID}.yml"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("status: identified", "status: [identified", 1), encoding="utf-8")
        line = served.wait_for(r"^not rebuilt: ")
        assert f"incidents/2026/{OPEN_ID}.yml:" in line.string  # located: file, line and column
        served.wait_for(r"^\(still serving the last good build; fix the file and save it again\)$")
        status, page = fetch(url)
        assert status == 200 and "Northwind Broadband status" in page  # the last good build, not a hang
        assert 'role="alert"' in page and f"incidents/2026/{OPEN_ID}.yml:" in page
        status, page = fetch(f"{url}incidents/{OPEN_ID}/")
        assert status == 200 and 'role="alert"' in page

        fixed = good.replace("is being driven", "is being rushed", 1)
        assert fixed != good
        path.write_text(fixed, encoding="utf-8")
        served.wait_for(r"^built as of 2026-11-22T12:00:00-07:00$")
        status, page = fetch(f"{url}incidents/{OPEN_ID}/")
        assert status == 200 and 'role="alert"' not in page
        assert "A replacement is being rushed" in page  # the fix, built
    finally:
        assert served.stop() == 0, "\n".join(served.seen)


def _served_with_its_own_tmp(tmp_path: Path) -> tuple[Served, Path]:
    """``outage serve`` of a copy of the example, with a temporary folder of its own to look into."""
    root = copy_of_example(tmp_path, with_template=True)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    return Served(root, f"127.0.0.1:{free_port()}", env={"TMPDIR": str(temporary)}), temporary


def test_stopped_by_a_process_manager_it_stops_as_with_ctrl_c_and_leaves_no_folder_behind(tmp_path: Path) -> None:
    """SIGTERM (systemd, Docker, a benchmark) stops it as Ctrl-C does: its builds' folder goes with it."""
    served, temporary = _served_with_its_own_tmp(tmp_path)
    try:
        served.wait_for(r"Serving http://")
        assert [p.name.startswith("outage-serve-") for p in temporary.iterdir()] == [True]  # its builds are here
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=30) == 0
        served.wait_for(r"^stopped$")
        assert list(temporary.iterdir()) == []
    finally:
        served.stop()


def test_stopped_during_its_first_build_it_stops_as_cleanly(tmp_path: Path) -> None:
    """A stop before the address is printed (the first build takes seconds) is no crash: "stopped", exit 0, no folder."""
    served, temporary = _served_with_its_own_tmp(tmp_path)
    try:
        deadline = time.monotonic() + WAIT
        while not list(temporary.glob("outage-serve-*/build-1")):  # the first build has begun writing
            assert time.monotonic() < deadline and served.process.poll() is None, "no build began"
            time.sleep(0.02)
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=60) == 0
        served.wait_for(r"^stopped$")
        assert not any(line.startswith("Serving") for line in served.seen), "the build ended before the stop"
        assert list(temporary.iterdir()) == []
    finally:
        served.stop()


def test_a_port_in_use_is_said_and_the_next_one_taken(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path, with_template=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = Served(root, f"127.0.0.1:{port}")
        try:
            served.wait_for(rf"^127\.0\.0\.1:{port} is in use \(another outage serve\?\); trying {port + 1}$")
            url = served.wait_for(r"^Serving (http://127\.0\.0\.1:(\d+)/)").group(1)
            assert int(url.rsplit(":", 1)[1].strip("/")) > port
            assert fetch(url)[0] == 200
        finally:
            assert served.stop() == 0, "\n".join(served.seen)
        assert not any("Traceback" in line for line in served.seen)


def test_a_file_saved_during_the_first_build_is_seen_as_a_change(tmp_path: Path) -> None:
    """serve takes the files' fingerprint before its first build: a save while it builds is not missed."""
    from generator.site.preview import Preview

    root = copy_of_example(tmp_path, with_template=True)
    preview = Preview(root, prepare=lambda: None, say=lambda line: None)
    before = preview.fingerprint()  # what serve records before building
    path = next((root / "incidents").rglob("*.yml"))
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # saved while it builds
    builds, stop = [], threading.Event()

    def build(changed=()) -> bool:
        builds.append(1)
        stop.set()
        return True

    preview.build = build
    watcher = threading.Thread(target=preview.watch, args=(stop, 0.05, before), daemon=True)
    watcher.start()
    watcher.join(30)
    assert builds == [1]
