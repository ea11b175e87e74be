"""`outage update` and `resolve` append an update and leave every other byte of the file as staff wrote it.

Each case is a file in a layout staff use, and the whole file expected after
one update, written by hand: line endings (CRLF stays CRLF), block styles
(``|``, ``>-``), indentation, quotes and comments are kept; the new update
follows the layout of the ones before it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from example_repo import copy_of_example

from generator.cli import main
from generator.incidents.load import load_site

NAME = "2026-11-23-clareview-outage"

TWO_SPACES = """\
# yaml-language-server: $schema=../../schemas/incident.schema.json
title: Internet outage in Clareview   # as read on air
impact: major
services: [internet]
areas: [clareview]
cause: 'A router card failed.'
updates:
  - at: 2026-11-23 08:10
    status: investigating
    message: |
      We are investigating.

      More soon.
    next_update: 2026-11-23 09:00   # promised on the phone too
"""
TWO_SPACES_AFTER = (
    TWO_SPACES
    + """\
  - at: 2026-11-23 09:10
    status: identified
    message: Crews are replacing the card.
    next_update: 2026-11-23 10:10
"""
)

FOUR_SPACES = """\
title: Internet outage in Clareview
impact: major
services:
    - internet
areas:
    - clareview
cause: >-
    A circuit board failed
    in the hub router.
updates:
    -   at: 2026-11-23 08:10
        status: investigating
        message: |
            We are investigating.
        next_update: 2026-11-23 09:00
    -   at: 2026-11-23 08:55
        status: identified
        message: >
            The cause is found.
            A crew is on the way.
        # the crew left the depot at 8:50
# end of the file: staff notes
"""
FOUR_SPACES_AFTER = FOUR_SPACES.replace(
    "# end of the file",
    """\
    -   at: 2026-11-23 09:10
        status: identified
        message: Crews are replacing the card.
        next_update: 2026-11-23 10:10
# end of the file""",
)

WITH_POSTMORTEM = """\
title: Internet outage in Clareview
impact: minor
services: [internet]
areas: [clareview]
updates:
- at: 2026-11-23 08:10
  status: investigating
  message: "We are investigating: more soon."

postmortem: |
  Written later.
"""
WITH_POSTMORTEM_AFTER = WITH_POSTMORTEM.replace(
    'more soon."\n',
    """more soon."
- at: 2026-11-23 09:10
  status: identified
  message: Crews are replacing the card.
  next_update: 2026-11-23 10:10
""",
)

NO_LINE_BREAK_AT_THE_END = TWO_SPACES.removesuffix("\n")
NO_LINE_BREAK_AFTER = TWO_SPACES_AFTER


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


CASES = {
    "two spaces, | block, comments": (TWO_SPACES, TWO_SPACES_AFTER),
    "four spaces, >- and >, comment under the last update and at the end": (FOUR_SPACES, FOUR_SPACES_AFTER),
    "dashes at the margin, a key after the updates": (WITH_POSTMORTEM, WITH_POSTMORTEM_AFTER),
    "no line break at the end": (NO_LINE_BREAK_AT_THE_END, NO_LINE_BREAK_AFTER),
    "CRLF": (crlf(TWO_SPACES), crlf(TWO_SPACES_AFTER)),
    "CRLF, four spaces": (crlf(FOUR_SPACES), crlf(FOUR_SPACES_AFTER)),
    "byte-order mark": ("\ufeff" + TWO_SPACES, "\ufeff" + TWO_SPACES_AFTER),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_of_example(tmp_path)


def write(root: Path, text: str) -> Path:
    path = root / "incidents" / "2026" / f"{NAME}.yml"
    path.write_bytes(text.encode("utf-8"))
    return path


def update(root: Path, *extra: str) -> None:
    result = CliRunner().invoke(
        main,
        ["update", "--root", str(root), NAME, "--now", "2026-11-23 09:10", "--status", "identified",
         "--message", "Crews are replacing the card.", "--next-update", "1h", *extra],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("before", "after"), CASES.values(), ids=CASES.keys())
def test_an_update_is_appended_and_nothing_else_changes(root: Path, before: str, after: str) -> None:
    path = write(root, before)
    update(root)
    assert path.read_bytes() == after.encode("utf-8")
    assert load_site(root).incident(NAME).latest.message == "Crews are replacing the card."


def test_a_message_of_several_lines_follows_the_files_block_indent_and_line_endings(root: Path) -> None:
    path = write(root, crlf(FOUR_SPACES))
    result = CliRunner().invoke(
        main,
        ["update", "--root", str(root), NAME, "--now", "2026-11-23 09:10", "--cause", "It's 50% done: # yes",
         "--message", "Crews are replacing the card.\n\nCall us at 780-555-0100 #2."],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    added = crlf(
        """\
    -   at: 2026-11-23 09:10
        status: identified
        message: |
            Crews are replacing the card.

            Call us at 780-555-0100 #2.
        cause: "It's 50% done: # yes"
"""
    )
    assert path.read_bytes() == crlf(FOUR_SPACES).replace("# end of the file", added + "# end of the file").encode()
    latest = load_site(root).incident(NAME).latest
    assert latest.message == "Crews are replacing the card.\n\nCall us at 780-555-0100 #2."
    assert latest.facts.cause == "It's 50% done: # yes"


def test_resolve_keeps_the_file_too(root: Path) -> None:
    path = write(root, crlf(WITH_POSTMORTEM))
    result = CliRunner().invoke(
        main, ["resolve", "--root", str(root), NAME, "--now", "2026-11-23 09:10", "--message", "Service is back."]
    )
    assert result.exit_code == 0, result.output
    expected = WITH_POSTMORTEM.replace(
        'more soon."\n', 'more soon."\n- at: 2026-11-23 09:10\n  status: resolved\n  message: Service is back.\n'
    )
    assert path.read_bytes() == crlf(expected).encode()


def test_a_list_of_updates_in_flow_style_is_rewritten_but_means_the_same(root: Path) -> None:
    flow = (
        "title: Internet outage in Clareview\nimpact: minor\nservices: [internet]\nareas: [clareview]\n"
        "updates: [{at: '2026-11-23 08:10', status: investigating, message: We are investigating.}]\n"
    )
    write(root, flow)
    update(root)
    incident = load_site(root).incident(NAME)
    assert [u.message for u in incident.updates] == ["We are investigating.", "Crews are replacing the card."]
