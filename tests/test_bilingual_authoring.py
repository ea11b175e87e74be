"""`outage new`, `update`, `resolve` and `maintenance` with French beside the English: `--message-fr` etc.

Each test drives the CLI on a site with ``languages: [en, fr]`` and reads the
file it wrote, whole: the expected files are written by hand. Text given in
both languages is written ``{en: …, fr: …}`` (a block mapping, or on one line
in a file that writes them so); text given in English alone stays plain text,
and ``outage check`` warns of it.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.incidents.languages import site_in
from generator.incidents.load import load_site

STATUS = """\
name: Northwind Broadband
site_url: https://status.northwind.example/
timezone: America/Edmonton
languages: [en, fr]
contact: {phone: "780-555-0100", email: support@northwind.example}
services:
  - {id: internet, name: {en: Internet, fr: Internet}}
  - {id: phone, name: {en: Home phone, fr: Téléphone résidentiel}}
areas:
  - {id: castle-downs, name: Castle Downs}
  - {id: lauderdale, name: Lauderdale, pronounce: LAW-der-dale}
policy:
  max_update_gap: 3h
"""

OPEN_ID = "2026-11-22-internet-outage-in-castle-downs"
OPEN_FILE = f"incidents/2026/{OPEN_ID}.yml"

OPEN = """\
# yaml-language-server: $schema=../../schemas/incident.schema.json
title:
  en: Internet outage in Castle Downs
  fr: Panne d'Internet à Castle Downs
impact: major
services: [internet]
areas: [castle-downs]
cause:
  en: A fibre cable was cut during road work.
  fr: Un câble de fibre optique a été sectionné pendant des travaux routiers.
updates:
  - at: 2026-11-22 12:03
    status: investigating
    message:
      en: We are investigating a loss of internet service in Castle Downs.
      fr: Nous enquêtons sur une interruption du service Internet à Castle Downs.
    next_update: 2026-11-22 13:03
