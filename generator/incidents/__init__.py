"""The files staff write, read and checked: YAML with positions, shape, rules, located problems, the model.

``load.load_site`` is the way in: it reads ``status.yml`` and every incident
file, and returns the typed, immutable :class:`model.Site` or raises
:class:`problems.InvalidSite` with every problem located.
"""
