"""The French rulebook (``generator.bulletins.editorial.fr``), rule by rule: before/after pairs written by hand.

Each expected value is what a Radio-Canada newsreader says, or what Canadian
French typography prints (the Translation Bureau's *Le guide du rédacteur*,
the OQLF), written here by hand from the input, not copied from the code.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.bulletins.editorial import elapsed, fr

EDMONTON = ZoneInfo("America/Edmonton")
NBSP, NNBSP = "\u00a0", "\u202f"


def at(text: str) -> datetime:
    """A local time in Edmonton: ``2026-11-22 14:30``."""
    return datetime.fromisoformat(text).replace(tzinfo=EDMONTON)


# The copy is issued on Sunday, November 22, 2026, at 10:30 a.m.
NOW = at("2026-11-22 10:30")


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (0, "zéro"),
        (1, "un"),
        (16, "seize"),
        (17, "dix-sept"),
        (21, "vingt et un"),
        (71, "soixante et onze"),
        (80, "quatre-vingts"),
        (81, "quatre-vingt-un"),
        (91, "quatre-vingt-onze"),
        (100, "cent"),
        (200, "deux cents"),
        (201, "deux cent un"),
        (1000, "mille"),
        (2000, "deux mille"),
        (4800, "quatre mille huit cents"),
        (80_000, "quatre-vingt mille"),
    ],
)
def test_number_words(n: int, said: str) -> None:
    assert fr.number_words(n) == said


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (1, "premier"),
        (2, "deuxième"),
        (5, "cinquième"),
        (9, "neuvième"),
        (21, "vingt et unième"),
        (66, "soixante-sixième"),
        (80, "quatre-vingtième"),
        (137, "cent trente-septième"),
    ],
)
def test_ordinal_words(n: int, said: str) -> None:
    assert fr.ordinal_words(n) == said


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (7, "sept"),  # one to nine in words
        (48, "48"),  # a small count exactly, as a figure
        (1234, "environ mille deux cents"),  # rounded for the ear, in words
        (3912, "environ trois mille neuf cents"),
        (4800, "environ quatre mille huit cents"),
        (6000, "environ six mille"),
        (48_400, "environ quarante-huit mille"),
        (1_250_000, "environ un million deux cent cinquante mille"),
    ],
)
def test_counts_of_customers(n: int, said: str) -> None:
    assert fr.count(n) == said


@pytest.mark.parametrize(
    ("value", "said"),
    [(45, "45 pour cent"), (5, "cinq pour cent"), (2.5, "deux virgule cinq pour cent")],
)
def test_per_cent(value: float, said: str) -> None:
    assert fr.per_cent(value) == said


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("4 800 clients sont touchés.", "Quatre mille huit cents clients sont touchés."),
        ("48 clients sont touchés.", "Quarante-huit clients sont touchés."),
        ("Le service revient.", "Le service revient."),
    ],
)
def test_no_sentence_opens_with_a_figure(before: str, after: str) -> None:
    assert fr.no_leading_figure(before) == after


# --- the clock, said ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "said"),
    [
        (14, 30, "quatorze heures trente"),
        (13, 0, "treize heures"),
        (8, 15, "huit heures quinze"),
        (1, 0, "une heure"),
        (21, 1, "vingt et une heures une"),
        (12, 0, "midi"),
        (12, 15, "midi quinze"),
        (0, 0, "minuit"),
        (0, 30, "minuit trente"),
    ],
)
def test_clock_words(hour: int, minute: int, said: str) -> None:
    assert fr.clock_words(hour, minute) == said


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        ("2026-11-22 08:15", "huit heures quinze ce matin"),
        ("2026-11-22 15:00", "quinze heures"),  # not "quinze heures cet après-midi": the clock says it
        ("2026-11-22 22:30", "vingt-deux heures trente"),
        ("2026-11-22 12:00", "midi"),
        ("2026-11-22 12:50", "midi cinquante"),
        ("2026-11-23 09:00", "neuf heures demain matin"),
        ("2026-11-21 23:00", "vingt-trois heures hier soir"),
        ("2026-11-24 09:00", "neuf heures mardi matin"),
        ("2026-12-03 09:00", "neuf heures le jeudi 3 décembre"),
        ("2026-11-23 00:00", "minuit ce soir"),  # the end of this evening
        ("2026-11-24 00:00", "minuit demain soir"),
    ],
)
def test_times_said_from_the_copys_moment(moment: str, said: str) -> None:
    assert fr.spoken_time(at(moment), NOW, EDMONTON) == said


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        ("2026-11-22 14:10", "quatorze heures quinze"),  # an estimate is rounded up
        ("2026-11-22 14:00", "quatorze heures"),
        ("2026-11-22 23:50", "minuit ce soir"),
    ],
)
def test_promises_round_up_to_the_quarter_hour(moment: str, said: str) -> None:
    assert fr.promised_time(at(moment), NOW, EDMONTON) == said


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        ("2026-11-22 07:55", "un peu après sept heures quarante-cinq ce matin"),  # a beginning is rounded down
        ("2026-11-22 08:00", "à huit heures ce matin"),
        ("2026-11-22 08:05", "un peu après huit heures ce matin"),
    ],
)
def test_beginnings_round_down_to_the_quarter_hour(moment: str, said: str) -> None:
    assert fr.began_phrase(at(moment), NOW, EDMONTON) == said


@pytest.mark.parametrize(
    ("length", "said"),
    [
        # "environ" only where rounding changed the length, as in English ("about" five and a half hours)
        (timedelta(minutes=20), "20 minutes"),
        (timedelta(minutes=22), "environ 20 minutes"),
        (timedelta(minutes=45), "45 minutes"),
        (timedelta(hours=1), "une heure"),
        (timedelta(hours=1, minutes=30), "une heure et demie"),
        (timedelta(hours=1, minutes=20), "environ une heure et quart"),
        (timedelta(hours=1, minutes=15), "une heure et quart"),
        (timedelta(hours=4, minutes=15), "quatre heures et quart"),  # was "environ quatre heures et demie"
        (timedelta(hours=4, minutes=40), "environ quatre heures trois quarts"),
        (timedelta(hours=4, minutes=45), "quatre heures trois quarts"),
        (timedelta(hours=5, minutes=35), "environ cinq heures et demie"),
        (timedelta(hours=2), "deux heures"),
        (timedelta(days=1, hours=2), "26 heures"),
        (timedelta(days=2, hours=2), "environ deux jours"),
    ],
)
def test_durations(length: timedelta, said: str) -> None:
    assert fr.spoken_duration(length) == said


def test_a_duration_across_the_change_of_time_is_the_real_elapsed_time() -> None:
    # November 1, 2026: clocks go back an hour at 2:00 in Edmonton. From 0:30 to 4:30 by the clock is five hours.
    began, back = at("2026-11-01 00:30"), at("2026-11-01 04:30")
    assert fr.spoken_duration(elapsed(began, back)) == "cinq heures"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Retour prévu vers 14 h 30.", "Retour prévu vers quatorze heures trente."),
        ("Depuis 8 h ce matin.", "Depuis huit heures ce matin."),
        ("Vers 12 h 15.", "Vers midi quinze."),
    ],
)
def test_clock_times_in_staff_sentences_are_said(before: str, after: str) -> None:
    assert fr.spoken_clock_times(before) == after


# --- places -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://status.northwind.example/", "status point northwind point example"),
        ("https://www.exemple.ca/pannes", "exemple point ca barre oblique pannes"),
    ],
)
def test_web_addresses_for_the_ear(url: str, said: str) -> None:
    assert fr.spoken_web_address(url) == said


@pytest.mark.parametrize(
    ("regions", "said"),
    [
        (["Nord d'Edmonton"], "le nord d'Edmonton"),
        (["Nord d'Edmonton", "Nord-Est d'Edmonton"], "le nord et le nord-est d'Edmonton"),
    ],
)
def test_compass_regions(regions: list[str], said: str) -> None:
    assert fr.regions_phrase(regions) == said


# --- wording and staff's sentences --------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "said"),
    [(["Internet"], "Internet"), (["Internet", "courriel"], "Internet et courriel"), (["a", "b", "c"], "a, b et c")],
)
def test_lists(words: list[str], said: str) -> None:
    assert fr.list_words(words) == said


@pytest.mark.parametrize(
    ("word", "said"), [("Internet", "d'Internet"), ("Edmonton", "d'Edmonton"), ("Castle Downs", "de Castle Downs")]
)
def test_de_elides_before_a_vowel(word: str, said: str) -> None:
    assert fr.de(word) == said


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Nous enquêtons.",
            "L'entreprise indique qu'elle enquête.",
        ),
        (
            "Notre câble de fibre principal a été sectionné.",
            "L'entreprise indique que son câble de fibre principal a été sectionné.",
        ),
    ],
)
def test_staff_in_the_first_person_is_attributed(before: str, after: str) -> None:
    assert fr.attributed(before) == after


@pytest.mark.parametrize(
    "before",
    [
        "Nous avons bloqué le compte et publierons une mise à jour demain matin.",  # "publierons" without its "nous"
        "Appelez-nous si le problème persiste.",  # "nous" is not the subject
        "Nous nous excusons de la panne.",  # reflexive
    ],
)
def test_staff_sentences_that_cannot_be_put_in_the_third_person_for_certain_are_left_out(before: str) -> None:
    assert fr.attributed(before) == ""


@pytest.mark.parametrize(
    ("sentence", "page_talk"),
    [
        ("Les mises à jour seront publiées ici.", True),
        ("Nous sommes désolés des inconvénients.", True),
        ("Une équipe est sur place.", False),
    ],
)
def test_page_talk_and_apologies_are_not_said_on_air(sentence: str, page_talk: bool) -> None:
    assert (fr.without_page_talk(sentence) == "") is page_talk


# --- print: the release, the notice -------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "printed"),
    [
        ("2026-11-22 14:30", f"14{NBSP}h{NBSP}30"),
        ("2026-11-22 15:00", f"15{NBSP}h"),
        ("2026-11-22 08:05", f"8{NBSP}h{NBSP}05"),
        ("2026-11-22 12:00", "midi"),
        ("2026-11-23 00:00", "minuit"),
    ],
)
def test_printed_times(moment: str, printed: str) -> None:
    assert fr.fr_time(at(moment), EDMONTON) == printed


@pytest.mark.parametrize(
    ("moment", "printed"),
    [
        ("2026-11-22 10:30", "22 novembre 2026"),
        ("2026-07-01 10:30", "1er juillet 2026"),
    ],
)
def test_printed_dates(moment: str, printed: str) -> None:
    assert fr.fr_date(at(moment), EDMONTON) == printed


@pytest.mark.parametrize(("moment", "zone"), [("2026-11-22 10:30", "HNR"), ("2026-05-12 10:30", "HAR")])
def test_time_zones_by_their_french_abbreviations(moment: str, zone: str) -> None:
    assert fr.zone_name(at(moment), EDMONTON) == zone


@pytest.mark.parametrize(("n", "printed"), [(800, "800"), (4800, f"4{NNBSP}800"), (48_000, f"48{NNBSP}000")])
def test_thousands(n: int, printed: str) -> None:
    assert fr.thousands(n) == printed


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Cause : une carte.", f"Cause{NBSP}: une carte."),
        ("Pendant la panne ; en cas d'urgence", f"Pendant la panne{NNBSP}; en cas d'urgence"),
        ("« Nous enquêtons », a déclaré", f"«{NBSP}Nous enquêtons{NBSP}», a déclaré"),
        ("Vraiment ?", f"Vraiment{NNBSP}?"),
        ("https://status.northwind.example/", "https://status.northwind.example/"),  # a URL's colon stays as it is
    ],
)
def test_french_spacing(before: str, after: str) -> None:
    assert fr.typographie(before) == after


# --- SMS ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Retour prévu à 15 h.", "Retour prévu à 15 h."),  # é and à are GSM-7
        (f"Cause{NBSP}: panne", "Cause : panne"),  # a no-break space is not
        ("« panne »", '"panne"'),
        ("L’équipe", "L'équipe"),
    ],
)
def test_sms_text_in_gsm7_where_french_allows(before: str, after: str) -> None:
    assert fr.in_gsm7(before) == after


def test_a_letter_gsm7_lacks_is_kept_and_the_text_goes_as_ucs2_in_parts_of_67() -> None:
    text = "Northwind : fenêtre de travaux mer. 21 oct. 0 h 30 à 4 h, téléphonie coupée. " * 2
    assert "ê" in fr.in_gsm7(text)  # never misspelt to fit
    parts = fr.sms_parts(text.strip())
    assert len(parts) == 3 and "".join(parts) == text.strip()
    assert all(len(p) <= 67 for p in parts)  # UCS-2, with the header of a long message


def test_a_gsm7_text_over_160_characters_goes_in_parts_of_153() -> None:
    text = "a" * 200
    assert [len(p) for p in fr.sms_parts(text)] == [153, 47]
    assert fr.sms_parts("a" * 160) == ["a" * 160]


@pytest.mark.parametrize(
    ("moment", "printed"),
    [("2026-11-22 15:00", "dim. 15 h"), ("2026-11-22 14:30", "dim. 14 h 30")],
)
def test_sms_times_carry_their_day(moment: str, printed: str) -> None:
    assert fr.sms_time(at(moment), NOW, EDMONTON) == printed


# --- counting words as spoken -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Le service est rétabli.", 4),
        ("L'entreprise enquête.", 2),  # an elided article is said as one word with its noun
        ("status point northwind point example", 5),
        ("le 9-1-1", 4),
    ],
)
def test_words_counted_as_spoken(text: str, words: int) -> None:
    assert fr.spoken_word_count(text) == words


def test_the_french_speaking_rate() -> None:
    assert fr.WORDS_PER_MINUTE == 175


@pytest.mark.parametrize(
    ("sentence", "clock"),
    [
        ("Internet est de nouveau tombé en panne à 16 h 30, 40 minutes après.", (16, 30)),
        ("Le commutateur a redémarré à 1h52.", (1, 52)),
        ("Il est revenu à 14:05.", (14, 5)),
        ("Il est tombé 40 minutes après l'annonce.", None),
    ],
)
def test_the_clock_time_staff_wrote_in_french(sentence: str, clock: tuple[int, int] | None) -> None:
    assert fr.stated_clock(sentence) == clock


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("Ils sont sur place.", True),
        ("Il est inutile d'appeler.", False),
        ("Les batteries de secours se sont donc épuisées.", True),  # "donc": alone, nobody knows why
        ("Par conséquent, le service est coupé.", True),
        ("Les batteries de secours se sont épuisées.", False),
    ],
)
def test_a_french_sentence_that_leans_on_the_one_before(sentence: str, leans: bool) -> None:
    assert fr.leans_on_the_sentence_before(sentence) is leans


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Environ 170 des 210 lignes sont revenues.", "Environ 170 des deux cent dix lignes sont revenues."),
        ("Les 4 800 clients de Lauderdale.", "Les quatre mille huit cents clients de Lauderdale."),
        ("Environ 4 800 clients sont touchés.", "Environ quatre mille huit cents clients sont touchés."),
    ],
)
def test_a_figure_already_known_is_never_said_about_again(before: str, after: str) -> None:
    """« des 210 lignes » : l'auditeur connaît déjà ce nombre, jamais « des environ deux cent dix »."""
    assert fr.spoken_figures(before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Appelez-nous au 780-555-0100 et nous la vérifierons.", "Appelez-nous et nous la vérifierons."),
        (
            "Utilisez le serveur de relais sur le port 587 pour l'instant.",
            "Utilisez le serveur de relais pour l'instant.",
        ),
        (
            "Vous pouvez remettre votre application sur son serveur habituel, ou la laisser sur le port 587, qui "
            "continuera de fonctionner.",
            "Vous pouvez remettre votre application sur son serveur habituel.",
        ),
        ("Utilisez la messagerie Web, ou attendez une heure.", "Utilisez la messagerie Web, ou attendez une heure."),
    ],
)
def test_numbers_a_listener_cannot_use_are_left_out(before: str, after: str) -> None:
    assert fr.without_phone_numbers(before) == after


