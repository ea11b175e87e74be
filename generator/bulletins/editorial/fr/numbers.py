"""Les nombres comme un lecteur de nouvelles les dit: French numbers for the ear.

Counts of people are said in words and rounded, as a Radio-Canada reader
says them ("environ quatre mille huit cents clients", "environ six mille
clients"); a small count is exact ("sept clients", "48 clients": one to nine
in words, 10 to 99 a figure any reader reads at sight); "pour cent" in words;
no sentence opens with a figure. Clock times are on the 24-hour clock, as
French-language radio in Canada reads them: "quatorze heures trente",
"treize heures", "midi", "minuit".

Cardinals come from num2words (traditional spelling: "vingt et un",
"quatre-vingts", "deux cents", "mille" invariable); its ordinals are wrong past
"premier" ("quatre-vingtsième"), so ordinals are made here from the cardinal.
"""

from __future__ import annotations

import re

from ..numbers import FigureRules, _capitalise, figures_said

_ONES = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
THOUSANDS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+"
"""``4 800``, ``48 000``: French figures group thousands with a space (plain, no-break or narrow no-break)."""
FIGURE = rf"{THOUSANDS}|\d+"


def number_words(n: int) -> str:
    """``2300`` -> ``deux mille trois cents``, ``71`` -> ``soixante et onze``, ``80`` -> ``quatre-vingts``."""
    if not 0 <= n < 1_000_000_000:
        raise ValueError(f"number_words takes 0 to 999,999,999; found {n}")
    from num2words import num2words  # here: an import of a fiftieth of a second, for French bulletins only

    return str(num2words(n, lang="fr"))


def feminine(words: str) -> str:
    """``vingt et un`` -> ``vingt et une``: a number before a feminine noun (``heure``, ``minute``)."""
    return re.sub(r"\bun$", "une", words)


def ordinal_words(n: int) -> str:
    """``1`` -> ``premier``, ``137`` -> ``cent trente-septième``, ``80`` -> ``quatre-vingtième``, ``21`` -> ``vingt et unième``."""
    if n < 1:
        raise ValueError(f"ordinal_words takes 1 or more; found {n}")
    if n == 1:
        return "premier"
    words = number_words(n)
    words = re.sub(r"(vingt|cent)s$", r"\1", words)  # "quatre-vingtième", "deux centième": no plural s
    if words.endswith("cinq"):
        return words + "uième"
    if words.endswith("neuf"):
        return words[:-1] + "vième"
    if words.endswith("e"):
        return words[:-1] + "ième"
    return words + "ième"


def spoken_number(n: int) -> str:
    """``7`` -> ``sept``, ``48`` -> ``48``: zero to nine in words, 10 and up in figures."""
    if n < 0:
        raise ValueError(f"spoken_number takes a count, 0 or more; found {n}")
    return _ONES[n] if n < 10 else str(n)


def _round_half_up(n: int, step: int) -> int:
    return (n + step // 2) // step * step


def rounded(n: int) -> str:
    """A large count as said, without "environ": ``trois cent quarante``, ``quatre mille huit cents``.

    Under 1,000 to the nearest ten; under 10,000 to the hundred; under a
    million to the thousand; then to the ten thousand
    (``un million deux cent cinquante mille``). Always in words: a French
    reader says "4 800" as words anyway, and words cannot be misread.
    """
    if n < 100:
        return spoken_number(n)
    step = 10 if n < 1000 else 100 if n < 10_000 else 1000 if n < 1_000_000 else 10_000
    return number_words(_round_half_up(n, step))


def count(n: int) -> str:
    """A count of customers: exact under 100 (``sept``, ``48``), else ``environ`` and rounded, in words."""
    if n < 0:
        raise ValueError(f"count takes 0 or more; found {n}")
    return spoken_number(n) if n < 100 else f"environ {rounded(n)}"


def per_cent(value: float) -> str:
    """``45`` -> ``45 pour cent``, ``5`` -> ``cinq pour cent``, ``2.5`` -> ``deux virgule cinq pour cent``."""
    if value < 0:
        raise ValueError(f"per_cent takes 0 or more; found {value}")
    whole = int(value)
    fraction = f"{value:.10f}".split(".")[1].rstrip("0")
    if not fraction:
        return f"{spoken_number(whole)} pour cent"
    said_fraction = (
        number_words(int(fraction)) if not fraction.startswith("0") else " ".join(_ONES[int(d)] for d in fraction)
    )
    return f"{number_words(whole)} virgule {said_fraction} pour cent"


def clock_words(hour: int, minute: int) -> str:
    """``(14, 30)`` -> ``quatorze heures trente``, ``(13, 0)`` -> ``treize heures``, ``midi``, ``minuit trente``.

    The 24-hour clock, as French-language radio in Canada says it; 12:00 is
    "midi" and 0:00 "minuit", and their minutes follow them ("midi quinze").
    """
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"clock_words takes a time of day; found {hour}:{minute:02d}")
    if hour == 12:
        said = "midi"
    elif hour == 0:
        said = "minuit"
    else:
        said = feminine(number_words(hour)) + (" heure" if hour == 1 else " heures")
    return said if minute == 0 else f"{said} {feminine(number_words(minute))}"


