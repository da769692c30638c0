"""The "Send a test e-mail" box: the SMTP form's settings as typed, sent off the GUI thread.

It uses the form's current values, saved or not, so the clerk can try a server before
saving it; the result is the Message-ID the server accepted, or the server's own words.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ..mail.addresses import normalise_address
from ..mail.check import send_test_message
from ..mail.failures import MailFailure
from ..services import ui_queries
from . import theme
from .background_call import BackgroundCall
from .context import LedgerContext
from .field_errors import mark_invalid
from .mail_settings_form import MailSettingsForm
from .message_text import error_text
from .smtp_passwords import SmtpPasswords

logger = logging.getLogger(__name__)


class MailTestBox(QGroupBox):
    finished = Signal(bool)  # True when the server accepted the message

    def __init__(
        self,
        context: LedgerContext,
        form: MailSettingsForm,
        passwords: SmtpPasswords,
        parent=None,
    ):
        super().__init__(parent)
        self.setTitle(self.tr("Test"))
        self.context = context
        self.form = form
        self.passwords = passwords
        self.call = BackgroundCall(self)
        self.call.done.connect(self._done)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("where the test e-mail goes"))
        self.button = QPushButton(self.tr("Send a test e-mail"))
        self.button.clicked.connect(self.send)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        self._address = ""

        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("Send a test e-mail to")))
        line.addWidget(self.address, 1)
        line.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.result)
        with context.reading() as session:
            company = ui_queries.company_details(session)
        self.address.setText(company.email if company else "")
        self._language = company.language if company else "sv"

    def send(self) -> bool:
        """Start sending; False (with the reason shown) when it cannot start."""
        settings = self.form.read()
        if settings is None:
            return self._show(False, self.tr("Not sent: first correct the marked fields."))
        try:
            address = normalise_address(self.address.text())
        except ValueError as error:
            mark_invalid(self.address, error_text(error))
            return self._show(False, self.tr("Not sent: {error}").format(error=error_text(error)))
        mark_invalid(self.address, None)
        password = None
        if settings.username:
            password = self.form.typed_password() or self.passwords.obtain(settings)
            if password is None:
                return self._show(False, self.tr("Not sent: the server needs a password."))
        language = self._language
        started = self.call.start(
            lambda: send_test_message(settings, password, address, language=language)
        )
        if not started:
            return False
        self._address = address
        self.button.setEnabled(False)
        theme.tint(self.result, None)
        self.result.setText(self.tr("Sending a test e-mail to {address}…").format(address=address))
        self.result.show()
        return True

    def wait(self) -> None:
        self.call.wait()

    def _done(self, message_id, error) -> None:
        self.button.setEnabled(True)
        if error is None:
            text = self.tr("Sent to {address}; the server accepted it as {message_id}.")
            self._show(True, text.format(address=self._address, message_id=message_id))
        elif isinstance(error, MailFailure):
            self._show(False, self.tr("Not sent: {error}").format(error=error_text(error)))
        else:
            logger.error("test e-mail failed unexpectedly", exc_info=error)
            self._show(False, self.tr("Not sent: {error}").format(error=error_text(error)))
        self.finished.emit(error is None)

    def _show(self, ok: bool, text: str) -> bool:
        theme.tint(self.result, theme.SUCCESS if ok else theme.ERROR)
        self.result.setText(text)
        self.result.show()
        return ok
