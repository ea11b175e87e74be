"""The ``outage`` command: a thin layer over the library, one command per job.

Each command reads and checks everything first, then writes. Bad input ends
with located messages and exit status 1, never a traceback.

This module is longer than most because every command carries its options and
its help with an example here; each command's body is a few lines that call
the library, so splitting it would only scatter the command line.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .authoring import TOOL_SOURCE_PLACEHOLDER
from .incidents.load import CONFIG_FILE, INCIDENTS_DIR, Apart, Reading, load_config, load_one, load_site
from .incidents.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, Config, Site
from .incidents.problems import InvalidSite
from .incidents.times import TimeError, parse_relative, parse_time
from .reporting import STAGES as REPORT_STAGES
from .reporting.duties import Status as DutyStatus
from .reporting.outages import discovery_warnings, duty_line, not_in_force, record_problems, site_duties
from .reporting.regimes import InvalidRules
from .reporting.setup import Setup, read_setup
from .state.now import future_updates, overdue_warnings

if TYPE_CHECKING:
    from .authoring.edits import Text


def _find_root(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """``--root``, or, as git finds its repository, the nearest folder here or above with status.yml and incidents/."""
    if value is not None:
        return value
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file() and (folder / INCIDENTS_DIR).is_dir():
            ctx.meta["outage.found_root"] = folder != here
            return folder
    return Path(".")  # none: the commands say status.yml is missing here


ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    callback=_find_root,
    help="The status repository (the folder with status.yml and incidents/); by default the nearest one "
    "here or in a folder above.",
)
NOW_OPTION = click.option(
    "--now",
    metavar="TIME",
    help="See the files as they were at this time instead of now, e.g. '2026-05-12 09:00': what is dated later does not exist yet.",
)
LEDGER_OPTION = click.option(
    "--ledger",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The ledger of what was published (README, 'What never changes once published').",
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


def _when(option: str, text: str | None, now: datetime, config: Config, *, past: bool = False) -> datetime | None:
    """A time typed at the command line; ``past``: one that has gone (07:55 is the last 07:55), else one to come."""
    if text is None:
        return None
    try:
        return parse_relative(text, now, config.timezone, past=past)
    except TimeError as exc:
        _fail(f"{option}: expected {exc}; found {text!r}")
        raise


def _written(root: Path, write) -> None:
    """Run one authoring change; print the file's path, or why nothing was written."""
    from .authoring.edits import AuthoringError

    try:
        path = write()
    except AuthoringError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits
    except OSError as exc:
        _fail(f"nothing was changed: cannot write {exc.filename or root}: {exc.strerror or exc}")
        raise
    if click.get_current_context().meta.get("outage.found_root"):
        click.echo(Path(os.path.relpath(path)).as_posix())  # found from a subfolder: where it is from here
    else:
        click.echo(path.relative_to(root).as_posix())


def _minute(moment: datetime) -> datetime:
    """Authoring times to the minute, as staff write them: 2h after 10:00:37 is written 12:00."""
    return moment.replace(second=0, microsecond=0)


