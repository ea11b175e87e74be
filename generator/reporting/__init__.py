"""Regulatory outage reporting: rules as data, user-minutes, duties and deadlines, drafts."""

STAGES = ("notification", "final")
"""What ``outage report`` drafts. ``notification``: one draft per notification duty (``report.is_report`` says which
are not); ``final``: the post-outage report. Here, not in ``report``: the command's option lists them, and the command
line imports no command's modules until it runs."""
