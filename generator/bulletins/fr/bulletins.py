"""Les bulletins en français d'une mise à jour: the French files beside an update's English set.

When status.yml lists ``fr`` among its ``languages``, every bulletin set also
writes ``radio.txt``, ``radio-15.txt`` (each length), ``press.txt``,
``notice.txt`` and ``sms.txt`` in French at the same path under the French
site's folder (``fr/bulletins/<id>/<update>/``, as every French page is under
``fr/``), and its CAP message gets a second ``info`` block in French
(``fr-CA``). The English files keep their paths and bytes (the CAP message
aside, which is one message in both languages). Everything is rendered from the site as seen in
French (``incidents.languages.site_in``) as of the same update, so a French
file never says more than its English twin. Text the files give only in
English is left out on air and printed marked "(en anglais seulement)".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from jinja2 import Environment

from ...incidents.model import Config, Incident, Update
from ...state.ledger import Issue
from ..cap import InfoText
from .cap import french_info
from .notice import notice, sms
from .press import press_release
from .radio import radio_script, radio_scripts
from .story import marked

FOLDER = "fr/"
"""The French site's folder: a set's French files are at ``fr/`` + the set's own path."""


@dataclass(frozen=True)
class FrenchBulletins:
    """The French bulletins of one update, rendered on first use."""

    templates: Environment
    config: Config
    """The site's config as seen in French."""
    incident: Incident
    """The incident as seen in French, as of ``update``."""
    update: Update
    issue: Issue

    @property
    def words_per_minute(self) -> int | None:
        """status.yml's French speed (``bulletins.words_per_minute: {fr: …}``); None for the French rulebook's."""
        return dict(self.config.bulletins.rates).get("fr")

    @cached_property
    def radio(self) -> dict[int, str]:
        return radio_scripts(self.templates, self.config, self.incident, self.update, self.issue, self.words_per_minute)

    def radio_script(self, seconds: int) -> str:
        """The French script of any length (``outage bulletin --seconds``)."""
        return radio_script(
            self.templates, self.config, self.incident, self.update, seconds, self.issue, self.words_per_minute
        )

    @cached_property
    def printed(self) -> Incident:
        """The incident as the release, notice and CAP block print it: English-only text marked."""
        return marked(self.incident)

    @cached_property
    def press(self) -> str:
        return press_release(self.templates, self.config, self.printed, self.printed.latest, self.issue)

    @cached_property
    def notice(self) -> str:
        return notice(self.templates, self.config, self.printed, self.printed.latest, self.issue)

    @cached_property
    def sms(self) -> str:
        return sms(self.templates, self.config, self.incident, self.update, self.issue)

    @cached_property
    def info(self) -> InfoText:
        """The words of the CAP message's French ``info`` block."""
        return french_info(self.config, self.printed, self.printed.latest, self.issue.is_correction)

    def files(self, path: str) -> dict[str, bytes]:
        """The French files by their path in the site; ``path`` is the set's folder (``bulletins/…/``)."""
        where = f"{FOLDER}{path}"
        files = {
            f"{where}radio.txt": "\n\n".join(self.radio[s] for s in sorted(self.radio)),
            f"{where}press.txt": self.press,
            f"{where}notice.txt": self.notice,
            f"{where}sms.txt": self.sms + "\n",
        }
        for seconds, script in sorted(self.radio.items()):
            files[f"{where}radio-{seconds}.txt"] = script
        return {name: text.encode("utf-8") for name, text in files.items()}
