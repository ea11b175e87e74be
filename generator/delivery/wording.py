"""The words of a post: a chat message, or a short post for a social network or an SMS gateway.

Every message is made from the incident as of its update (``posts.Post``),
like the bulletins, and says only what was true then: a restore estimate
only while it could still be met (``state.as_of.live_estimate``), the next
update only while the incident is open, times with their zone, and when a
message is a correction or a withdrawal, it says so first.

Chat (Slack, Teams, Discord, Mattermost, Matrix, Telegram, json://…): the
title, the update's status and time, the areas and services, what the update
says, the estimate, the next update, and a link. Social posts and text
messages: the same in one paragraph, within the length the sending library
enforces for that service — Apprise's ``body_maxlen`` (Mastodon 500, less
any mentions set in its URL; Bluesky 280, which keeps well under Bluesky's
own 300 graphemes, since a grapheme is one character or more). A message
that does not fit leaves out what matters least first, whole sentences at a
time: never a sentence cut in half, and the link always stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import display
from ..incidents.model import Config, Impact, Status
from ..state.as_of import live_estimate
from .errors import NotifyError
from .posts import Post

ELLIPSIS = "…"
TEXT_MESSAGE = 200
"""A service this short (an SMS gateway: 160) gets the site's address, not the incident page's: the
page's address alone would take most of a text message, and the front page leads with what is open."""


@dataclass(frozen=True)
class Limits:
    """How much a channel's service takes, as Apprise enforces it."""

    body: int
    title: int
    """0: the service has no title; Apprise puts it on the body's first line."""
    short: bool
    """One short paragraph (a social post, a text message) rather than a chat message."""


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    notify_type: str
    """Apprise's ``info``, ``success``, ``warning`` or ``failure``: the colour chat apps give it."""


@dataclass(frozen=True)
class _Piece:
    text: str
    rank: int
    """0: always kept; the others are put in lowest rank first, each if it still fits."""
    line: int
    """Pieces of one line join with a space; lines with a line break (chat) or a space (short)."""
    sentence: bool = False
    """One of the update's sentences: once one does not fit, the later ones are left out too, so
    what is said is always the message's beginning, never sentences picked from its middle."""


def compose(post: Post, config: Config, limits: Limits, site_dir: Path | None = None) -> Message:
    """The message for ``post`` on a channel with ``limits``."""
    title, pieces = _content(post, config, limits, site_dir)
    kind = _notify_type(post)
    if limits.short:
        return Message("", _fit(pieces, limits.body, " "), kind)
    title = _shorten(title, limits.title) if limits.title else title
    budget = limits.body if limits.title else limits.body - len(title) - 2  # Apprise adds "\r\n"
    return Message(title, _fit(pieces, budget, "\n"), kind)


def link(post: Post, config: Config, limits: Limits | None = None) -> str:
    """The incident page at the update, or the bulletin's page; the site's address in a text message."""
    if limits is not None and limits.body <= TEXT_MESSAGE:
        return config.site_url.split("://", 1)[-1].rstrip("/")
    if post.bulletin is not None:
        return f"{config.site_url}bulletins/{post.bulletin.id}/"
    page = f"{config.site_url}incidents/{post.incident}/"
    if post.source_update is not None and post.reminder is None and post.issue is not None:
        return f"{page}#update-{post.issue.published_id}"
    return page


# --- what each kind of post says ------------------------------------------------


def _content(post: Post, config: Config, limits: Limits, site_dir: Path | None) -> tuple[str, list[_Piece]]:
    page = link(post, config, limits)
    if post.bulletin is not None:
        return _bulletin(post, config, limits.short, site_dir, page)
    if post.withdrawal is not None:
        return _withdrawn(post, config, limits.short, page)
    if post.reminder is not None:
        return _reminder(post, config, limits.short, page)
    if post.duty is not None:
        return _duty(post, config, limits.short, page)
    return _update(post, config, limits.short, page)


