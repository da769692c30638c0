"""File → Backup settings…: automatic daily backups, how many to keep, and where."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from ..services import backups
from ..services.backups import BackupSettings
from .context import LedgerContext
from .field_errors import error_label
from .message_text import error_text

logger = logging.getLogger(__name__)


class BackupSettingsDialog(QDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backup settings"))
        self.context = context
        with context.reading() as session:
            current = backups.load_settings(session)
        self.default_folder = backups.backup_folder(context.database, BackupSettings())

        self.automatic = QCheckBox(self.tr("Back up automatically once a day"))
        self.automatic.setChecked(current.automatic)
        self.keep = QSpinBox()
        self.keep.setRange(1, backups.MAX_KEEP)
        self.keep.setValue(current.keep)
        self.folder = QLineEdit(current.folder or "")
        self.folder.setPlaceholderText(str(self.default_folder))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        hint = QLabel(
            self.tr(
                "Automatic backups are taken at start-up and by the scheduler when the newest "
                "backup is a day old; only automatic ones beyond the count are removed. An "
                "empty folder means the default."
            )
        )
        hint.setWordWrap(True)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("", self.automatic)
        form.addRow(self.tr("Automatic backups kept"), self.keep)
        form.addRow(self.tr("Folder"), where)
        form.addRow("", hint)
        form.addRow("", self.error)
        form.addRow(buttons)

    def settings(self) -> BackupSettings:
        folder = self.folder.text().strip() or None
        return BackupSettings(self.keep.value(), self.automatic.isChecked(), folder)

    def save(self) -> None:
        try:
            with self.context.writing() as session:
                backups.save_settings(session, self.settings())
        except ValueError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        logger.info("backup settings saved")
        self.accept()

    def _browse(self) -> None:
        start = self.folder.text().strip() or str(self.default_folder)
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), start)
        if chosen:
            self.folder.setText(chosen)
