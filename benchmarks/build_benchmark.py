"""Benchmark ``outage build`` on synthetic status repositories of N incidents.

For each N this script writes a synthetic status history (``history.py``),
builds it with ``outage build`` in a separate process, and reports
build time, peak memory, output size and page weight against the budgets in
the performance and weight issues (see /work/shared/DESIGN.md).

    python benchmarks/build_benchmark.py                 # N = 100 1000 10000
    python benchmarks/build_benchmark.py --sizes 100 1000
    python benchmarks/build_benchmark.py --keep /tmp/bench   # keep the repositories and sites

It is a benchmark, not a test: it prints figures and exits 1 if a budget fails.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from history import NOW_TEXT, PER_DAY, PROJECT, make_repository

GZIP_LEVEL = 6
"""zlib's default, what a typical web server sends; level 9 saves only a few per cent more."""

# Budgets (seconds, megabytes, gzipped bytes).
BUDGET_N = 10_000
BUDGET_SECONDS = 30.0
BUDGET_MEGABYTES = 500.0
BUDGET_FRONT_HTML = 15 * 1024
BUDGET_FRONT_TOTAL = 70 * 1024
BUDGET_LITE = 5 * 1024
BUDGET_LINEARITY = 1.3
BUDGET_FRONT_GROWTH = 1024
"""The front page stays the same size whatever the history: at most this much larger at the largest N."""


# --- building and measuring ---------------------------------------------------


@dataclass
class Result:
    count: int
    seconds: float
    peak_mb: float
    files: int
    total_bytes: int
    front_html: int
    front_total: int
    front_assets: list[str]
    lite: int
    largest: int
    largest_page: str

    @property
    def per_thousand(self) -> float:
        return self.seconds / self.count * 1000


