"""The lines of a bank file's preview as a table model: one row per payment of the file,
with what importing it would do.

The preview is plain values already in memory (services.bank_import.ImportPreview), so the
model only formats; a file of ten thousand payments draws as fast as one of ten.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..domain.date_text import format_day
from ..domain.number_text import format_amount
from ..services.bank_import_plan import ImportLine
from . import theme
from .message_text import localized

COLUMNS = ("line", "date", "amount", "payer", "reference", "outcome", "invoices", "reason")
_RIGHT = {"line", "amount"}
_COLOURS = {"flagged": theme.ERROR, "duplicate": theme.MUTED,
            "suggested": theme.WARNING, "unmatched": theme.WARNING}  # fmt: skip


class ImportLinesModel(QAbstractTableModel):
    def __init__(self, locale: str, parent=None):
        super().__init__(parent)
        self.locale = locale
        self.lines: tuple[ImportLine, ...] = ()
        self._headers = {
            "line": self.tr("Line"),
            "date": self.tr("Date"),
            "amount": self.tr("Amount"),
            "payer": self.tr("Payer"),
            "reference": self.tr("Reference"),
            "outcome": self.tr("Outcome"),
            "invoices": self.tr("Invoices"),
            "reason": self.tr("Why"),
        }
        self.outcome_names = {
            "matched": self.tr("Matched"),
            "suggested": self.tr("Suggested"),
            "unmatched": self.tr("Unmatched"),
            "flagged": self.tr("Flagged"),
            "duplicate": self.tr("Duplicate"),
        }

    def show_lines(self, lines: tuple[ImportLine, ...]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[COLUMNS[section]]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if column in _RIGHT else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == "outcome":
            role = _COLOURS.get(line.outcome)
            return theme.colour(role) if role else None
        if role == Qt.ItemDataRole.ToolTipRole:
            # The reason is often longer than its column; the payer's message comes with it.
            return (
                "\n".join(text for text in (localized(line.reason), line.message) if text) or None
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(line, column)

    def _text(self, line: ImportLine, column: str) -> str:
        if column == "line":
            return str(line.line)
        if column == "date":
            return format_day(line.date, self.locale)
        if column == "amount":
            return format_amount(line.amount, line.currency, self.locale)
        if column == "payer":
            return line.payer_name
        if column == "reference":
            return line.reference
        if column == "outcome":
            return self.outcome_names.get(line.outcome, line.outcome)
        if column == "invoices":
            if line.allocations:
                return ", ".join(a.invoice_number for a in line.allocations)
            if line.suggestions:
                numbers = ", ".join(s.invoice_number for s in line.suggestions[:3])
                return self.tr("suggested: {numbers}").format(numbers=numbers)
            return ""
        return localized(line.reason)
