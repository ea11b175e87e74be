"""`_headers`: what Netlify and Cloudflare Pages add to each file of the built site."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from hosting import headers_for, parse_headers, serve

from generator.cli import main
from generator.site.headers import headers_file

ROOT = Path(__file__).resolve().parent.parent
SHORT = "public, max-age=60"
LONG = "public, max-age=31536000, immutable"
HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(css|js)(\.map)?$")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hosting") / "site"
    result = CliRunner().invoke(
        main, ["build", "--root", str(ROOT), "--now", "2026-11-22 12:00", "--site-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def served_paths(site: Path) -> dict[str, Path]:
    return {"/" + p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_build_writes_the_headers_file(site: Path) -> None:
    assert (site / "_headers").read_text(encoding="utf-8") == headers_file(("fr",))  # the example is in en and fr


def test_the_french_api_feeds_and_calendar_get_the_same_headers_as_the_english_ones(site: Path) -> None:
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    data = [p for p in served_paths(site) if p.startswith(("/fr/api/", "/fr/feeds/")) or p == "/fr/calendar.ics"]
    assert (
        "/fr/api/v2/summary.json" in data and "/fr/feeds/atom.xml" in data and "/fr/feeds/services/internet.xml" in data
    )
    assert "/fr/calendar.ics" in data
    # The yearly archives mirror /calendar/*: the example has none at this date, so the rule is checked by path.
    assert headers_for(rules, "/fr/calendar/2025.ics") == headers_for(rules, "/calendar/2025.ics")
    for path in data:
        assert headers_for(rules, path) == [("Access-Control-Allow-Origin", "*"), ("Cache-Control", SHORT)], path
    assert headers_for(rules, "/fr/index.html") == []  # the French pages, once built, are pages like any other


def test_a_site_in_one_language_gets_exactly_the_rules_it_always_had() -> None:
    one = parse_headers(headers_file())
    assert headers_for(one, "/fr/api/v2/summary.json") == headers_for(one, "/fr/feeds/atom.xml") == []
    assert headers_for(one, "/fr/calendar.ics") == []
    both = parse_headers(headers_file(("fr",)))
    assert [rule for rule in both if not rule[0].pattern.startswith("/fr/")] == one
    assert len(both) == len(one) + 4  # /fr/api/*, /fr/feeds/*, /fr/calendar.ics, /fr/calendar/*


def test_api_feeds_and_calendar_may_be_read_from_other_sites_and_stay_fresh(site: Path) -> None:
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    data = [p for p in served_paths(site) if p.startswith(("/api/", "/feeds/")) or p == "/calendar.ics"]
    assert "/api/v2/summary.json" in data and "/feeds/atom.xml" in data and "/feeds/services/internet.xml" in data
    for path in data:
        assert headers_for(rules, path) == [("Access-Control-Allow-Origin", "*"), ("Cache-Control", SHORT)], path


def test_only_files_named_by_their_content_are_kept_for_a_year(site: Path) -> None:
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    referenced = set()
    for page in site.rglob("*.html"):
        referenced |= {
            Path(m).name
            for m in re.findall(r'(?:href|src)="[^"]*?([^"/]+\.(?:css|js))"', page.read_text(encoding="utf-8"))
        }
    long_lived = [p for p in served_paths(site) if ("Cache-Control", LONG) in headers_for(rules, p)]
    assert any(p.startswith("/assets/stylesheets/main.") for p in long_lived)
    assert any(p.startswith("/assets/javascripts/bundle.") for p in long_lived)
    for path in long_lived:
        # A file a page loads must change its name when it changes; the theme's unhashed search-language
        # files are kept long too, and no page loads them.
        assert HASHED.search(path) or Path(path).name not in referenced, path
    assert "/assets/outage.css" not in long_lived  # the site's own stylesheet keeps its name: host default
    assert "outage.css" in referenced


def test_no_two_rules_set_the_same_header_on_one_path(site: Path) -> None:
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    for path in served_paths(site):
        names = [name.lower() for name, _ in headers_for(rules, path)]
        assert len(names) == len(set(names)), path
    assert headers_for(rules, "/index.html") == headers_for(rules, "/incidents/x/index.html") == []


def test_a_server_that_applies_them_sends_cors_on_the_api(site: Path) -> None:
    with serve(site) as base:
        for path in ("api/v2/status.json", "fr/api/v2/status.json", "fr/feeds/atom.xml"):
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.headers["Access-Control-Allow-Origin"] == "*", path
                assert response.headers["Cache-Control"] == SHORT, path
        with urllib.request.urlopen(base, timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] is None


def test_the_reader_refuses_a_malformed_file() -> None:
    with pytest.raises(AssertionError, match="must be indented"):
        parse_headers("Cache-Control: x\n")
