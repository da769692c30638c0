"""The language of the window: the clerk's choice, the system's default, the Qt translators.

The UI speaks Swedish or English. The choice is kept in QSettings ("" follows the system);
any other system language falls back to English. Documents are not affected: an invoice
speaks its customer's language (documents/strings.py).
"""

from __future__ import annotations

import logging
from importlib.resources import files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

logger = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
SYSTEM = ""
LANGUAGES = ("sv", "en")
FALLBACK = "en"
# Babel locales of the UI's numbers, amounts and dates, per UI language.
BABEL_LOCALES = {"sv": "sv_SE", "en": "en_GB"}

# The translators installed now, kept referenced: Qt does not own them, and a .qm loaded
# from bytes reads those bytes for as long as the translator lives.
_installed: list[QTranslator] = []


def language_names() -> list[tuple[str, str]]:
    """The choices of the Settings page: each language in its own name."""
    return [
        (SYSTEM, QCoreApplication.translate("Language", "System default")),
        ("sv", "Svenska"),
        ("en", "English"),
    ]


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


def install(language: str) -> str:
    """Make ``language`` the language of every text translated from now on; returns it.

    Replaces translators an earlier call installed; English needs its own catalogue too,
    for the plural forms of texts that count something.
    """
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    for translator in (_qt_translator(language), _own_translator(language)):
        if translator is not None and app.installTranslator(translator):
            _installed.append(translator)
    QLocale.setDefault(QLocale(BABEL_LOCALES[language]))
    logger.info("UI language %s", language)
    return language


def install_chosen(settings: QSettings) -> str:
    """Install the language the settings name (or the system's); returns it."""
    return install(effective_language(chosen_language(settings)))


def current_language() -> str:
    """The language installed last (by :func:`install`); English before any install."""
    name = QLocale().name().split("_")[0]
    return name if name in LANGUAGES else FALLBACK


def ui_locale() -> str:
    """The Babel locale of the UI's numbers, amounts and dates."""
    return BABEL_LOCALES[current_language()]
