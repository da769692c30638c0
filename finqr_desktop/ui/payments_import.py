"""Importing a bank file: the preview first, built off the GUI thread with a progress bar,
then "Import" commits exactly that in one transaction.

The preview says what each payment would do (matched, suggested, flagged, duplicate), the
file's notes and its sums per currency. A broken file shows its line and reason and
offers nothing to import; the commit is all or nothing (services.bank_import).

Cancel while the file is read or imported asks the work to stop at its next progress step
(``services.cancelling``): a stopped import leaves its transaction to roll back, so it books
nothing, and the dialog stays open to say so. Closing the dialog meanwhile is the same
request; it never waits on the GUI thread for the work to end.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
)

from ..banking import BankFileError
from ..domain.errors import RuleViolation
from ..domain.number_text import format_amount
from ..services.bank_import import ImportPreview, import_bank_file, preview_import
from ..services.cancelling import Cancelled, CancelToken
from . import theme
from .context import LedgerContext
from .message_text import error_text, localized
from .payments_import_lines import COLUMNS, ImportLinesModel
from .payments_register import announce_paid
from .payments_worker import ProgressCall

logger = logging.getLogger(__name__)

STEPS = 1000  # the progress bar's resolution
_WIDTHS = {"line": 60, "date": 95, "amount": 120, "payer": 170, "reference": 170,
           "outcome": 90, "invoices": 150}  # fmt: skip


class ImportDialog(QDialog):
    def __init__(self, context: LedgerContext, path: Path, parent=None):
        super().__init__(parent)
        self.context = context
        self.path = Path(path)
        self.preview: ImportPreview | None = None
        self.imported: ImportPreview | None = None
        self.token = CancelToken()
        self.setWindowTitle(self.tr("Import bank file — {name}").format(name=self.path.name))
        self.resize(1100, 640)

        self.status = QLabel(self.tr("Reading {name}…").format(name=self.path.name))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, STEPS)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.hide()
        self.model = ImportLinesModel(context.locale, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, key in enumerate(COLUMNS):
            if key in _WIDTHS:
                self.table.setColumnWidth(column, _WIDTHS[key])
        self.allow_test = QCheckBox(self.tr("Import this test file anyway"))
        self.allow_test.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.allow_test)
        layout.addWidget(self.buttons)

        self.worker = ProgressCall(self)
        self.worker.progressed.connect(lambda share: self.progress.setValue(int(share * STEPS)))
        self.worker.done.connect(self._previewed)
        self.worker.start(self._preview_call())

    def _preview_call(self):
        database, path, token = self.context.database, self.path, self.token

        def call(progress):
            data = path.read_bytes()
            with database.reading() as session:
                return preview_import(session, data, path.name, progress=progress, cancel=token)

        return call

    def _previewed(self, preview: ImportPreview | None, error: Exception | None) -> None:
        self.worker.done.disconnect(self._previewed)
        self.cancel_button.setEnabled(True)
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("Reading the file was cancelled. Nothing was imported."))
            return
        self.progress.setValue(STEPS)
        if error is not None:
            self._failed(error, self.tr("Nothing was imported."))
            return
        self.preview = preview
        self.model.show_lines(preview.lines)
        self.summary.setText(self._summary(preview))
        if preview.warnings:
            self.notes.setText("\n".join(localized(text) for text in preview.warnings))
            theme.tint(self.notes, theme.ERROR if preview.already_imported else None)
            self.notes.show()
        self.allow_test.setVisible(preview.is_test)
        can_import = preview.already_imported is None and bool(preview.lines)
        self.import_button.setEnabled(can_import)
        if preview.already_imported is not None:
            self.status.setText(self.tr("This file was imported before; nothing to import."))
        else:
            self.status.setText(
                self.tr("Preview of {name}: nothing is written until you press Import.").format(
                    name=self.path.name
                )
            )

    def _summary(self, preview: ImportPreview) -> str:
        counts = self.tr(
            "{total} payments: {matched} matched, {suggested} with suggestions, "
            "{unmatched} unmatched, {flagged} flagged, {duplicate} already imported."
        ).format(
            total=len(preview.lines),
            matched=preview.count("matched"),
            suggested=preview.count("suggested"),
            unmatched=preview.count("unmatched"),
            flagged=preview.count("flagged"),
            duplicate=preview.count("duplicate"),
        )
        sums = ", ".join(
            format_amount(Decimal(total), currency, self.context.locale)
            for currency, total in sorted(preview.sums.items())
        )
        kind = self.tr("{format} file").format(format=preview.format)
        return f"{kind}. {counts}" + (
            " " + self.tr("Sums: {sums}.").format(sums=sums) if sums else ""
        )

    def commit(self) -> None:
        """Import what the preview showed, off the GUI thread, in one transaction."""
        if self.preview is None or self.worker.busy:
            return
        self.import_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText(
            self.tr("Importing {name}: booking the payments…").format(name=self.path.name)
        )
        theme.tint(self.status, None)
        database, path, allow_test = self.context.database, self.path, self.allow_test.isChecked()
        self.token = token = CancelToken()

        def call(progress):
            data = path.read_bytes()
            # Cancelled from a progress step ends this block with an exception: rolled back.
            with database.writing() as session:
                return import_bank_file(
                    session, data, path.name, allow_test=allow_test, progress=progress,
                    cancel=token,
                )  # fmt: skip

        self.worker.done.connect(self._committed)
        self.worker.start(call)

    def _committed(self, result: ImportPreview | None, error: Exception | None) -> None:
        self.worker.done.disconnect(self._committed)
        self.cancel_button.setEnabled(True)
        if isinstance(error, Cancelled):
            self.progress.setValue(0)
            self.status.setText(
                self.tr(
                    "Import cancelled: nothing was booked, the ledger is as it was. Press "
                    "Import to import the file after all."
                )
            )
            self.import_button.setEnabled(True)
            return
        self.progress.setValue(STEPS)
        if error is not None:
            self._failed(error, self.tr("Nothing was imported."))
            return
        self.imported = result
        announce_paid(self.context)
        self.status.setText(
            self.tr(
                "Imported: {matched} payments booked on their invoices, {waiting} wait in the "
                "unmatched list."
            ).format(
                matched=result.count("matched"),
                waiting=sum(result.count(o) for o in ("suggested", "unmatched", "flagged")),
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.import_button.hide()
        self.allow_test.hide()

    def _failed(self, error: Exception, consequence: str) -> None:
        if isinstance(error, BankFileError):
            where = self.tr("Line {line}: ").format(line=error.line) if error.line else ""
            text = f"{where}{error.reason}" + (f" ({error.path})" if error.path else "")
        elif isinstance(error, (RuleViolation, OSError)):
            text = error_text(error)
        else:
            logger.error("bank import failed", exc_info=error)
            text = self.tr("Unexpected error: {error}").format(error=error_text(error))
        self.status.setText(f"{text}. {consequence}")
        theme.tint(self.status, theme.ERROR)
        self.import_button.setEnabled(False)

    def request_cancel(self) -> None:
        """Ask the reading or the import in progress to stop at its next step."""
        if not self.worker.busy or self.token.requested:
            return
        self.token.request()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("Cancelling… nothing will be imported."))

    def stop(self) -> None:
        """Cancel the work in progress and block until it has ended (the window is closing)."""
        self.token.request()
        self.worker.wait()

    def done(self, result: int) -> None:  # noqa: A003 - Qt's name
        # The worker holds a session on the ledger: while it runs, closing is a request to
        # stop, and the dialog stays to say what came of it.
        if self.worker.busy:
            self.request_cancel()
            return
        super().done(result)
