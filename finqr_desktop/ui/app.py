"""The entry point of `finqr-desktop`: options, logging, the first run, the main window."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from .. import __version__
from ..services import ui_queries
from ..services.database_passwords import needs_password
from ..services.ledger import open_ledger
from ..services.logging_setup import configure_logging
from . import language_switch, theme, translation
from .app_icon import app_icon
from .context import LedgerContext
from .crash import install_excepthook
from .database_settings import connect_url, forget_typed_password, keep_password
from .error_dialog import show_error
from .first_run import DEMO, FirstRunDialog
from .main_window import MainWindow
from .smoke_start import run_smoke_test

logger = logging.getLogger(__name__)

DATABASE_KEY = "ledger/database_url"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="finqr-desktop", description="FINQR Desktop invoicing")
    parser.add_argument("--database", metavar="URL", help="database URL or SQLite file path")
    parser.add_argument("--verbose", action="store_true", help="log debug detail")
    parser.add_argument("--version", action="version", version=f"finqr-desktop {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window on a throwaway ledger, check the packaged parts, quit",
    )
    return parser.parse_args(argv)


class Launcher:
    """Opens a ledger, runs the first-run dialog when it has no company, shows the window.

    The window's File menu can switch to the demo company or back to the own ledger; that
    choice is remembered for the next start. A ledger given by --database or
    FINQR_DATABASE_URL is used for that run only, so the app and the `finqr` command always
    agree on which ledger a plain start opens.
    """

    def __init__(self, settings: QSettings, *, today: Callable[[], dt.date] = dt.date.today):
        self.settings = settings
        self.today = today
        self.window: MainWindow | None = None
        self.context: LedgerContext | None = None
        self.url: str | None = None

    def start(self, explicit_url: str | None) -> MainWindow | None:
        remembered = self.settings.value(DATABASE_KEY) or None
        url = ui_queries.startup_database_url(explicit_url, remembered)
        new_file = ui_queries.missing_ledger_file(url) if explicit_url else None
        if new_file is not None and not self._confirm_new(new_file):
            return None
        return self.open(url, new_file=new_file)

    def _confirm_new(self, path) -> bool:
        """A --database path that does not exist may be a typing mistake: ask first."""
        answer = QMessageBox.question(
            None,
            "FINQR Desktop",
            QApplication.translate(
                "Launcher", "There is no ledger at\n{path}\n\nCreate a new ledger there?"
            ).format(path=path),
        )
        return answer == QMessageBox.StandardButton.Yes

    def open(self, url: str, *, new_file=None) -> MainWindow | None:
        """Open ``url``; ``new_file`` is the SQLite file just created for it, if any."""
        context = self._context(url)
        with context.reading() as session:
            has_company = ui_queries.company_details(session) is not None
        if not has_company and url != ui_queries.demo_database_url():
            dialog = FirstRunDialog(context)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                context.database.dispose()
                if new_file is not None:
                    ui_queries.discard_new_ledger(new_file)
                return None
            if dialog.choice == DEMO:
                context.database.dispose()
                url = ui_queries.demo_database_url()
                context = self._context(url)
        self._fill_demo_if_needed(context, url)
        if url == ui_queries.demo_database_url():
            self.settings.setValue(DATABASE_KEY, url)
        elif url == ui_queries.default_database_url():
            self.settings.remove(DATABASE_KEY)
        self._show(context, url)
        return self.window

    def switch(self, which: str) -> None:
        """Reopen on the demo, the own ledger, or (Settings → Database) a URL, which is
        then remembered, without its password, for the next start."""
        if which == DEMO:
            target = ui_queries.demo_database_url()
        elif which == "own":
            target = ui_queries.default_database_url()
        else:
            target = which
        new_file = ui_queries.missing_ledger_file(target) if which not in (DEMO, "own") else None
        if new_file is not None and not self._confirm_new(new_file):
            return
        old = self.window
        try:
            opened = self.open(target, new_file=new_file)
        except Exception as exc:  # a server down, a wrong password: the old ledger stays open
            logger.warning("cannot open %s", ui_queries.database_label(target), exc_info=True)
            forget_typed_password(target)
            show_error(
                old,
                QApplication.translate(
                    "Launcher", "The ledger {ledger} could not be opened: {error}"
                ).format(ledger=ui_queries.database_label(target), error=exc),
                next_step=QApplication.translate(
                    "Launcher",
                    "The ledger you had open stays open. Check the address and the password, "
                    "and that the database server is running, then try again.",
                ),
                error=exc,
            )
            return
        if opened is not None and target not in (
            ui_queries.demo_database_url(),
            ui_queries.default_database_url(),
        ):
            self.settings.setValue(DATABASE_KEY, keep_password(target))
        if opened is not None and old is not None and old is not self.window:
            old.close()
            old.context.database.dispose()
            old.deleteLater()

    def _context(self, url: str) -> LedgerContext:
        # A server's password comes from the keyring or this session; only when the server
        # refuses is the clerk asked (once per session: the answer is kept until closing).
        try:
            database = open_ledger(connect_url(url))
        except Exception as exc:
            if not needs_password(exc):
                raise
            forget_typed_password(url)
            database = open_ledger(connect_url(url, ask=True))
        return LedgerContext(database, today=self.today)

    def _fill_demo_if_needed(self, context: LedgerContext, url: str) -> None:
        if url != ui_queries.demo_database_url():
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ui_queries.build_demo_if_empty(context.database, today=context.today())
        finally:
            QApplication.restoreOverrideCursor()
        context.refresh_locale()

    def _show(self, context: LedgerContext, url: str) -> None:
        self.window = self._build(context, url)
        self.window.show()
        self.window.start_sending()

    def _build(self, context: LedgerContext, url: str) -> MainWindow:
        self.context, self.url = context, url
        window = MainWindow(context, database_label=ui_queries.database_label(url))
        window.switch_requested.connect(self.switch)
        window.language_requested.connect(self.change_language)
        return window

    def change_language(self, language: str, formats: str) -> bool:
        """Settings → Language: store the choice and rebuild the window in it on the same
        ledger, keeping the clerk's work (language_switch); False when the clerk chose to
        keep unsaved work and the language stays."""
        old = self.window
        carried = language_switch.prepare(old) if old is not None else None
        if old is not None and carried is None:
            old.settings.language.not_applied()
            return False
        translation.store_language(self.settings, language)
        translation.store_formats(self.settings, formats)
        translation.install_chosen(self.settings)
        if old is None:
            return True
        # A new context on the same open database: the old window's pages stay connected
        # to the old one until they are gone, and must not hear the new window's changes.
        context = LedgerContext(old.context.database, today=self.today)
        self.window = self._build(context, self.url)
        language_switch.take_over(old, self.window, carried)
        self.window.show()
        # The old window's workers stop before the new one's start: never two senders.
        old.close()
        old.deleteLater()
        self.window.start_sending()
        language_switch.reopen(self.window, carried)
        return True


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # --help, --version or a bad option: argparse has answered
        return exc.code if isinstance(exc.code, int) else 2
    log_file = configure_logging(verbose=args.verbose)
    logger.info("finqr-desktop %s starting; log at %s", __version__, log_file)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName("FINQR")
    app.setApplicationName("FINQR Desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("se.finqr.desktop")  # Wayland matches windows to the .desktop file
    app.setWindowIcon(app_icon())
    if args.smoke_test:
        return run_smoke_test(app)
    install_excepthook()
    theme.follow_palette(app)
    # Before any window: every text is translated as its widget is built.
    translation.install_chosen(QSettings())

    launcher = Launcher(QSettings())
    try:
        window = launcher.start(args.database)
    except Exception as exc:  # the ledger could not be opened at all: say so and stop
        logger.exception("cannot open the ledger")
        show_error(
            None,
            QApplication.translate("Launcher", "The ledger could not be opened: {error}").format(
                error=exc
            ),
            next_step=QApplication.translate(
                "Launcher",
                "FINQR Desktop will close. Check that the ledger file or database server is "
                "reachable, or start with --database to open another ledger.",
            ),
            error=exc,
        )
        return 1
    if window is None:
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