def _ids(values: tuple[str, ...]) -> list[str]:
    """``--area a --area b`` and ``--area a,b`` both give ``[a, b]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _french(option: str, what: str):
    """``--message-fr`` beside ``--message``: the same text in French."""
    return click.option(
        f"{option}-fr",
        metavar="TEXT",
        help=f"{what} in French, beside {option} (needs fr in status.yml's languages).",
    )


def _by_language(config: Config, option: str, default: str | None, french: str | None) -> Text | None:
    """``--message`` and ``--message-fr`` as the text to write: plain, or ``{en: …, fr: …}``.

    Refused when status.yml does not publish French, or when the French has no
    default-language text beside it (every text needs the default language's).
    """
    if french is None:
        return default
    listed = ", ".join(config.languages)
    if "fr" not in config.languages:
        _fail(
            f"{option}-fr: expected a site that publishes French (languages: [{listed}, fr] in {CONFIG_FILE}); "
            f"found languages: [{listed}]; nothing was written"
        )
    if not default:
        _fail(
            f"{option}-fr: expected {option} too, the text in {config.default_language} (the default language); "
            f"found {option}-fr alone; nothing was written"
        )
    return {config.default_language: default, "fr": french}


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


def run(**options) -> None:
    """The ``outage`` program (its console script): :func:`main`, then an exit that leaves memory to the system.

    A build holds the whole history (at 10,000 incidents some 200 MB of small objects), and a
    normal exit frees it object by object after the work is done: half a second, a tenth of a
    rebuild, in which the site is already live. Everything a command writes is closed before it
    returns, so only the standard streams are left to flush. Tests drive :func:`main` inside the
    test process, which ends normally.
    """
    try:
        main(**options)
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)  # as the interpreter shows an exit with a message
        status = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # closed when the program started (`outage build >&-`): nothing to flush
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: what it would not take is lost either way
            status = status or 1
    os._exit(status or 0)


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings (overdue updates, missing translations) as errors.")
def check(root: Path, now: str | None, strict: bool) -> None:
    """Check status.yml and every incident file; report every problem with its file and line.

    Exits 0 when everything is valid, 1 otherwise. Open incidents whose promised
    update is late, text that an unquoted ' #' cut short (YAML read the rest
    as a comment), and text missing one of status.yml's languages are reported
    as warnings (errors with --strict). With
    reporting: in status.yml, each regulatory reporting duty that is due is a
    warning naming its key for reported:, and one overdue is an error with --strict.

    \b
    Example:
      outage check --strict
      outage check --now "2026-11-22 09:37"
    """
    site, moment, setup = _checked(root, now)
    overdue = overdue_warnings(site, moment)
    outages = site_duties(site, setup, moment)
    noted = [*setup.warnings, *discovery_warnings(outages, site)]
    untranslated = site.missing_translations
    for warning in (*site.warnings, *untranslated, *overdue, *noted):
        click.echo(str(warning.as_error() if strict else warning), err=True)
    pending = [(outage, duty) for outage in outages for duty in outage.pending]
    late = sum(duty.status is DutyStatus.OVERDUE for _, duty in pending)
    for outage, duty in pending:
        click.echo(duty_line(outage, duty, error=strict and duty.status is DutyStatus.OVERDUE), err=True)
    for regime, why in not_in_force(setup, moment.date()):
        click.echo(f"{CONFIG_FILE}: note: {regime.id} is not in force on {moment.date()}: {why}", err=True)
    if strict and (site.warnings or untranslated or overdue or noted or late):
        counts = [(len(site.warnings), "text(s) cut by ' #'"), (len(untranslated), "text(s) missing a language"),
                  (len(overdue), "overdue incident(s)"), (len(noted), "reporting warning(s)"),
                  (late, "overdue reporting duty(ies)")]  # fmt: skip
        click.echo(f"{', '.join(f'{n} {what}' for n, what in counts if n)}; failing because of --strict", err=True)
        sys.exit(1)
    open_count = sum(i.is_open for i in site.incidents)
    cut = f", {len(site.warnings)} text(s) cut by ' #'" if site.warnings else ""
    cut += f", {len(untranslated)} text(s) missing a language" if untranslated else ""
    summary = f"ok: {len(site.incidents)} files valid, {open_count} open, {len(overdue)} overdue{cut}"
    if setup.on:
        summary += f"; reporting: {len(pending) - late} due, {late} overdue"
    click.echo(summary)


def _site(root: Path) -> Site:
    return _site_and_setup(root)[0]


def _site_and_setup(
    root: Path, load: Callable[[], Site] | None = None, reading: Reading | None = None, apart: Apart | None = None
) -> tuple[Site, Setup]:
    """The checked site, and its reporting setup checked against it (status.yml's ``reporting:``).

    ``load`` reads less than the whole repository (``outage bulletin`` reads one
    incident); reporting is then off, as nothing it says depends on it.
    """
    try:
        if load is not None:
            site = load()
            return site, Setup(regimes=(), names={}, categories={})
        site = load_site(root, reading, apart)
        setup = read_setup((root / CONFIG_FILE).read_bytes(), site.config)
        if problems := record_problems(site, setup):
            raise InvalidSite(problems)
    except (InvalidSite, InvalidRules) as exc:
        _report(exc)
        sys.exit(1)
    return site, setup


def _site_at(root: Path, now: str | None, load: Callable[[], Site] | None = None) -> tuple[Site, datetime]:
    site, moment, _ = _checked(root, now, load)
    return site, moment


def _checked(
    root: Path,
    now: str | None,
    load: Callable[[], Site] | None = None,
    reading: Reading | None = None,
    apart: Apart | None = None,
) -> tuple[Site, datetime, Setup]:
    """The checked site, the moment to see it at, and the reporting setup.

    Against the real clock, an update dated more than a few minutes ahead is an
    error: it would not exist yet, and would hide its incident from the site.
    With ``--now``, what is dated later simply does not exist yet.
    """
    site, setup = _site_and_setup(root, load, reading, apart)
    moment = _now(now, site.config)
    if now is None and (problems := future_updates(site, moment)):
        _report(InvalidSite(problems))
        sys.exit(1)
    return site, moment, setup


@contextmanager
def _not_collecting() -> Iterator[None]:
    """No cycle collection while the block runs (a build), as it was after.

    A build makes objects by the hundred thousand (170,000 reading 10,000 incidents from the cache,
    then the pages), almost none of them garbage and very few in cycles: the collections their
    number sets off walked them again and again to free next to nothing. With none, a rebuild at
    10,000 incidents is 0.15-0.2 s quicker and its peak memory 3-5 MB higher (of some 200).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()  # tests build again in the same process: collect as before


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path),
    help="Where to write the site (default: site/ in the repository); only a folder the build made is replaced.",
)
@LEDGER_OPTION
def build(root: Path, now: str | None, site_dir: Path | None, ledger: Path | None) -> None:
    """Build the status site: pages, feeds, API, calendar and bulletins, in one folder to publish.

    Everything is checked first. The site is built in a new folder and replaces
    the old one only when complete, so a failed build leaves the old site as it was.
    The same files, --now and ledger always give byte-identical output.

    With --ledger, updates keep the identities they were published under, an
    edited update is re-issued as a correction and a removed one is withdrawn;
    the ledger then records what this build published.

    \b
    Example:
      outage build --now "2026-05-12 09:00" --site-dir public
      outage build --ledger ledger/ledger.json
    """
    with _not_collecting():
        _build(root, now, site_dir, ledger)


