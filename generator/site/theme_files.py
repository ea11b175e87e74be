"""The theme's templates listed without the hidden folders MkDocs never copies.

To find the theme's files it copies into the site (stylesheets, scripts, images),
MkDocs lists every template of the theme's Jinja environment and drops each path
with a part that starts with a dot (its patterns ``.*`` and ``*/.*``). mkdocs-material
keeps some 14,400 icons in ``.icons/``: walking them, and testing each of their names
against MkDocs' ten patterns, was 0.05-0.07 s of every build, for 43 files copied.
:class:`ThemeLoader` lists the same templates but those under a hidden name, which
MkDocs would drop anyway: the theme's files in the site are the same. Templates are
found exactly as before (a hidden one too: ``.icons/…`` is still included by name).
"""

from __future__ import annotations

import os

from jinja2 import FileSystemLoader


class ThemeLoader(FileSystemLoader):
    """Jinja's ``FileSystemLoader``, whose listing skips hidden files and folders (see above)."""

    @classmethod
    def like(cls, loader: FileSystemLoader) -> ThemeLoader:
        """A loader of the same folders, with the same settings, as ``loader``."""
        return cls(loader.searchpath, loader.encoding, loader.followlinks)

    def list_templates(self) -> list[str]:
        """As ``FileSystemLoader.list_templates`` (jinja2 3.1), but no path with a part named ``.*``."""
        found = set()
        for searchpath in self.searchpath:
            for folder, folders, names in os.walk(searchpath, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]  # not walked at all
                for name in names:
                    if name.startswith("."):
                        continue
                    template = os.path.join(folder, name)[len(searchpath) :].strip(os.path.sep)
                    found.add(template.replace(os.path.sep, "/"))
        return sorted(found)
