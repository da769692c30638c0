"""The Payments page: every payment (lazy list, unmatched-only filter, search), registering
one by hand, importing a bank file, placing what the matching could not, and customer
credit beside the list.

Dialogs open non-modally-blocking (``open``) and announce what they changed; this page,
the invoice list, the invoice view and the Reminders page reload from that signal.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import RuleViolation
from ..domain.number_text import format_decimal_plain
from ..services import payments_screen
from . import messages
from .column_widths import set_widths
from .context import CUSTOMERS, INVOICES, LedgerContext
from .message_text import error_text
from .payments_credit import CreditPanel
from .payments_import import ImportDialog
from .payments_model import COLUMNS, PaymentListModel
from .payments_place import PlacePaymentDialog
from .payments_register import RegisterPaymentDialog

logger = logging.getLogger(__name__)

SEARCH_DELAY_MS = 200
_WIDTHS = {"date": 88, "amount": 110, "currency": 62, "method": 72, "payer": 210,
           "reference": 120, "invoices": 100}  # fmt: skip
DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation


class PaymentsPage(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.dialog: QDialog | None = None
        self.model = PaymentListModel(context, self)

        title = QLabel(self.tr("Payments"))
        title.setObjectName("pageTitle")
        self.unmatched_only = QCheckBox(self.tr("Unmatched only"))
        self.unmatched_only.toggled.connect(
            lambda checked: self.model.set_filter(unmatched_only=checked)
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search payer, reference, message or invoice"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self.search_timer.start)
        self.register_button = QPushButton(self.tr("Register payment…"))
        self.register_button.clicked.connect(lambda: self.register_payment())
        self.import_button = QPushButton(self.tr("Import bank file…"))
        self.import_button.clicked.connect(lambda: self.import_file())
        self.place_button = QPushButton(self.tr("Place…"))
        self.place_button.setToolTip(self.tr("Match, split or turn into credit"))
        self.place_button.clicked.connect(lambda: self.place_selected())
        self.count = QLabel()

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view then never asks every row for its size.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.horizontalHeader().setStretchLastSection(True)
        set_widths(self.view, {n: _WIDTHS[key] for n, key in enumerate(COLUMNS) if key in _WIDTHS})
        self.view.doubleClicked.connect(lambda index: self.place_row(index.row()))
        self.credit = CreditPanel(context)

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.unmatched_only)
        bar.addWidget(self.search, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.register_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.place_button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.view)
        # The credit sits below the list, so the list keeps the page's full width.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(listing)
        splitter.addWidget(self.credit)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

        self.model.modelReset.connect(self._update_count)
        context.changed.connect(self._on_changed)
        self.model.reload()

    def _apply_search(self) -> None:
        self.model.set_filter(search=self.search.text())

    def _update_count(self) -> None:
        count = format_decimal_plain(Decimal(self.model.rowCount()), self.context.locale)
        with self.context.reading() as session:
            waiting = payments_screen.unmatched_count(session)
        self.count.setText(
            self.tr("{count} payments, {waiting} waiting to be placed").format(
                count=count, waiting=waiting
            )
        )

    def _on_changed(self, what: str) -> None:
        # Every payment action announces INVOICES (ui.payments_register.announce_paid).
        if what in (INVOICES, CUSTOMERS):
            self.model.reload()

    def register_payment(self, invoice_number: str = "") -> RegisterPaymentDialog:
        return self._show(RegisterPaymentDialog(self.context, invoice_number, self))

    def choose_file(self) -> Path | None:
        """Ask for a bank file; tests replace this to answer without a dialog."""
        start = QStandardPaths.writableLocation(DOCUMENTS)
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import bank file"),
            start,
            self.tr("Bank files (*.txt *.xml *.bgm *.dat);;All files (*)"),
        )
        return Path(path) if path else None

    def import_file(self, path: Path | None = None) -> ImportDialog | None:
        path = path or self.choose_file()
        if path is None:
            return None
        return self._show(ImportDialog(self.context, path, self))

    def place_selected(self) -> PlacePaymentDialog | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            messages.inform(
                self, self.tr("Place payment"), self.tr("Choose a payment in the list first.")
            )
            return None
        return self.place_row(rows[0].row())

    def place_row(self, row: int) -> PlacePaymentDialog | None:
        listed = self.model.row_at(row)
        if listed is None:
            return None
        if listed.unplaced == 0:
            messages.inform(
                self,
                self.tr("Place payment"),
                self.tr("This payment is placed in full; nothing is left to place."),
            )
            return None
        try:
            dialog = PlacePaymentDialog(self.context, listed.id, self)
        except RuleViolation as error:
            messages.warn(self, self.tr("Place payment"), error_text(error))
            return None
        return self._show(dialog)

    def wait(self) -> None:
        """Stop a bank file being read or imported and block until it has (the window is
        closing): a stopped import books nothing."""
        if isinstance(self.dialog, ImportDialog):
            self.dialog.stop()

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog
