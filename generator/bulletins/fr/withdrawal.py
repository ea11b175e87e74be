"""Le retrait d'une mise à jour en français: the kill notice and the CAP Cancel's French block.

When an update already published is removed from its file, newsrooms get a
kill notice and alert hubs a CAP ``Cancel`` (``bulletins.sets.WithdrawalSet``).
On a site that lists ``fr``, the French newsroom gets it too, at the French
bulletins' path (``fr/bulletins/<id>/<update>/``: ``radio.txt``, ``press.txt``,
``notice.txt``, and its first line as ``sms.txt``), and the Cancel carries a
French ``info`` block after the English one, as every bilingual message does.

A kill is a notice to the desk, never copy: its words follow the French radio
header ("À RETIRER APRÈS", "HORS ONDES"), so a desk reads "À RETIRER :" as the
English desk reads "KILL:". Printed by Canadian French typography
(``8 h 55 HNR``, « … », a no-break space before ``:``).

The ledger keeps the title each update was published under, in English; the
French title is the incident's own in French, when the incident is still in the
files and gives one, else the English title marked "(en anglais seulement)".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ...incidents.model import Config, Site
from ...state.ledger import Withdrawal
from ..cap import HEADLINE_LIMIT, InfoText
from ..editorial import fr
from ..editorial.fr.sms import in_gsm7
from .cap import _places, area_desc
from .story import ENGLISH_ONLY, SITE_FOLDER, contact_title, page_url


def french_title(french: Site, withdrawal: Withdrawal) -> str:
    """The withdrawn update's incident's title in French, or its English title marked when none is given."""
    incident = next((i for i in french.incidents if i.id == withdrawal.incident_id), None)
    if incident is not None and "title" not in incident.untranslated:
        return incident.title
    return f"{withdrawal.title} {ENGLISH_ONLY}"


@dataclass(frozen=True)
class FrenchWithdrawal:
    """The French kill notice and CAP block of one withdrawn update."""

    config: Config
    """The site's config as seen in French."""
    withdrawal: Withdrawal
    title: str
    """The incident's title in French (:func:`french_title`)."""

    @cached_property
    def kill(self) -> str:
        """``À RETIRER : BULLETIN DE NORTHWIND BROADBAND DE 8 H 55 HNR``, which bulletin not to use, who to call."""
        config, gone = self.config, self.withdrawal
        zone = config.timezone
        media = config.media_contact or config.contact
        contact = ", ".join(p for p in (media.name, contact_title(media), config.name, media.phone, media.email) if p)
        issued = f"{fr.fr_time(gone.at, zone)} {fr.zone_name(gone.at, zone)}"
        named = self._quoted()
        text = (
            f"À RETIRER : BULLETIN DE {config.name.upper()} DE {issued.upper()}\n"
            f"N'utilisez plus le bulletin {named} publié pour la mise à jour de {issued}, "
            f"{fr.fr_full_date(gone.at, zone)}. {config.name} l'a retiré à "
            f"{fr.fr_time(gone.withdrawn_at, zone)} {fr.zone_name(gone.withdrawn_at, zone)}, "
            f"{fr.fr_full_date(gone.withdrawn_at, zone)}.\n"
            f"HORS ONDES : renseignements auprès de {contact}.\n\n###\n"
        )
        return fr.typographie(text)

    def _quoted(self) -> str:
        """« Panne d'Internet … », the mark for an English title after the closing guillemet."""
        if self.title.endswith(f" {ENGLISH_ONLY}"):
            return f'"{self.title.removesuffix(f" {ENGLISH_ONLY}")}" {ENGLISH_ONLY}'
        return f'"{self.title}"'

    @cached_property
    def sms(self) -> str:
        """The notice's first line, in GSM-7 as French allows (``A RETIRER : …``)."""
        return in_gsm7(self.kill.split("\n", 1)[0])

    @cached_property
    def info(self) -> InfoText:
        """The French words of the Cancel: the same values as its English block (``bulletins.cap.cap_cancel``)."""
        config, gone = self.config, self.withdrawal
        zone = config.timezone
        areas = tuple(a for a in config.areas if a.id in gone.areas)  # the English block's, in its order
        web = page_url(config, gone.incident_id)
        moment = fr.moment(gone.at, zone).removeprefix("le ")
        return InfoText(
            language="fr",
            event="Mise à jour retirée",
            headline=fr.typographie(f"Retrait : {self.title}")[:HEADLINE_LIMIT],
            description=fr.typographie(
                f"{config.name} a retiré sa mise à jour du {moment} concernant "
                f"{_places(areas) if areas else 'ses services'}. Ne tenez pas compte de ce message."
            ),
            instruction=f"Suivez les mises à jour à l'adresse {web}",
            web=web,
            areas=tuple((area_desc(a), a) for a in areas),
        )

    def files(self, path: str) -> dict[str, bytes]:
        """The French kill notice's files, at ``fr/`` + the English set's ``path`` (``bulletins/…/``)."""
        where = f"{SITE_FOLDER}{path}"
        files = {f"{where}{name}": self.kill for name in ("radio.txt", "press.txt", "notice.txt")}
        files[f"{where}sms.txt"] = self.sms + "\n"
        return {name: text.encode("utf-8") for name, text in files.items()}