FR_STORY = (
    "Northwind Broadband signale une panne des services Internet et de fibre d'affaires à St. Albert en panne "
    "coupé hors service un peu après treize heures quarante-cinq cet après-midi"
)
FR_CAUSE = (
    "L'entreprise indique que l'alimentation électrique de son central de St. Albert a été coupée et la "
    "génératrice de secours n'a pas démarré."
)


# Each thing the copy says is weighed on its own (news reusing its words is news); a time counts as one word.
@pytest.mark.parametrize(
    ("sentence", "said", "restated"),
    [
        ("La génératrice portative alimente maintenant le central et le service revient.",
         [FR_STORY.replace("en panne coupé hors service", "revient reviennent graduellement"), FR_CAUSE], False),
        ("Le nouveau commutateur est installé.", [FR_STORY, FR_CAUSE, "Le commutateur de transfert défectueux a coupé le courant."], False),
        ("Internet et la fibre d'affaires sont en panne dans tout St. Albert depuis environ treize heures cinquante.",
         [FR_STORY, FR_CAUSE], True),
        ("Internet et la fibre d'affaires sont en panne dans tout St. Albert depuis environ 13 h 50.",
         [FR_STORY, FR_CAUSE], True),
    ],
)  # fmt: skip
def test_french_news_that_reuses_the_copys_words_is_not_a_repeat(sentence, said, restated) -> None:
    assert fr.restates(sentence, said) is restated