def run_build(root: Path, out: Path, log: Path) -> tuple[float, float]:
    """Build ``root`` into ``out`` in a child process; return (wall seconds, peak RSS in MB) of that child.

    Peak memory: os.wait4() reaps exactly this child and returns *its* rusage, whose
    ru_maxrss is the high-water mark of that process (and of any children it waited
    for). Unlike a delta of getrusage(RUSAGE_CHILDREN), which keeps the maximum
    over every child ever reaped (so a smaller later build would show the earlier
    peak), this is correct per build and needs no /usr/bin/time.
    The child runs the installed CLI through the interpreter running this script
    (generator.cli has no ``__main__`` block, so ``-m generator.cli`` would do nothing).
    """
    command = [
        sys.executable,
        "-c",
        "from generator.cli import run; run(prog_name='outage')",
        "build",
        "--root",
        str(root),
        "--now",
        NOW_TEXT,
        "--site-dir",
        str(out),
    ]
    with log.open("wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen so it does not wait again
    if child.returncode != 0:
        raise RuntimeError(f"outage build exited {child.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return seconds, peak


class _References(HTMLParser):
    """The URLs of what a page loads: stylesheets, icons, preloads, scripts and images."""

    LOADED_RELS = frozenset(
        {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("href"):
            # canonical, next, prev and alternate (feeds) are links, not loaded with the page
            if set((values.get("rel") or "").lower().split()) & self.LOADED_RELS:
                self.urls.append(values["href"])
        elif tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def front_page_weight(site: Path) -> tuple[int, int, list[str]]:
    """(gzipped index.html, gzipped index.html plus everything it loads, what it loads with sizes)."""
    page = (site / "index.html").read_bytes()
    parser = _References()
    parser.feed(page.decode("utf-8"))
    total, listed = gz(page), []
    for url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.scheme == "data":
            continue
        if parts.scheme or parts.netloc:
            listed.append(f"{url} (EXTERNAL HOST: not counted, and not allowed by the design)")
            continue
        target = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else site / parts.path
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            listed.append(f"{url} (missing)")
            continue
        size = gz(target.read_bytes())
        total += size
        listed.append(f"{url} {size / 1024:.1f} KB")
    return gz(page), total, listed


def measure(count: int, workdir: Path) -> Result:
    """Generate, check, build and weigh the site of ``count`` incidents."""
    root, out = workdir / f"repo-{count}", workdir / f"site-{count}"
    started = time.perf_counter()
    kinds = make_repository(root, count)
    print(
        f"  N={count}: wrote and checked {count} files in {time.perf_counter() - started:.1f} s "
        f"({kinds['incident']} incidents, {kinds['maintenance']} maintenance, "
        f"{kinds['open']} open, {kinds['upcoming']} upcoming); building…",
        flush=True,
    )
    seconds, peak = run_build(root, out, workdir / f"build-{count}.log")
    files = [p for p in out.rglob("*") if p.is_file()]
    pages = {p: gz(p.read_bytes()) for p in files if p.suffix == ".html"}
    largest = max(pages, key=pages.__getitem__)
    front_html, front_total, assets = front_page_weight(out)
    return Result(
        count=count,
        seconds=seconds,
        peak_mb=peak,
        files=len(files),
        total_bytes=sum(p.stat().st_size for p in files),
        front_html=front_html,
        front_total=front_total,
        front_assets=assets,
        lite=gz((out / "lite" / "index.html").read_bytes()),
        largest=pages[largest],
        largest_page=largest.relative_to(out).as_posix(),
    )


# --- report -------------------------------------------------------------------


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def print_table(results: list[Result]) -> None:
    rows = [
        ("incidents", lambda r: f"{r.count:,}"),
        ("build wall time", lambda r: f"{r.seconds:.2f} s"),
        ("seconds per 1,000", lambda r: f"{r.per_thousand:.2f} s"),
        ("peak memory (child)", lambda r: f"{r.peak_mb:.0f} MB"),
        ("output files", lambda r: f"{r.files:,}"),
        ("output size", lambda r: f"{r.total_bytes / 1024 / 1024:.1f} MB"),
        ("front page HTML (gz)", lambda r: kb(r.front_html)),
        ("front page + assets (gz)", lambda r: kb(r.front_total)),
        ("lite page (gz)", lambda r: kb(r.lite)),
        ("largest page (gz)", lambda r: kb(r.largest)),
    ]
    width = max(len(name) for name, _ in rows)
    columns = [[cell(r) for r in results] for _, cell in rows]
    col = max(len(v) for values in columns for v in values) + 2
    for (name, _), values in zip(rows, columns, strict=True):
        print(f"{name:<{width}}" + "".join(f"{v:>{col}}" for v in values))
    for r in results:
        print(f"largest page at N={r.count:,}: {r.largest_page}")
    print(f"what the front page loads (N={results[-1].count:,}):")
    for line in results[-1].front_assets:
        print(f"  {line}")


def check_budgets(results: list[Result]) -> bool:
    """Print PASS/FAIL for each budget; True if all that could be checked pass."""
    checks: list[tuple[str, bool | None, str]] = []
    by_count = {r.count: r for r in results}
    if len(results) >= 2:
        ordered = sorted(results, key=lambda r: r.count)
        big, second = ordered[-1], ordered[-2]
        ratio = big.per_thousand / second.per_thousand
        marginal = (big.seconds - second.seconds) / (big.count - second.count) * 1000
        checks.append(
            (
                f"linearity: per-1,000 cost at N={big.count:,} / at N={second.count:,} ≤ {BUDGET_LINEARITY}",
                ratio <= BUDGET_LINEARITY,
                f"{big.per_thousand:.2f} / {second.per_thousand:.2f} = {ratio:.2f} "
                f"(marginal cost between them: {marginal:.2f} s per 1,000)",
            )
        )
    else:
        checks.append(("linearity", None, "needs two sizes"))
    big = by_count.get(BUDGET_N)
    if big:
        checks.append(
            (f"build of {BUDGET_N:,} < {BUDGET_SECONDS:.0f} s", big.seconds < BUDGET_SECONDS, f"{big.seconds:.1f} s")
        )
        checks.append(
            (
                f"peak memory of {BUDGET_N:,} < {BUDGET_MEGABYTES:.0f} MB",
                big.peak_mb < BUDGET_MEGABYTES,
                f"{big.peak_mb:.0f} MB",
            )
        )
    else:
        checks.append((f"build time and memory of {BUDGET_N:,}", None, f"N={BUDGET_N} not in --sizes"))
    for label, attribute, budget in (
        ("front page HTML", "front_html", BUDGET_FRONT_HTML),
        ("front page with everything it loads", "front_total", BUDGET_FRONT_TOTAL),
        ("lite page", "lite", BUDGET_LITE),
    ):
        worst = max(results, key=lambda r: getattr(r, attribute))
        value = getattr(worst, attribute)
        checks.append(
            (f"{label} ≤ {kb(budget)} gzipped", value <= budget, f"{kb(value)} (worst, at N={worst.count:,})")
        )
    if len(results) >= 2:
        ordered = sorted(results, key=lambda r: r.count)
        growth = ordered[-1].front_html - ordered[0].front_html
        checks.append(
            (
                f"front page constant as history grows: HTML at N={ordered[-1].count:,} at most "
                f"{kb(BUDGET_FRONT_GROWTH)} larger than at N={ordered[0].count:,}",
                growth <= BUDGET_FRONT_GROWTH,
                f"{kb(ordered[0].front_html)} → {kb(ordered[-1].front_html)} ({growth:+,} bytes)",
            )
        )
    print()
    ok = True
    for label, passed, detail in checks:
        verdict = "SKIP" if passed is None else "PASS" if passed else "FAIL"
        ok = ok and passed is not False
        print(f"{verdict}  {label}: {detail}")
    return ok


def source_version() -> str:
    """The commit of the project being measured, and whether generator/ or site_template/ differ from it."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(PROJECT), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(PROJECT), "status", "--porcelain", "--", "generator", "site_template"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return commit + (" + uncommitted changes in generator/ or site_template/" if changed else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark `outage build` on synthetic status repositories of N incidents, against the budgets.",
        epilog="Example: python benchmarks/build_benchmark.py --sizes 100 1000 10000 --keep /tmp/bench",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000, 10_000], metavar="N", help="numbers of incident files"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="write repositories, sites and build logs here and keep them"
    )
    args = parser.parse_args(argv)
    if any(n < 5 for n in args.sizes):
        parser.error("each N must be at least 5 (open incidents and upcoming maintenance are included)")

    print(f"cores: {os.cpu_count()}  Python {platform.python_version()}  MkDocs {version('mkdocs')}  ", end="")
    print(f"mkdocs-material {version('mkdocs-material')}  {platform.platform()}")
    print(f"generator: {source_version()}")
    print(f"now: {NOW_TEXT} America/Edmonton; {PER_DAY} files a day back from now; gzip level {GZIP_LEVEL}")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        workdir, cleanup = args.keep.resolve(), None
        for count in args.sizes:
            for name in (f"repo-{count}", f"site-{count}"):
                shutil.rmtree(workdir / name, ignore_errors=True)
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="outage-bench-")
        workdir = Path(cleanup.name)
    try:
        results = []
        for count in sorted(dict.fromkeys(args.sizes)):
            try:
                results.append(measure(count, workdir))
            except RuntimeError as exc:
                print(f"FAIL  build of N={count}: {exc}")
                return 1
        print()
        print_table(results)
        ok = check_budgets(results)
        if args.keep:
            print(f"\nkept in {workdir}")
        return 0 if ok else 1
    finally:
        if cleanup is not None:
            cleanup.cleanup()


if __name__ == "__main__":
    sys.exit(main())
