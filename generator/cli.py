"""The ``outage`` command: a thin layer over the library, one command per job.

Each command reads and checks everything first, then writes. Bad input ends
with located messages and exit status 1, never a traceback.

This module is longer than most because every command carries its options and
its help with an example here; each command's body is a few lines that call
the library, so splitting it would only scatter the command line.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from .authoring import edits as authoring
from .authoring import scaffold
from .incidents.load import load_config, load_site
from .incidents.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, Config
from .incidents.problems import InvalidSite
from .incidents.times import TimeError, parse_relative, parse_time
from .state.now import overdue_warnings

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The status repository (the folder with status.yml and incidents/).",
)
NOW_OPTION = click.option(
    "--now", metavar="TIME", help="Use this time as 'now' instead of the clock, e.g. '2026-05-12 09:00'."
)
STATUS_CHOICES = [s.value for s in (*INCIDENT_STATUSES, *MAINTENANCE_STATUSES)]


def _fail(message: str) -> None:
    click.echo(f"outage: {message}", err=True)
    sys.exit(1)


def _config(root: Path) -> Config:
    try:
        return load_config(root)
    except InvalidSite as exc:
        _report(exc)
        sys.exit(1)


def _report(exc: InvalidSite) -> None:
    for problem in exc.problems:
        click.echo(str(problem), err=True)
    errors = sum(p.severity == "error" for p in exc.problems)
    files = len({p.file for p in exc.problems})
    click.echo(f"{errors} error{'s' if errors != 1 else ''} in {files} file{'s' if files != 1 else ''}", err=True)


def _now(text: str | None, config: Config) -> datetime:
    if text is None:
        return datetime.now(UTC).astimezone(config.timezone)
    try:
        return parse_time(text, config.timezone)
    except TimeError as exc:
        _fail(f"--now: expected {exc}; found {text!r}")
        raise  # unreachable: _fail exits


def _when(option: str, text: str | None, now: datetime, config: Config) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_relative(text, now, config.timezone)
    except TimeError as exc:
        _fail(f"{option}: expected {exc}; found {text!r}")
        raise


def _written(root: Path, write) -> None:
    """Run one authoring change; print the file's path, or why nothing was written."""
    try:
        path = write()
    except authoring.AuthoringError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits
    click.echo(path.relative_to(root).as_posix())


