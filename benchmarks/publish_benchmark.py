"""How fast a push is published: cold build, one-update rebuild and preview, beside plain mkdocs-material.

For each N this script writes the synthetic history of ``history.py`` and, each
in a child process, times:

- **cold**: ``outage build`` with no cache and no previous site;
- **again**: ``outage build`` once more with nothing changed: the caches are
  warm, and the site it replaces leaves its folders for the next build
  (``.site-spare``), as every build after the first does;
- **rebuild**: one update added to an open incident (``outage update``), then
  ``outage build`` again, with the caches and the site the builds before it
  left, five minutes later (a push comes after the last build, and the pages
  that print the time, or the time since, change with it): *live* is the time
  until the build says "built" (the new site is in place), *total* adds
  emptying the site it replaced, which happens after;
- **CI**: ``outage build`` of the same files into a new, empty folder, with the
  cache the builds before it left: a fresh CI runner that restores
  ``.outage-cache/`` (``actions/cache``) but has no site from before, so
  no file to link and no spare folders;
- **preview**: ``outage serve`` running, the time from saving an incident file
  with one more update to that page being served with it;
- **plain**: ``mkdocs build`` of the same history with mkdocs-material and
  nothing else: one Markdown page per incident (its title, status and every
  update), a short nav; the ratio is ours over plain, measured in the same run.
  With ``--pairs K``, the cold build (of a copy of the repository, no cache, no
  site) and the plain one are timed K times in turn, and the figures are their
  medians and the median of the K ratios: on a shared machine one pair can
  differ from the next by a fifth. The rebuild is timed K times too, each after
  one more update (five minutes after the last) and beside a plain build: its
  figure is the median, its ratio the median of the K ratios.

Every command runs from bytecode, the tool's as the plain build's: the tool's modules are compiled
first, as ``pip install`` compiles a package (an editable install writes them on its first run),
so no timed run compiles them. Without this, where ``PYTHONDONTWRITEBYTECODE`` is set (as on
some CI images and containers), every run of ours compiled the tool's hundred modules, a third of
a second each time, while mkdocs-material ran from the bytecode pip wrote.

It also prints each build's peak memory (of the child, from ``wait4``) and the
files and bytes it wrote: a file the rebuild hard-linked from the previous site
is not counted as written.

    python benchmarks/publish_benchmark.py                  # N = 100 1000 10000
    python benchmarks/publish_benchmark.py --sizes 100 1000 --keep /tmp/bench

It is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from history import NOW_TEXT, PROJECT, make_repository


def rebuild_times(number: int) -> tuple[str, str]:
    """The added update's time and the rebuild's "now" of the ``number``-th rebuild (from 1). The first's
    update comes after every update of the history, at 12:04, and the rebuild at 12:05, five minutes after
    the builds before it (as on a CI runner, where each build reads the clock); each next one five minutes
    after the one before."""

    def clock(minutes: int) -> str:
        return f"2026-11-22 {12 + minutes // 60:02d}:{minutes % 60:02d}"

    return clock(4 + 5 * (number - 1)), clock(5 + 5 * (number - 1))


REBUILD_AT, REBUILD_NOW = rebuild_times(1)


CLI = [sys.executable, "-c", "from generator.cli import run; run(prog_name='outage')"]


@dataclass
class Run:
    seconds: float
    peak_mb: float
    live: float | None = None
    """Seconds until the build said "built" (the new site in place); ``seconds`` adds removing the old one."""


@dataclass
class Figures:
    count: int
    cold: Run | None = None
    again: Run | None = None
    rebuild: Run | None = None
    ci: Run | None = None
    plain: Run | None = None
    preview: float | None = None
    written: dict[str, tuple[int, int]] = field(default_factory=dict)
    """(files, bytes) written by the cold build and by the rebuild after one update."""
    pairs: list[tuple[float, float]] = field(default_factory=list)
    """(cold, plain) seconds of each pair timed in turn: the first is ``cold`` and ``plain``."""
    rebuilds: list[tuple[float, float]] = field(default_factory=list)
    """(rebuild live, plain) seconds of each pair: the first is ``rebuild`` and ``plain``."""

    @property
    def cold_seconds(self) -> float:
        return statistics.median(cold for cold, _ in self.pairs)

    @property
    def plain_seconds(self) -> float:
        return statistics.median(plain for _, plain in self.pairs)

    @property
    def ratio(self) -> float:
        return statistics.median(cold / plain for cold, plain in self.pairs)

    @property
    def rebuild_live(self) -> float:
        return statistics.median(live for live, _ in self.rebuilds)

    @property
    def rebuild_ratio(self) -> float:
        return statistics.median(live / plain for live, plain in self.rebuilds)


def compile_tool() -> None:
    """Write the tool's bytecode (``__pycache__``, git-ignored) as ``pip install`` does: see the module's text."""
    if not compileall.compile_dir(PROJECT / "generator", quiet=1):
        raise RuntimeError("the tool's modules did not compile")


def timed(command: list[str], log: Path, cwd: Path | None = None) -> Run:
    """Run ``command`` as a child; wall time, time to its "built" line, and its peak memory (MB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    live: list[float] = []
    with log.open("wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=cwd, env=env)
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(b"built ") and not live:
                live.append(time.perf_counter() - started)
            sink.write(line)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{command[3:6]} exited {child.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(seconds, peak, live[0] if live else None)


def inodes(site: Path) -> dict[str, tuple[int, int]]:
    """Every file of a site: (inode, size)."""
    found = {}
    for base, _, names in os.walk(site):
        for name in names:
            stat = os.stat(os.path.join(base, name))
            found[os.path.relpath(os.path.join(base, name), site)] = (stat.st_ino, stat.st_size)
    return found


def written(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """(files, bytes) in ``after`` that are not the very files (inodes) of ``before``."""
    new = [size for path, (inode, size) in after.items() if before.get(path, (None, 0))[0] != inode]
    return len(new), sum(new)


def open_incident(root: Path) -> str:
    from generator.incidents.load import load_site

    site = load_site(root)
    return next(i.id for i in reversed(site.incidents) if i.is_open and not i.is_maintenance)


def add_update(root: Path, incident_id: str, at: str, words: str, log: Path) -> None:
    command = [*CLI, "update", "--root", str(root), incident_id, "--now", at, "--status", "monitoring"]
    timed([*command, "--message", words], log)


# --- plain mkdocs-material --------------------------------------------------------


def plain_project(root: Path, folder: Path) -> Path:
    """The same history as a plain mkdocs-material project: one page per incident, a short nav."""
    from generator.incidents.load import load_site

    site = load_site(root)
    docs = folder / "docs"
    (docs / "incidents").mkdir(parents=True)
    listed = []
    for incident in site.incidents:
        lines = [
            f"# {incident.title}",
            "",
            f"**{incident.status.label}** · {', '.join(a.name for a in incident.areas)}",
        ]
        for update in reversed(incident.updates):
            lines += ["", f"## {update.status.label}, {update.at:%Y-%m-%d %H:%M}", "", update.message]
        (docs / "incidents" / f"{incident.id}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        listed.append(f"- [{incident.title}](incidents/{incident.id}.md)")
    (docs / "index.md").write_text(f"# {site.config.name} status\n\n" + "\n".join(listed[-20:]) + "\n", "utf-8")
    (docs / "history.md").write_text("# History\n\n" + "\n".join(listed[-50:]) + "\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        f"site_name: {site.config.name} status\nsite_url: {site.config.site_url}\n"
        "theme:\n  name: material\n  font: false\n"
        "nav:\n  - Status: index.md\n  - History: history.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    return folder


# --- preview -------------------------------------------------------------------------


def preview_latency(root: Path, incident_id: str, saved: bytes, file: Path, log: Path, now: str) -> float:
    """Seconds from writing ``saved`` to ``file`` to its page being served (as of ``now``) with the new words."""
    command = [*CLI, "serve", "--root", str(root), "--now", now, "--address", "127.0.0.1:8765"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    address: list[str] = []
    ready = threading.Event()
    lines: list[bytes] = []

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line)
            if found := re.search(rb"Serving (http://\S+/)", line):
                address.append(found.group(1).decode())
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(600):
            raise RuntimeError("outage serve did not start:\n" + b"".join(lines).decode(errors="replace")[-2000:])
        page = f"{address[0]}incidents/{incident_id}/"
        marker = b"the update of the preview benchmark"
        started = time.perf_counter()
        file.write_bytes(saved)
        while time.perf_counter() - started < 600:
            try:
                with urllib.request.urlopen(page, timeout=5) as response:
                    if marker in response.read():
                        return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError("the preview never showed the saved update")
    finally:
        child.terminate()
        child.wait(30)
        log.write_bytes(b"".join(lines))


# --- one size ------------------------------------------------------------------------


def measure(count: int, work: Path, preview: bool, pairs: int = 1) -> Figures:
    root, site = work / f"repo-{count}", work / f"site-{count}"
    make_repository(root, count)
    figures = Figures(count)
    build = [*CLI, "build", "--root", str(root), "--now", NOW_TEXT, "--site-dir", str(site)]
    print(f"  N={count:,}: cold build…", flush=True)
    figures.cold = timed(build, work / f"cold-{count}.log")
    figures.written["cold"] = written({}, inodes(site))
    print(f"  N={count:,}: again, nothing changed…", flush=True)
    figures.again = timed(build, work / f"again-{count}.log")
    first = inodes(site)
    incident_id = open_incident(root)
    add_update(
        root,
        incident_id,
        REBUILD_AT,
        "Most customers are back online; the update of the rebuild benchmark.",
        work / "u.log",
    )
    print(f"  N={count:,}: rebuild after one update…", flush=True)
    rebuild = [*CLI, "build", "--root", str(root), "--now", REBUILD_NOW, "--site-dir", str(site)]
    figures.rebuild = timed(rebuild, work / f"rebuild-{count}.log")
    figures.written["rebuild"] = written(first, inodes(site))
    print(f"  N={count:,}: into a new folder with the cache (CI)…", flush=True)
    build_ci = [*rebuild[:-1], str(work / f"site-ci-{count}")]
    figures.ci = timed(build_ci, work / f"ci-{count}.log")
    print(f"  N={count:,}: plain mkdocs-material…", flush=True)
    project = plain_project(root, work / f"plain-{count}")
    figures.plain = timed(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"],
        work / f"plain-{count}.log",
        cwd=project,
    )
    figures.pairs.append((figures.cold.seconds, figures.plain.seconds))
    figures.rebuilds.append((figures.rebuild.live, figures.plain.seconds))
    for number in range(2, pairs + 1):
        print(f"  N={count:,}: cold and plain again, pair {number} of {pairs}…", flush=True)
        again = work / f"repo-{count}-pair"
        shutil.rmtree(again, ignore_errors=True)
        shutil.rmtree(work / f"site-{count}-pair", ignore_errors=True)
        shutil.copytree(root, again, ignore=shutil.ignore_patterns(".outage-cache"))
        cold_build = [
            *CLI,
            "build",
            "--root",
            str(again),
            "--now",
            NOW_TEXT,
            "--site-dir",
            str(work / f"site-{count}-pair"),
        ]
        plain_build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"]
        if number % 2:  # in turn: which runs first changes from pair to pair
            cold = timed(cold_build, work / f"cold-{count}-{number}.log").seconds
            plain = timed(plain_build, work / f"plain-{count}-{number}.log", cwd=project).seconds
        else:
            plain = timed(plain_build, work / f"plain-{count}-{number}.log", cwd=project).seconds
            cold = timed(cold_build, work / f"cold-{count}-{number}.log").seconds
        figures.pairs.append((cold, plain))
        print(f"  N={count:,}: rebuild after one more update, {number} of {pairs}…", flush=True)
        at, now = rebuild_times(number)
        add_update(root, incident_id, at, f"The update {number} of the rebuild benchmark.", work / "u.log")
        built = [*CLI, "build", "--root", str(root), "--now", now, "--site-dir", str(site)]
        figures.rebuilds.append((timed(built, work / f"rebuild-{count}-{number}.log").live, plain))
    preview_at = rebuild_times(pairs)[1]  # after the last rebuild's update, and not after the preview's "now"
    if preview:
        print(f"  N={count:,}: preview…", flush=True)
        file = next((root / "incidents").rglob(f"{incident_id}.yml"))
        scratch = work / f"scratch-{count}"
        shutil.copytree(root, scratch, ignore=shutil.ignore_patterns(".outage-cache"))
        add_update(
            scratch,
            incident_id,
            preview_at,
            "Crews are finishing; the update of the preview benchmark.",
            work / "u.log",
        )
        saved = next((scratch / "incidents").rglob(f"{incident_id}.yml")).read_bytes()
        try:
            figures.preview = preview_latency(root, incident_id, saved, file, work / f"serve-{count}.log", preview_at)
        except RuntimeError as exc:
            print(f"  N={count:,}: preview failed: {exc}", flush=True)
    return figures


def report(results: list[Figures]) -> None:
    def mb(size: int) -> str:
        return f"{size / 1024 / 1024:.1f} MB"

    rows = [
        ("incidents", lambda f: f"{f.count:,}"),
        ("cold build", lambda f: f"{f.cold_seconds:.2f} s"),
        ("  peak memory", lambda f: f"{f.cold.peak_mb:.0f} MB"),
        ("  files, bytes written", lambda f: f"{f.written['cold'][0]:,}, {mb(f.written['cold'][1])}"),
        ("plain mkdocs-material", lambda f: f"{f.plain_seconds:.2f} s"),
        ("cold / plain", lambda f: f"{f.ratio:.3f}"),
        ("again, nothing changed: live", lambda f: f"{f.again.live:.2f} s"),
        ("rebuild, one update: live", lambda f: f"{f.rebuild_live:.2f} s"),
        ("  then caches saved, old site emptied", lambda f: f"{f.rebuild.seconds - f.rebuild.live:.2f} s"),
        ("  peak memory", lambda f: f"{f.rebuild.peak_mb:.0f} MB"),
        ("  files, bytes written", lambda f: f"{f.written['rebuild'][0]:,}, {mb(f.written['rebuild'][1])}"),
        ("rebuild (live) / plain", lambda f: f"{f.rebuild_ratio:.3f}"),
        ("CI: cache, no site: live", lambda f: f"{f.ci.live:.2f} s"),
        ("preview, save to page", lambda f: "not run" if f.preview is None else f"{f.preview:.2f} s"),
        ("cold, seconds per 1,000", lambda f: f"{f.cold_seconds / f.count * 1000:.2f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    cells = [[cell(f) for f in results] for _, cell in rows]
    column = max(len(c) for row in cells for c in row) + 2
    for (name, _), row in zip(rows, cells, strict=True):
        print(f"{name:<{width}}" + "".join(f"{c:>{column}}" for c in row))
    for f in results:  # each pair, so that a median is never taken on trust
        for label, pairs in (("cold / plain", f.pairs), ("rebuild / plain", f.rebuilds)):
            each = ", ".join(f"{ours:.2f}/{plain:.2f} s ({ours / plain:.3f})" for ours, plain in pairs)
            print(f"{f.count:,} incidents, {label}, each pair: {each}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000], metavar="N")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview measurement")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep repositories, sites and logs here")
    parser.add_argument(
        "--pairs",
        type=int,
        default=1,
        metavar="K",
        help="time the cold and plain builds K times in turn, and the rebuild K times (medians)",
    )
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}  load: {os.getloadavg()[0]:.1f}  Python {platform.python_version()}  ", end="")
    print(f"MkDocs {version('mkdocs')}  mkdocs-material {version('mkdocs-material')}", end="")
    print("  (PYTHONDONTWRITEBYTECODE set)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "")
    commit = subprocess.run(["git", "-C", str(PROJECT), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    print(
        f"generator: {commit.stdout.strip() or 'unknown'}; now: {NOW_TEXT}, the rebuild {REBUILD_NOW} America/Edmonton"
    )
    compile_tool()
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
        work, cleanup = args.keep.resolve(), None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="outage-publish-bench-")
        work = Path(cleanup.name)
    try:
        results = []
        for count in sorted(dict.fromkeys(args.sizes)):
            results.append(measure(count, work, preview=not args.no_preview, pairs=args.pairs))
            print()
            report(results)
            print(flush=True)
        return 0
    finally:
        if cleanup is not None:
            cleanup.cleanup()


if __name__ == "__main__":
    sys.exit(main())
