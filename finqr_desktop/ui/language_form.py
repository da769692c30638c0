"""Settings → Language: the window's language and the formats of its numbers and dates.

Applying asks the launcher to rebuild the window in the new language on the same ledger
(ui/language_switch.py), which keeps the section and an open invoice draft and asks first
about any other unsaved edit. The choice is stored only once it has been applied.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from . import translation

logger = logging.getLogger(__name__)


class LanguageForm(QGroupBox):
    # (language choice, formats choice): "" for the system's language / the language's own
    # formats, else a code of translation.LANGUAGES / translation.FORMATS.
    apply_requested = Signal(str, str)

    def __init__(self, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Language"))
        self.settings = settings or QSettings()
        self.language = QComboBox()
        for code, name in translation.language_names():
            self.language.addItem(name, code)
        self.formats = QComboBox()
        for code, name in translation.formats_names():
            self.formats.addItem(name, code)
        note = QLabel(
            self.tr(
                "Formats decide how the window shows and reads numbers, amounts and dates. "
                "Invoices and reminders keep speaking each customer's language."
            )
        )
        note.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setToolTip(
            self.tr("Rebuild the window in the chosen language; unsaved work is kept or asked for")
        )
        self.apply_button.clicked.connect(self.request_apply)
        self.language.currentIndexChanged.connect(self._update_button)
        self.formats.currentIndexChanged.connect(self._update_button)

        form = QFormLayout(self)
        form.addRow(self.tr("Language of the window"), self.language)
        form.addRow(self.tr("Formats"), self.formats)
        form.addRow("", note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.apply_button)
        form.addRow("", buttons)
        self.reload()

    def reload(self) -> None:
        """Show the stored choice."""
        self._select(self.language, translation.chosen_language(self.settings))
        self._select(self.formats, translation.chosen_formats(self.settings))
        self._update_button()

    def choice(self) -> tuple[str, str]:
        return self.language.currentData(), self.formats.currentData()

    def stored(self) -> tuple[str, str]:
        return (
            translation.chosen_language(self.settings),
            translation.chosen_formats(self.settings),
        )

    def request_apply(self) -> None:
        self.status.clear()
        self.apply_requested.emit(*self.choice())

    def not_applied(self) -> None:
        """The launcher kept the old language (the clerk chose to keep unsaved work)."""
        self.status.setText(self.tr("Not changed: save your work first, then apply again."))

    def _update_button(self) -> None:
        self.apply_button.setEnabled(self.choice() != self.stored())

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        combo.setCurrentIndex(max(combo.findData(code), 0))
