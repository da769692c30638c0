"""Settings → E-mail: how the app reaches the SMTP server, saved in one transaction.

Everything but the password goes to the ledger (``services.mail_settings``). The password
goes to the system keyring only; without one (``NoKeyring``) the form says so plainly and
the password is kept in memory until the app closes (``SmtpPasswords``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem, ValidationFailed
from ..mail.settings import SmtpSettings
from ..services import ui_queries
from ..services.mail_settings import set_smtp_settings, smtp_settings
from . import theme
from .context import LedgerContext
from .field_errors import FieldErrors, error_label
from .smtp_passwords import SmtpPasswords
from .unsaved_work import Baseline

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"starttls": "587", "tls": "465", "none": "25"}
DEFAULT_TIMEOUT = 30


class MailSettingsForm(QGroupBox):
    saved = Signal()

    def __init__(self, context: LedgerContext, passwords: SmtpPasswords, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("E-mail (SMTP server)"))
        self.context = context
        self.passwords = passwords
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.example.se")
        self.security = QComboBox()
        self.security.addItem(self.tr("STARTTLS (usually port 587)"), "starttls")
        self.security.addItem(self.tr("TLS from the start (usually port 465)"), "tls")
        self.security.addItem(self.tr("None: only for a relay on your own network"), "none")
        self.port = QLineEdit(DEFAULT_PORTS["starttls"])
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("empty if the server needs no login"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel()
        self.password_note.setWordWrap(True)
        self.sender_address = QLineEdit()
        self.sender_name = QLineEdit()
        self.reply_to = QLineEdit()
        self.reply_to.setPlaceholderText(self.tr("optional: where replies go"))
        self.timeout = QLineEdit(str(DEFAULT_TIMEOUT))
        self.status = QLabel()
        self.save_button = QPushButton(self.tr("Save e-mail settings"))
        self.save_button.clicked.connect(self.save)
        self._security_shown = "starttls"
        self.security.currentIndexChanged.connect(self._suggest_port)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("", self.general_error)
        rows = [
            (self.tr("Server"), "host", self.host),
            (self.tr("Security"), "security", self.security),
            (self.tr("Port"), "port", self.port),
            (self.tr("User name"), "username", self.username),
            (self.tr("Password"), "password", self._with_note(self.password)),
            (self.tr("Sender address"), "sender_address", self.sender_address),
            (self.tr("Sender name"), "sender_name", self.sender_name),
            (self.tr("Reply-To"), "reply_to", self.reply_to),
            (self.tr("Timeout (seconds)"), "timeout", self.timeout),
        ]
        for label, name, widget in rows:
            form.addRow(label, self.errors.wrap(name, widget))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        form.addRow("", buttons)
        self.baseline = Baseline(self)
        self.reload()

    def reload(self) -> None:
        """Show the stored settings, or the company's address and name for a first setup."""
        with self.context.reading() as session:
            stored = smtp_settings(session)
            company = ui_queries.company_details(session)
        if stored is None:
            self.sender_address.setText(company.email if company else "")
            self.sender_name.setText(company.legal_name if company else "")
        else:
            self.host.setText(stored.host)
            self.security.setCurrentIndex(max(self.security.findData(stored.security), 0))
            self.port.setText(str(stored.port))
            self.username.setText(stored.username)
            self.sender_address.setText(stored.sender_address)
            self.sender_name.setText(stored.sender_name)
            self.reply_to.setText(stored.reply_to)
            self.timeout.setText(f"{stored.timeout:g}")
        self.password.clear()
        self._show_password_note(stored)
        self.baseline.take()

    def has_unsaved_work(self) -> bool:
        return self.baseline.differs()

    def read(self) -> SmtpSettings | None:
        """The settings as typed, or None with every problem shown beside its field."""
        problems: list[Problem] = []
        port = _number(self.port.text(), int, "port", problems)
        timeout = _number(self.timeout.text(), float, "timeout", problems)
        settings = None
        try:
            settings = SmtpSettings(
                host=self.host.text().strip(),
                port=port if port is not None else 0,
                security=self.security.currentData(),
                sender_address=self.sender_address.text().strip(),
                sender_name=self.sender_name.text().strip(),
                username=self.username.text().strip(),
                reply_to=self.reply_to.text().strip(),
                timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
            )
        except ValidationFailed as error:
            # Listed after the parsing problems: a field shows the first message it gets.
            problems.extend(error.problems)
        if problems:
            self.errors.show(problems)
            return None
        self.errors.clear()
        return settings

    def typed_password(self) -> str | None:
        return self.password.text() or None

    def save(self) -> bool:
        settings = self.read()
        if settings is None:
            self.status.setText(self.tr("Not saved: see the marked fields."))
            return False
        with self.context.writing() as session:
            set_smtp_settings(session, settings)
        note = self.tr("Saved.")
        password = self.typed_password()
        if settings.username and password:
            if self.passwords.save(settings, password):
                note = self.tr("Saved; the password is in the system keyring.")
            else:
                note = self.tr("Saved; the password is kept only until the app closes.")
        elif self.passwords.needs_password(settings):
            note = self.tr("Saved; you will be asked for the password when mail is sent.")
        logger.info("SMTP settings saved from the GUI")
        self.status.setText(note)
        self._show_password_note(settings)
        self.password.clear()
        self.baseline.take()
        self.saved.emit()
        return True

    def _with_note(self, edit: QLineEdit) -> QWidget:
        """The password field with the note beneath it on where the password is kept."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(edit)
        layout.addWidget(self.password_note)
        return box

    def _show_password_note(self, settings: SmtpSettings | None) -> None:
        if not self.passwords.keyring_available():
            self.password_note.setText(
                self.tr(
                    "No system keyring is available on this computer, so the password "
                    "cannot be saved. It is kept only until the app closes, and you are "
                    "asked for it again next time."
                )
            )
            theme.tint(self.password_note, theme.WARNING)
        elif settings is not None and self.passwords.known(settings) is not None:
            self.password_note.setText(
                self.tr("A password is saved in the system keyring; type one to replace it.")
            )
            theme.tint(self.password_note, theme.MUTED)
        else:
            self.password_note.setText(self.tr("Saved in the system keyring, never in a file."))
            theme.tint(self.password_note, theme.MUTED)

    def _suggest_port(self) -> None:
        """Follow the security choice while the port is still the previous choice's default."""
        new = self.security.currentData()
        if self.port.text().strip() in ("", DEFAULT_PORTS[self._security_shown]):
            self.port.setText(DEFAULT_PORTS[new])
        self._security_shown = new


_NUMBER_MESSAGES = {
    "port": "a port is a whole number from 1 to 65535, not {text!r}",
    "timeout": "a timeout is a number of seconds, not {text!r}",
}


def _number(text: str, kind: type, field: str, problems: list[Problem]):
    """``text`` as an int or float, or None with the problem added to ``problems``."""
    text = text.strip()
    try:
        return kind(text)
    except ValueError:
        problems.append(Problem(field, _NUMBER_MESSAGES[field].format(text=text)))
        return None
