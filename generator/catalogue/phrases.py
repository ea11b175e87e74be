"""The interface's fixed phrases in French, by their English text: headings, labels, empty states.

Keyed by the English the pages and feeds say now (as gettext keys a message by
its source text), so a template can ask for ``phrase("Current incidents")`` and
read in English exactly as before. Only whole phrases are here; a sentence built
around a value (``99.70 % over 90 days``) belongs with the code that builds it,
in each language.

The French is Canadian usage: "secteur" for a service area, "entretien" for
planned maintenance (as the feeds say), "mise à jour" for an update.
"""

from __future__ import annotations

FRENCH = {
    # The facts of an incident: pages, feeds and the API say them alike.
    "Services": "Services",
    "Areas": "Secteurs",
    "Window": "Période des travaux",
    "What you will notice": "Ce que vous remarquerez",
    "Expected back": "Retour prévu",
    "Next update": "Prochaine mise à jour",
    "(overdue)": "(en retard)",
    "Calendar": "Calendrier",
    "Add to your calendar": "Ajouter à votre calendrier",
    "Cause": "Cause",
    "Customers affected": "Clients touchés",
    "First reported": "Premier signalement",
    "First planned for": "Prévu d'abord pour",
    "Going on for": "En cours depuis",
    "Lasted": "Durée",
    "Updates": "Mises à jour",
    "What happened": "Ce qui s'est passé",
    "Planned": "Planifié",
    "(planned)": "(planifié)",
    "Planned work": "Travaux planifiés",
    "Minor impact": "Impact mineur",
    "Major impact": "Impact majeur",
    "Critical impact": "Impact critique",
    # The front page and the lists.
    "Where there are problems": "Secteurs touchés",
    "Your area": "Votre secteur",
    "Find your area": "Trouvez votre secteur",
    "All areas": "Tous les secteurs",
    "Current status": "État actuel",
    "Current incidents": "Incidents en cours",
    "No incidents right now.": "Aucun incident en ce moment.",
    "Maintenance in progress": "Entretien en cours",
    "Planned maintenance": "Entretien planifié",
    "No planned maintenance is scheduled.": "Aucun entretien n'est prévu.",
    "All planned maintenance": "Tout l'entretien planifié",
    "No planned work here.": "Aucuns travaux ne sont prévus ici.",
    "No past maintenance.": "Aucun entretien passé.",
    "Now": "Maintenant",
    "Upcoming": "À venir",
    "Past": "Passés",
    "Last 14 days": "14 derniers jours",
    "Last 90 days": "90 derniers jours",
    "No other incidents in the last 14 days.": "Aucun autre incident au cours des 14 derniers jours.",
    "No incidents yet.": "Aucun incident pour l'instant.",
    "No incidents recorded.": "Aucun incident enregistré.",
    "History": "Historique",
    "Incident history": "Historique des incidents",
    "All months": "Tous les mois",
    "Previous page (newer)": "Page précédente (plus récents)",
    "Next page (older)": "Page suivante (plus anciens)",
    # Availability by month.
    "Month": "Mois",
    "Available": "Disponibilité",
    "Down": "En panne",
    "Degraded": "Dégradé",
    "Incidents": "Incidents",
    "(so far)": "(jusqu'ici)",
    # How to follow.
    "Get updates": "Recevoir les mises à jour",
    "Atom feed": "Fil Atom",
    "RSS feed": "Fil RSS",
    "Maintenance calendar": "Calendrier de l'entretien",
    "Text-only page": "Page en texte seulement",
    "Full status page": "Page d'état complète",
    "Status API": "API d'état",
}
"""Each phrase's French, by its English; a phrase missing here is a KeyError, never English by surprise."""

ENGLISH = {english: english for english in FRENCH}