def _build(root: Path, now: str | None, site_dir: Path | None, ledger: Path | None) -> None:
    from .incidents.kept import READINGS_FILE
    from .incidents.stored import read_ahead
    from .site.cache import CACHE_DIR, PAGES_FILE, BuildCache
    from .site.records import RECORDS_FILE, PlacedRecords

    # The kept files read and hashed by a thread while MkDocs, the theme and the rest of the build are imported.
    reading_ahead = read_ahead([root / CACHE_DIR / name for name in (READINGS_FILE, PAGES_FILE, RECORDS_FILE)])
    from .site.parallel import can_fork, in_background, started
    from .site.plugin import BuildFailed, build_site
    from .site.writer import (
        OutputError,
        check_site_dir,
        count_files,
        is_ours,
        remove_previous,
        staged_site,
        tidy,
        write_problem,
    )
    from .state.ledger import NO_LEDGER, LedgerError, publication, read_ledger, recorded, write_ledger

    target = site_dir if site_dir is not None else root / "site"
    try:
        folder = check_site_dir(target, root)
    except OutputError as exc:
        _fail(f"the site was not built: {exc}")
    warn = lambda message: click.echo(f"outage: warning: {message}", err=True)  # noqa: E731
    reading = Reading(root / CACHE_DIR, warn)  # files whose bytes the last build read are not read again
    reading_ahead.join()  # done by now (it is a fraction of the imports' time); no thread may run when forking
    apart = started if can_fork() else None  # half the files to parse parsed in a second process
    site, moment, _ = _checked(root, now, reading=reading, apart=apart)
    # The files read are kept for the next build once this one is live; encoded meanwhile, apart.
    keep_readings = reading.saving(in_background if apart else None)
    with closing(keep_readings):
        book, published = None, NO_LEDGER
        try:
            if ledger is not None:
                book = read_ledger(ledger, site.config.site_url)
                published = publication(book, site, moment)
        except LedgerError as exc:
            _fail(f"the site was not built: {exc}")
        try:
            cache = BuildCache(root / CACHE_DIR, warn=warn)
            records = PlacedRecords(root / CACHE_DIR, folder, warn=warn)
            with staged_site(folder) as staging:
                previous = folder if folder.is_dir() and is_ours(folder) else None
                build_site(
                    root,
                    staging,
                    site,
                    moment,
                    published,
                    previous=previous,
                    cache=cache,
                    fork=True,
                    save_cache=False,
                    records=records,
                )
        except (BuildFailed, OutputError) as exc:
            _fail(f"the site was not built, and {target} is unchanged: {exc}")
        except OSError as exc:
            _fail(f"the site was not built, and {target} is unchanged: {write_problem(exc, folder)}")
        files = count_files(target)
        click.echo(f"built {target} ({files} files) as of {moment.isoformat()}")
        tidy(folder)  # the spare folders the site did not use, at once: a request there then finds nothing
        # Kept for the next build once this one is live: writing them does not hold up publishing.
        cache.save()
        records.save(folder)
        keep_readings()
        if book is not None and ledger is not None:
            after = recorded(book, site, moment, published)
            write_ledger(ledger, after)
            corrections = sum(i.is_correction and i.issued_at == moment for i in published.issues.values())
            added = len(after.entries.keys() - book.entries.keys())
            withdrawn = [w for w in published.withdrawals if w.withdrawn_at == moment]
            click.echo(
                f"ledger {ledger}: {added} new, {corrections} correction(s), {len(withdrawn)} withdrawal(s) recorded"
            )
            for gone in withdrawn:
                click.echo(
                    f"  withdrawn: {gone.incident_id} update {gone.published_id}; if you only corrected its time, "
                    f"add 'id: {gone.published_id}' to that update to keep it"
                )
        remove_previous(folder)  # the new site is live: deleting the old one does not hold up publishing


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option(
    "--address", default="127.0.0.1:8000", show_default=True, help="Where to serve, host:port (in use: the next port)."
)
def serve(root: Path, now: str | None, address: str) -> None:
    """Preview the status site, rebuilding it when status.yml, an incident file or the template changes.

    Prints the address to open. After an edit that breaks a file, the last good
    build stays up, and the terminal and every page say what is wrong and
    where, until the file is fixed. Pages reload themselves after each build.

    \b
    Example:
      outage serve --address 127.0.0.1:8000
    """
    from .incidents.load import Reading
    from .site.preview import NotBuilt, Preview, PreviewError

    reading = Reading()  # a save parses and checks only the files it changed

    def prepare():
        """The checked site and the moment to build it at: the clock, read anew for each build, or --now."""
        site = load_site(root, reading)
        if now is None:
            moment = datetime.now(UTC).astimezone(site.config.timezone)
            if problems := future_updates(site, moment):
                raise InvalidSite(problems)
            return site, moment
        try:
            return site, parse_time(now, site.config.timezone)
        except TimeError as exc:
            raise NotBuilt(f"--now: expected {exc}; found {now!r}") from None

    before = None
    if threading.current_thread() is threading.main_thread():
        # Stopped by a process manager (systemd, Docker) as by Ctrl-C: the builds' folder is removed on the way out.
        before = signal.signal(signal.SIGTERM, _interrupted)
    try:
        Preview(root, prepare, say=click.echo).serve(address)
    except PreviewError as exc:
        _fail(str(exc))
    finally:
        if before is not None:  # a caller in this process (a test, a script) gets its own handler back
            signal.signal(signal.SIGTERM, before)


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.option("--title", required=True, help="What is down and where, in plain words.")
@click.option("--impact", required=True, type=click.Choice(["minor", "major", "critical"]))
@click.option("--service", "services", multiple=True, required=True, help="Service id (repeat, or a,b).")
@click.option("--area", "areas", multiple=True, required=True, help="Area id (repeat, or a,b).")
@click.option("--message", required=True, help="The first update for customers.")
@_french("--title", "The title")
@_french("--message", "The message")
@_french("--cause", "The cause")
@click.option(
    "--status", default="investigating", show_default=True, type=click.Choice([s.value for s in INCIDENT_STATUSES])
)
@click.option("--next-update", metavar="WHEN", help="When the next update is due: 2h, 14:00 or a full time.")
@click.option("--eta", metavar="WHEN", help="Estimated restore time: 3h, 14:00 or a full time.")
@click.option("--customers", type=click.IntRange(min=0), help="How many customers are affected.")
@click.option("--cause", default="", help="The cause, in public words.")
@click.option("--began-at", metavar="WHEN", help="When the outage itself began, if before now: a full time or 07:55.")
def new(root: Path, now: str | None, title: str, impact: str, services, areas, message: str, title_fr: str | None,
        message_fr: str | None, cause_fr: str | None, status: str, next_update: str | None, eta: str | None,
        customers: int | None, cause: str, began_at: str | None) -> None:  # fmt: skip
    """Start a new incident file, with its first update at the current time.

    Prints the new file's path. Refuses to overwrite an existing file. On a
    site with languages: [en, fr], --title-fr, --message-fr and --cause-fr give
    the French beside the English, written as {en: …, fr: …}.

    \b
    Example:
      outage new --title "Internet outage in Castle Downs" --impact major \\
        --service internet --area castle-downs,lauderdale \\
        --message "We are investigating a loss of internet service." --next-update 1h
      outage new --title "Internet outage in Castle Downs" \\
        --title-fr "Panne d'Internet à Castle Downs" --impact major \\
        --service internet --area castle-downs --message "We are investigating." \\
        --message-fr "Nous examinons la situation." --next-update 1h
    """
    from .authoring import edits as authoring

    config = _config(root)
    title_text = _by_language(config, "--title", title, title_fr)
    message_text = _by_language(config, "--message", message, message_fr)
    cause_text = _by_language(config, "--cause", cause, cause_fr)
    moment = _minute(_now(now, config))
    next_at, eta_at = _when("--next-update", next_update, moment, config), _when("--eta", eta, moment, config)
    began = _when("--began-at", began_at, moment, config, past=True)
    _written(root, lambda: authoring.new_incident(
        root, config, moment, title=title_text, impact=impact, services=_ids(services), areas=_ids(areas),
        message=message_text, status=status, next_update=next_at, restore_eta=eta_at,
        customers_affected=customers, cause=cause_text, began_at=began,
    ))  # fmt: skip


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.argument("incident_id")
@click.option("--status", type=click.Choice(STATUS_CHOICES), help="New status (default: unchanged).")
@click.option("--message", required=True, help="What customers need to know now.")
@click.option("--eta", metavar="WHEN", help="Estimated restore time: 3h, 14:00 or a full time; 'unknown' withdraws it.")
@click.option("--next-update", metavar="WHEN", help="When the next update is due: 2h, 14:00 or a full time.")
@click.option("--cause", help="The cause, as found now, in public words.")
@_french("--message", "The message")
@_french("--cause", "The cause")
@click.option("--customers", type=click.IntRange(min=0), help="How many customers are affected, as known now.")
@click.option("--impact", type=click.Choice(["minor", "major", "critical"]), help="The impact from now on.")
@click.option("--service", "services", multiple=True, help="Every affected service from now on (repeat, or a,b).")
@click.option("--area", "areas", multiple=True, help="Every affected area from now on (repeat, or a,b).")
def update(root: Path, now: str | None, incident_id: str, status: str | None, message: str, eta: str | None,
           next_update: str | None, cause: str | None, message_fr: str | None, cause_fr: str | None,
           customers: int | None, impact: str | None, services, areas) -> None:  # fmt: skip
    """Add an update to an incident, keeping the file's comments and layout.

    What the update states (cause, customers, impact, services, areas, estimate)
    holds from this update on; earlier updates keep saying what was known then.
    Refuses, and leaves the file untouched, if the status would move backwards,
    the id is unknown, or a time is not after the update. --message-fr and
    --cause-fr give the French beside the English (languages: [en, fr]).

    \b
    Example:
      outage update 2026-05-12-internet-outage-in-castle-downs --status identified \\
        --message "Crews found a cut fibre cable and are splicing it." --eta 14:00 --next-update 2h \\
        --cause "A contractor cut a fibre cable." --customers 1200 --area castle-downs,lauderdale
      outage update 2026-05-12-internet-outage-in-castle-downs \\
        --message "Crews are splicing the cable." \\
        --message-fr "Les équipes raccordent le câble." --next-update 2h
    """
    facts = {
        "cause": (cause, cause_fr),
        "customers_affected": customers,
        "impact": impact,
        "services": _ids(services) or None,
        "areas": _ids(areas) or None,
    }
    _append(root, now, incident_id, status=status, message=(message, message_fr), eta=eta, next_update=next_update,
            facts=facts)  # fmt: skip


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.argument("incident_id")
@click.option("--message", required=True, help="What customers need to know now that it is over.")
@_french("--message", "The message")
def resolve(root: Path, now: str | None, incident_id: str, message: str, message_fr: str | None) -> None:
    """Close an incident (resolved) or a maintenance (completed).

    \b
    Example:
      outage resolve 2026-05-12-internet-outage-in-castle-downs \\
        --message "Service is restored. If you are still offline, restart your modem."
      outage resolve 2026-05-12-internet-outage-in-castle-downs --message "Service is restored." \\
        --message-fr "Le service est rétabli."
    """
    _append(root, now, incident_id, status=None, message=(message, message_fr), eta=None, next_update=None,
            resolve=True)  # fmt: skip


