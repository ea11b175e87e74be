"""The languages of a site: the text of each field in each, what is missing, and the site as seen in one.

``status.yml`` lists ``languages: [en, fr]``, the default first (``language: en``
alone is a one-language site). Every public text field of ``status.yml`` and of
the incident files may then be plain text or a mapping by language,
``message: {en: …, fr: …}``. Plain text is the default language's, except in
the fields that name something (the organisation, an area, its region, how to
say it, the dateline): there plain text is the name in every language, and a
mapping gives another language's form where it differs (``Sturgeon County`` /
``comté de Sturgeon``).

The loader keeps each field's default-language text in the model's own field,
so every stage reads plain ``str``, and the other languages' text beside it
(:class:`~.model.Translations`). :func:`site_in` gives the site as seen in one
language: every text field a plain ``str`` in that language, or in the default
language where the files do not give it, and each object's ``untranslated``
names the fields that fell back, so a page can mark them ("English only").
Nothing falls back silently: ``outage check`` warns of every missing text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, is_dataclass, replace
from typing import TYPE_CHECKING

from . import model as m
from .problems import describe
from .schema import LANGUAGES, StatusFile

if TYPE_CHECKING:  # the rules import this module; a type-only import keeps the two apart
    from .rules import Checker
    from .yamltext import Path

SITE_LANGUAGES = ("en",)
"""The languages the site's own pages and bulletins are written in so far: the default must be one of them."""

LANGUAGE_NAMES = {"en": "English", "fr": "French"}

DEFAULT_EMERGENCY_ADVICE = {
    "en": "If you need 9-1-1, use a cell phone.",
    "fr": "Si vous devez composer le 9-1-1, utilisez un téléphone cellulaire.",
}
"""What bulletins say while 911 is at stake, when status.yml does not say it (``bulletins.emergency_advice``)."""

TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    m.Config: ("name", "about", "dateline"),
    m.Contact: ("title",),
    m.Service: ("name", "description"),
    m.Area: ("name", "region", "pronounce"),
    m.BulletinSettings: ("emergency_advice",),
    m.Incident: ("title", "expected_impact", "postmortem", "affects"),
    m.Update: ("message",),
    m.Facts: ("cause",),
}
"""Every text field of the model that may be given by language, by the class that holds it."""


# --- status.yml's languages -----------------------------------------------------------------------


def site_languages(raw: StatusFile, checker: Checker) -> tuple[str, ...]:
    """status.yml's ``languages`` (or its one ``language``), default first; problems go to ``checker``."""
    given = "language" in raw.model_fields_set
    if raw.languages is None:
        languages: tuple[str, ...] = (raw.language,)
        where: Path = ("language",)
    else:
        languages = tuple(dict.fromkeys(raw.languages))
        where = ("languages", 0)
        for index, language in enumerate(raw.languages):
            if language in raw.languages[:index]:
                checker.fail(("languages", index), "each language once", f"'{language}' again")
        if given and raw.language != raw.languages[0]:
            checker.fail(
                ("language",),
                f"{raw.languages[0]}, the first of languages (or leave language out: languages says it all)",
                describe(raw.language),
            )
    if languages[0] not in SITE_LANGUAGES:
        checker.fail(
            where,
            f"{' or '.join(SITE_LANGUAGES)} first: the default language must be one the site's own pages are "
            f"written in ({', '.join(SITE_LANGUAGES)} so far); other languages may follow it",
            describe(languages[0]),
        )
    return languages


# --- reading one text field -------------------------------------------------------------------------


