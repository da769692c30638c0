"""The SIE export of a period, and the accounts it books on.

The export is built and written off the GUI thread (``SavingDialog``). The accounts
dialog edits the chart of ``services.accounts``: one field per kind of booking, the BAS
default beside it; saving checks every field and saves all or nothing, marking each
field that is wrong.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.chart_of_accounts import PURPOSES
from ..domain.errors import ValidationFailed
from ..services import accounts
from ..services.sie_export import export_sie
from . import theme
from .context import LedgerContext
from .field_errors import mark_invalid
from .message_text import localized
from .report_saving import SavingDialog, date_edit, picked

logger = logging.getLogger(__name__)


# The status line names this many of the texts written inexactly, then counts the rest.
SHOWN_WARNINGS = 10


class SieDialog(SavingDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(context, parent)
        # The last export's inexact texts; written by the worker, read once it is done.
        self.warnings: tuple[str, ...] = ()
        self.worker.done.connect(self._show_warnings)
        self.setWindowTitle(self.tr("SIE export"))
        today = context.today()
        self.start = date_edit(dt.date(today.year, 1, 1))
        self.end = date_edit(today)
        self.accounts_button = QPushButton(self.tr("Accounts…"))
        self.accounts_button.clicked.connect(self.edit_accounts)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.export)

        form = QFormLayout()
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        row = QHBoxLayout()
        row.addWidget(self.accounts_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Invoices, credit notes, payments, reminder fees, write-offs and rounding of "
                "the period as SIE 4 verifications, for the accounting program."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(close)

    def export(self) -> bool:
        start, end = picked(self.start), picked(self.end)
        if end < start:
            self.status.setText(self.tr("The period ends before it starts."))
            return False
        today = self.context.today()

        def build(session) -> bytes:
            made = export_sie(session, start, end, today=today)
            self.warnings = made.warnings
            return made.data

        self.warnings = ()
        name = f"sie-{start.isoformat()}-{end.isoformat()}.se"
        return self.save(
            self.tr("Save the SIE file"), self.tr("SIE files (*.se *.si)"), name, build
        )

    def edit_accounts(self) -> None:
        AccountsDialog(self.context, self).exec()

    def _show_warnings(self, result, error) -> None:
        """Below "Saved to …", the texts code page 437 could not hold as they are."""
        if error is not None or not self.warnings:
            return
        lines = [
            self.status.text(),
            self.tr("Some texts are written with other characters:"),
            *(localized(warning) for warning in self.warnings[:SHOWN_WARNINGS]),
        ]
        rest = len(self.warnings) - SHOWN_WARNINGS
        if rest > 0:
            lines.append(self.tr("… and {count} more (all in the log).").format(count=rest))
        self.status.setText("\n".join(lines))
        for warning in self.warnings:
            logger.warning("SIE export: %s", warning)


class AccountsDialog(QDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Accounts of the SIE export"))
        self.resize(720, 600)
        with context.reading() as session:
            chart = accounts.chart(session)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for purpose in PURPOSES:
            edit = QLineEdit(chart[purpose.key])
            edit.setMaxLength(4)
            edit.setFixedWidth(70)
            self.fields[purpose.key] = edit
            form.addRow(purpose.key, _with_default(edit, purpose.default, purpose.name))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        holder = QWidget()
        holder.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def save(self) -> bool:
        changes = {key: edit.text().strip() for key, edit in self.fields.items()}
        for edit in self.fields.values():
            mark_invalid(edit, None)
        try:
            with self.context.writing() as session:
                accounts.set_accounts(session, changes)
        except ValidationFailed as error:
            for problem in error.problems:
                if problem.field in self.fields:
                    mark_invalid(self.fields[problem.field], localized(problem.message))
            self.problems.setText("\n".join(str(p) for p in error.problems))
            return False
        self.accept()
        return True


def _with_default(edit: QLineEdit, default: str, name: str) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    hint = QLabel(f"BAS {default}: {name}")
    theme.tint(hint, theme.MUTED)
    layout.addWidget(hint)
    layout.addStretch(1)
    return row