def _append(root: Path, now: str | None, incident_id: str, *, status: str | None, message: tuple[str, str | None],
            eta: str | None, next_update: str | None, resolve: bool = False, facts=None) -> None:  # fmt: skip
    """``message`` and the cause in ``facts`` are (default language's text, French or None)."""
    from .authoring import edits as authoring

    config = _config(root)
    text = _by_language(config, "--message", *message)
    facts = dict(facts or {})
    if "cause" in facts:
        facts["cause"] = _by_language(config, "--cause", *facts["cause"])
    moment = _minute(_now(now, config))
    eta_at = "unknown" if eta == "unknown" else _when("--eta", eta, moment, config)
    next_at = _when("--next-update", next_update, moment, config)
    _written(root, lambda: authoring.append_update(
        root, config, moment, incident_id, status=status, message=text, resolve=resolve,
        restore_eta=eta_at, next_update=next_at, facts=facts,
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
@_french("--title", "The title")
@_french("--expected-impact", "The expected impact")
@_french("--message", "The announcement")
@click.option("--broadcast", is_flag=True, help="Also issue radio, press and CAP bulletins.")
def maintenance(root: Path, now: str | None, title: str, start: str, end: str, services, areas,
                expected_impact: str, message: str, title_fr: str | None, expected_impact_fr: str | None,
                message_fr: str | None, broadcast: bool) -> None:  # fmt: skip
    """Schedule planned maintenance.

    On a site with languages: [en, fr], --title-fr, --expected-impact-fr and
    --message-fr give the French beside the English; the announcement built
    without --message is then in both languages.

    \b
    Example:
      outage maintenance --title "Core router upgrade in Lauderdale" \\
        --start "2026-12-03 01:00" --end 4h --service internet --area lauderdale \\
        --expected-impact "Internet drops for up to 15 minutes during the window." \\
        --title-fr "Mise à niveau du routeur principal à Lauderdale" \\
        --expected-impact-fr "Internet sera coupé jusqu'à 15 minutes pendant les travaux."
    """
    from .authoring import edits as authoring

    config = _config(root)
    title_text = _by_language(config, "--title", title, title_fr)
    impact_text = _by_language(config, "--expected-impact", expected_impact, expected_impact_fr)
    message_text = _by_language(config, "--message", message, message_fr)
    moment = _minute(_now(now, config))
    begins = _when("--start", start, moment, config)
    assert begins is not None
    ends = _when("--end", end, begins, config)
    assert ends is not None
    _written(root, lambda: authoring.new_maintenance(
        root, config, moment, title=title_text, start=begins, end=ends, services=_ids(services),
        areas=_ids(areas), expected_impact=impact_text, message=message_text, broadcast=broadcast,
    ))  # fmt: skip


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.argument("incident_id")
@click.option(
    "--update",
    "which",
    metavar="ID_OR_N",
    help="The update: its id (as in its bulletin's address), or its position in the file, 1 first (default: the latest).",
)
@click.option(
    "--format",
    "kind",
    type=click.Choice(["radio", "press", "cap", "notice", "sms"]),
    default="radio",
    show_default=True,
    help="Which bulletin to print.",
)
@click.option("--seconds", type=click.IntRange(min=5), help="Radio length (default: every configured length).")
@click.option(
    "--language",
    type=click.Choice(["en", "fr"]),
    help="The bulletin's language (default: the site's first); fr needs fr in status.yml's languages.",
)
def bulletin(
    root: Path, now: str | None, incident_id: str, which: str | None, kind: str, seconds: int | None,
    language: str | None,
) -> None:  # fmt: skip
    """Print a bulletin for an incident, for staff who phone or email a station.

    Works for any incident, broadcasting or not, and any update; the bulletin
    says only what was known at that update's time. Only status.yml and this
    incident's file need to be valid: a problem in another file does not stop it.

    \b
    Example:
      outage bulletin 2026-05-12-north-edmonton-fibre-cut --format radio --seconds 30
      outage bulletin 2026-05-12-north-edmonton-fibre-cut --update 2 --format press
      outage bulletin 2026-11-22-clareview-castle-downs-internet-outage --now "2026-11-22 08:15"
      outage bulletin 2026-11-22-clareview-castle-downs-internet-outage --language fr --format sms
    """
    from jinja2 import TemplateError

    from .authoring import edits as authoring
    from .bulletins import bulletin_set
    from .bulletins.radio import radio_script
    from .bulletins.templates import bulletin_templates
    from .state.now import snapshot

    site, moment = _site_at(root, now, lambda: load_one(root, incident_id))
    state = snapshot(site, moment)
    incident = next((i for i in state.site.incidents if i.id == incident_id), None)
    if incident is None:
        if any(i.id == incident_id for i in site.incidents):
            _fail(f"{incident_id} has no update yet at {moment.isoformat()} (--now)")
        _fail(str(authoring.find_incident_error(root, incident_id)))
    assert incident is not None
    update = _which_update(incident, which)
    languages = state.config.languages
    if language is not None and language not in languages:
        _fail(
            f"--language: expected one of status.yml's languages ({', '.join(languages)}); found {language!r} "
            f"(add it to languages in {CONFIG_FILE} to publish bulletins in it)"
        )
    templates = bulletin_templates(root)
    item = bulletin_set(templates, state, incident, update)
    # The CAP message carries every language; the other formats are in the one asked for.
    shown = item.french if language == "fr" and language != languages[0] and item.french is not None else item
    try:
        if kind == "radio":
            lengths = [seconds] if seconds else sorted(shown.radio)
            if item.french is not None and shown is item.french:
                text = "\n".join(item.french.radio_script(s) for s in lengths)
            else:
                text = "\n".join(
                    radio_script(templates, state.config, item.incident, update, s, item.issue) for s in lengths
                )
        else:
            text = {"press": lambda: shown.press, "notice": lambda: shown.notice, "sms": lambda: shown.sms + "\n",
                    "cap": lambda: item.cap.decode("utf-8")}[kind]()  # fmt: skip
    except TemplateError as exc:
        _fail(f"bulletin template: {exc}")
        raise
    click.echo(text, nl=False)


def _which_update(incident, which: str | None):
    """``--update``: an update id, or a position in the file (1 first); the latest by default."""
    if which is None:
        return incident.latest
    found = next((u for u in incident.updates if u.id == which), None)
    if found is None and which.isdigit() and 1 <= int(which) <= len(incident.updates):
        found = incident.updates[int(which) - 1]
    if found is None:
        ids = ", ".join(u.id for u in incident.updates)
        _fail(f"--update: expected an update id ({ids}) or 1 to {len(incident.updates)}; found {which!r}")
    return found


@main.command()
@ROOT_OPTION
@NOW_OPTION
@click.argument("incident_id")
@click.option(
    "--regime", required=True, metavar="ID", help="A regime status.yml selects, e.g. crtc-2025-225, or internal."
)
@click.option(
    "--stage",
    type=click.Choice(REPORT_STAGES),
    help="Only the notification drafts, or only the post-outage report (default: both).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the drafts (default: reports/ in the repository, which git ignores).",
)
@click.option("--force", is_flag=True, help="Replace drafts written before; edits made to them are lost.")
def report(root: Path, now: str | None, incident_id: str, regime: str, stage: str | None, out: Path | None,
           force: bool) -> None:  # fmt: skip
    """Draft the notification and the post-outage report of an outage for a regulator.

    Writes Markdown drafts and an SVG chart of customers affected and user-minutes
    into OUT/INCIDENT_ID/REGIME/, filled from the incident as of now: times,
    services, areas, customers and user-minutes over time, cause, steps taken,
    restoration. What the files cannot know is marked "To complete". The drafts
    are never published. An aid, not legal advice: check every line before sending.

    \b
    Example:
      outage report 2026-11-22-clareview-castle-downs-internet-outage --regime crtc-2025-225
      outage report 2026-11-22-clareview-castle-downs-internet-outage --regime crtc-2025-225 --stage final
    """
    from .authoring import edits as authoring
    from .reporting.report import ReportError, draft_files

    site, moment, setup = _checked(root, now)
    if not any(i.id == incident_id for i in site.incidents):
        _fail(str(authoring.find_incident_error(root, incident_id)))
    try:
        files = draft_files(site, setup, incident_id, regime, (stage,) if stage else REPORT_STAGES, moment)
    except ReportError as exc:
        _fail(str(exc))
        raise
    folder = (out if out is not None else root / "reports") / incident_id / regime
    for published in (root / "site", root / "site_template"):
        if folder.resolve().is_relative_to(published.resolve()):
            _fail(f"--out: expected a folder outside {published}, which is published; found {out}")
    there = [name for name in files if (folder / name).exists()]
    if there and not force:
        _fail(f"{folder / there[0]} exists already (it may hold your edits); remove it, or give --force to replace it")
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        click.echo((folder / name).as_posix())


@main.group()
def ledger() -> None:
    """The ledger of what was published: identities kept, corrections, withdrawals, deliveries.

    \b
    Example:
      outage ledger init --ledger ledger/ledger.json --from https://status.northwind.example/
    """


@ledger.command("init")
@ROOT_OPTION
@NOW_OPTION
@click.option(
    "--ledger",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the new ledger.",
)
@click.option(
    "--from",
    "source",
    metavar="URL_OR_DIR",
    help="The site as published by an earlier version: its address or a folder with a build. Keeps its ids.",
)
@click.option(
    "--from-live", is_flag=True, help="The same, from status.yml's site_url (nothing there yet: a first publish)."
)
def ledger_init(root: Path, now: str | None, path: Path, source: str | None, from_live: bool) -> None:
    """Start the ledger of what was published; refuses to overwrite one.

    Without --from, the ledger starts empty: the next build records what it
    publishes. With --from, every update the published site numbered by its
    position (feed ids, bulletin paths, CAP identifiers) keeps that id, so
    readers see no duplicates and nothing already sent is sent again.

    \b
    Example:
      outage ledger init --ledger ledger/ledger.json --from https://status.northwind.example/
    """
    from .delivery.errors import NotifyError
    from .delivery.migration import ledger_from, read_published
    from .state.ledger import new_ledger, write_ledger

    site, moment = _site_at(root, now)
    if path.exists():
        _fail(f"{path} exists already: a ledger is never started twice (nothing was changed)")
    if from_live:
        source = site.config.site_url
    try:
        published = read_published(source) if source else []
    except NotifyError as exc:
        _fail(str(exc))
    book = ledger_from(site, moment, published) if source else new_ledger(site.config.site_url)
    write_ledger(path, book)
    kept = sum(1 for e in book.entries.values() if not e["update"].startswith("published-"))
    gone = len(book.entries) - kept
    click.echo(
        f"wrote {path}: {kept} published id(s) kept, {gone} no longer in the files (withdrawn by the next build)"
    )


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="Your organisation's name, as read on air (asked for if not given).")
@click.option("--url", default="https://status.example.com/", show_default=True, help="Your status site's address.")
@click.option("--timezone", help="Your IANA time zone, e.g. America/Edmonton (asked for if not given).")
@click.option("--tool-source", default=TOOL_SOURCE_PLACEHOLDER,
              help="The git repository (https) your organisation keeps outage-bulletin in; "
                   "requirements.txt pins it at this version's tag.")  # fmt: skip
def init(directory: Path, name: str | None, url: str, timezone: str | None, tool_source: str) -> None:
    """Create a new status repository in DIRECTORY that checks and builds as it is.

    Every time on the site, in the feeds and in the bulletins is in the time
    zone, and the name is read on air: both are asked for when not given (and
    required when nobody is at the keyboard to answer).

    \b
    Example:
      outage init my-status --name "Northwind Broadband" --timezone America/Edmonton
      cd my-status && outage check
    """
    from .authoring import scaffold

    try:
        scaffold.check_directory(directory)  # before any question: an answer given for nothing wastes time
    except scaffold.ScaffoldError as exc:
        _fail(str(exc))
    name = name if name is not None else _ask("--name", "Your organisation's name, as read on air", scaffold.check_name)
    timezone = (
        timezone
        if timezone is not None
        else _ask("--timezone", "Your time zone (e.g. America/Edmonton)", scaffold.check_zone)
    )
    try:
        written = scaffold.init(directory, name=name, site_url=url, timezone=timezone, tool_source=tool_source)
    except scaffold.ScaffoldError as exc:
        _fail(str(exc))
    for path in written:
        click.echo(path.as_posix())
    if tool_source == TOOL_SOURCE_PLACEHOLDER:
        click.echo("Next: in requirements.txt, name the repository your organisation keeps the tool in "
                   "(README, \"Where the tool comes from\").")  # fmt: skip


def _interactive() -> bool:
    """Someone at a terminal can answer a question (never in CI, where standard input is closed)."""
    return sys.stdin.isatty()


def _ask(option: str, question: str, check) -> str:
    """A value the command needs: asked for at a terminal until ``check`` accepts it, else required."""
    from .authoring.scaffold import ScaffoldError

    if not _interactive():
        _fail(f"{option} is required: {question[0].lower()}{question[1:]}")
    while True:
        answer = click.prompt(question).strip()
        try:
            return check(answer)
        except ScaffoldError as exc:
            click.echo(str(exc), err=True)


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
    from .authoring import scaffold

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
    "--ledger",
    "ledger_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The ledger: what was delivered to whom is read from it and recorded in it.",
)
@click.option(
    "--first-publish", is_flag=True, help="There is no ledger yet: start one (a site never published before)."
)
@click.option(
    "--send-all", is_flag=True, help="Send new recipients every bulletin of the build, not only the current ones."
)
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and record nothing.")
def notify(root: Path, site_dir: Path | None, ledger_path: Path, first_publish: bool, send_all: bool,
           dry_run: bool) -> None:  # fmt: skip
    """Email the bulletins owed to newsrooms and technical contacts, and record each in the ledger.

    Newsrooms get the radio scripts and press release, technical contacts the
    notice; corrections and withdrawals are sent marked as such. What each
    recipient is owed comes from the ledger, not the live site, so it can run
    after the site is deployed. Each message is recorded as soon as it is sent;
    one that fails stays owed for the next run, and notify exits 1.

    Recipients come from the file named by OUTAGE_RECIPIENTS_FILE (or the YAML
    in OUTAGE_RECIPIENTS); the mail server from OUTAGE_SMTP_HOST,
    OUTAGE_SMTP_PORT, OUTAGE_SMTP_SECURITY (starttls, ssl), OUTAGE_SMTP_USER,
    OUTAGE_SMTP_PASSWORD and OUTAGE_SMTP_FROM. A recipient the ledger has not
    seen gets only the current bulletins, unless --send-all. No address is
    ever printed.

    \b
    Example:
      outage build --site-dir site --ledger ledger/ledger.json
      outage notify --site-dir site --ledger ledger/ledger.json --dry-run
    """
    from .delivery.compose import preview
    from .delivery.errors import NotifyError
    from .delivery.notify import key_of, log_masks, pending_bulletins, prepare
    from .delivery.owed import record
    from .delivery.smtp import send, smtp_settings
    from .state.ledger import LedgerError, new_ledger, read_ledger, write_ledger

    site = _site(root)
    target = site_dir if site_dir is not None else root / "site"
    moment = datetime.now(UTC).astimezone(site.config.timezone)
    try:
        if first_publish and not ledger_path.exists():
            book = new_ledger(site.config.site_url)
        else:
            book = read_ledger(ledger_path, site.config.site_url)
        settings = None if dry_run else smtp_settings(os.environ)
        outbox = prepare(site.config, target, book, os.environ, moment, send_all=send_all)
    except InvalidSite as exc:
        _report(exc)
        sys.exit(1)
    except (NotifyError, LedgerError) as exc:
        _fail(str(exc))
    for line in log_masks(outbox.recipients, os.environ):
        click.echo(line)
    for person in outbox.welcomed:
        scope = "every bulletin of this build" if send_all else "the current bulletins"
        click.echo(f"new recipient {person.entry} {person.name}: owed {scope}")
    summary = f"{len(outbox.deliveries)} message(s) for {outbox.bulletins} bulletin(s)"
    if dry_run:
        click.echo("".join(preview(d) + "\n" for d in outbox.deliveries), nl=False)
        click.echo(f"would send {summary}; nothing was sent or recorded")
        return

    def sent(delivery) -> None:
        record(book, delivery.bulletin, key_of(delivery), datetime.now(UTC).astimezone(site.config.timezone))
        write_ledger(ledger_path, book)

    write_ledger(ledger_path, book)  # new recipients first: what is not owed to them is recorded as such
    if not outbox.deliveries:
        click.echo(f"nothing owed: {outbox.published} bulletin(s) in the build, all delivered")
        return
    assert settings is not None
    try:
        failures = send(outbox.deliveries, settings, log=click.echo, sent=sent)
    except NotifyError as exc:
        _fail(f"{exc}; what was sent is recorded in {ledger_path}, the rest stays owed")
    for failure in failures:
        click.echo(f"outage: {failure}", err=True)
    if failures:
        left = len(pending_bulletins(f.delivery for f in failures))
        _fail(
            f"{len(failures)} of {len(outbox.deliveries)} message(s) not sent ({left} bulletin(s)); they stay owed "
            "in the ledger and go with the next run"
        )
    click.echo(f"sent {summary}")