"""
"""What ``outage new`` below writes, checked by hand."""


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [args[0], "--root", str(root), *args[1:]])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def project(tmp_path: Path, status: str = STATUS, files: dict[str, str] | None = None) -> Path:
    root = tmp_path / "status"
    (root / "incidents/2026").mkdir(parents=True)
    (root / "status.yml").write_text(status, encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def read(root: Path, name: str) -> str:
    return (root / name).read_text(encoding="utf-8")


def strict_check(root: Path, now: str) -> None:
    code, output = run(root, "check", "--now", now, "--strict")
    assert code == 0, output
    assert "missing a language" not in output


def test_new_writes_each_text_in_both_languages(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, output = run(
        root, "new", "--now", "2026-11-22 12:03", "--title", "Internet outage in Castle Downs",
        "--title-fr", "Panne d'Internet à Castle Downs", "--impact", "major", "--service", "internet",
        "--area", "castle-downs", "--message", "We are investigating a loss of internet service in Castle Downs.",
        "--message-fr", "Nous enquêtons sur une interruption du service Internet à Castle Downs.",
        "--cause", "A fibre cable was cut during road work.",
        "--cause-fr", "Un câble de fibre optique a été sectionné pendant des travaux routiers.", "--next-update", "1h",
    )  # fmt: skip
    assert code == 0, output
    assert output == f"{OPEN_FILE}\n"
    assert read(root, OPEN_FILE) == OPEN
    strict_check(root, "2026-11-22 12:30")
    french = site_in(load_site(root), "fr").incident(OPEN_ID)
    assert french.title == "Panne d'Internet à Castle Downs"
    assert french.updates[0].facts.cause == "Un câble de fibre optique a été sectionné pendant des travaux routiers."
    assert french.untranslated == frozenset() and french.updates[0].untranslated == frozenset()


def test_update_and_resolve_append_both_languages_and_keep_every_other_byte(tmp_path: Path) -> None:
    root = project(tmp_path, files={OPEN_FILE: OPEN})
    code, output = run(
        root, "update", OPEN_ID, "--now", "2026-11-22 12:50", "--status", "identified",
        "--message", "Crews are splicing the cable.", "--message-fr", "Nos équipes réparent le câble.",
        "--cause", "A contractor cut the cable.", "--cause-fr", "Un entrepreneur a sectionné le câble.",
        "--eta", "15:00",
    )  # fmt: skip
    assert code == 0, output
    code, output = run(
        root, "resolve", OPEN_ID, "--now", "2026-11-22 14:40", "--message", "Service is restored.",
        "--message-fr", "Le service est rétabli.",
    )  # fmt: skip
    assert code == 0, output
    assert read(root, OPEN_FILE) == OPEN + (
        "  - at: 2026-11-22 12:50\n"
        "    status: identified\n"
        "    message:\n"
        "      en: Crews are splicing the cable.\n"
        "      fr: Nos équipes réparent le câble.\n"
        "    cause:\n"
        "      en: A contractor cut the cable.\n"
        "      fr: Un entrepreneur a sectionné le câble.\n"
        "    restore_eta: 2026-11-22 15:00\n"
        "  - at: 2026-11-22 14:40\n"
        "    status: resolved\n"
        "    message:\n"
        "      en: Service is restored.\n"
        "      fr: Le service est rétabli.\n"
    )
    strict_check(root, "2026-11-22 15:00")
    french = site_in(load_site(root), "fr").incident(OPEN_ID)
    assert [u.message for u in french.updates[1:]] == ["Nos équipes réparent le câble.", "Le service est rétabli."]


def test_a_file_that_writes_text_on_one_line_gets_its_new_text_on_one_line(tmp_path: Path) -> None:
    one_line = (
        "title: {en: Phone outage in Lauderdale, fr: Panne de téléphone à Lauderdale}\n"
        "impact: minor\n"
        "services: [phone]\n"
        "areas: [lauderdale]\n"
        "updates:\n"
        "- at: 2026-11-22 09:00   # from the NOC\n"
        "  status: investigating\n"
        "  message: {en: Home phone is down., fr: 'Le téléphone résidentiel est en panne.'}\n"
    )
    name = "incidents/2026/2026-11-22-phone-outage.yml"
    root = project(tmp_path, files={name: one_line})
    code, output = run(
        root, "update", "2026-11-22-phone-outage", "--now", "2026-11-22 10:00", "--message",
        "A card failed: we are replacing it.", "--message-fr", "Une carte est défectueuse; nous la remplaçons.",
    )  # fmt: skip
    assert code == 0, output
    assert read(root, name) == one_line + (
        "- at: 2026-11-22 10:00\n"
        "  status: investigating\n"
        "  message: {en: 'A card failed: we are replacing it.', fr: Une carte est défectueuse; nous la remplaçons.}\n"
    )
    strict_check(root, "2026-11-22 10:30")


def test_english_alone_on_a_bilingual_site_stays_plain_and_check_warns_of_it(tmp_path: Path) -> None:
    root = project(tmp_path, files={OPEN_FILE: OPEN})
    code, output = run(root, "update", OPEN_ID, "--now", "2026-11-22 12:50", "--message", "Still working on it.")
    assert code == 0, output
    assert read(root, OPEN_FILE).endswith("    message: Still working on it.\n")
    code, output = run(root, "check", "--now", "2026-11-22 13:00")
    assert code == 0, output
    assert (
        f"{OPEN_FILE}:20:14: warning: updates[1].message: expected the text in fr too, as {{en: …, fr: …}}; "
        "found plain text, which is en only; fr readers see the en text, marked as such"
    ) in output.splitlines()
    assert run(root, "check", "--now", "2026-11-22 13:00", "--strict")[0] == 1


def test_maintenance_announces_its_window_in_both_languages(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, output = run(
        root, "maintenance", "--now", "2026-11-22 12:00", "--title", "Core router upgrade in Lauderdale",
        "--title-fr", "Mise à niveau du routeur principal à Lauderdale", "--start", "2026-12-03 01:00",
        "--end", "4h", "--service", "internet", "--area", "lauderdale",
        "--expected-impact", "Internet drops for up to 15 minutes.",
        "--expected-impact-fr", "Internet pourrait être coupé jusqu'à 15 minutes.",
    )  # fmt: skip
    assert code == 0, output
    name = "incidents/2026/2026-11-22-core-router-upgrade-in-lauderdale.yml"
    assert read(root, name) == (
        "# yaml-language-server: $schema=../../schemas/incident.schema.json\n"
        "kind: maintenance\n"
        "title:\n"
        "  en: Core router upgrade in Lauderdale\n"
        "  fr: Mise à niveau du routeur principal à Lauderdale\n"
        "services: [internet]\n"
        "areas: [lauderdale]\n"
        "window: {start: 2026-12-03 01:00, end: 2026-12-03 05:00}\n"
        "expected_impact:\n"
        "  en: Internet drops for up to 15 minutes.\n"
        "  fr: Internet pourrait être coupé jusqu'à 15 minutes.\n"
        "updates:\n"
        "  - at: 2026-11-22 12:00\n"
        "    status: scheduled\n"
        "    message:\n"
        "      en: Planned work from December 3, 01:00 to December 3, 05:00. Internet drops for up to 15 minutes.\n"
        "      fr: Travaux planifiés le 3 décembre, de 1 h à 5 h. Internet pourrait être coupé jusqu'à 15 minutes.\n"
    )
    strict_check(root, "2026-11-22 12:30")


def test_french_on_a_site_that_does_not_publish_it_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    english_only = STATUS.replace("languages: [en, fr]\n", "").replace("fr: Téléphone résidentiel", "fr: x")
    english_only = english_only.replace("name: {en: Internet, fr: Internet}", "name: Internet")
    english_only = english_only.replace("name: {en: Home phone, fr: x}", "name: Home phone")
    plain = OPEN.replace(
        "title:\n  en: Internet outage in Castle Downs\n  fr: Panne d'Internet à Castle Downs\n",
        "title: Internet outage in Castle Downs\n",
    )
    plain = plain.replace(
        "cause:\n  en: A fibre cable was cut during road work.\n  fr: Un câble de fibre optique a été sectionné "
        "pendant des travaux routiers.\n",
        "cause: A fibre cable was cut during road work.\n",
    )
    plain = plain.replace(
        "    message:\n      en: We are investigating a loss of internet service in Castle Downs.\n      fr: Nous "
        "enquêtons sur une interruption du service Internet à Castle Downs.\n",
        "    message: We are investigating a loss of internet service in Castle Downs.\n",
    )
    root = project(tmp_path, english_only, {OPEN_FILE: plain})
    strict_check(root, "2026-11-22 12:30")  # the file is valid as it is
    refusal = (
        "outage: --message-fr: expected a site that publishes French (languages: [en, fr] in status.yml); "
        "found languages: [en]; nothing was written\n"
    )
    code, output = run(root, "update", OPEN_ID, "--now", "2026-11-22 12:50", "--message", "x", "--message-fr", "y")
    assert (code, output) == (1, refusal)
    code, output = run(
        root, "new", "--now", "2026-11-22 12:50", "--title", "Phone outage", "--impact", "minor",
        "--service", "phone", "--area", "lauderdale", "--message", "Down.", "--message-fr", "En panne.",
    )  # fmt: skip
    assert (code, output) == (1, refusal)
    assert read(root, OPEN_FILE) == plain
    assert sorted(p.name for p in (root / "incidents/2026").iterdir()) == [f"{OPEN_ID}.yml"]


def test_french_without_the_english_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, files={OPEN_FILE: OPEN})
    code, output = run(root, "update", OPEN_ID, "--now", "2026-11-22 12:50", "--message", "x", "--cause-fr", "Bris.")
    assert code == 1
    assert output == (
        "outage: --cause-fr: expected --cause too, the text in en (the default language); found --cause-fr alone; "
        "nothing was written\n"
    )
    assert read(root, OPEN_FILE) == OPEN


def test_blank_french_is_refused_with_the_field_named(tmp_path: Path) -> None:
    root = project(tmp_path, files={OPEN_FILE: OPEN})
    code, output = run(root, "resolve", OPEN_ID, "--now", "2026-11-22 12:50", "--message", "Done.", "--message-fr", " ")
    assert code == 1
    assert "updates[1].message.fr: expected" in output
    assert read(root, OPEN_FILE) == OPEN


def test_the_help_shows_the_french_options_with_an_example() -> None:
    for command, options in {
        "new": ("--title-fr", "--message-fr", "--cause-fr"),
        "update": ("--message-fr", "--cause-fr"),
        "resolve": ("--message-fr",),
        "maintenance": ("--title-fr", "--expected-impact-fr", "--message-fr"),
    }.items():
        output = CliRunner().invoke(main, [command, "--help"]).output
        for option in options:
            assert option in output, (command, option)
        assert '-fr "' in output.replace("\n", " "), command  # an example uses one
