"""Placing what the matching could not, from the GUI: suggestions offered but never applied
on their own, a split over several invoices, and customer credit used and refunded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from finqr_desktop.services import customer_credit
from finqr_desktop.services.bank_import import import_bank_file
from finqr_desktop.storage.models import PaymentAllocationRow
from finqr_desktop.ui.payments_credit import REFUND, USE
from finqr_desktop.ui.payments_page import PaymentsPage

from ..banking.bgmax_builder import Payment, bgmax_file, name
from .payments_helpers import credit_balance, invoice_row, overdue_invoice, payment_count


@pytest.fixture
def page(qtbot, context):
    widget = PaymentsPage(context)
    qtbot.addWidget(widget)
    return widget


def waiting_payment(database, ore: int, payer: str = "Okänd Betalare AB") -> None:
    """One payment with no usable reference, imported from a bank file, so it waits."""
    data = bgmax_file(
        [Payment(ore, reference="se faktura", reference_code="3", details=[name(payer)])]
    )
    with database.writing() as session:
        import_bank_file(session, data, "waiting.txt")


def allocations(database, payment_id: int) -> dict[int, int]:
    with database.reading() as session:
        rows = session.scalars(
            select(PaymentAllocationRow).where(PaymentAllocationRow.payment_id == payment_id)
        )
        return {row.invoice_id: row.amount_minor for row in rows}


def test_a_waiting_payment_is_split_over_two_invoices(qtbot, page, ledger):
    first = overdue_invoice(ledger)
    second = overdue_invoice(ledger)
    waiting_payment(ledger, 300000)
    page.model.reload()
    page.unmatched_only.setChecked(True)
    assert page.model.rowCount() == 1
    listed = page.model.row_at(0)
    assert listed.status == "unmatched" and listed.unplaced == Decimal("3000.00")

    dialog = page.place_row(0)
    assert all(invoice_row(ledger, i.id).paid_minor == 0 for i in (first, second))
    dialog.add_part(first.number, "1 000,00")
    dialog.add_part(second.number, "")  # the rest
    assert dialog.place() is True

    assert allocations(ledger, listed.id) == {first.id: 100000, second.id: 200000}
    assert invoice_row(ledger, second.id).paid_minor == 200000
    assert page.model.rowCount() == 0  # placed in full: it leaves the unmatched list
    page.unmatched_only.setChecked(False)
    assert page.model.row_at(0).invoices == (first.number, second.number)
    assert page.model.row_at(0).status == "matched"


def test_a_suggestion_is_offered_and_applied_only_when_used(qtbot, page, ledger):
    invoice = overdue_invoice(ledger)
    waiting_payment(ledger, int(invoice.total * 100))
    page.model.reload()
    dialog = page.place_row(0)
    assert [s.invoice_number for s in dialog.suggestions][:1] == [invoice.number]
    assert invoice_row(ledger, invoice.id).paid_minor == 0

    dialog.use_suggestion()
    assert dialog.parts.cellWidget(0, 0).text() == invoice.number
    assert invoice_row(ledger, invoice.id).paid_minor == 0
    assert dialog.place() is True
    assert (
        invoice_row(ledger, invoice.id).paid_minor == invoice_row(ledger, invoice.id).total_minor
    )


def test_a_wrong_invoice_number_is_named_and_nothing_is_placed(qtbot, page, ledger):
    overdue_invoice(ledger)
    waiting_payment(ledger, 50000)
    page.model.reload()
    dialog = page.place_row(0)
    dialog.add_part("NO-SUCH", "")
    assert dialog.place() is False
    assert dialog.error.text() == "Row 1: no issued invoice NO-SUCH"
    assert allocations(ledger, page.model.id_at(0)) == {}


def test_credit_is_made_then_used_on_an_invoice_and_refunded(qtbot, page, ledger, context):
    invoice = overdue_invoice(ledger)
    waiting_payment(ledger, 250000)
    page.model.reload()
    dialog = page.place_row(0)
    # An unknown payer's money is nobody's credit until the clerk says whose.
    assert dialog.customer.currentData() is None
    assert dialog.to_credit() is False and "Choose the customer" in dialog.error.text()
    index = dialog.customer.findData(invoice.customer_id)
    dialog.customer.setCurrentIndex(index)
    assert dialog.to_credit() is True
    assert credit_balance(ledger, invoice.customer_id) == Decimal("2500.00")
    assert page.model.row_at(0).status == "credit"
    panel = page.credit
    assert [h.balance for h in panel.holders] == [Decimal("2500.00")]

    use = panel.act(USE)
    assert use.invoice.currentData() == invoice.id
    use.amount.setText("2 000")
    use.accept()
    assert use.result() == use.DialogCode.Accepted
    assert invoice_row(ledger, invoice.id).paid_minor == 200000
    assert [h.balance for h in panel.holders] == [Decimal("500.00")]

    refund = panel.act(REFUND)
    refund.amount.setText("600")
    refund.accept()
    assert "only 500.00 SEK" in refund.general.text()
    refund.amount.setText("500")
    refund.note.setText("Återbetalt via bank")
    refund.accept()
    assert credit_balance(ledger, invoice.customer_id) == 0
    assert panel.holders == [] and panel.empty.isVisibleTo(panel)
    with ledger.reading() as session:
        kinds = [m.kind for m in customer_credit.movements(session, invoice.customer_id)]
    assert kinds == ["payment", "used", "refund"]
    assert payment_count(ledger) == 2  # the bank payment and the one paid from credit