def _ids(values: tuple[str, ...]) -> list[str]:
    """``--area a --area b`` and ``--area a,b`` both give ``[a, b]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="outage-bulletin")
def main() -> None:
    """Outage bulletins: status site, feeds and newsroom bulletins from incident files in git.

    \b
    Typical use during an incident:
      outage new --title "Internet outage in Castle Downs" --impact major \\
                 --service internet --area castle-downs \\
                 --message "We are investigating." --next-update 1h
      outage update 2026-05-12-internet-outage-in-castle-downs --status identified \\
                 --message "A cut fibre cable was found." --eta 14:00 --next-update 2h
      outage resolve 2026-05-12-internet-outage-in-castle-downs --message "Service is back."
      outage check
    """


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings (overdue updates) as errors.")
def check(root: Path, now: str | None, strict: bool) -> None:
    """Check status.yml and every incident file; report every problem with its file and line.

    Exits 0 when everything is valid, 1 otherwise. Open incidents whose promised
    update is late are reported as warnings (errors with --strict).

    \b
    Example:
      outage check --strict
    """
    site = _site(root)
    moment = _now(now, site.config)
    warnings = overdue_warnings(site, moment)
    for warning in warnings:
        click.echo(str(warning.as_error() if strict else warning), err=True)
    if strict and warnings:
        click.echo(f"{len(warnings)} overdue incident(s); failing because of --strict", err=True)
        sys.exit(1)
    open_count = sum(i.is_open for i in site.incidents)
    click.echo(f"ok: {len(site.incidents)} files valid, {open_count} open, {len(warnings)} overdue")


def _site(root: Path):
    try:
        return load_site(root)
    except InvalidSite as exc:
        _report(exc)
        sys.exit(1)


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site (default: site/ in the repository).",
)
def build(root: Path, now: str | None, site_dir: Path | None) -> None:
    """Build the status site: pages, lite page and status.txt, in one folder to publish.

    Everything is checked first. The site is built in a new folder and replaces
    the old one only when complete, so a failed build leaves the old site as it was.
    The same files and --now always give byte-identical output.

    \b
    Example:
      outage build --now "2026-05-12 09:00" --site-dir public
    """
    from .site.plugin import BuildFailed, build_site
    from .site.writer import staged_site

    site = _site(root)
    moment = _now(now, site.config)
    target = site_dir if site_dir is not None else root / "site"
    try:
        with staged_site(target) as staging:
            build_site(root, staging, site, moment)
    except BuildFailed as exc:
        _fail(f"the site was not built, and {target} is unchanged: {exc}")
    files = sum(1 for p in target.rglob("*") if p.is_file())
    click.echo(f"built {target} ({files} files) as of {moment.isoformat()}")


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option("--address", default="127.0.0.1:8000", show_default=True, help="Where to serve, host:port.")
def serve(root: Path, now: str | None, address: str) -> None:
    """Preview the status site, rebuilding it when status.yml or an incident file changes.

    \b
    Example:
      outage serve --address 127.0.0.1:8000
    """
    from .site.plugin import serve_site

    site = _site(root)
    moment = _now(now, site.config) if now else None
    serve_site(root, address, moment)


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option("--title", required=True, help="What is down and where, in plain words.")
@click.option("--impact", required=True, type=click.Choice(["minor", "major", "critical"]))
@click.option("--service", "services", multiple=True, required=True, help="Service id (repeat, or a,b).")
@click.option("--area", "areas", multiple=True, required=True, help="Area id (repeat, or a,b).")
@click.option("--message", required=True, help="The first update for customers.")
@click.option(
    "--status", default="investigating", show_default=True, type=click.Choice([s.value for s in INCIDENT_STATUSES])
)
@click.option("--next-update", metavar="WHEN", help="When the next update is due: 2h, 14:00 or a full time.")
@click.option("--eta", metavar="WHEN", help="Estimated restore time: 3h, 14:00 or a full time.")
@click.option("--customers", type=click.IntRange(min=0), help="How many customers are affected.")
@click.option("--cause", default="", help="The cause, in public words.")
def new(root: Path, now: str | None, title: str, impact: str, services, areas, message: str, status: str,
        next_update: str | None, eta: str | None, customers: int | None, cause: str) -> None:  # fmt: skip
    """Start a new incident file, with its first update at the current time.

    Prints the new file's path. Refuses to overwrite an existing file.

    \b
    Example:
      outage new --title "Internet outage in Castle Downs" --impact major \\
        --service internet --area castle-downs,lauderdale \\
        --message "We are investigating a loss of internet service." --next-update 1h
    """
    config = _config(root)
    moment = _now(now, config)
    next_at, eta_at = _when("--next-update", next_update, moment, config), _when("--eta", eta, moment, config)
    _written(root, lambda: authoring.new_incident(
        root, config, moment, title=title, impact=impact, services=_ids(services), areas=_ids(areas),
        message=message, status=status, next_update=next_at, restore_eta=eta_at,
        customers_affected=customers, cause=cause,
    ))  # fmt: skip


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.argument("incident_id")
@click.option("--status", type=click.Choice(STATUS_CHOICES), help="New status (default: unchanged).")
@click.option("--message", required=True, help="What customers need to know now.")
@click.option("--eta", metavar="WHEN", help="Estimated restore time: 3h, 14:00 or a full time.")
@click.option("--next-update", metavar="WHEN", help="When the next update is due: 2h, 14:00 or a full time.")
def update(root: Path, now: str | None, incident_id: str, status: str | None, message: str,
           eta: str | None, next_update: str | None) -> None:  # fmt: skip
    """Add an update to an incident, keeping the file's comments and layout.

    Refuses, and leaves the file untouched, if the status would move backwards,
    the id is unknown, or a time is not after the update.

    \b
    Example:
      outage update 2026-05-12-internet-outage-in-castle-downs --status identified \\
        --message "Crews found a cut fibre cable and are splicing it." --eta 14:00 --next-update 2h
    """
    _append(root, now, incident_id, status=status, message=message, eta=eta, next_update=next_update)


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.argument("incident_id")
@click.option("--message", required=True, help="What customers need to know now that it is over.")
def resolve(root: Path, now: str | None, incident_id: str, message: str) -> None:
    """Close an incident (resolved) or a maintenance (completed).

    \b
    Example:
      outage resolve 2026-05-12-internet-outage-in-castle-downs \\
        --message "Service is restored. If you are still offline, restart your modem."
    """
    _append(root, now, incident_id, status=None, message=message, eta=None, next_update=None, resolve=True)


def _append(root: Path, now: str | None, incident_id: str, *, status: str | None, message: str,
            eta: str | None, next_update: str | None, resolve: bool = False) -> None:  # fmt: skip
    config = _config(root)
    moment = _now(now, config)
    eta_at, next_at = _when("--eta", eta, moment, config), _when("--next-update", next_update, moment, config)
    _written(root, lambda: authoring.append_update(
        root, config, moment, incident_id, status=status, message=message, resolve=resolve,
        restore_eta=eta_at, next_update=next_at,
    ))  # fmt: skip


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option("--title", required=True, help="What the work is and where.")
@click.option("--start", required=True, metavar="WHEN", help="Start of the window: a full local time, or 14:00.")
@click.option("--end", required=True, metavar="WHEN", help="End of the window, or a duration after the start: 3h.")
@click.option("--service", "services", multiple=True, required=True, help="Service id (repeat, or a,b).")
@click.option("--area", "areas", multiple=True, required=True, help="Area id (repeat, or a,b).")
@click.option("--expected-impact", required=True, help="What customers will notice, in one sentence.")
@click.option("--message", default="", help="The announcement (default: built from the window and impact).")
@click.option("--broadcast", is_flag=True, help="Also issue radio, press and CAP bulletins.")
def maintenance(root: Path, now: str | None, title: str, start: str, end: str, services, areas,
                expected_impact: str, message: str, broadcast: bool) -> None:  # fmt: skip
    """Schedule planned maintenance.

    \b
    Example:
      outage maintenance --title "Core router upgrade in Lauderdale" \\
        --start "2026-12-03 01:00" --end 4h --service internet --area lauderdale \\
        --expected-impact "Internet drops for up to 15 minutes during the window."
    """
    config = _config(root)
    moment = _now(now, config)
    begins = _when("--start", start, moment, config)
    assert begins is not None
    ends = _when("--end", end, begins, config)
    assert ends is not None
    _written(root, lambda: authoring.new_maintenance(
        root, config, moment, title=title, start=begins, end=ends, services=_ids(services),
        areas=_ids(areas), expected_impact=expected_impact, message=message, broadcast=broadcast,
    ))  # fmt: skip


@main.command()
@ROOT_OPTION
@click.argument("incident_id")
@click.option("--update", "number", type=click.IntRange(min=1), help="Update number (default: the latest).")
@click.option(
    "--format",
    "kind",
    type=click.Choice(["radio", "press", "cap", "notice", "sms"]),
    default="radio",
    show_default=True,
    help="Which bulletin to print.",
)
@click.option("--seconds", type=click.IntRange(min=5), help="Radio length (default: every configured length).")
def bulletin(root: Path, incident_id: str, number: int | None, kind: str, seconds: int | None) -> None:
    """Print a bulletin for an incident, for staff who phone or email a station.

    Works for any incident, broadcasting or not, and any update.

    \b
    Example:
      outage bulletin 2026-05-12-north-edmonton-fibre-cut --format radio --seconds 30
      outage bulletin 2026-05-12-north-edmonton-fibre-cut --update 2 --format press
    """
    from jinja2 import TemplateError

    from .bulletins import BulletinSet
    from .bulletins.radio import radio_script
    from .bulletins.templates import bulletin_templates

    site = _site(root)
    incident = next((i for i in site.incidents if i.id == incident_id), None)
    if incident is None:
        _fail(str(authoring.find_incident_error(root, incident_id)))
    assert incident is not None
    if number is not None and number > len(incident.updates):
        _fail(f"--update: expected 1 to {len(incident.updates)} for {incident_id}; found {number}")
    update = incident.updates[(number or len(incident.updates)) - 1]
    templates = bulletin_templates(root)
    item = BulletinSet(templates, site, incident, update)
    try:
        if kind == "radio":
            lengths = [seconds] if seconds else sorted(item.radio)
            text = "\n".join(radio_script(templates, site, incident, update, s) for s in lengths)
        else:
            text = {"press": lambda: item.press, "notice": lambda: item.notice, "sms": lambda: item.sms + "\n",
                    "cap": lambda: item.cap.decode("utf-8")}[kind]()  # fmt: skip
    except TemplateError as exc:
        _fail(f"bulletin template: {exc}")
        raise
    click.echo(text, nl=False)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Example Broadband", show_default=True, help="Your organisation's name.")
@click.option("--url", default="https://status.example.com/", show_default=True, help="Your status site's address.")
@click.option("--timezone", default="UTC", show_default=True, help="IANA time zone, e.g. America/Edmonton.")
@click.option("--tool-source", default=scaffold.TOOL_SOURCE_PLACEHOLDER,
              help="The git repository (https) your organisation keeps outage-bulletin in; "
                   "requirements.txt pins it at this version's tag.")  # fmt: skip
def init(directory: Path, name: str, url: str, timezone: str, tool_source: str) -> None:
    """Create a new status repository in DIRECTORY that checks and builds as it is.

    \b
    Example:
      outage init my-status --name "Northwind Broadband" --timezone America/Edmonton
      cd my-status && outage check
    """
    try:
        written = scaffold.init(directory, name=name, site_url=url, timezone=timezone, tool_source=tool_source)
    except scaffold.ScaffoldError as exc:
        _fail(str(exc))
    for path in written:
        click.echo(path.as_posix())
    if tool_source == scaffold.TOOL_SOURCE_PLACEHOLDER:
        click.echo("Next: in requirements.txt, name the repository your organisation keeps the tool in "
                   "(README, \"Where the tool comes from\").")  # fmt: skip


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="schemas", show_default=True,
              help="Folder for incident.schema.json and status.schema.json.")  # fmt: skip
def schema(out: Path) -> None:
    """Write the JSON Schemas of incident files and status.yml, for editors.

    Editors with the YAML language server complete and check fields in any file
    whose first line is "# yaml-language-server: $schema=<path to the schema>".

    \b
    Example:
      outage schema --out schemas
    """
    for path in scaffold.write_schemas(out):
        click.echo(path.as_posix())


@main.command()
@ROOT_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The site just built (default: site/ in the repository).",
)
@click.option(
    "--previous",
    metavar="URL_OR_DIR",
    help="The published site to compare with: its address (https://…) or a folder with an earlier build.",
)
@click.option("--send-all", is_flag=True, help="With no previous index (first publish), send every bulletin.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing.")
def notify(root: Path, site_dir: Path | None, previous: str | None, send_all: bool, dry_run: bool) -> None:
    """Email the bulletins that are new since the previous published build.

    Newsrooms get the radio scripts and press release, technical contacts the
    notice. Recipients come from the file named by OUTAGE_RECIPIENTS_FILE (or
    the YAML in OUTAGE_RECIPIENTS); the mail server from OUTAGE_SMTP_HOST,
    OUTAGE_SMTP_PORT, OUTAGE_SMTP_SECURITY (starttls, ssl), OUTAGE_SMTP_USER,
    OUTAGE_SMTP_PASSWORD and OUTAGE_SMTP_FROM. Run it after build and before
    deploying: if a message fails it exits 1, and the next run sends again.
    With no previous index nothing is sent, unless --send-all.

    \b
    Example:
      outage build --site-dir site
      outage notify --site-dir site --previous https://status.northwind.example/ --dry-run
    """
    from .delivery.compose import preview
    from .delivery.errors import NotifyError
    from .delivery.notify import log_masks, prepare
    from .delivery.smtp import send, smtp_settings

    site = _site(root)
    target = site_dir if site_dir is not None else root / "site"
    try:
        settings = None if dry_run else smtp_settings(os.environ)
        outbox = prepare(site.config, target, previous, os.environ, send_all=send_all)
    except InvalidSite as exc:
        _report(exc)
        sys.exit(1)
    except NotifyError as exc:
        _fail(str(exc))
    for line in log_masks(outbox.recipients, os.environ):
        click.echo(line)
    if outbox.first_publish and not send_all:
        click.echo(f"no previous bulletin index: nothing sent (first publish); --send-all sends all {outbox.published}")
        return
    summary = f"{len(outbox.deliveries)} message(s) for {len(outbox.bulletins)} new bulletin(s)"
    if dry_run or not outbox.deliveries:
        click.echo("".join(preview(d) + "\n" for d in outbox.deliveries), nl=False)
        click.echo(f"{'would send' if dry_run else 'sent'} {summary}")
        return
    assert settings is not None
    try:
        failures = send(outbox.deliveries, settings, log=click.echo)
    except NotifyError as exc:
        _fail(str(exc))
    for failure in failures:
        click.echo(f"outage: {failure}", err=True)
    if failures:
        _fail(
            f"{len(failures)} of {len(outbox.deliveries)} message(s) not sent; failing, so the next run sends these bulletins again"
        )
    click.echo(f"sent {summary}")