class TextReader:
    """Reads text fields of one file in the site's languages, recording located errors and warnings."""

    def __init__(self, languages: tuple[str, ...], checker: Checker) -> None:
        self.languages = languages
        self.default = languages[0]
        self.others = languages[1:]
        self.checker = checker

    def read(
        self,
        value: str | dict[str, str],
        loc: Path,
        *,
        name: bool = False,
        clean: Callable[[str], str] = str.strip,
        defaults: dict[str, str] | None = None,
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The default language's text, and (language, text) for each other language given.

        ``name``: plain text is the name in every language. ``defaults``: the
        text in each language when the file leaves the field out.
        """
        if defaults is not None:
            return clean(defaults.get(self.default, "")), tuple(
                (language, clean(defaults[language])) for language in self.others if language in defaults
            )
        if isinstance(value, str):
            text = clean(value)
            if name:
                return text, tuple((language, text) for language in self.others)
            if text and self.others:
                self._missing(loc, self.others, plain=True)
            return text, ()
        for language in value:
            if language not in self.languages:
                self.checker.fail(
                    (*loc, language),
                    f"one of status.yml's languages ({', '.join(self.languages)})"
                    + ("" if language not in LANGUAGES else f"; to publish {language}, add it to languages there"),
                    describe(language),
                    key=True,
                )
        if self.default not in value:
            found = f"only {', '.join(value)}" if value else "an empty mapping"
            self.checker.fail(
                loc, f"the text in {self.default}, the default language (the first of status.yml's languages)", found
            )
            return "", ()
        missing = [language for language in self.others if language not in value]
        if missing:
            self._missing(loc, missing, plain=False)
        return clean(value[self.default]), tuple(
            (language, clean(value[language])) for language in self.others if language in value
        )

    def _missing(self, loc: Path, missing: Iterable[str], *, plain: bool) -> None:
        names = " and ".join(missing)
        example = ", ".join(f"{language}: …" for language in self.languages)
        found = f"plain text, which is {self.default} only" if plain else f"no {names}"
        self.checker.warn(
            loc,
            f"the text in {names} too, as {{{example}}}",
            f"{found}; {names} readers see the {self.default} text, marked as such",
        )


def translations(*given: tuple[str, tuple[tuple[str, str], ...]]) -> m.Translations:
    """The :class:`~.model.Translations` of fields read by :meth:`TextReader.read`: (field, its other languages)."""
    texts = tuple((field, language, text) for field, others in given for language, text in others)
    return m.Translations(texts) if texts else m.NO_TRANSLATIONS


# --- the site as seen in one language ----------------------------------------------------------------


def site_in(site: m.Site, language: str) -> m.Site:
    """The site as seen in ``language``: every text field a plain ``str`` in it.

    Where the files do not give a field in ``language``, it holds the default
    language's text and its name is in the object's ``untranslated`` (a page
    marks it "English only"). ``config.language`` is ``language``;
    ``config.languages`` still starts with the default. Takes the site the
    loader returns, which is already the site as seen in the default language.
    """
    config = site.config
    if language not in config.languages:
        raise ValueError(f"{language!r} is not one of the site's languages {config.languages}")
    if language == config.default_language:
        return site
    view = _Seen(language).of(site)
    assert isinstance(view, m.Site)
    return replace(view, config=replace(view.config, language=language))


class Rewriter:
    """Rebuilds the frozen model with some fields changed; an object shared in the site stays shared.

    A subclass says what changes in one object (:meth:`changed`); this walks the
    tree, rebuilds each object whose fields changed (once, however often it is
    shared) and keeps every other object as it is.
    """

    def __init__(self) -> None:
        self.memo: dict[int, object] = {}

    def of(self, value: object) -> object:
        if isinstance(value, tuple):
            items = tuple(self.of(item) for item in value)
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        if not is_dataclass(value) or isinstance(value, type):
            return value
        key = id(value)
        if key not in self.memo:
            self.memo[key] = self._rebuilt(value)
        return self.memo[key]

    def _rebuilt(self, value: object) -> object:
        changes: dict[str, object] = {}
        for item in fields(value):  # type: ignore[arg-type]
            old = getattr(value, item.name)
            new = self.of(old)
            if new is not old:
                changes[item.name] = new
        changes.update(self.changed(value))
        return replace(value, **changes) if changes else value  # type: ignore[type-var]

    def changed(self, value: object) -> dict[str, object]:
        """The fields of ``value`` (its children already rebuilt) that this rewrite changes."""
        return {}


class _Seen(Rewriter):
    """Rebuilds the model with each text in one language."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def changed(self, value: object) -> dict[str, object]:
        changes: dict[str, object] = {}
        text_fields = TEXT_FIELDS.get(type(value), ())
        if text_fields:
            given: m.Translations = getattr(value, "translations")  # noqa: B009
            missing = []
            for name in text_fields:
                text = given.text(name, self.language)
                if text is not None:
                    changes[name] = text
                elif getattr(value, name):
                    missing.append(name)
            changes["translations"] = m.NO_TRANSLATIONS
            if missing:
                changes["untranslated"] = frozenset(missing)
        return changes


def only_in(text_language: str, reader_language: str) -> str:
    """The mark beside text shown in another language than the page's: ``English only``, ``en anglais seulement``."""
    names = {
        ("en", "en"): "English only",
        ("en", "fr"): "en anglais seulement",
        ("fr", "en"): "French only",
        ("fr", "fr"): "en français seulement",
    }
    return names[(text_language, reader_language)]


def path_prefix(config: m.Config) -> str:
    """Where the site in ``config.language`` lives: ``""`` for the default language, ``fr/`` for French."""
    return "" if config.language == config.default_language else f"{config.language}/"
