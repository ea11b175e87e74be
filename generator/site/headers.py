"""``_headers``: the HTTP headers Netlify and Cloudflare Pages add to the site's files, by path.

Both hosts read this file from the published folder; GitHub Pages and plain web
servers serve it as an ordinary file and ignore it (README, "Publishing" says
what to configure there instead). The rules:

- the JSON API, the feeds and the calendar may be read by scripts on other sites
  (status widgets, dashboards), so they carry ``Access-Control-Allow-Origin: *``;
  they hold nothing private;
- they change with every update, so browsers and proxies keep them one minute;
- the theme's stylesheets and scripts carry a content hash in their names, so a
  changed file has a new name and the old one can be kept for a year;
- a site in several languages publishes the API, the feeds and the calendars
  again in each other language's folder (``/fr/api/…``, ``/fr/feeds/…``,
  ``/fr/calendar.ics``, ``/fr/calendar/…``): the same rules apply there. A site in one language gets exactly the rules it always had.

No two rules match the same path: hosts differ in how they merge a header that
two matching rules both set (some join the values with a comma).
"""

from __future__ import annotations

from collections.abc import Sequence

SHORT = "public, max-age=60"
"""Feeds, API and calendar: fresh within a minute of a publish."""
LONG = "public, max-age=31536000, immutable"
"""Files whose names change when their content does."""

CORS = ("Access-Control-Allow-Origin", "*")

RULES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("/api/*", (CORS, ("Cache-Control", SHORT))),
    ("/feeds/*", (CORS, ("Cache-Control", SHORT))),
    ("/calendar.ics", (CORS, ("Cache-Control", SHORT))),
    ("/calendar/*", (CORS, ("Cache-Control", SHORT))),
    # mkdocs-material names these main.<hash>.min.css, bundle.<hash>.min.js, …
    ("/assets/stylesheets/*", (("Cache-Control", LONG),)),
    ("/assets/javascripts/*", (("Cache-Control", LONG),)),
)


IN_EACH_LANGUAGE = ("/api/*", "/feeds/*", "/calendar.ics", "/calendar/*")
"""What each language after the default one publishes under its own folder, e.g. ``/fr/api/v2/summary.json``."""


def rules(languages: Sequence[str] = ()) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """:data:`RULES`, with the API's, feeds' and calendars' rules again for each of ``languages`` (the site's others)."""
    translated = tuple(
        (f"/{language}{path}", headers) for language in languages for path, headers in RULES if path in IN_EACH_LANGUAGE
    )
    data = sum(1 for _, headers in RULES if CORS in headers)  # the readable data first, then the theme's files
    return RULES[:data] + translated + RULES[data:]


def headers_file(languages: Sequence[str] = ()) -> str:
    """The ``_headers`` file; ``languages``: the site's languages after the default one."""
    lines = ['# HTTP headers for Netlify and Cloudflare Pages, written by `outage build` (README, "Publishing").']
    for path, headers in rules(languages):
        lines += ["", path, *(f"  {name}: {value}" for name, value in headers)]
    return "\n".join(lines) + "\n"


def header_outputs(languages: Sequence[str] = ()) -> dict[str, str]:
    """``{"_headers": …}``, to publish at the top of the site; ``languages``: the site's after the default one."""
    return {"_headers": headers_file(languages)}