# --- the same rules over staff's own sentences ---------------------------------

COUNT_NOUNS = (
    "clients|clientes|foyers|résidences|ménages|abonnés|abonnées|entreprises|commerces|personnes|résidents|"
    "utilisateurs|utilisatrices|comptes|lignes|adresses|bâtiments|immeubles|sites|emplacements|connexions|"
    "appareils|modems|téléphones|appels|courriels|messages"
)
_PER_CENT = re.compile(r"(?<![\w.,])(\d+(?:,\d+)?)\s*(?:%|pour\s+cent\b)")
_HEDGE = re.compile(
    # « des 210 lignes » : un nombre déjà connu de l'auditeur, jamais « environ » de nouveau.
    r"\b(?:environ|quelque|près de|presque|plus de|moins de|autour de|approximativement|à peu près|jusqu'à|quelques|les|des)\s+$",
    re.IGNORECASE,
)
_COUNT = re.compile(rf"(?<![\w.,:/$-])({FIGURE})(\s+(?:[a-zàâçéèêëîïôûù]+\s+)?(?:{COUNT_NOUNS})\b)")
_SMALL = re.compile(r"(?<![\w.,:/$-])([2-9])(?=\s+[a-zàâçéèêëîïôûù])")
_LEADING = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?P<hour>[01]?\d|2[0-3])(?:\s?h\s?(?P<minute>[0-5]\d)?|:(?P<minute24>[0-5]\d))\b"
    rf"|(?P<figure>{FIGURE})(?![\d,]|[:.]\d|\s?h\b|e\b|er\b))"
)


def figure_value(figure: str) -> int:
    """``4 800`` -> ``4800``: a French figure, its thousands grouped by any kind of space."""
    return int(re.sub(r"[ \u00a0\u202f]", "", figure))


def spoken_figures(text: str) -> str:
    """Staff's figures as said: per cent, counts of people, small numbers, and never a figure first.

    ``La panne touche 4 800 clients.`` -> ``La panne touche environ quatre mille huit cents clients.``;
    ``2 équipes sont sur place.`` -> ``Deux équipes sont sur place.`` Figures that name things stay:
    ``autoroute 2``, ``137e Avenue``, ``2026``; one stays a figure unless it opens a sentence
    (``un`` or ``une`` depends on the noun). The same steps as English (``numbers.figures_said``).
    """
    return figures_said(text, FRENCH)


def no_leading_figure(text: str) -> str:
    """``48 foyers sont privés de service.`` -> ``Quarante-huit foyers …``: no sentence opens with a figure.

    A clock time opening a sentence is said too: ``14 h 30 : …`` -> ``Quatorze heures trente …``.
    A lone ``1`` is left for the sentence to be read by a person (``un`` or ``une`` depends on the noun).
    """

    def said(match: re.Match[str]) -> str:
        if match["hour"] is not None:
            return _capitalise(clock_words(int(match["hour"]), int(match["minute"] or match["minute24"] or 0)))
        n = figure_value(match["figure"])
        return match[0] if n == 1 else _capitalise(number_words(n))

    return _LEADING.sub(said, text)


FRENCH = FigureRules(
    per_cent_written=_PER_CENT,
    per_cent_value=lambda figure: float(figure.replace(",", ".")),
    per_cent=per_cent,
    count_written=_COUNT,
    figure_value=figure_value,
    hedge=_HEDGE,
    rounded=rounded,
    count=count,
    small_written=_SMALL,
    ones=_ONES,
    no_leading_figure=no_leading_figure,
)
"""French figures (``numbers.ENGLISH``'s rules) in staff's French sentences."""
