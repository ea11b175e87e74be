"""Writing the files staff keep: ``new``/``update``/``resolve`` edits that keep their formatting, and ``init``."""

TOOL_SOURCE_PLACEHOLDER = "https://github.com/YOUR-ORGANISATION/outage-bulletin"
"""Written into ``requirements.txt`` until the organisation names the repository it keeps the tool in (here, not in
``scaffold``: ``outage init``'s option names it, and the command line imports no command's modules until it runs)."""