def _update(post: Post, config: Config, short: bool, page: str) -> tuple[str, list[_Piece]]:
    incident, update = post.source, post.source_update
    assert incident is not None and update is not None
    status = update.status.label
    when = _stamp(update.at, config)
    correction = post.kind == "correction"
    title = f"{'Correction: ' if correction else ''}{incident.title}"
    sentences = _sentences(display.plain(update.message))
    eta = live_estimate(incident, update.at)
    next_update = update.next_update if not update.status.is_final else None
    window = incident.window
    pieces: list[_Piece] = []
    if short:
        lead = f"Correction to our update of {when}: " if correction else ""
        pieces.append(_Piece(f"{lead}{incident.title}: {status}.", 0, 0))
        pieces += [_Piece(s, 2 if n == 0 else 6 + n, 1, sentence=True) for n, s in enumerate(sentences)]
        if window is not None and incident.is_maintenance:
            pieces.append(_Piece(f"Planned for {_window_short(window.start, window.end, config)}.", 1, 2))
        if eta is not None:
            pieces.append(_Piece(f"Estimated restore: {_on(eta, update.at, config)}.", 3, 2))
        if next_update is not None:
            pieces.append(_Piece(f"Next update by {_on(next_update, update.at, config)}.", 4, 2))
        pieces.append(_Piece(page, 0, 3))
        return "", pieces
    if correction:
        pieces.append(_Piece(f"This corrects our update of {when}.", 0, 0))
    pieces.append(_Piece(f"{status} — update of {when}", 0, 1))
    pieces.append(_Piece(f"Areas: {', '.join(a.name for a in incident.areas)}", 5, 2))
    pieces.append(_Piece(f"Services: {', '.join(s.name for s in incident.services)}", 5, 3))
    if window is not None and incident.is_maintenance:
        pieces.append(_Piece(f"Window: {_window(window.start, window.end, config)}", 2, 4))
        if incident.expected_impact:
            pieces.append(_Piece(f"Expected impact: {incident.expected_impact}", 4, 5))
    pieces += [_Piece(s, 2 if n == 0 else 8 + n, 6, sentence=True) for n, s in enumerate(sentences)]
    if eta is not None:
        pieces.append(_Piece(f"Estimated restore: {_on(eta, update.at, config)}", 3, 7))
    if next_update is not None:
        pieces.append(_Piece(f"Next update: by {_on(next_update, update.at, config)}", 4, 8))
    if incident.cause and not incident.is_maintenance and update.status is not Status.RESOLVED:
        pieces.append(_Piece(f"Cause: {display.plain(incident.cause)}", 7, 9))
    if incident.customers_affected and not update.status.is_final:
        pieces.append(_Piece(f"Customers affected: about {incident.customers_affected:,}", 7, 10))
    pieces.append(_Piece(page, 0, 11))
    return title, pieces


def _withdrawn(post: Post, config: Config, short: bool, page: str) -> tuple[str, list[_Piece]]:
    gone = post.withdrawal
    assert gone is not None
    when = _stamp(gone.at, config)
    said = f"Our update of {when} about {gone.title} has been withdrawn: please disregard it."
    if short:
        return "", [_Piece(f"Withdrawn — {said}", 0, 0), _Piece(f"The current status: {page}", 0, 1)]
    pieces = [_Piece(said, 0, 0), _Piece(f"The current status: {page}", 0, 1)]
    return f"Withdrawn: {gone.title} — update of {when}", pieces


