"""Where the app finds the SMTP password: the system keyring, else this session's memory.

The password is never written to the database or a file. Without a usable keyring
(``NoKeyring``) it is kept in this object only, so it is gone when the app closes, and the
clerk is asked again next session. One instance is shared by the Settings page and the
sending worker, so a password typed on either side serves both.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..mail import passwords
from ..mail.passwords import NoKeyring
from ..mail.settings import SmtpSettings
from .message_text import error_text

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def ask_password(parent: QWidget | None, settings: SmtpSettings) -> str | None:
    """The password typed into a dialog, or None if the clerk cancelled or typed nothing.

    A module function so that tests can answer it without a blocking dialog.
    """
    text, ok = QInputDialog.getText(
        parent,
        _tr("SMTP password"),
        _tr("Password for {account} (kept only until the app closes):").format(
            account=settings.password_key
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


class SmtpPasswords:
    def __init__(self, parent: QWidget | None = None):
        self.parent = parent
        self._memory: dict[str, str] = {}
        # Why the keyring could not be used, once that is known; None while it works.
        self.keyring_problem: str | None = None

    def known(self, settings: SmtpSettings) -> str | None:
        """The password on hand without asking: the keyring's, else this session's."""
        if not settings.username:
            return None
        try:
            stored = passwords.load_password(settings.host, settings.username)
        except NoKeyring as error:
            self.keyring_problem = error_text(error)
            stored = None
        return stored if stored is not None else self._memory.get(settings.password_key)

    def needs_password(self, settings: SmtpSettings) -> bool:
        return bool(settings.username) and self.known(settings) is None

    def save(self, settings: SmtpSettings, password: str) -> bool:
        """Keep the password: in the keyring when there is one (True), else in memory."""
        try:
            passwords.store_password(settings.host, settings.username, password)
        except NoKeyring as error:
            self.keyring_problem = error_text(error)
            self._memory[settings.password_key] = password
            logger.info("no keyring: the SMTP password is kept for this session only")
            return False
        self._memory.pop(settings.password_key, None)
        return True

    def obtain(self, settings: SmtpSettings) -> str | None:
        """The known password, else one the clerk types now (then kept); None if cancelled."""
        if not settings.username:
            return None
        password = self.known(settings)
        if password is None:
            password = ask_password(self.parent, settings)
            if password is not None:
                self.save(settings, password)
        return password

    def keyring_available(self) -> bool:
        """Probe the keyring once; the answer also sets ``keyring_problem``."""
        try:
            passwords.load_password("localhost", "probe")
        except NoKeyring as error:
            self.keyring_problem = error_text(error)
            return False
        return True
