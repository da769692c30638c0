"""Settings → Database: open a shared ledger on a PostgreSQL server (or another SQLite file).

A URL typed with a password has the password moved into the system keyring once it has
opened the ledger (services.database_passwords), and only the URL without it is remembered
for the next start.
Without a keyring the password is kept in ``session_passwords`` until the app closes, and
the clerk is asked for it again next session (``ask_password``, once per session).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services import database_passwords, ui_queries
from . import theme
from .message_text import localized

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class SessionPasswords:
    """Database passwords typed this session, by keyring account; in memory only."""

    def __init__(self):
        self._typed: dict[str, str] = {}

    def keep(self, account: str, password: str) -> None:
        self._typed[account] = password

    def known(self, account: str) -> str | None:
        return self._typed.get(account)

    def forget(self, account: str) -> None:
        self._typed.pop(account, None)


# One per app process: "once per session" means once per run of the app.
session_passwords = SessionPasswords()


def ask_password(parent: QWidget | None, account: str) -> str | None:
    """The password typed into a dialog, or None if cancelled; a module function so that
    tests can answer it without a blocking dialog."""
    text, ok = QInputDialog.getText(
        parent,
        _tr("Database password"),
        _tr("Password for {account} (kept only until the app closes):").format(account=account),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def connect_url(url: str, parent: QWidget | None = None, *, ask: bool = False) -> str:
    """The URL to open ``url`` with: the keyring's password, else this session's. With
    ``ask`` (the server refused what was found) the clerk types one now, kept until the app
    closes. DatabasePasswordMissing when the clerk cancels."""
    if not database_passwords.is_server_url(url):
        return url
    account = database_passwords.account(url)
    if not ask:
        known = session_passwords.known(account)
        supply = None if known is None else (lambda _account: known)
        return database_passwords.with_password(url, ask=supply)

    def typed(_account: str) -> str | None:
        password = ask_password(parent, account)
        if password is not None:
            session_passwords.keep(account, password)
        return password

    # What the keyring and the environment hold was just refused: only the clerk can help.
    return database_passwords.with_password(url, environ={}, ask=typed, keyring=False)


def forget_typed_password(url: str) -> None:
    """After a failed open: a password typed this session may be the wrong one, so the
    next attempt asks again instead of trying it once more."""
    if database_passwords.is_server_url(url):
        session_passwords.forget(database_passwords.account(url))


class DatabaseSettingsForm(QGroupBox):
    """Shows the open ledger and opens another one by its URL."""

    open_requested = Signal(str)  # the URL without a password; the launcher opens it

    def __init__(self, current_url: str, parent=None):
        super().__init__(self.tr("Ledger database"), parent)
        self.current = QLabel(ui_queries.database_label(current_url))
        self.current.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setPlaceholderText(database_passwords.EXAMPLE)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open this ledger"))
        self.open_button.clicked.connect(self.open_ledger)
        hint = QLabel(
            self.tr(
                "A shared ledger on a PostgreSQL server: postgresql+psycopg://user:password"
                "@host/database. The password goes into the system keyring, never into the "
                "settings. A file path opens a SQLite ledger."
            )
        )
        hint.setWordWrap(True)
        theme.tint(hint, theme.MUTED)

        form = QFormLayout()
        form.addRow(self.tr("Open now"), self.current)
        form.addRow(self.tr("Database URL"), self.url)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    def open_ledger(self) -> str | None:
        """Check the URL and ask for it to be opened; the URL asked for, or None when the
        URL is refused. Its password is kept only once it has let the app in
        (``keep_password``), so a mistyped one never lands in the keyring."""
        text = self.url.text().strip()
        problem = database_passwords.url_problem(text)
        if problem:
            self.status.setText(
                self.tr("Not opened: {problem}.").format(problem=localized(problem))
            )
            return None
        url = ui_queries.startup_database_url(text, None)
        # The typed text may hold the password: it leaves the field at once.
        self.url.clear()
        self.status.setText("")
        logger.info("opening the ledger %s", ui_queries.database_label(url))
        self.open_requested.emit(url)
        return url


def keep_password(url: str) -> str:
    """After ``url`` opened: its password into the keyring, or into this session's memory
    when there is no keyring; returns the URL to remember, without a password."""
    typed = database_passwords.typed_password(url)
    remembered = database_passwords.remember(url)
    if remembered.keyring_problem and typed is not None:
        session_passwords.keep(*typed)
        logger.info("no keyring: the database password is kept until the app closes")
    return remembered.url