def _reminder(post: Post, config: Config, short: bool, page: str) -> tuple[str, list[_Piece]]:
    incident = post.source
    assert incident is not None and incident.window is not None and post.reminder is not None
    start, end = incident.window.start, incident.window.end
    if post.reminder:
        said = f"Planned work: {incident.title}, {(_window_short if short else _window)(start, end, config)}."
    else:  # as the window opens: true however late the run that sends it
        said = (
            f"The window for planned work opened at {_stamp(start, config)}: {incident.title}, "
            f"planned to end by {_on(end, start, config)}."
        )
    impact = incident.expected_impact
    where = (
        f"Areas: {', '.join(a.name for a in incident.areas)}. Services: {', '.join(s.name for s in incident.services)}."
    )
    if short:
        pieces = [_Piece(f"Reminder — {said}", 0, 0), _Piece(impact, 2, 1), _Piece(page, 0, 2)]
        return "", pieces
    pieces = [_Piece(said, 0, 0), _Piece(where, 3, 1), _Piece(f"Expected impact: {impact}", 2, 2), _Piece(page, 0, 3)]
    return f"Reminder: {incident.title}", pieces


def _duty(post: Post, config: Config, short: bool, page: str) -> tuple[str, list[_Piece]]:
    """A reporting duty, for staff: the line ``outage check`` prints, as it stood when it fell due or overdue."""
    duty = post.duty
    assert duty is not None and duty.deadline is not None
    overdue = post.status == "overdue"
    said = f"Overdue since {_stamp(duty.deadline, config)}. {duty.message}" if overdue else duty.message
    how = "Once done, record it in the incident file (reported:), so check stops asking."
    title = f"Reporting duty {'overdue' if overdue else 'due'}: {post.title}"
    if short:  # a text message: which duty, and its deadline; the whole line is in check and on chat
        head = f"Reporting duty {'overdue' if overdue else 'due'}: {duty.regime.short} {duty.rule.title}"
        return "", [
            _Piece(f"{head}, deadline {_stamp(duty.deadline, config)}.", 0, 0),
            _Piece(f"{post.title}.", 1, 0),
            _Piece(page, 0, 1),
        ]
    return title, [_Piece(said, 0, 1), _Piece(how, 2, 2), _Piece(page, 0, 3)]


def _bulletin(post: Post, config: Config, short: bool, site_dir: Path | None, page: str) -> tuple[str, list[_Piece]]:
    """The notice (what technical contacts get by email), or its SMS form, with the newsroom page."""
    bulletin = post.bulletin
    assert bulletin is not None
    when = _stamp(bulletin.at, config)
    if bulletin.kind == "withdrawal":
        said = f"The bulletin of {when} about {bulletin.title} has been withdrawn: please disregard it."
        return (f"Withdrawn: bulletin of {when}", [_Piece(said, 0, 0), _Piece(page, 0, 1)])
    name = "sms.txt" if short else "notice.txt"
    text = _bulletin_file(site_dir, bulletin.files.get(name, f"bulletins/{bulletin.id}/{name}"), bulletin.id, name)
    if short:  # the SMS bulletin: made to fit 160 characters, a correction marked by its template
        return "", [_Piece(" ".join(text.split()), 0, 0)]
    marker = "Correction: " if bulletin.kind == "correction" else ""
    lines = [_Piece(line, 1, n) for n, line in enumerate(text.splitlines()) if line.strip()]
    more = _Piece(f"Radio scripts, press release and CAP alert: {page}", 0, len(lines))
    return f"{marker}Bulletin: {bulletin.title} — update of {when}", [*lines, more]


def _bulletin_file(site_dir: Path | None, relative: str, bulletin_id: str, name: str) -> str:
    if site_dir is None:
        raise NotifyError(f"the {name} of bulletin {bulletin_id} is in the built site: give --site-dir")
    path = (site_dir / relative).resolve()
    if not path.is_relative_to(site_dir.resolve()) or not path.is_file():
        raise NotifyError(f"{site_dir / relative}: expected the {name} of bulletin {bulletin_id}; found no such file")
    return path.read_text(encoding="utf-8").strip()


def _notify_type(post: Post) -> str:
    if post.duty is not None:
        return "failure" if post.status == "overdue" else "warning"
    if post.kind == "withdrawal":
        return "warning"
    if post.reminder is not None or post.topic == "maintenance":
        return "success" if post.status == Status.COMPLETED else "info"
    if post.status in (Status.RESOLVED, Status.COMPLETED):
        return "success"
    if post.status == Status.MONITORING:
        return "info"
    return "failure" if post.impact in (Impact.MAJOR, Impact.CRITICAL) else "warning"


