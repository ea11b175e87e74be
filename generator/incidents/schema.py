"""The shape of the files staff write: ``status.yml`` and one file per incident.

These pydantic models check keys and types only, and give editors a JSON
Schema (``outage schema``). Rules that need more than one field or file
(ids exist, times parse and run forward, status moves forward) live in
``rules.py``; the typed model the rest of the tool uses is in ``model.py``.
Times are text here because their meaning depends on ``status.yml``'s zone.

Longer than most modules: one pydantic class per file and part of a file, each field with the
description editors see in the JSON Schema; this is the one place that shape is declared.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

IncidentStatusName = Literal["investigating", "identified", "monitoring", "resolved"]
MaintenanceStatusName = Literal["scheduled", "in_progress", "verifying", "completed", "cancelled"]
ImpactName = Literal["minor", "major", "critical"]

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
UpdateId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=40,
        description="Keeps this update's identity when its time is corrected: the id it had, e.g. 20260512-1425.",
    ),
]


def _not_blank(value: str) -> str:
    if value and not value.strip():
        raise PydanticCustomError("blank", "some text; found only spaces")
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise PydanticCustomError("one_line", "one line of text; found a line break")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]
"""Text that says something: not empty, not only spaces; may run over several lines (messages, causes)."""
Line = Annotated[str, Field(min_length=1), AfterValidator(_not_blank), AfterValidator(_one_line)]
"""One line of text: titles, names, contacts. A line break there would break a header, a slug or an email."""
OptionalLine = Annotated[str, AfterValidator(_not_blank), AfterValidator(_one_line)]
"""One line of text, or nothing."""
LANGUAGES = ("en", "fr")
"""The languages a site's text may be written in (``languages:`` in status.yml)."""
Language = Literal["en", "fr"]

PLAIN_TAG = "plain text"
BY_LANGUAGE_TAG = "text by language"
"""How pydantic names the two forms of a text field in an error's location; ``problems.py`` leaves them out."""


def _form(value: object) -> str:
    return BY_LANGUAGE_TAG if isinstance(value, dict) else PLAIN_TAG


def by_language(plain: object, each: object, what: str) -> object:
    """A text field: ``plain`` text, or a mapping from language to ``each`` text, ``{en: …, fr: …}``.

    Which languages a mapping must hold depends on status.yml, so the rules
    check that (``languages.py``); the JSON Schema names the languages there are.
    """
    mapping = Annotated[
        dict[str, each],  # type: ignore[valid-type]
        Field(
            json_schema_extra={
                "propertyNames": {"enum": list(LANGUAGES)},
                "minProperties": 1,
                "description": f"{what} in each language of status.yml's languages, e.g. {{en: …, fr: …}}.",
            }
        ),
    ]
    return Annotated[
        Annotated[plain, Tag(PLAIN_TAG)] | Annotated[mapping, Tag(BY_LANGUAGE_TAG)],  # type: ignore[valid-type]
        Discriminator(_form),
    ]


