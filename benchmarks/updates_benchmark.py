"""Does an incident with many updates cost what as many incidents cost? (Linear cost of updates.)

Builds two repositories with ``outage build`` in separate processes and prints
the times side by side:

- one critical incident, still open, with N short updates (every update gets a
  bulletin set: radio, press, CAP, notice, SMS);
- N critical incidents of one update each, all within the last days (so every
  update gets a bulletin set too).

Before each update said only what was known then, every CAP message listed
every earlier one and every press release repeated the whole timeline, so the
first cost grew with the square of N. The budget: the one long incident costs
no more than 1.5 times the N short ones.

    python benchmarks/updates_benchmark.py            # N = 2000, best of 3
    python benchmarks/updates_benchmark.py --updates 500 --runs 1

It prints figures and exits 1 when the budget fails; it is not part of the tests.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("America/Edmonton")
START = datetime(2026, 11, 1, 6, 0, tzinfo=ZONE)
BUDGET_RATIO = 1.5
HEADER = "# yaml-language-server: $schema=../../schemas/incident.schema.json\n"


def stamp(moment: datetime) -> str:
    return moment.astimezone(ZONE).strftime("%Y-%m-%d %H:%M")


def repository(root: Path) -> None:
    shutil.copy(PROJECT / "status.yml", root / "status.yml")
    shutil.copytree(PROJECT / "site_template", root / "site_template")
    (root / "incidents" / "2026").mkdir(parents=True)


def one_long_incident(root: Path, updates: int) -> datetime:
    """One open critical incident with ``updates`` short updates, a minute and a half apart (no DST change)."""
    repository(root)
    lines = [HEADER, "title: Internet outage in Castle Downs\n", "impact: critical\n"]
    lines += ["services: [internet]\n", "areas: [castle-downs]\n", "updates:\n"]
    moment = START
    for number in range(updates):
        lines.append(f"  - at: {stamp(moment)}\n    status: investigating\n    message: Still down, check {number}.\n")
        moment += timedelta(seconds=90)
    text = "".join(lines)
    (root / "incidents/2026/2026-11-01-castle-downs-outage.yml").write_text(text, encoding="utf-8")
    if len(text.encode()) > 256 * 1024:
        raise SystemExit(f"{updates} updates make a file of {len(text.encode()):,} bytes, over the 256 KiB limit")
    return moment


def many_short_incidents(root: Path, incidents: int) -> datetime:
    """``incidents`` critical incidents of one update each, twenty minutes apart, all still open."""
    repository(root)
    moment = START
    for number in range(incidents):
        day = moment.astimezone(ZONE)
        name = f"{day:%Y-%m-%d}-outage-{number}.yml"
        folder = root / "incidents" / f"{day:%Y}"
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(
            HEADER + f"title: Internet outage number {number}\nimpact: critical\nservices: [internet]\n"
            f"areas: [castle-downs]\nupdates:\n  - at: {stamp(moment)}\n    status: investigating\n"
            f"    message: Down, check {number}.\n",
            encoding="utf-8",
        )
        moment += timedelta(minutes=20)
    return moment


def build(root: Path, now: datetime, runs: int) -> tuple[float, int]:
    """Best wall time of ``runs`` builds in a fresh process, and the number of bulletin sets built."""
    times = []
    for _ in range(runs):
        out = root.parent / f"{root.name}-site"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "outage"), "build", "--root", str(root), "--now", stamp(now),
             "--site-dir", str(out)],
            check=True,
            capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - started)
    sets = sum(1 for _ in (out / "bulletins").glob("*/*/cap.xml"))
    if not sets:
        raise SystemExit(f"the build of {root} published no bulletins: not a fair measure")
    return min(times), sets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=2000, help="updates in the long incident (default 2000)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each, the best counted (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="outage-updates-") as work:
        long_root, short_root = Path(work) / "long", Path(work) / "short"
        long_root.mkdir()
        short_root.mkdir()
        now = max(one_long_incident(long_root, args.updates), many_short_incidents(short_root, args.updates))
        long_time, long_sets = build(long_root, now, args.runs)
        short_time, short_sets = build(short_root, now, args.runs)
    ratio = long_time / short_time
    print(f"one incident of {args.updates:,} updates    {long_time:7.2f} s  ({long_sets:,} bulletin sets)")
    print(f"{args.updates:,} incidents of one update    {short_time:7.2f} s  ({short_sets:,} bulletin sets)")
    verdict = "PASS" if ratio <= BUDGET_RATIO else "FAIL"
    print(f"{verdict}  ratio {ratio:.2f} (budget ≤ {BUDGET_RATIO})")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