@main.group()
def channels() -> None:
    """Chat, social and webhook channels: check the list, and send each what it is owed.

    Channels are listed in status.yml (channels:, every URL and secret a
    ${VARIABLE}) and in the channels file named by OUTAGE_CHANNELS_FILE (or
    its YAML in OUTAGE_CHANNELS). See README, "Reaching people".

    \b
    Example:
      OUTAGE_CHANNELS_FILE=channels.yml outage channels check
      outage channels send --site-dir site --ledger ledger/ledger.json
    """


@channels.command("check")
@ROOT_OPTION
def channels_check(root: Path) -> None:
    """Check every channel: the file, its filters, each ${VARIABLE} set, each URL one Apprise can use.

    Sends nothing and reads no network; prints each channel by name (never its
    URL), what service it is and what it receives. Exits 1 if any is unusable.

    \b
    Example:
      OUTAGE_CHANNELS_FILE=channels.yml outage channels check
    """
    from .delivery.channels import ChannelError, all_channels, resolve
    from .delivery.errors import NotifyError
    from .delivery.push import service_for

    config = _config(root)
    try:
        found = all_channels(config, os.environ)
    except InvalidSite as exc:
        _report(exc)
        sys.exit(1)
    except NotifyError as exc:
        _fail(str(exc))
    if not found:
        click.echo("no channels: list them in status.yml (channels:) or in OUTAGE_CHANNELS_FILE / OUTAGE_CHANNELS")
        return
    bad = 0
    for channel in found:
        try:
            target = resolve(channel, os.environ)
            if target.url:
                service = service_for(target, config.name, config.site_url)
                how = f"{service.name}, {'short posts' if service.limits.short else 'chat'} of up to {service.limits.body} characters"
            else:
                how = "signed webhook"
        except ChannelError as exc:
            click.echo(f"outage: {channel.name}: {exc}", err=True)
            bad += 1
            continue
        filters = [", ".join(sorted(channel.kinds))]
        filters += [
            f"{name} {', '.join(sorted(ids))}"
            for name, ids in (("services", channel.services), ("areas", channel.areas))
            if ids
        ]
        if channel.impact:
            filters.append(f"impact {channel.impact.value} and up")
        click.echo(f"{channel.name} ({channel.source}): {how}; {'; '.join(filters)}")
    if bad:
        _fail(f"{bad} of {len(found)} channel(s) cannot be used")
    click.echo(f"ok: {len(found)} channel(s)")