# --- times ----------------------------------------------------------------------


def _stamp(moment: datetime, config: Config) -> str:
    """``10:30 a.m. MST, Nov 22``: a time that reads right whenever the message is read."""
    return f"{display.clock(moment, config.timezone)}, {display.short_day(moment, config.timezone)}"


def _on(moment: datetime, reference: datetime, config: Config) -> str:
    """``3:00 p.m. MST`` on the reference's day, else with its day: ``8:00 a.m. MST, Nov 23``."""
    zone = config.timezone
    if moment.astimezone(zone).date() == reference.astimezone(zone).date():
        return display.clock(moment, zone)
    return _stamp(moment, config)


def _window(start: datetime, end: datetime, config: Config) -> str:
    """``Thursday, December 3, 2026, 1:00 a.m. MST to 5:00 a.m. MST``."""
    zone = config.timezone
    return f"{display.day(start, zone)}, {display.clock(start, zone)} to {_on(end, start, config)}"


def _window_short(start: datetime, end: datetime, config: Config) -> str:
    """``Dec 3, 1:00 a.m. MST to 5:00 a.m. MST``."""
    return f"{display.short_day(start, config.timezone)}, {display.clock(start, config.timezone)} to {_on(end, start, config)}"


# --- fitting --------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    """Plain text split into sentences (a full stop, ? or ! and then a capital), never inside one."""
    flat = " ".join(text.split())
    found, start = [], 0
    for index, char in enumerate(flat):
        if char in ".!?" and flat[index + 1 : index + 2] == " " and flat[index + 2 : index + 3][:1].isupper():
            word = flat[start : index + 1].split()[-1]
            if word in _ABBREVIATIONS:
                continue
            found.append(flat[start : index + 1])
            start = index + 2
    found.append(flat[start:])
    return [s for s in found if s]


_ABBREVIATIONS = frozenset({"St.", "Ave.", "Rd.", "Dr.", "Mr.", "Mrs.", "Ms.", "No.", "Mt.", "Blvd.", "approx."})


def _fit(pieces: list[_Piece], limit: int, joiner: str) -> str:
    """What must stay, then each other piece by rank (then order) if the text still fits ``limit``."""
    kept = {index for index, piece in enumerate(pieces) if not piece.rank}
    optional = sorted((i for i, p in enumerate(pieces) if p.rank), key=lambda i: (pieces[i].rank, i))
    sentences_end = False
    for index in optional:
        piece = pieces[index]
        if piece.sentence and sentences_end:
            continue
        if len(_join([pieces[i] for i in sorted(kept | {index})], joiner)) <= limit:
            kept.add(index)
        elif piece.sentence:
            sentences_end = True
    chosen = [pieces[i] for i in sorted(kept)]
    text = _join(chosen, joiner)
    if len(text) <= limit:
        return text
    # What must stay is too long by itself (a very long title): the first
    # piece is shortened at a word, and the rest (the link) kept whole.
    first, rest = chosen[0], chosen[1:]
    room = limit - len(_join(rest, joiner)) - (len(joiner) if rest else 0)
    return _join([_Piece(_shorten(first.text, max(room, 1)), 0, first.line), *rest], joiner)


def _join(pieces: list[_Piece], joiner: str) -> str:
    lines: dict[int, list[str]] = {}
    for piece in pieces:
        lines.setdefault(piece.line, []).append(piece.text)
    return joiner.join(" ".join(parts) for _, parts in sorted(lines.items()))


def _shorten(text: str, limit: int) -> str:
    """Cut at a word, with an ellipsis (only titles are ever shortened; sentences are left out whole)."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return (cut or text[: max(limit - 1, 0)]) + ELLIPSIS
