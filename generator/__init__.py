"""Outage bulletins: a status site, feeds, an API and newsroom bulletins from incident files in git.

The package is a pipeline, one folder per stage, imports running one way
(README, "Architecture"): incidents → state → display → feeds → bulletins →
site → delivery → authoring → cli.
"""