@channels.command("send")
@ROOT_OPTION
@NOW_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The site just built (default: site/ in the repository); read for bulletins.",
)
@click.option(
    "--ledger",
    "ledger_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The ledger: what was published is read from it, and what was sent to which channel recorded in it.",
)
@click.option("--send-all", is_flag=True, help="Send new channels every live update, not only what is current.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and record nothing.")
def channels_send(root: Path, now: str | None, site_dir: Path | None, ledger_path: Path, send_all: bool,
                  dry_run: bool) -> None:  # fmt: skip
    """Push each channel the updates, corrections, withdrawals, reminders, bulletins and reporting duties it is owed.

    Posts what the last build published (the ledger says what), oldest first,
    each recorded in the ledger as soon as it is sent. A channel that fails
    stops for this run and is tried again by the next; the others go on, and
    the command exits 1. A channel the ledger has not seen gets what is
    current (the latest of each open incident), unless --send-all. URLs and
    secrets are never printed.

    \b
    Example:
      outage build --site-dir site --ledger ledger/ledger.json
      outage channels send --site-dir site --ledger ledger/ledger.json --dry-run
    """
    from .delivery.channels import ChannelError, all_channels, log_masks
    from .delivery.errors import NotifyError
    from .delivery.owed import record
    from .delivery.reach import channel_key, deliver, prepare
    from .state.ledger import LedgerError, read_ledger, write_ledger

    site, moment, setup = _checked(root, now)
    config = site.config
    target = site_dir if site_dir is not None else root / "site"
    try:
        if not all_channels(config, os.environ):  # before the ledger: without channels, nothing is needed
            click.echo('no channels: nothing to send (README, "Reaching people")')
            return
        book = read_ledger(ledger_path, config.site_url)
        plan = prepare(
            site, target if target.is_dir() else None, book, os.environ, moment, send_all=send_all, setup=setup
        )
    except InvalidSite as exc:
        _report(exc)
        sys.exit(1)
    except (NotifyError, LedgerError, ChannelError) as exc:
        _fail(str(exc))
    for line in log_masks(plan.targets, os.environ):
        click.echo(line)
    for problem in plan.unusable:
        click.echo(f"outage: {problem}", err=True)
    for name in plan.welcomed:
        scope = "every live update" if send_all else "what is current"
        click.echo(f"new channel {name}: owed {scope}")
    for waiting in plan.waiting:
        click.echo(
            f"waiting: {waiting.incident} update {waiting.update} changed since the last build; it is posted once a build publishes it"
        )
    summary = f"{len(plan.outgoing)} post(s) to {len({o.target.name for o in plan.outgoing})} channel(s)"
    if dry_run:
        for item in plan.outgoing:
            click.echo(f"To: {item.target.name} ({item.service})  {item.post.key}")
            if item.message is not None:
                lines = ([item.message.title] if item.message.title else []) + item.message.body.splitlines()
            else:
                lines = [f"{d.event} webhook-id: {d.id}" for d in item.webhooks]
            click.echo("".join(f"  | {line}\n" for line in lines), nl=False)
        click.echo(f"would send {summary}; nothing was sent or recorded")
        if plan.unusable:
            sys.exit(1)
        return

    def clock() -> datetime:
        return datetime.now(UTC).astimezone(config.timezone)

    def sent(item, when: datetime) -> None:
        record(book, item.post, channel_key(item.target.name), when)
        write_ledger(ledger_path, book)

    write_ledger(ledger_path, book)  # new channels first: what is not owed to them is recorded as such
    if not plan.outgoing and not plan.unusable:
        click.echo(f"nothing owed: {len(plan.channels)} channel(s), all up to date")
        return
    failures = deliver(plan, clock, sent, log=click.echo)
    for failure in failures:
        click.echo(f"outage: {failure}", err=True)
    if failures or plan.unusable:
        _fail(
            f"{len(failures) + len(plan.unusable)} of {len(plan.channels)} channel(s) not up to date; what was sent "
            f"is recorded in {ledger_path}, the rest goes with the next run"
        )
    click.echo(f"sent {summary}")