@pytest.mark.parametrize(
    ("staff", "on_air"),
    [
        ("Si vous êtes toujours hors ligne, débranchez votre modem pendant 30 secondes, puis rebranchez-le.", ""),
        ("Laissez à votre ligne quelques jours pour se stabiliser.", ""),
        ("Si une page reste figée, actualisez-la ou déconnectez-vous, puis reconnectez-vous.", ""),
        ("Tous les messages laissés ce matin vous attendent dans votre boîte vocale.", ""),
        ("Veuillez le renvoyer.", ""),
        ("Les équipes réparent le câble.", "Les équipes réparent le câble."),
        # the news of a clause stays, the order after the semicolon goes (the email's July 6th 3:45 p.m. update)
        (
            "Ces listes ne s'engagent sur aucun délai; continuez donc d'utiliser la messagerie Web pour le moment.",
            "Ces listes ne s'engagent sur aucun délai.",
        ),
        (
            "Si le service ne revient pas, l'entreprise testera la ligne.",
            "Si le service ne revient pas, l'entreprise testera la ligne.",
        ),
        ("Il y a assez de pièces chez le fournisseur.", "Il y a assez de pièces chez le fournisseur."),
    ],
)
def test_staff_speaking_to_the_reader_is_left_out_of_french_radio(staff: str, on_air: str) -> None:
    """« vous », « votre », « veuillez » or an order (« débranchez ») on a French script: left out, ``""``."""
    assert fr.to_customers(staff) == on_air


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Une baisse de environ quatre mille clients.", "Une baisse d'environ quatre mille clients."),
        ("Il y en a plus que environ mille.", "Il y en a plus qu'environ mille."),
        ("De environ mille à deux mille.", "D'environ mille à deux mille."),
        ("Une panne de onze heures.", "Une panne de onze heures."),  # no elision before "onze"
        ("Le nombre de clients.", "Le nombre de clients."),
    ],
)
def test_de_and_que_elide_before_environ(written: str, said: str) -> None:
    """A count said as an estimate after "de" (``de 4 823`` -> ``de environ …``) reads "d'environ"."""
    assert fr.elided(written) == said


def test_a_code_to_dial_is_said_as_keyed_in_french() -> None:
    assert fr.said_aloud("Lorsqu'on compose le *98, on obtient un signal occupé.") == (
        "Lorsqu'on compose étoile 98, on obtient un signal occupé."
    )
