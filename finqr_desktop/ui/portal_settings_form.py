"""Where the portal is published and under which address customers find it.

The SFTP password (or key passphrase) goes to the system keyring, never the ledger;
without a keyring it is kept for this session only (``PortalSecrets``). The server's key
shows as its fingerprint once confirmed; "Forget key" lets the next publish ask again.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..domain.errors import RuleViolation
from ..mail.passwords import NoKeyring
from ..services import portal_publish, portal_settings
from ..services.portal_settings import PortalSettings
from .context import LedgerContext
from .message_text import error_text
from .unsaved_work import Baseline

logger = logging.getLogger(__name__)


class PortalSecrets:
    """The SFTP secret from the keyring, else typed this session and kept in memory."""

    def __init__(self):
        self._memory: dict[str, str] = {}

    def known(self, settings: PortalSettings) -> str | None:
        stored = portal_publish.secret_for(settings)
        return stored if stored is not None else self._memory.get(_account(settings))

    def keep(self, settings: PortalSettings, secret: str) -> str:
        """Store ``secret``; says where it went."""
        self._memory[_account(settings)] = secret
        try:
            portal_publish.store_secret(settings, secret)
        except NoKeyring:
            return "memory"
        return "keyring"


def _account(settings: PortalSettings) -> str:
    return f"{settings.sftp_user}@{settings.sftp_host}"


class PortalSettingsForm(QGroupBox):
    saved = Signal()

    def __init__(self, context: LedgerContext, secrets: PortalSecrets, parent=None):
        super().__init__(self.tr("Publishing"), parent)
        self.context, self.secrets = context, secrets
        self.base_url = QLineEdit()
        self.base_url.setPlaceholderText("https://kund.example.se/")
        self.target = QComboBox()
        self.target.addItem(self.tr("A folder on this computer or the network"), "folder")
        self.target.addItem(self.tr("An SFTP server"), "sftp")
        self.folder = QLineEdit()
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.user = QLineEdit()
        self.remote_folder = QLineEdit()
        self.key_file = QLineEdit()
        self.key_file.setPlaceholderText(self.tr("empty: log in with the password"))
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("kept in the system keyring"))
        self.host_key = QLabel()
        self.host_key.setWordWrap(True)  # a fingerprint or a sentence; the column stays narrow
        self.forget_key = QPushButton(self.tr("Forget key"))
        self.automatic = QCheckBox(
            self.tr("Publish by itself after issuing, payments and reminders")
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save publishing settings"))

        key_row = QHBoxLayout()
        key_row.addWidget(self.host_key, 1)
        key_row.addWidget(self.forget_key)
        form = QFormLayout()
        form.addRow(self.tr("Portal address"), self.base_url)
        form.addRow(self.tr("Publish to"), self.target)
        form.addRow(self.tr("Folder"), self.folder)
        form.addRow(self.tr("SFTP server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Folder on the server"), self.remote_folder)
        form.addRow(self.tr("Key file"), self.key_file)
        form.addRow(self.tr("Password or passphrase"), self.secret)
        form.addRow(self.tr("Server key"), key_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.automatic)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self.target.currentIndexChanged.connect(self._update_fields)
        self.save_button.clicked.connect(self.save)
        self.forget_key.clicked.connect(self.forget_host_key)
        self.load()

    def load(self) -> None:
        with self.context.reading() as session:
            settings = portal_settings.load_settings(session)
        self._settings = settings
        self.base_url.setText(settings.base_url)
        self.target.setCurrentIndex(max(0, self.target.findData(settings.target)))
        self.folder.setText(settings.folder)
        self.host.setText(settings.sftp_host)
        self.port.setValue(settings.sftp_port)
        self.user.setText(settings.sftp_user)
        self.remote_folder.setText(settings.sftp_folder)
        self.key_file.setText(settings.sftp_key_file)
        self.automatic.setChecked(settings.automatic)
        self.secret.clear()
        self._show_key(settings)
        self._update_fields()
        self.baseline = Baseline(self)

    def has_unsaved_work(self) -> bool:
        """Whether a field differs from the settings as last loaded or saved."""
        return self.baseline.differs()

    def _show_key(self, settings: PortalSettings) -> None:
        if settings.sftp_host_key:
            from ..portal.sftp import fingerprint

            self.host_key.setText(fingerprint(settings.sftp_host_key))
        else:
            self.host_key.setText(self.tr("not confirmed yet: the first publish asks"))
        self.forget_key.setEnabled(bool(settings.sftp_host_key))

    def _update_fields(self) -> None:
        sftp = self.target.currentData() == "sftp"
        self.folder.setEnabled(not sftp)
        for field in (self.host, self.port, self.user, self.remote_folder, self.key_file,
                      self.secret, self.forget_key):  # fmt: skip
            field.setEnabled(sftp)
        if sftp:
            self.forget_key.setEnabled(bool(self._settings.sftp_host_key))

    def entered(self) -> PortalSettings:
        host = self.host.text().strip()
        same_server = host == self._settings.sftp_host and self.port.value() == (
            self._settings.sftp_port
        )
        return dataclasses.replace(
            self._settings,
            base_url=self.base_url.text(),
            target=self.target.currentData(),
            folder=self.folder.text(),
            sftp_host=host,
            sftp_port=self.port.value(),
            sftp_user=self.user.text(),
            sftp_folder=self.remote_folder.text(),
            sftp_key_file=self.key_file.text(),
            # Another server's key is confirmed anew.
            sftp_host_key=self._settings.sftp_host_key if same_server else "",
            automatic=self.automatic.isChecked(),
        )

    def save(self) -> bool:
        try:
            with self.context.writing() as session:
                settings = portal_settings.save_settings(session, self.entered())
        except RuleViolation as error:
            self.status.setText(error_text(error))
            return False
        text = self.tr("Saved.")
        if self.secret.text():
            where = self.secrets.keep(settings, self.secret.text())
            if where == "memory":
                text = self.tr("Saved. No keyring: the password is kept until the app closes.")
        self.load()
        self.status.setText(text)
        self.saved.emit()
        return True

    def forget_host_key(self) -> None:
        with self.context.writing() as session:
            current = portal_settings.load_settings(session)
            portal_settings.save_settings(session, dataclasses.replace(current, sftp_host_key=""))
        self.load()