@main.group()
def issueops() -> None:
    """Incidents from a phone: GitHub issue forms turned into outage new / outage update.

    The scaffold's issueops workflow runs these with the issue's event file;
    see README, "Reaching people".

    \b
    Example:
      outage issueops parse --event "$GITHUB_EVENT_PATH"
    """


def _event(path: Path) -> dict:
    import json

    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        _fail(f"--event: expected a GitHub event file (JSON); cannot read {path}: {exc}")
        raise
    if not isinstance(event, dict) or not isinstance(event.get("issue"), dict):
        _fail(f"--event: expected the event of an issue; found no 'issue' in {path}")
    return event


EVENT_OPTION = click.option(
    "--event",
    "event_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The issue's event: the file GitHub names in $GITHUB_EVENT_PATH.",
)


@issueops.command("parse")
@EVENT_OPTION
def issueops_parse(event_path: Path) -> None:
    """Print the answers of the issue's form as JSON (form: new or update), or say it is not one.

    \b
    Example:
      outage issueops parse --event event.json
    """
    import json

    from .authoring.issueops import parse

    form = parse(str(_event(event_path)["issue"].get("body") or ""))
    if form is None:
        _fail("not a New incident or Update incident form")
    assert form is not None
    click.echo(json.dumps({"form": form.kind, "fields": dict(form.fields)}, indent=1, ensure_ascii=False))


