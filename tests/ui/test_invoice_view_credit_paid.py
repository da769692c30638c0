"""Crediting a paid invoice from the invoice view: the clerk is told where the money went,
the view shows it, and the Payments page's credit panel lists it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from finqr_desktop.domain.invoice import DraftLine, InvoiceDraft
from finqr_desktop.domain.vat import SWEDEN
from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.services import payments
from finqr_desktop.ui.invoice_view import InvoiceView
from finqr_desktop.ui.payments_credit import CreditPanel

from .test_invoice_editor import answered_credit_dialog, kr


def facts(view: InvoiceView) -> dict[str, str]:
    found = {}
    for row in range(view.facts.rowCount()):
        label = view.facts.itemAt(row, view.facts.ItemRole.LabelRole).widget()
        value = view.facts.itemAt(row, view.facts.ItemRole.FieldRole).widget()
        if isinstance(label, QLabel) and isinstance(value, QLabel):
            found[label.text()] = value.text()
    return found


def test_crediting_a_paid_invoice_says_the_money_is_the_customers_credit(
    qtbot, context, ledger, today, boxes
):
    with ledger.writing() as session:
        rate = SWEDEN.lookup("25", today)
        lines = [DraftLine("Konsulttid", Decimal(1), Decimal("9468"), rate)]
        draft = InvoiceDraft("1001", "SEK", today, lines=lines)
        invoice_id = invoice_service.save_draft(session, draft).id
        invoice_service.issue_invoice(session, invoice_id, archive=False, email=False)
        payments.register_payment(session, invoice_id, Decimal("11835"), payment_date=today,
                                  today=today)  # fmt: skip

    view = InvoiceView(context, invoice_id)
    qtbot.addWidget(view)
    assert "To customer credit" not in facts(view)
    panel = CreditPanel(context)
    qtbot.addWidget(panel)
    assert panel.table.rowCount() == 0

    view.credit_dialog_factory = answered_credit_dialog(lambda dialog: None)
    assert view.credit() is True

    (said,) = boxes.said
    assert said == (
        "Credited",
        f"Credit note {view.credit_number} is issued. {kr('11 835,00')} already paid is now "
        "Nilsson & Söner Bygg AB's credit, to use on another invoice or pay back "
        "(Payments → Customer credit).",
    )
    shown = facts(view)
    assert (shown["Paid"], shown["To customer credit"], shown["Remaining"]) == (
        kr("0,00"), kr("11 835,00"), kr("0,00"),
    )  # fmt: skip
    # The panel reloads on the announcement the credit made.
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 2).text() == kr("11 835,00")
    view.grab().save("/tmp/credit_paid_view.png")
