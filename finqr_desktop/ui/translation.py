"""The language of the window: the clerk's choice, the system's default, the Qt translators.

The UI speaks Swedish or English. The choice is kept in QSettings ("" follows the system);
any other system language falls back to English. Beside it the clerk may choose the
"formats": the Babel locale of the numbers, amounts and dates the window shows and reads
(sv_SE or en_GB); by default the language's own. Documents are not affected: an invoice
speaks its customer's language (documents/strings.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from importlib.resources import files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from ..domain.date_text import format_day
from ..domain.number_text import format_decimal_plain

logger = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
FORMATS_KEY = "ui/formats"
SYSTEM = ""
LANGUAGES = ("sv", "en")
FALLBACK = "en"
# Babel locales of the UI's numbers, amounts and dates, per UI language.
BABEL_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
FORMATS = tuple(BABEL_LOCALES.values())
# The formats of a window built before any install (the tests' windows): the product's home
# locale, which is also what a Swedish clerk gets by default.
HOME_FORMATS = "sv_SE"

# The translators installed now, kept referenced: Qt does not own them, and a .qm loaded
# from bytes reads those bytes for as long as the translator lives.
_installed: list[QTranslator] = []
# What install() chose last: {"language": "sv", "formats": "sv_SE"}; empty before.
_active: dict[str, str] = {}


def language_names() -> list[tuple[str, str]]:
    """The choices of the Settings page: each language in its own name."""
    return [
        (SYSTEM, QCoreApplication.translate("Language", "System default")),
        ("sv", "Svenska"),
        ("en", "English"),
    ]


def formats_names() -> list[tuple[str, str]]:
    """The choices of the formats box: the language's own, or a fixed locale, each with an
    example written in it."""
    names = {
        "sv_SE": QCoreApplication.translate("Language", "Swedish ({example})"),
        "en_GB": QCoreApplication.translate("Language", "British English ({example})"),
    }
    return [(SYSTEM, QCoreApplication.translate("Language", "As the language"))] + [
        (locale, name.format(example=formats_example(locale))) for locale, name in names.items()
    ]


def formats_example(locale: str) -> str:
    """A number and a day as ``locale`` writes them: "1 234,56 · 2024-03-31"."""
    number = format_decimal_plain(Decimal("1234.56"), locale)
    return f"{number} · {format_day(dt.date(2024, 3, 31), locale)}"


def chosen_formats(settings: QSettings) -> str:
    value = settings.value(FORMATS_KEY) or SYSTEM
    return value if value in FORMATS else SYSTEM


def store_formats(settings: QSettings, choice: str) -> None:
    if choice in FORMATS:
        settings.setValue(FORMATS_KEY, choice)
    else:
        settings.remove(FORMATS_KEY)


def effective_formats(choice: str, language: str) -> str:
    return choice if choice in FORMATS else BABEL_LOCALES[language]


def chosen_language(settings: QSettings) -> str:
    value = settings.value(LANGUAGE_KEY) or SYSTEM
    return value if value in LANGUAGES else SYSTEM


def store_language(settings: QSettings, choice: str) -> None:
    if choice == SYSTEM:
        settings.remove(LANGUAGE_KEY)
    else:
        settings.setValue(LANGUAGE_KEY, choice)


def system_language(locale: QLocale | None = None) -> str:
    """Swedish when the system prefers it over English, else English."""
    for name in (locale or QLocale.system()).uiLanguages():
        language = name.replace("-", "_").split("_")[0].lower()
        if language in LANGUAGES:
            return language
    return FALLBACK


def effective_language(choice: str, locale: QLocale | None = None) -> str:
    return choice if choice in LANGUAGES else system_language(locale)


def catalogue_bytes(language: str) -> bytes | None:
    """The compiled ``.qm`` of ``language``, read through importlib.resources."""
    source = files("finqr_desktop.translations") / "ui" / f"finqr_desktop_{language}.qm"
    try:
        return source.read_bytes()
    except (FileNotFoundError, OSError) as error:
        logger.warning("no UI catalogue for %s: %s", language, error)
        return None


def _own_translator(language: str) -> QTranslator | None:
    data = catalogue_bytes(language)
    translator = QTranslator()
    if data is None or not translator.load(data):
        logger.warning("the UI catalogue for %s could not be loaded", language)
        return None
    translator.data = data  # keeps the bytes alive as long as the translator
    return translator


def _qt_translator(language: str) -> QTranslator | None:
    """Qt's own texts (standard buttons, context menus of text fields), where PySide6
    ships them; a build without them keeps Qt's English."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if translator.load(f"qtbase_{language}", folder):
        return translator
    logger.info("no Qt translations for %s in %s", language, folder)
    return None


def install(language: str, formats: str = SYSTEM) -> str:
    """Make ``language`` the language of every text translated from now on, and ``formats``
    (the language's own when not one of FORMATS) the locale of numbers and dates; returns
    the language.

    Replaces translators an earlier call installed; English needs its own catalogue too,
    for the plural forms of texts that count something. QLocale's default follows the
    formats, so Qt's own number and date widgets agree with Babel's texts.
    """
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    for translator in (_qt_translator(language), _own_translator(language)):
        if translator is not None and app.installTranslator(translator):
            _installed.append(translator)
    formats = effective_formats(formats, language)
    QLocale.setDefault(QLocale(formats))
    _active.update(language=language, formats=formats)
    logger.info("UI language %s, formats %s", language, formats)
    return language


def uninstall(default_locale: QLocale | None = None) -> None:
    """Remove the translators and forget the choice: the window speaks its source English
    with HOME_FORMATS again, as before any install (tests start from there)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _active.clear()
    QLocale.setDefault(default_locale or QLocale.system())


def install_chosen(settings: QSettings) -> str:
    """Install the language and formats the settings name (or the system's); returns the
    language."""
    return install(effective_language(chosen_language(settings)), chosen_formats(settings))


def current_language() -> str:
    """The language installed last (by :func:`install`); English before any install."""
    return _active.get("language", FALLBACK)


def ui_locale() -> str:
    """The Babel locale of the UI's numbers, amounts and dates: the formats installed last,
    or HOME_FORMATS before any install."""
    return _active.get("formats", HOME_FORMATS)
