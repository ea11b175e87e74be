"""The customer's site: "is it me?" first, its own face, uptime, postmortems and maintenance cards, as built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from generator import display
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-22 12:00"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
ROUTER_ID = "2026-11-19-lauderdale-beverly-core-router-upgrade"


def build(root: Path, site_dir: Path, now: str = NOW) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", now, "--site-dir", str(site_dir)])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("face") / "site"
    code, output = build(ROOT, out)
    assert code == 0, output
    return out


def page(site: Path, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_bytes())


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_the_front_page_opens_with_the_overall_state_then_a_row_per_affected_area(site: Path) -> None:
    front = page(site, "")
    content = front.get_element_by_id("main")
    first = content[0]
    assert first.get("class").startswith("outage-banner") and first.get("role") == "status"
    assert text(first.find(".//h1")) == "Northwind Broadband status: Partial outage"
    rows = content.find_class("outage-where__row")
    # at noon: Castle Downs and Clareview are out now; Lauderdale and Beverly have the router upgrade
    # announced, but it was moved to December 3, more than 7 days away
    assert [text(row.find("h3")) for row in rows] == ["Castle Downs", "Clareview"]
    castle = text(rows[0])
    assert "Partial outage: Internet" in castle
    assert "Operational: Home phone, Email, Business fibre" in castle
    assert "A circuit board in the hub's main router has failed." in castle
    assert "Expected back today at 3:00 p.m. MST" in castle and "Next update today at 1:00 p.m. MST" in castle
    # each state has its icon shape beside its words
    assert len(rows[0].find_class("outage-icon")) == 2


def test_planned_work_within_a_week_gives_its_areas_a_row(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(ROOT, out, now="2026-11-28 12:00")[0] == 0
    rows = page(out, "").find_class("outage-where__row")
    named = {text(row.find("h3")): text(row) for row in rows}
    # the Clareview outage has had no update since (its file ends at 10:30 on the 22nd): still open
    assert set(named) == {"Castle Downs", "Clareview", "Lauderdale", "Beverly"}
    assert "Planned work Core router upgrade for Lauderdale and Beverly" in named["Lauderdale"]
    assert "Dec 3 at 1:00 a.m. MST to Thu Dec 3 at 5:00 a.m. MST" in named["Lauderdale"]


def test_every_area_has_a_page_that_answers_for_it_and_an_index_finds_it(site: Path) -> None:
    area = page(site, "areas/castle-downs")
    content = area.get_element_by_id("main")
    assert text(content.find(".//h1")) == "Castle Downs"
    assert content[1].get("role") == "status" and "Partial outage" in text(content[1])
    here = text(area.get_element_by_id("here").getparent())
    assert "Partial outage: Internet" in here and "A circuit board in the hub's main router has failed." in here
    assert "Operational: Home phone, Email, Business fibre" in here
    lauderdale = text(page(site, "areas/lauderdale").get_element_by_id("main"))
    assert "Core router upgrade for Lauderdale and Beverly" in lauderdale  # its planned work
    index = page(site, "areas")
    names = [text(a) for a in index.get_element_by_id("main").xpath(".//li/span/a")]
    assert names == sorted(names, key=str.casefold) and len(names) == 7
    assert page(site, "").xpath('//a[@href="areas/"]'), "the front page links the area index"


def test_uptime_bars_and_monthly_tables_are_on_service_and_area_pages(site: Path) -> None:
    front = page(site, "")
    bars = front.find_class("outage-bar")
    assert len(bars) == 4 and all(bar.get("aria-hidden") == "true" for bar in bars)  # one per service
    texts = [text(p) for p in front.find_class("outage-uptime__text")]
    # internet: 6 h 20 min down in the 128,940 minutes from Aug 25 to noon Nov 22 (see test_uptime.py)
    assert texts[0] == "99.70 % over 90 days, 3 incidents; degraded 5 days 1 h"
    assert display.percent(1 - 380 / 128_940) == "99.70\N{NO-BREAK SPACE}%"
    for path in ("services/internet", "areas/castle-downs"):
        table = page(site, path).find(".//table")
        assert table is not None and text(table.find("caption")).endswith(" by month")
        rows = table.findall(".//tbody/tr")
        assert text(rows[0]).startswith("November 2026 (so far)")
        assert len(rows) == 8  # April (the record began) to November
    internet = [[text(cell) for cell in row] for row in page(site, "services/internet").findall(".//tbody/tr")]
    # November 1, 00:00 MDT to noon on the 22nd is 517 hours (31,020 minutes: clocks went back an hour);
    # 4 h 5 min (245 minutes) down: 1 - 245 / 31,020 = 0.992102…
    assert internet[0] == ["November 2026 (so far)", "99.21 %", "4 h 5 min", "–", "–", "1"]


def test_history_entries_show_how_long_they_lasted(site: Path) -> None:
    rows = [text(li) for li in page(site, "history/2026/05").get_element_by_id("main").findall(".//li")]
    fibre = next(row for row in rows if row.startswith("Internet and phone outage in Castle Downs"))
    assert fibre.endswith("· 5 h 35 min"), fibre  # began 8:05 a.m. (began_at), resolved 1:40 p.m.
    facts = {text(dt): text(dt.getnext()) for dt in page(site, f"incidents/{OPEN_ID}").iter("dt")}
    assert facts["Going on for"] == "4 h 5 min"  # began 7:55 a.m., now noon


def test_a_maintenance_card_shows_its_impact_window_in_local_time_and_a_calendar_link(site: Path) -> None:
    card = page(site, "maintenance").get_element_by_id(f"card-{ROUTER_ID}").getparent()
    facts = {text(dt): text(dt.getnext()) for dt in card.iter("dt")}
    assert facts["What you will notice"].startswith("Internet service will drop twice, for up to 15 minutes each")
    assert facts["Window"] == "Thu Dec 3 at 1:00 a.m. MST to Thu Dec 3 at 5:00 a.m. MST"
    (link,) = card.xpath('.//a[text()="Add to your calendar"]')
    assert link.get("href") == f"../incidents/{ROUTER_ID}/calendar.ics"
    assert (site / "incidents" / ROUTER_ID / "calendar.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_postmortems_keep_their_headings_lists_tables_and_code(site: Path, project: Path, tmp_path: Path) -> None:
    fibre = page(site, "incidents/2026-05-12-north-edmonton-fibre-cut")
    postmortem = fibre.find_class("outage-postmortem")[0]
    # "## What happened" sits under the page's own h2 "What happened": shifted to h3, not flattened
    assert [h.tag for h in postmortem.xpath(".//h3|.//h4")] == ["h3", "h3", "h3"]
    assert [text(h) for h in postmortem.findall(".//h3")] == ["What happened", "Timeline", "What we are changing"]
    assert len(postmortem.findall(".//ul/li")) == 7
    source = project / "incidents/2026/2026-05-12-north-edmonton-fibre-cut.yml"
    extra = (
        "\n    ### Numbers\n\n    | hour | customers |\n    |---|---|\n    | 9 a.m. | 4,800 |\n\n"
        "    ```\n    show interfaces <script>\n    ```\n"
    )  # at the end of the English postmortem, before the French
    english_end = "\n  fr: |\n"
    source.write_text(
        source.read_text(encoding="utf-8").replace(english_end, "\n" + extra + english_end[1:]), encoding="utf-8"
    )
    assert build(project, tmp_path / "out")[0] == 0
    postmortem = page(tmp_path / "out", "incidents/2026-05-12-north-edmonton-fibre-cut").find_class(
        "outage-postmortem"
    )[0]
    assert [text(h) for h in postmortem.findall(".//h4")] == ["Numbers"]
    assert [text(td) for td in postmortem.findall(".//table/tbody/tr/td")] == ["9 a.m.", "4,800"]
    assert text(postmortem.find(".//pre/code")) == "show interfaces <script>"


def test_markdown_headings_shift_below_the_page_and_never_above() -> None:
    assert display.render_markdown("# One\n\n## Two\n\n###### Six", top=3) == "<h3>One</h3>\n<h4>Two</h4>\n<h6>Six</h6>"
    assert display.render_markdown("### Three", top=4) == "<h4>Three</h4>"
    assert display.render_markdown('<h1 onclick="x()">raw</h1>', top=3) == "<h3>raw</h3>"


def test_its_own_face_no_sidebar_no_theme_logo_no_made_with_and_no_script(site: Path) -> None:
    for path in ("", f"incidents/{OPEN_ID}", "areas/castle-downs", "help"):
        document = (site / path / "index.html").read_text(encoding="utf-8")
        assert "md-sidebar" not in document and "md-logo" not in document, path
        assert "Made with" not in document and "mkdocs-material" not in document.split("<body", 1)[1], path
        assert "<script" not in document, path
        assert document.index('class="outage-skip"') < document.index('class="outage-header"'), path
    front = page(site, "")
    assert front.xpath('//link[@rel="icon"]/@href') == ["assets/favicon.svg"]
    assert not front.xpath("//header//img"), "no logo unless status.yml names one"
    assert text(front.find_class("outage-brand")[0]) == "Northwind Broadband status"


def logo_project(project: Path, logo: str, favicon: str) -> None:
    config = project / "status.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"logo: {logo}\nfavicon: {favicon}\n", encoding="utf-8")


def test_logo_and_favicon_from_status_yml(project: Path, tmp_path: Path) -> None:
    (project / "brand").mkdir()
    (project / "brand/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40"/></svg>'
    )
    (project / "brand/icon.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(8) + bytes(20))
    logo_project(project, "brand/logo.svg", "brand/icon.png")
    code, output = build(project, tmp_path / "out")
    assert code == 0, output
    front = page(tmp_path / "out", "")
    (img,) = front.xpath("//header//img")
    assert (img.get("src"), img.get("width"), img.get("height"), img.get("alt")) == (
        "assets/brand/logo.svg",
        "96",  # 32 px high, as wide as its 120 × 40 proportions say
        "32",
        "",  # the name beside it says who it is
    )
    assert front.xpath('//link[@rel="icon"]/@href') == ["assets/brand/favicon.png"]
    assert (tmp_path / "out/assets/brand/logo.svg").read_bytes() == (project / "brand/logo.svg").read_bytes()
    incident = page(tmp_path / "out", f"incidents/{OPEN_ID}")
    assert incident.xpath("//header//img/@src") == ["../../assets/brand/logo.svg"]


@pytest.mark.parametrize(
    ("logo", "content", "expected"),
    [
        ("../outside.svg", None, "status.yml:{logo_line}:7: logo: expected an SVG or PNG file inside this repository"),
        ("brand/missing.svg", None, "found 'brand/missing.svg': no such file"),
        ("brand/logo.gif", b"GIF89a", "found 'brand/logo.gif'"),
        ("brand/logo.png", b"not a png", "expected a real PNG file"),
        ("brand/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40_000), "expected a file of at most 30 KB"),
        (
            "brand/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "expected an SVG that runs nothing and loads nothing from elsewhere; found a <script> element",
        ),
        (
            "brand/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "found an event attribute onload= on <svg>",
        ),
        (
            "brand/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://tracker.example/p.png"/></svg>',
            "found a link to 'https://tracker.example/p.png' on <image>",
        ),
        ("brand/logo.svg", b"<html/>", "expected an SVG file (an <svg> element in the SVG namespace)"),
    ],
)
def test_a_bad_logo_is_a_located_error(project: Path, logo: str, content: bytes | None, expected: str) -> None:
    (project / "brand").mkdir()
    if content is not None:
        (project / logo).write_bytes(content)
    (project.parent / "outside.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    logo_line = (project / "status.yml").read_text(encoding="utf-8").count("\n") + 1  # logo_project appends it here
    logo_project(project, logo, "assets/none.ico")
    result = CliRunner().invoke(main, ["check", "--root", str(project), "--now", NOW])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert expected.format(logo_line=logo_line) in result.output, result.output
    favicon = rf"status\.yml:{logo_line + 1}:10: favicon: expected an SVG, PNG or ICO file .*: no such file"
    assert re.search(favicon, result.output)
