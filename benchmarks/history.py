"""A synthetic status history of N incidents, for the benchmarks.

Writes a realistic status repository: status.yml with 6 services and 40 areas,
the site template, and N incident and maintenance files about three a day
back from 2026-11-22 12:00 America/Edmonton (open incidents, upcoming and
rescheduled maintenance, broadcasting incidents among them), then checks it
with the loader.

    python benchmarks/history.py 1000 /tmp/history-1000

It is long because a realistic history needs realistic words: the message
texts, causes and places below are most of it.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("America/Edmonton")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)
NOW_TEXT = "2026-11-22 12:00"
PER_DAY = 3
"""Incidents per day of history: N files cover about N / 3 days back from NOW."""
MAINTENANCE_SHARE = 0.15
BROADCAST_SHARE = 0.10

# --- the synthetic status repository -----------------------------------------

SERVICES = [
    ("internet", "Internet", "internet", "Home internet over fibre and DSL (the phone line)."),
    ("phone", "Home phone", "home phone", "Home phone lines, including 911 calling and voicemail."),
    ("email", "Email", "email", "Northwind email addresses, webmail and mail apps."),
    ("business", "Business fibre", "business fibre", "Fibre internet for business customers."),
    ("tv", "TV", "TV", "Live TV and recordings over the internet connection."),
    ("account", "Online account", "online account", "Paying bills and managing your plan online."),
]
"""(id, name, name in a sentence, description)."""

AREAS = {
    "North Edmonton": ["Castle Downs", "Lauderdale", "Griesbach", "Kensington", "Londonderry", "Evansdale"],
    "Northeast Edmonton": ["Beverly", "Clareview", "Belvedere", "Hairsine", "Kilkenny"],
    "Central Edmonton": ["Downtown", "Oliver", "Westmount", "Glenora", "Highlands", "Bonnie Doon"],
    "South Edmonton": ["Mill Woods", "Ottewell", "Summerside", "Rutherford", "Windermere", "Terwillegar"],
    "West Edmonton": ["Callingwood", "Meadowlark", "The Hamptons", "Lewis Farms"],
    "St. Albert": ["St. Albert"],
    "Sturgeon County": ["Sturgeon County", "Morinville", "Gibbons", "Bon Accord", "Legal", "Redwater"],
    "Strathcona County": ["Sherwood Park", "Fort Saskatchewan"],
    "Parkland County": ["Spruce Grove", "Stony Plain"],
    "Leduc County": ["Leduc", "Beaumont"],
}
PRONOUNCE = {"Lauderdale": "LAW-der-dale", "Griesbach": "GREES-bock", "Hairsine": "HAIR-sine"}

CAUSES = [
    "A contractor cut a fibre cable while drilling under {street}.",
    "A power failure at our {area} hub drained its backup batteries.",
    "A line card failed in the roadside cabinet on {street}.",
    "A software fault in a core router stopped it from forwarding traffic.",
    "High winds brought down an overhead cable on {street}.",
    "Water got into an underground vault on {street} and damaged a splice.",
    "An outage at our upstream carrier cut the link between {area} and our network.",
    "A configuration change on a switch was made with a mistake and had to be undone.",
]
STREETS = ["137 Avenue", "66 Street", "Whyte Avenue", "Jasper Avenue", "153 Avenue", "Gateway Boulevard", "97 Street"]

INVESTIGATING = [
    "We are investigating a loss of {service} service in {areas}. There is no need to call; updates will be posted here.",
    "Some customers in {areas} are reporting slow or dropped {service} connections. Our network team is looking into it.",
    "{Service} {is} down for some customers in {areas} since about {start}. We know about it and are working on it.",
]
IDENTIFIED = [
    "We have found the cause and a crew is on the way. We expect {service} back in {areas} by about {eta}.",
    "Crews have located the damage near {street} and are repairing it. The estimate is now {eta}.",
    "Technicians are replacing the faulty equipment that serves {areas}. Service should return by about {eta}.",
]
MONITORING = [
    "A fix is in place and {service} {is} coming back in {areas}. We are watching the network to make sure it stays up.",
    "Most customers in {areas} are back online. We are monitoring while the last connections recover.",
]
RESOLVED = [
    "{Service} {is} fully restored in {areas}. If you are still offline, restart your modem.",
    "Service is back to normal. If you still have trouble, unplug your modem for 30 seconds and plug it back in. If that does not help, call us at 780-555-0100.",
    "The repair is complete and {service} {is} working again in {areas}. Thank you for your patience.",
]
WORKS = [
    ("Core router upgrade", "upgrade the main router that serves"),
    ("Fibre cabinet replacement", "replace the fibre cabinet that serves"),
    ("Phone switch software upgrade", "upgrade the phone switch software for"),
    ("Backup power upgrade", "replace the backup batteries at the hub that serves"),
    ("Network equipment move", "move network equipment that serves"),
]
EXPECTED = [
    "{Service} will drop for up to 15 minutes during the window.",
    "{Service} may drop twice, for up to 10 minutes each time, during the window.",
    "Customers should notice no interruption; {service} may be slow for a few minutes.",
]


def slug(text: str) -> str:
    """Lowercase words joined by hyphens, as incident file names want them."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def status_yml() -> tuple[str, list[tuple[str, str]]]:
    """The text of a status.yml with 6 services and 40 areas, and the (id, name) of each area."""
    lines = [
        "# yaml-language-server: $schema=schemas/status.schema.json",
        "name: Northwind Broadband",
        "site_url: https://status.northwind.example/",
        "timezone: America/Edmonton",
        "language: en",
        'contact: {phone: "780-555-0100", email: support@northwind.example}',
        "media_contact:",
        "  name: Dana Reyes",
        "  title: Communications lead",
        '  phone: "780-555-0199"',
        "  email: media@northwind.example",
        "about: Northwind Broadband provides internet, phone and TV to 120,000 homes and businesses in northern Alberta.",
        "dateline: EDMONTON, Alta.",
        "",
        "services:",
    ]
    for service_id, name, _, description in SERVICES:
        lines += [f"  - id: {service_id}", f"    name: {name}", f"    description: {description}"]
    lines += ["", "areas:"]
    areas = []
    for index, (region, names) in enumerate((r, n) for r, ns in AREAS.items() for n in ns):
        area_id = slug(names)
        areas.append((area_id, names))
        lat, lon = 53.30 + (index % 8) * 0.08, -113.90 + (index // 8) * 0.12
        square = [(lat + 0.03, lon), (lat + 0.03, lon + 0.05), (lat, lon + 0.05), (lat, lon), (lat + 0.03, lon)]
        lines += [f"  - id: {area_id}", f"    name: {names}", f"    region: {region}"]
        if names in PRONOUNCE:
            lines.append(f"    pronounce: {PRONOUNCE[names]}")
        lines.append('    polygon: "' + " ".join(f"{a:.3f},{b:.3f}" for a, b in square) + '"')
        if index % 3 == 0:
            lines.append(f'    geocode: {{SGC: "48110{index:02d}"}}')
    lines += [
        "",
        "bulletins:",
        "  words_per_minute: 150",
        "  radio_lengths: [15, 30, 60]",
        "  spoken: {ISP: I-S-P, DSL: D-S-L, NOC: N-O-C, VoIP: voice-over-I-P}",
        "  cap: {sender: noc@northwind.example}",
        "",
        "policy:",
        "  max_update_gap: 3h",
        "",
    ]
    return "\n".join(lines), areas


def stamp(moment: datetime) -> str:
    """A local time as incident files write it."""
    return moment.strftime("%Y-%m-%d %H:%M")


def spoken_time(moment: datetime) -> str:
    """2:30 p.m., as messages say it."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def spoken_day(moment: datetime) -> str:
    return f"{moment:%A}, {moment:%B} {moment.day}"


def joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def block(text: str, indent: int) -> str:
    """A folded block scalar (``>-``): safe for any message, wrapped like a person would."""
    pad = " " * indent
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > 86:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "\n".join(pad + part for part in lines)


class RepositoryWriter:
    """Writes one synthetic status repository; every choice comes from one seeded random.Random."""

    def __init__(self, root: Path, count: int, seed: int | None = None) -> None:
        self.root, self.count = root, count
        self.rng = random.Random(2026_000_000 + count if seed is None else seed)  # repeatable for each N
        self.taken: set[str] = set()
        self.kinds = {"incident": 0, "maintenance": 0, "open": 0, "upcoming": 0}

    def write(self) -> None:
        """status.yml, the site template and ``count`` incident files; the repository checks as it is."""
        (self.root / "incidents").mkdir(parents=True)
        text, self.areas = status_yml()
        (self.root / "status.yml").write_text(text, encoding="utf-8")
        shutil.copytree(PROJECT / "site_template", self.root / "site_template")
        open_count = min(self.rng.randint(1, 3), max(self.count - 2, 0))
        upcoming = min(2, self.count - open_count)
        history = self.count - open_count - upcoming
        days = max(1, -(-history // PER_DAY))
        first_day = NOW.date() - timedelta(days=days)
        for index in range(history):
            # Spread evenly: file ``index`` happens on day first_day + index * days / history (never today).
            day = first_day + timedelta(days=index * days // history)
            if self.rng.random() < MAINTENANCE_SHARE:
                self.maintenance(day)
            else:
                self.incident(day)
        for index in range(open_count):
            self.incident(NOW.date(), still_open=index + 1)
        for index in range(upcoming):
            self.maintenance(NOW.date() + timedelta(days=4 + 6 * index), upcoming=True)

    # Every time is placed between 04:00 and 23:59 local on its day, so none falls
    # in the hour skipped or repeated at a daylight-saving change (01:00-03:59).

    def at(self, day: date, hour: int, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)

    def pick_areas(self) -> list[tuple[str, str]]:
        count = self.rng.choices([1, 2, 3, 5, 8], weights=[45, 25, 15, 10, 5])[0]
        return self.rng.sample(self.areas, count)

    def pick_services(self) -> list[tuple[str, str, str, str]]:
        count = self.rng.choices([1, 2], weights=[80, 20])[0]
        return self.rng.sample(SERVICES, count)

    def place(self, day: date, title: str, body: list[str]) -> None:
        """Write the file under a unique id made from the day and the title."""
        stem = f"{day.isoformat()}-{slug(title)[:60].strip('-')}"
        unique, suffix = stem, 2
        while unique in self.taken:
            unique, suffix = f"{stem}-{suffix}", suffix + 1
        self.taken.add(unique)
        folder = self.root / "incidents" / str(day.year)
        folder.mkdir(exist_ok=True)
        header = "# yaml-language-server: $schema=../../schemas/incident.schema.json\n"
        (folder / f"{unique}.yml").write_text(header + "\n".join(body) + "\n", encoding="utf-8")

    def common(self, title: str, services, areas, impact: str | None, broadcast: bool) -> list[str]:
        lines = [f"title: {json.dumps(title)}"]
        if impact:
            lines.append(f"impact: {impact}")
        lines += [
            f"services: [{', '.join(s[0] for s in services)}]",
            f"areas: [{', '.join(a[0] for a in areas)}]",
        ]
        if self.rng.random() < 0.6:
            lines.append(f"customers_affected: {self.rng.randint(1, 60) * 50 * len(areas)}")
        lines.append(f"broadcast: {'true' if broadcast else 'false'}")
        return lines

    def incident(self, day: date, still_open: int = 0) -> None:
        """An unplanned incident on ``day``: 2-5 updates, resolved unless ``still_open``."""
        rng = self.rng
        services, areas = self.pick_services(), self.pick_areas()
        impact = rng.choices(["minor", "major", "critical"], weights=[55, 35, 10])[0]
        area_names = [a[1] for a in areas]
        place = joined(area_names) if len(areas) <= 3 else f"{len(areas)} areas"
        kind = rng.choice(["{S} outage in {p}", "Slow {s} in {p}", "Intermittent {s} in {p}", "No {s} in {p}"])
        title = kind.format(S=joined([s[1] for s in services]), s=joined([s[2] for s in services]), p=place)
        title = title[0].upper() + title[1:]
        street, area_name = rng.choice(STREETS), area_names[0]
        cause = rng.choice(CAUSES).format(street=street, area=area_name)
        words = {
            "service": joined([s[2] for s in services]),
            "Service": joined([s[1] for s in services]),
            "areas": joined(area_names),
            "street": street,
            "is": "is" if len(services) == 1 else "are",
        }
        if still_open:
            # Started this morning, updated every 20-40 minutes, the next update promised after now.
            statuses = ["investigating", "identified", "monitoring"][:still_open]
            start = NOW - timedelta(minutes=45 * still_open + rng.randrange(5, 35, 5))
        else:
            count = rng.randint(2, 5)
            statuses = {
                2: ["investigating", "resolved"],
                3: ["investigating", "identified", "resolved"],
                4: ["investigating", "identified", "monitoring", "resolved"],
                5: ["investigating", "identified", "identified", "monitoring", "resolved"],
            }[count]
            start = self.at(day, rng.randint(4, 14), rng.randrange(0, 60, 5))
        body = self.common(title, services, areas, impact, rng.random() < BROADCAST_SHARE)
        if not still_open and rng.random() < 0.7:
            body.append(f"cause: {json.dumps(cause)}")
        body.append("updates:")
        moment = start
        for index, status in enumerate(statuses):
            if index and still_open:
                moment += timedelta(minutes=rng.randrange(20, 45, 5))
            elif index:  # 10-90 minutes between updates: at most 4 gaps, so all on the same day
                moment += timedelta(minutes=rng.randrange(10, 95, 5))
            eta = moment + timedelta(minutes=rng.randrange(60, 185, 5))
            template = {"investigating": INVESTIGATING, "identified": IDENTIFIED, "monitoring": MONITORING}.get(
                status, RESOLVED
            )
            message = rng.choice(template).format(start=spoken_time(start), eta=spoken_time(eta), **words)
            message = message.replace("..", ".")  # "by 2:30 p.m." ends its sentence
            body += [f"  - at: {stamp(moment)}", f"    status: {status}", f"    message: {block(message, 6)}"]
            final = status == "resolved"
            if status == "identified":
                body.append(f"    restore_eta: {stamp(eta)}")
            if not final:
                promised = moment + timedelta(minutes=60)
                if still_open and index == len(statuses) - 1:
                    promised = NOW + timedelta(minutes=rng.randrange(30, 65, 5))
                body.append(f"    next_update: {stamp(promised)}")
        if impact == "critical" and not still_open and rng.random() < 0.3:
            body += [
                "postmortem: |",
                "  ## What happened",
                "",
                f"  {cause} About {len(areas) * 900:,} customers in {joined(area_names)} lost service.",
                "",
                "  ## What we are changing",
                "",
                "  - We are adding a second route so that one failure cannot take these areas down.",
                "  - We have reviewed our procedures with the crews involved.",
            ]
        self.kinds["open" if still_open else "incident"] += 1
        self.place(day, title, body)

    def maintenance(self, day: date, upcoming: bool = False) -> None:
        """Planned work with its window on ``day``, announced 3-14 days before; some rescheduled or cancelled."""
        rng = self.rng
        services, areas = self.pick_services()[:1], self.pick_areas()
        work, doing = rng.choice(WORKS)
        area_names = [a[1] for a in areas]
        title = f"{work} in {joined(area_names) if len(areas) <= 3 else str(len(areas)) + ' areas'}"
        words = {"service": services[0][2], "Service": services[0][1], "areas": joined(area_names)}
        expected = rng.choice(EXPECTED).format(**words)
        start = self.at(day, rng.choice([4, 5]), rng.choice([0, 30]))
        end = start + timedelta(hours=rng.randint(1, 3))
        announced = self.at(day - timedelta(days=rng.randint(3, 14)), rng.randint(9, 16), rng.randrange(0, 60, 5))
        if upcoming:
            announced = self.at(NOW.date() - timedelta(days=rng.randint(1, 3)), 10, 0)
        body = ["kind: maintenance"]
        common = self.common(title, services, areas, "minor", rng.random() < BROADCAST_SHARE)
        body += [common[0]]
        body.append(f"window: {{start: {stamp(start)}, end: {stamp(end)}}}")
        body.append(f"expected_impact: {json.dumps(expected)}")
        body += common[1:]
        body.append("updates:")
        scheduled = (
            f"We will {doing} {joined(area_names)} on {spoken_day(start)}, between "
            f"{spoken_time(start)} and {spoken_time(end)}. {expected}"
        )
        body += ["  - at: " + stamp(announced), "    status: scheduled", f"    message: {block(scheduled, 6)}"]
        roll = rng.random()
        if not upcoming and roll < 0.1:
            cancelled = (
                "We have cancelled this work. There will be no interruption, and a new date will be posted here."
            )
            at = announced + timedelta(days=1)
            body += [f"  - at: {stamp(at)}", "    status: cancelled", f"    message: {block(cancelled, 6)}"]
        elif not upcoming:
            if roll < 0.25:  # rescheduled a day later, announced the day before the original window
                old_start = start
                start, end = start + timedelta(days=1), end + timedelta(days=1)
                moved = (
                    f"We have moved this work one day later, to {spoken_day(start)}, between {spoken_time(start)} "
                    f"and {spoken_time(end)}. The expected interruptions are the same."
                )
                at = self.at(old_start.date() - timedelta(days=1), 15, 30)
                body += [
                    f"  - at: {stamp(at)}",
                    "    status: scheduled",
                    f"    message: {block(moved, 6)}",
                    f"    window: {{start: {stamp(start)}, end: {stamp(end)}}}",
                ]
            steps = [("in_progress", start, "The work has started. {Service} may drop for a few minutes in {areas}.")]
            if rng.random() < 0.5:
                steps.append(
                    ("verifying", end - timedelta(minutes=30), "The work is done and we are testing {service}.")
                )
            steps.append(
                (
                    "completed",
                    end - timedelta(minutes=10),
                    "The work is complete. If {service} is not working, restart your modem.",
                )
            )
            for status, at, message in steps:
                text = message.format(**words)
                body += [f"  - at: {stamp(at)}", f"    status: {status}", f"    message: {block(text, 6)}"]
        self.kinds["upcoming" if upcoming else "maintenance"] += 1
        self.place(announced.date(), title, body)


def make_repository(root: Path, count: int) -> dict[str, int]:
    """Write a repository of ``count`` files in ``root`` and check it with the loader; return what it holds."""
    from generator.incidents.load import load_site
    from generator.incidents.problems import InvalidSite

    writer = RepositoryWriter(root, count)
    writer.write()
    try:
        site = load_site(root)
    except InvalidSite as exc:
        raise SystemExit(f"the synthetic repository in {root} does not check:\n{str(exc)[:3000]}") from None
    assert len(site.incidents) == count, (len(site.incidents), count)
    open_now = sum(i.is_open and not i.is_maintenance for i in site.incidents)
    assert open_now == writer.kinds["open"], (open_now, writer.kinds)
    return writer.kinds


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        raise SystemExit("usage: python benchmarks/history.py N FOLDER")
    kinds = make_repository(Path(sys.argv[2]), int(sys.argv[1]))
    print(f"wrote {sys.argv[1]} files to {sys.argv[2]}: {kinds}")
