"""What is true at a moment: the site as of "now" (``now``), computed once per build."""