@issueops.command("apply")
@ROOT_OPTION
@NOW_OPTION
@EVENT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Where to write the answer for the issue (published.md or refused.md) and commit-message.txt.",
)
def issueops_apply(root: Path, now: str | None, event_path: Path, out: Path) -> None:
    """Write the issue's form as a new incident or an update, if its author is trusted and it checks.

    Writes OUT/commit-message.txt and OUT/published.md (the answer once it is
    published) and prints the file it changed; a refused form writes only
    OUT/refused.md (the located problem) and exits 1. An author the repository does not trust (author_association
    OWNER, MEMBER or COLLABORATOR, or listed in .github/outage-authors.txt)
    gets no answer, and nothing is written.

    \b
    Example:
      outage issueops apply --event "$GITHUB_EVENT_PATH" --out "$RUNNER_TEMP/issueops"
    """
    from .authoring.issueops import FormError, apply, refusal, trusted

    event = _event(event_path)
    if not trusted(event, root):
        _fail('the issue\'s author is not trusted to publish (README, "Reaching people"); nothing was written')
    config = _config(root)
    moment = _now(now, config)
    out.mkdir(parents=True, exist_ok=True)
    try:
        done = apply(root, event, moment)
    except FormError as exc:
        (out / "refused.md").write_text(refusal(str(exc)) + "\n", encoding="utf-8")
        _fail(f"the form was refused: {exc}")
        raise
    (out / "commit-message.txt").write_text(done.commit_message, encoding="utf-8")
    (out / "published.md").write_text(done.comment + "\n", encoding="utf-8")
    click.echo(done.path.relative_to(root).as_posix())
