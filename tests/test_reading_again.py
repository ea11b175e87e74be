"""``outage serve`` reads the repository after every save: only the files a save changed are parsed again.

``load_site(root, reading)`` must give exactly the site (and the problems) a
fresh ``load_site(root)`` gives, whatever was read before; these tests count
the files actually parsed, so a reading that reused nothing, or reused a stale
file, fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from example_repo import copy_of_example

from generator.incidents.load import Reading, load_site
from generator.incidents.problems import InvalidSite


def test_a_second_reading_parses_nothing_and_gives_the_same_site(tmp_path: Path, parsed: list[str]) -> None:
    root = copy_of_example(tmp_path)
    reading = Reading()
    first = load_site(root, reading)
    count = len(parsed)
    assert count == len(first.incidents) > 5
    again = load_site(root, reading)
    assert len(parsed) == count  # nothing parsed again
    assert again == first == load_site(root)
    assert again.warnings == first.warnings and again.missing_translations == first.missing_translations


def test_a_saved_file_is_the_only_one_parsed_again(tmp_path: Path, parsed: list[str]) -> None:
    root = copy_of_example(tmp_path)
    reading = Reading()
    load_site(root, reading)
    file = sorted((root / "incidents").rglob("*.yml"))[0]
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines()
    english = lines[lines.index("title:") + 1]  # the example's titles are {en: …, fr: …}
    assert english.startswith("  en: ")
    file.write_text(text.replace(english, "  en: A title saved just now", 1), encoding="utf-8")
    parsed.clear()
    site = load_site(root, reading)
    assert parsed == [file.relative_to(root).as_posix()]
    assert site == load_site(root)
    assert any(i.title == "A title saved just now" for i in site.incidents)


def test_a_changed_status_yml_has_every_file_checked_again(tmp_path: Path, parsed: list[str]) -> None:
    root = copy_of_example(tmp_path)
    reading = Reading()
    load_site(root, reading)
    config = root / "status.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# saved again\n", encoding="utf-8")
    parsed.clear()
    site = load_site(root, reading)
    assert len(parsed) == len(site.incidents)


def test_a_broken_save_gives_the_problems_a_fresh_reading_gives_then_its_fix_reads_clean(
    tmp_path: Path, parsed: list[str]
) -> None:
    root = copy_of_example(tmp_path)
    reading = Reading()
    load_site(root, reading)
    file = sorted((root / "incidents").rglob("*.yml"))[0]
    good = file.read_bytes()
    file.write_bytes(good.replace(b"status:", b"staus:", 1))
    with pytest.raises(InvalidSite) as remembered:
        load_site(root, reading)
    with pytest.raises(InvalidSite) as fresh:
        load_site(root)
    assert remembered.value.problems == fresh.value.problems
    file.write_bytes(good)
    parsed.clear()
    assert load_site(root, reading) == load_site(root)
    assert (
        parsed.count(file.relative_to(root).as_posix()) == 2
    )  # read anew by both: the broken version was not kept as good


def test_files_no_longer_there_are_let_go(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    reading = Reading()
    load_site(root, reading)
    files = sorted((root / "incidents").rglob("*.yml"))
    files[0].unlink()
    load_site(root, reading)
    load_site(root, reading)
    assert len(reading.now) == len(files) - 1
    assert all(source != files[0].relative_to(root).as_posix() for source, _ in reading.now)
