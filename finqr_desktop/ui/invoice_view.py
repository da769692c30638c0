"""An issued invoice or credit note, read-only; an invoice can be credited from here.

Below the lines, the messages sent about it (``MessageHistoryPanel``) and who did what to it
(``AuditHistoryPanel``).
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.date_text import format_day
from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.number_text import format_amount, format_decimal_plain
from ..domain.status import Status
from ..services import credits, invoices, outbox, payments, ui_queries
from ..services.credit_overpaid import moved_from_invoice
from ..services.payments_write_off import write_off, write_off_limits
from ..services.ui_queries import InvoiceDetail
from . import messages
from .audit_history_view import AuditHistoryPanel
from .context import INVOICES, LedgerContext
from .credit_dialog import CreditDialog
from .einvoice_export import export_einvoice
from .invoice_totals import TotalsPanel
from .labels import status_name, vat_rate_name
from .message_history_view import MessageHistoryPanel
from .message_text import error_text
from .payments_register import RegisterPaymentDialog, announce_paid
from .sending_status import REMINDERS

logger = logging.getLogger(__name__)

DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation


class InvoiceView(QDialog):
    # Tests replace the factory to answer the dialog without showing it.
    credit_dialog_factory = CreditDialog

    def __init__(self, context: LedgerContext, invoice_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.invoice_id = invoice_id
        self.credit_number: str | None = None
        self.resize(1000, 680)

        self.facts = QFormLayout()
        self.lines = QTableWidget(0, 6)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Description"), self.tr("Quantity"), self.tr("Unit price"),
             self.tr("Discount %"), self.tr("VAT"), self.tr("Amount")]
        )  # fmt: skip
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.verticalHeader().hide()
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            self.lines.setColumnWidth(column, 130 if column != 4 else 180)
        self.totals = TotalsPanel()
        self.history = MessageHistoryPanel(context)
        self.audit_history = AuditHistoryPanel(context)
        self.credit_button = QPushButton(self.tr("Credit…"))
        self.credit_button.clicked.connect(self.credit)
        self.save_pdf_button = QPushButton(self.tr("Save PDF…"))
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.open_pdf_button = QPushButton(self.tr("Open PDF"))
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.export_button = QPushButton(self.tr("Export e-invoice…"))
        self.export_button.clicked.connect(
            lambda: export_einvoice(self, self.context, self.detail.number)
        )
        self.email_button = QPushButton(self.tr("E-mail again"))
        self.email_button.clicked.connect(self.email_again)
        self.dispute_button = QPushButton()
        self.dispute_button.clicked.connect(self.toggle_dispute)
        self.payment_dialog: RegisterPaymentDialog | None = None
        self.register_button = QPushButton(self.tr("Register payment…"))
        self.register_button.clicked.connect(lambda: self.register_payment())
        self.mark_paid_button = QPushButton(self.tr("Mark as paid"))
        self.mark_paid_button.clicked.connect(lambda: self.mark_paid())
        self.write_off_button = QPushButton(self.tr("Write off rest"))
        self.write_off_button.clicked.connect(lambda: self.write_off_rest())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addLayout(self.facts, 1)
        top.addWidget(self.totals)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_pdf_button)
        buttons.addWidget(self.save_pdf_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.email_button)
        buttons.addWidget(self.dispute_button)
        buttons.addStretch(1)
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.mark_paid_button)
        buttons.addWidget(self.write_off_button)
        buttons.addWidget(self.credit_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.history)
        layout.addWidget(self.audit_history)
        layout.addLayout(buttons)
        context.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        with self.context.reading() as session:
            detail = ui_queries.invoice_detail(session, self.invoice_id, self.context.today())
        self.detail = detail
        is_credit = detail.kind == "credit_note"
        title = self.tr("Credit note {number}") if is_credit else self.tr("Invoice {number}")
        self.setWindowTitle(title.format(number=detail.number))
        self._show_facts(detail)
        self._show_lines(detail)
        self.totals.show_totals(detail.draft.totals(), self.context.locale)
        self.history.show_invoice(self.invoice_id, credit_note=is_credit)
        self.audit_history.show_invoice(self.invoice_id)
        creditable = not is_credit and detail.status != Status.CREDITED
        self.credit_button.setVisible(not is_credit)
        self.credit_button.setEnabled(creditable and detail.credited < detail.total)
        self.dispute_button.setVisible(not is_credit)
        self.dispute_button.setText(
            self.tr("Clear dispute") if detail.disputed else self.tr("Mark disputed…")
        )
        self._show_payment_buttons(detail, is_credit)

    def _show_payment_buttons(self, detail: InvoiceDetail, is_credit: bool) -> None:
        payable = not is_credit and detail.remaining > 0
        with self.context.reading() as session:
            limit = write_off_limits(session).get(detail.draft.currency)
        for button in (self.register_button, self.mark_paid_button, self.write_off_button):
            button.setVisible(not is_credit)
        self.register_button.setEnabled(payable)
        self.mark_paid_button.setEnabled(payable)
        self.write_off_button.setEnabled(
            payable and limit is not None and detail.remaining <= limit
        )
        if limit is not None:
            self.write_off_button.setToolTip(
                self.tr("A rest up to {limit} may be written off").format(
                    limit=format_amount(limit, detail.draft.currency, self.context.locale)
                )
            )

    def _on_changed(self, what: str) -> None:
        # A payment registered elsewhere (the Payments page, a bank file) moves this invoice.
        if what == INVOICES:
            self.reload()

    def _show_facts(self, detail: InvoiceDetail) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        draft, locale = detail.draft, self.context.locale

        def money(amount):
            return format_amount(amount, draft.currency, locale)

        rows = [
            (self.tr("Number"), detail.number or ""),
            (self.tr("Status"), status_name(detail.status)),
            (self.tr("Customer"), f"{detail.customer_number} · {detail.customer_name}"),
            (self.tr("Issue date"), format_day(draft.issue_date, locale)),
            (self.tr("Due date"), format_day(draft.due_date, locale)),
            (self.tr("OCR reference"), detail.ocr or ""),
            (self.tr("Credits invoice"), detail.credits_number or ""),
            (self.tr("Credited"), money(detail.credited)),
            (self.tr("Paid"), money(detail.paid)),
            (
                self.tr("To customer credit"),
                money(detail.to_customer_credit) if detail.to_customer_credit else "",
            ),
            (self.tr("Remaining"), money(detail.remaining)),
            (
                self.tr("Reminders"),
                self.tr("Disputed: no reminders are sent") if detail.disputed else "",
            ),
            (
                self.tr("References"),
                " / ".join(r for r in (draft.our_reference, draft.your_reference) if r),
            ),
            (self.tr("Notes"), draft.notes),
        ]
        for title, value in rows:
            if value:
                label = QLabel(value)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                label.setWordWrap(True)
                self.facts.addRow(title, label)

    def _show_lines(self, detail: InvoiceDetail) -> None:
        draft, locale = detail.draft, self.context.locale
        amounts = draft.totals().line_amounts
        self.lines.setRowCount(len(draft.lines))
        for row, (line, amount) in enumerate(zip(draft.lines, amounts, strict=True)):
            quantity = format_decimal_plain(line.quantity, locale)
            values = [
                line.description,
                f"{quantity} {line.unit}".strip(),
                format_amount(line.unit_price, draft.currency, locale),
                format_decimal_plain(line.discount_percent, locale),
                vat_rate_name(line.rate, locale),
                format_amount(amount, draft.currency, locale),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (1, 2, 3, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lines.setItem(row, column, item)
        self.lines.resizeRowsToContents()
        # Room for up to five lines before the table scrolls, however small the dialog:
        # the history below must not squeeze the invoice's own lines to one row.
        shown = min(self.lines.rowCount(), 5) or 1
        rows = sum(self.lines.rowHeight(row) for row in range(min(self.lines.rowCount(), 5)))
        rows = rows or self.lines.verticalHeader().defaultSectionSize() * shown
        frame = 2 * self.lines.frameWidth()
        header = self.lines.horizontalHeader().sizeHint().height()
        self.lines.setMinimumHeight(header + rows + frame)

    def _pdf(self) -> tuple[str, bytes] | None:
        try:
            # Writing: a document first opened here is archived now, as the customer gets it.
            with self.context.writing() as session:
                return ui_queries.document_pdf(session, self.invoice_id)
        except (LookupError, RuleViolation) as exc:
            messages.warn(self, self.tr("No PDF"), error_text(exc))
            return None

    def save_pdf(self) -> str | None:
        """Save the archived PDF where the clerk chooses; the path, or None if cancelled."""
        document = self._pdf()
        if document is None:
            return None
        name, pdf = document
        start = str(Path(QStandardPaths.writableLocation(DOCUMENTS)) / name)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), start, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return None
        try:
            Path(path).write_bytes(pdf)
        except OSError as exc:
            messages.warn(self, self.tr("Not saved"), f"{path}: {exc.strerror or exc}")
            return None
        logger.info("saved the PDF of %s to %s", self.detail.number, path)
        return path

    def open_pdf(self) -> Path | None:
        """Open the archived PDF in the computer's PDF viewer, from a temporary copy."""
        document = self._pdf()
        if document is None:
            return None
        name, pdf = document
        folder = Path(tempfile.gettempdir()) / "finqr-desktop"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_bytes(pdf)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages.warn(
                self, self.tr("No PDF viewer"), self.tr("Saved as {path}").format(path=path)
            )
        return path

    def email_again(self) -> bool:
        """Queue the document's e-mail once more; the background worker sends it shortly."""
        try:
            with self.context.writing() as session:
                queued = invoices.email_again(session, self.invoice_id, dt.datetime.now(dt.UTC))
        except RuleViolation as exc:
            messages.warn(self, self.tr("Not e-mailed"), error_text(exc))
            return False
        if queued:
            # The worker runs soon after an INVOICES announcement; the history then shows it.
            self.context.announce(INVOICES)
            messages.inform(
                self,
                self.tr("E-mail again"),
                self.tr("{number} goes out with the next sending run.").format(
                    number=self.detail.number
                ),
            )
        else:
            messages.inform(
                self,
                self.tr("E-mail again"),
                self.tr("{number} is already waiting to be e-mailed.").format(
                    number=self.detail.number
                ),
            )
        return queued

    def toggle_dispute(self) -> bool:
        """Mark the invoice disputed (no reminders until cleared), after asking; or clear it."""
        disputed = not self.detail.disputed
        if disputed:
            question = self.tr(
                "Mark invoice {number} as disputed? No reminders are sent for it until the "
                "dispute is cleared."
            ).format(number=self.detail.number)
            if not messages.confirm(self, self.tr("Mark disputed"), question):
                return False
        with self.context.writing() as session:
            outbox.set_disputed(session, self.invoice_id, disputed)
        self.context.announce(REMINDERS)
        self.reload()
        return True

    def register_payment(self) -> RegisterPaymentDialog:
        """The payment dialog for this invoice; it announces the payment, and we reload."""
        if self.payment_dialog is not None:
            self.payment_dialog.deleteLater()
        self.payment_dialog = RegisterPaymentDialog(self.context, self.detail.number or "", self)
        self.payment_dialog.open()
        return self.payment_dialog

    def mark_paid(self) -> bool:
        """One payment, dated today, of exactly what is left, after asking."""
        detail = self.detail
        left = format_amount(detail.remaining, detail.draft.currency, self.context.locale)
        question = self.tr("Record a payment of {left} today, paying invoice {number} in full?")
        if not messages.confirm(
            self, self.tr("Mark as paid"), question.format(left=left, number=detail.number)
        ):
            return False
        return self._settle(
            lambda session: payments.mark_paid(
                session, self.invoice_id, payment_date=self.context.today(),
                today=self.context.today(),
            ),
            self.tr("Not marked as paid"),
        )  # fmt: skip

    def write_off_rest(self) -> bool:
        """Write off a small rest (within the currency's limit) instead of reminding it."""
        detail = self.detail
        left = format_amount(detail.remaining, detail.draft.currency, self.context.locale)
        question = self.tr("Write off the {left} left on invoice {number}? It is not reminded.")
        if not messages.confirm(
            self, self.tr("Write off rest"), question.format(left=left, number=detail.number)
        ):
            return False
        return self._settle(
            lambda session: write_off(
                session, self.invoice_id, on_date=self.context.today(),
                reason=self.tr("small rest written off"),
            ),
            self.tr("Not written off"),
        )  # fmt: skip

    def _settle(self, action, failure_title: str) -> bool:
        try:
            with self.context.writing() as session:
                action(session)
        except (RuleViolation, ValidationFailed) as exc:
            messages.warn(self, failure_title, error_text(exc))
            return False
        announce_paid(self.context)
        self.reload()
        return True

    def credit(self) -> bool:
        """Issue a credit note, dated today, for what the clerk chooses in the dialog."""
        detail = self.detail
        dialog = self.credit_dialog_factory(detail, self.context.locale, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        lines = dialog.credit_lines()
        reason = dialog.reason_text() or self.tr("Credit of invoice {number}").format(
            number=detail.number
        )
        try:
            with self.context.writing() as session:
                note = credits.credit_invoice(
                    session,
                    self.invoice_id,
                    lines=lines,
                    issue_date=self.context.today(),
                    reason=reason,
                )
                number = note.number
                moved = moved_from_invoice(session, note)
        except (RuleViolation, ValidationFailed) as exc:
            messages.warn(self, self.tr("Not credited"), error_text(exc))
            return False
        self.credit_number = number
        logger.info("credited %s with %s", detail.number, number)
        self.context.announce(INVOICES)
        self.reload()
        text = self.tr("Credit note {number} is issued.").format(number=number)
        if moved:
            # The customer had paid more than the credit leaves owing: say where it went.
            text = self.tr(
                "Credit note {number} is issued. {amount} already paid is now {customer}'s "
                "credit, to use on another invoice or pay back (Payments → Customer credit)."
            ).format(
                number=number,
                amount=format_amount(moved, detail.draft.currency, self.context.locale),
                customer=detail.customer_name,
            )
        messages.inform(self, self.tr("Credited"), text)
        return True
