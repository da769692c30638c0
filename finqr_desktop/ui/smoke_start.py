"""`finqr-desktop --smoke-test`: start the app once on a throwaway ledger, then quit.

A packaged build (PyInstaller) can lack a data file, a Qt plugin or a module that is only
imported when some code runs, and tests run from a checkout never notice. This start goes
through the parts that load such things: the window's translation catalogues (.qm), the
migrations on a new SQLite file, the main window with every section shown, a sample
invoice rendered to PDF (fonts, QR encoder, catalogues) and rasterised, and the keyring's
backends. It exits 0 only when all of that worked, and touches neither the user's ledger
nor their settings.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import logging
import sys
import tempfile
import traceback
from pathlib import Path

import keyring
from PySide6.QtCore import QSettings, QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication

from ..domain.parties import Address, Company
from ..domain.templates import Design
from ..services import company as company_service
from ..services.documents import render_pdf
from ..services.ledger import open_ledger
from . import translation
from .context import LedgerContext
from .main_window import MainWindow
from .template_render import page_images
from .template_sources import sample

logger = logging.getLogger(__name__)

SMOKE_COMPANY = Company(
    legal_name="Röktest AB",
    org_number="556036-0793",
    address=Address("Provgatan 1", "111 22", "Stockholm", "SE"),
    bankgiro="5402-9681",
)


def run_smoke_test(app: QApplication) -> int:
    """Run the checks; print one line per check and return the process's exit code."""
    problems: list[str] = []
    # An exception in a slot reaches sys.excepthook, not this function: count it too.
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, value, tb: problems.append(
        "".join(traceback.format_exception(kind, value, tb))
    )
    try:
        with tempfile.TemporaryDirectory(prefix="finqr-smoke-") as folder:
            QSettings.setDefaultFormat(QSettings.Format.IniFormat)
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
            _check_catalogues()
            _check_window(app, Path(folder) / "smoke.sqlite3")
            _check_document()
            _check_keyring()
    except Exception:
        problems.append(traceback.format_exc())
    finally:
        sys.excepthook = previous_hook
    for problem in problems:
        print(f"smoke test: FAILED\n{problem}", file=sys.stderr)
        logger.error("smoke test failed: %s", problem)
    if not problems:
        print("smoke test: ok")
    return 1 if problems else 0


def _check_window(app: QApplication, path: Path) -> None:
    database = open_ledger(f"sqlite:///{path}")
    try:
        with database.writing() as session:
            company_service.save_company(session, SMOKE_COMPANY)
        window = MainWindow(LedgerContext(database), database_label=str(path))
        window.show()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)
            app.processEvents()
        sections = window.navigation.count()
        window.close()
        QThreadPool.globalInstance().waitForDone(30_000)
        app.processEvents()
        window.deleteLater()
        app.processEvents()
    finally:
        database.dispose()
    print(f"smoke test: main window with {sections} sections on a new ledger")


def _check_catalogues() -> None:
    # The UI's .qm files are package data: a build that dropped them shows English only.
    for language in translation.LANGUAGES:
        data = translation.catalogue_bytes(language)
        if data is None or not QTranslator().load(data):
            raise RuntimeError(f"the UI catalogue for {language!r} is missing or unreadable")
    language = translation.install(translation.system_language())
    print(f"smoke test: UI catalogues {', '.join(translation.LANGUAGES)}; using {language}")


def _check_document() -> None:
    pdf = render_pdf(sample(dt.date.today(), "sv"), Design())
    pages = page_images(pdf)
    if not pages or pages[0].isNull():
        raise RuntimeError("the sample invoice rendered no page")
    print(f"smoke test: sample invoice, {len(pdf)} bytes of PDF, {len(pages)} page(s)")


def _check_keyring() -> None:
    # keyring finds its backends through package metadata (entry points); a build that
    # dropped the metadata silently falls back to a keyring that stores nothing.
    backends = importlib.metadata.entry_points(group="keyring.backends")
    if not backends:
        raise RuntimeError("no keyring backends are registered (package metadata missing)")
    chosen = type(keyring.get_keyring())
    print(f"smoke test: {len(backends)} keyring backends, using {chosen.__module__}")
