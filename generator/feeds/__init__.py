"""What readers and tools subscribe to: Atom/RSS feeds, the Statuspage-compatible API, the calendar."""
