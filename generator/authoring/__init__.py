"""Writing the files staff keep: ``new``/``update``/``resolve`` edits that keep their formatting, and ``init``."""