TextByLanguage = by_language(Text, Text, "The text")
"""Text, or the text in each language."""
LineByLanguage = by_language(Line, Line, "The line")
"""One line of text, or that line in each language."""
OptionalLineByLanguage = by_language(OptionalLine, Line, "The line")
OptionalTextByLanguage = by_language(str, Text, "The text")
"""Text that may be left empty, or the text in each language."""
Customers = Annotated[
    int, Field(ge=0, lt=100_000_000, description="How many customers are affected, as known at this point.")
]
PotentiallyAffected = Annotated[
    int,
    Field(
        ge=0,
        lt=100_000_000,
        description="How many customers could be affected (the FCC's measure for outage reports), as known at this point.",
    ),
]
DateText = Annotated[
    str, Field(description="A date like 2026-07-01.", json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"})
]
ReportingId = Annotated[str, Field(min_length=1, json_schema_extra={"pattern": r"^[a-z0-9][a-z0-9-]*$"})]
"""A regime's, category's or recipient's id; the reporting stage says which ones exist."""
UNKNOWN = "unknown"
"""``restore_eta: unknown`` withdraws an earlier estimate: there is no estimate any more."""
Time = Annotated[
    str,
    Field(
        description="Local time in the site's zone, like 2026-05-12 08:25, or with an offset, like 2026-05-12T08:25-06:00.",
        json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}"},
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- status.yml -------------------------------------------------------------


class ContactFile(_Strict):
    phone: Line = Field(description='Customer support phone number, quoted: "780-555-0100".')
    email: Line = Field(description="Customer support email address.")


class MediaContactFile(_Strict):
    name: Line = Field(description="Who newsrooms should call.")
    title: LineByLanguage = Field(description="Their job title, printed in press releases.")
    phone: Line = Field(description="Their phone number, quoted.")
    email: Line = Field(description="Their email address.")


class RegulatoryContactFile(_Strict):
    name: Line = Field(description="Who regulators should call back.")
    title: Line = Field(description="Their job title, named in the drafts.")
    phone: Line = Field(description="Their phone number, quoted.")
    email: Line = Field(description="Their email address.")


class ServiceFile(_Strict):
    id: Id = Field(description="Short lowercase id used in incident files and URLs, e.g. internet.")
    name: LineByLanguage = Field(description="Name customers know, e.g. Home phone.")
    description: OptionalTextByLanguage = Field("", description="One plain sentence about the service.")
    emergency_calls: bool = Field(
        False,
        description="True if 911 calls go over this service: when it is affected, every bulletin says what to do instead.",
    )
    categories: list[ReportingId] = Field(
        default_factory=list,
        description="Its categories for regulatory reporting: primary, public-alerting, specialised (fcc-part4 adds "
        "telephony and interconnected-voip). 9-1-1 is emergency_calls: true, not a category here.",
    )


class AreaFile(_Strict):
    id: Id = Field(description="Short lowercase id used in incident files and URLs, e.g. castle-downs.")
    name: LineByLanguage = Field(
        description="Name as read on air, e.g. Castle Downs; plain, the same in every language."
    )
    region: OptionalLineByLanguage = Field(
        "", description="Larger region the area belongs to, e.g. North Edmonton; plain, the same in every language."
    )
    pronounce: OptionalLineByLanguage = Field(
        "", description="How to say the name on air, e.g. LAW-der-dale; plain, the same in every language."
    )
    polygon: str = Field(
        "", description='CAP polygon: "lat,lon lat,lon …", at least four points, the first equal to the last.'
    )
    geocode: dict[str, str] = Field(
        default_factory=dict, description='CAP geocodes as valueName: value, e.g. {SGC: "4811061"}.'
    )


DEFAULT_EMERGENCY_ADVICE = "If you need 9-1-1, use a cell phone."


class CapSettingsFile(_Strict):
    sender: OptionalLine = Field("", description="CAP sender id, e.g. noc@northwind.example (no spaces or commas).")
    profile: Literal["cap-cp"] | None = Field(
        None,
        description="cap-cp: follow the Canadian Profile of CAP (CAP-CP 0.4): en-CA, CAP-CP event codes, "
        "Statistics Canada geocodes; every area then needs an SGC geocode, and a polygon if it is smaller "
        "than that census subdivision.",
    )


Rate = Annotated[int, Field(ge=80, le=250)]
"""Words a minute a newsreader reads."""


class BulletinSettingsFile(_Strict):
    words_per_minute: by_language(Rate, Rate, "Words a minute") = Field(  # type: ignore[valid-type]
        150,
        description="Reading speed for radio copy, words a minute: one number for the default language, or one "
        "per language, e.g. {en: 150, fr: 175} (French radio reads faster: 175 unless given).",
    )
    radio_lengths: list[Annotated[int, Field(ge=5, le=300)]] = Field(
        default_factory=lambda: [15, 30, 60], min_length=1, description="Lengths of radio scripts, in seconds."
    )
    spoken: dict[str, str] = Field(
        default_factory=dict,
        description="How abbreviations and jargon are read on air, e.g. {ISP: I-S-P, upstream carrier: carrier}.",
    )
    cap: CapSettingsFile | None = Field(None, description="Settings for CAP 1.2 alerts.")
    emergency_advice: TextByLanguage = Field(
        DEFAULT_EMERGENCY_ADVICE,
        description="What every bulletin says to do while a service with emergency_calls is affected.",
    )


class PolicyFile(_Strict):
    max_update_gap: str = Field(
        "3h", description="An open incident with no update for longer than this is overdue, e.g. 3h or 90m."
    )


class FeedSettingsFile(_Strict):
    entries: int = Field(
        100, ge=1, le=1000, description="Most recent updates per feed; keeps feeds small at any history size."
    )


class RegimeChoiceFile(_Strict):
    """A reporting regime the organisation follows: a shipped regime's id, alone or with the dates it covers."""

    regime: ReportingId = Field(
        description="A regime shipped with the tool: crtc-interim-2023, crtc-2025-225 or fcc-part4."
    )
    effective_from: DateText | None = Field(
        None,
        description="Apply it to outages that begin on or after this date; for a regime not yet in force (crtc-2025-225), "
        "the start date the regulator sets.",
    )
    effective_until: DateText | None = Field(
        None, description="Apply it to outages that begin on or before this date (when another regime replaces it)."
    )

    @model_validator(mode="before")
    @classmethod
    def _id_alone(cls, value: object) -> object:
        """``crtc-2025-225`` is short for ``{regime: crtc-2025-225}``."""
        return {"regime": value} if isinstance(value, str) else value


class ReportingFile(_Strict):
    """Regulatory outage reporting (README, "Regulatory reporting"): an aid, not legal advice."""

    @model_validator(mode="before")
    @classmethod
    def _regimes_alone(cls, value: object) -> object:
        """``reporting: [crtc-2025-225]`` is short for ``reporting: {regimes: [crtc-2025-225]}``."""
        return {"regimes": value} if isinstance(value, list) else value

    regimes: list[RegimeChoiceFile] = Field(
        default_factory=list,
        description="The regimes you report under, e.g. [crtc-2025-225] or [{regime: crtc-2025-225, effective_from: 2026-07-01}].",
    )
    recipients: dict[ReportingId, Line] = Field(
        default_factory=dict,
        description="Your names for the regimes' recipients, e.g. {emergency-management: Alberta Emergency Management Agency}.",
    )
    contact: RegulatoryContactFile | None = Field(
        None, description="Who regulators call back, named in the drafts (default: media_contact)."
    )
    internal: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Your own rules, in the format of a regime's rules, e.g. tell the executive on call at 100,000 user-minutes.",
    )


ChannelKind = Literal["incidents", "maintenance", "bulletins", "duties"]


class ChannelFile(_Strict):
    """A place updates are pushed to: a chat, a social account, an SMS gateway (Apprise URL) or a signed webhook."""

    name: Id = Field(description="Short lowercase name: shown in logs instead of the URL, and kept in the ledger.")
    url: OptionalLine = Field(
        "",
        description="The Apprise URL (slack://…, mastodons://…, bsky://…, json://…). In status.yml: ${AN_ENVIRONMENT_VARIABLE} only.",
    )
    webhook: OptionalLine = Field(
        "", description="Instead of url: an https address that receives signed JSON shaped like Statuspage's webhooks."
    )
    secret: OptionalLine = Field(
        "", description="The webhook's signing secret (whsec_…, Standard Webhooks). In status.yml: ${A_VARIABLE}."
    )
    kinds: list[ChannelKind] = Field(
        default_factory=lambda: ["incidents", "maintenance"],
        min_length=1,
        description="What it receives: incidents (their updates), maintenance (with reminders), bulletins, "
        "duties (regulatory reporting duties as each falls due and if it becomes overdue: for internal channels).",
    )
    services: list[Id] = Field(default_factory=list, description="Only incidents touching these service ids.")
    areas: list[Id] = Field(default_factory=list, description="Only incidents touching these area ids.")
    impact: ImpactName | None = Field(None, description="Only incidents of at least this impact (minor, major).")
    reminders: list[str] = Field(
        default_factory=lambda: ["72h", "24h", "0h"],
        description="When to remind of planned work, before its window opens (0h: as it opens); [] for none.",
    )


class ChannelsFile(_Strict):
    """The channels file kept out of the repository (OUTAGE_CHANNELS, OUTAGE_CHANNELS_FILE)."""

    channels: list[ChannelFile] = Field(default_factory=list)


class StatusFile(_Strict):
    """status.yml: who you are, what you offer, where, and how bulletins read."""

    name: LineByLanguage = Field(
        description="Organisation name as read on air and printed in releases; plain, the same in every language."
    )
    site_url: Line = Field(description="Public address of the status site, e.g. https://status.example/.")
    timezone: Line = Field(description="IANA time zone, e.g. America/Edmonton; every time is shown in it.")
    language: Language = Field("en", description="The site's one language; with languages, the first of them.")
    languages: list[Language] | None = Field(
        None,
        min_length=1,
        description="The languages the site is published in, the default first, e.g. [en, fr]: every text of "
        "status.yml and the incident files may then be a mapping by language, {en: …, fr: …}.",
    )
    contact: ContactFile
    media_contact: MediaContactFile | None = None
    about: OptionalTextByLanguage = Field("", description='One paragraph for "About <organisation>" in press releases.')
    dateline: OptionalLineByLanguage = Field(
        "", description="Press release dateline, e.g. EDMONTON, Alta.; plain, the same in every language."
    )
    services: list[ServiceFile] = Field(min_length=1)
    areas: list[AreaFile] = Field(min_length=1)
    bulletins: BulletinSettingsFile = Field(default_factory=BulletinSettingsFile)
    policy: PolicyFile = Field(default_factory=PolicyFile)
    feeds: FeedSettingsFile = Field(default_factory=FeedSettingsFile)
    logo: str | None = Field(
        None, description="Your logo for the site's header: an SVG or PNG in this repository, e.g. assets/logo.svg."
    )
    favicon: str | None = Field(
        None, description="The browser tab icon: an SVG, PNG or ICO in this repository, e.g. assets/favicon.svg."
    )
    reporting: ReportingFile | None = Field(None, description="Regulatory outage reporting; off when left out.")
    channels: list[ChannelFile] = Field(
        default_factory=list,
        description="Chat, social and webhook channels updates are pushed to; every URL and secret as ${VARIABLE}.",
    )


# --- incidents/YYYY/YYYY-MM-DD-slug.yml -------------------------------------


class WindowFile(_Strict):
    start: Time
    end: Time


class IncidentUpdateFile(_Strict):
    """One update. The facts it states hold until a later update changes them."""

    id: UpdateId | None = None
    at: Time = Field(description="When this update was published; also its identity unless `id` is given.")
    status: IncidentStatusName
    message: TextByLanguage = Field(description="What customers need to know now, in plain words.")
    restore_eta: Time | Literal["unknown"] | None = Field(
        None, description="Estimated time service is back; after `at`. `unknown` withdraws an earlier estimate."
    )
    next_update: Time | None = Field(None, description="When the next update is promised; after `at`.")
    impact: ImpactName | None = Field(None, description="The impact from this update on.")
    services: list[Id] | None = Field(None, min_length=1, description="The affected services from this update on.")
    areas: list[Id] | None = Field(None, min_length=1, description="The affected areas from this update on.")
    customers_affected: Customers | None = None
    customers_potentially_affected: PotentiallyAffected | None = None
    cause: TextByLanguage | None = Field(None, description="The cause, in public words, as found at this update.")


class MaintenanceUpdateFile(_Strict):
    """One update of planned work. The facts it states hold until a later update changes them."""

    id: UpdateId | None = None
    at: Time = Field(description="When this update was published; also its identity unless `id` is given.")
    status: MaintenanceStatusName
    message: TextByLanguage
    next_update: Time | None = Field(None, description="When the next update is promised; after `at`.")
    window: WindowFile | None = Field(None, description="A new window: the work is rescheduled.")
    impact: ImpactName | None = Field(None, description="The impact from this update on.")
    services: list[Id] | None = Field(None, min_length=1, description="The affected services from this update on.")
    areas: list[Id] | None = Field(None, min_length=1, description="The affected areas from this update on.")
    customers_affected: Customers | None = None


class ReportedFile(_Strict):
    """A notification or report made to a regulator or authority, or under your own rules; never published."""

    rule: Line = Field(
        description="regime-id/rule-id, as outage check names the duty, e.g. crtc-2025-225/primary-notification "
        "(internal/<id> for your own rules)."
    )
    at: Time = Field(description="When it was made.")
    by: Line = Field(description="Who made it.")
    reference: OptionalLine = Field("", description="The recipient's reference number, a ticket, an email's subject.")
    recipient: ReportingId | None = Field(
        None,
        description="The one recipient it covers, by the rule's recipient id (default: every recipient of the rule).",
    )


class IncidentFile(_Strict):
    """An unplanned incident: something broke."""

    kind: Literal["incident"] = "incident"
    title: LineByLanguage = Field(description="What is down and where, e.g. Internet and phone outage in Castle Downs.")
    impact: ImpactName
    services: list[Id] = Field(
        min_length=1, description="Ids of affected services from status.yml, as known from the first update."
    )
    areas: list[Id] = Field(
        min_length=1, description="Ids of affected areas from status.yml, as known from the first update."
    )
    customers_affected: Customers | None = None
    cause: OptionalTextByLanguage = Field("", description="The cause, in public words, known from the first update.")
    began_at: Time | None = Field(
        None, description="When the outage itself began, if before the first update; 'since' counts from it."
    )
    customers_potentially_affected: PotentiallyAffected | None = None
    discovered_at: Time | None = Field(
        None,
        description="When you became aware of the outage (default: the first update); reporting clocks run from it.",
    )
    community_isolated: bool = Field(
        False, description="True if the outage cut off an area that only you serve (reporting rules apply)."
    )
    reported: list[ReportedFile] = Field(
        default_factory=list, description="Notifications and reports made for this outage, for outage check."
    )
    broadcast: bool | None = Field(None, description="Issue radio/press/CAP bulletins (default: major and critical).")
    reference: Line | None = Field(
        None, description="Your own reference, e.g. the ticket NOC-5391; shown on the notice."
    )
    affects: OptionalLineByLanguage = Field(
        "",
        description="When only part of a service is affected, what, as said on air in place of the service's name, "
        "e.g. voicemail or outgoing business email (French without article: messagerie vocale).",
    )
    reopened: bool = Field(False, description="True if the incident was resolved and then investigated again.")
    updates: list[IncidentUpdateFile] = Field(min_length=1, description="Oldest first.")
    postmortem: OptionalTextByLanguage = Field("", description="Markdown shown on the incident page.")


class MaintenanceFile(_Strict):
    """Planned work, announced ahead."""

    kind: Literal["maintenance"]
    title: LineByLanguage
    impact: ImpactName | None = Field(None, description="How bad the planned interruption is.")
    services: list[Id] = Field(min_length=1)
    areas: list[Id] = Field(min_length=1)
    customers_affected: Customers | None = None
    window: WindowFile = Field(description="When the work is planned.")
    expected_impact: LineByLanguage = Field(description="What customers will notice, in one sentence.")
    broadcast: bool | None = Field(
        None, description="Issue radio/press/CAP bulletins for this work (default: when impact is major or critical)."
    )
    reference: Line | None = Field(
        None, description="Your own reference, e.g. the change CHG-0412; shown on the notice."
    )
    updates: list[MaintenanceUpdateFile] = Field(min_length=1, description="Oldest first.")
    postmortem: OptionalTextByLanguage = ""
