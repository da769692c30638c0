"""Registering payments from the GUI: a partial payment, inline errors, another currency,
"Mark as paid" and writing off a small rest from the invoice view."""

from __future__ import annotations

from decimal import Decimal

from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.ui.invoice_view import InvoiceView
from finqr_desktop.ui.payments_register import RegisterPaymentDialog
from finqr_desktop.ui.reminders_page import RemindersPage

from .payments_helpers import Announcements, invoice_row, overdue_invoice, payment_count


def in_queue(database, today, invoice_id) -> bool:
    with database.reading() as session:
        return any(item.invoice_id == invoice_id for item in queue(session, today))


def test_a_partial_payment_changes_status_and_remaining(qtbot, context, ledger, today):
    invoice = overdue_invoice(ledger)
    view = InvoiceView(context, invoice.id)
    qtbot.addWidget(view)
    heard = Announcements(context)
    assert view.register_button.isEnabled() and view.mark_paid_button.isEnabled()

    dialog = view.register_payment()
    assert dialog.number.text() == invoice.number
    assert dialog.currency.text() == "SEK"
    assert "left to pay" in dialog.invoice_facts.text()
    dialog.amount.setText("1 000,00")
    dialog.reference.setText("Bank 4711")
    dialog.accept()

    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.registered.status == "overdue"
    assert dialog.registered.remaining == invoice.total - 1000
    record = invoice_row(ledger, invoice.id)
    assert record.paid_minor == 100000
    assert view.detail.paid == Decimal("1000.00")
    assert view.detail.remaining == invoice.total - 1000
    assert {"invoices", "reminders"} <= set(heard.seen)
    assert in_queue(ledger, today, invoice.id)


def test_bad_input_is_shown_beside_its_field_and_nothing_is_written(qtbot, context, ledger):
    invoice = overdue_invoice(ledger)
    dialog = RegisterPaymentDialog(context, "")
    qtbot.addWidget(dialog)
    dialog.amount.setText("12,3,4")
    dialog.accept()
    assert dialog.errors.message("invoice") != ""
    assert "1 234,56" in dialog.errors.message("amount")

    dialog.number.setText(invoice.number)
    dialog.amount.setText("-5")
    dialog.accept()
    assert dialog.errors.message("invoice") == ""
    assert dialog.errors.message("amount") == "must be above zero"
    assert dialog.amount.property("invalid") is True
    assert payment_count(ledger) == 0


def test_a_payment_in_another_currency_needs_a_rate_and_shows_the_difference(
    qtbot, context, ledger
):
    invoice = overdue_invoice(ledger)
    dialog = RegisterPaymentDialog(context, invoice.number)
    qtbot.addWidget(dialog)
    dialog.currency.setText("EUR")
    assert dialog.rate.isEnabled()
    dialog.amount.setText("100")
    dialog.accept()
    assert "required" in dialog.errors.message("rate")
    assert payment_count(ledger) == 0

    dialog.rate.setText("11,50")
    shown = dialog.difference.text().replace("\xa0", " ")
    left = invoice.total - Decimal("1150.00")
    assert shown.startswith("= 1 150,00 kr; −")
    assert f"{left:,.2f}".replace(",", " ").replace(".", ",") in shown
    dialog.accept()
    assert dialog.registered.converted == Decimal("1150.00")
    assert invoice_row(ledger, invoice.id).paid_minor == 115000


def test_mark_as_paid_records_exactly_what_is_left_and_leaves_the_queue(
    qtbot, context, ledger, today, boxes
):
    invoice = overdue_invoice(ledger)
    reminders = RemindersPage(context)
    qtbot.addWidget(reminders)
    view = InvoiceView(context, invoice.id)
    qtbot.addWidget(view)
    assert in_queue(ledger, today, invoice.id)
    assert invoice.id in {item.invoice_id for item in reminders.model.items()}

    assert view.mark_paid() is True
    assert invoice.id not in {item.invoice_id for item in reminders.model.items()}
    record = invoice_row(ledger, invoice.id)
    assert Decimal(record.paid_minor) / 100 == invoice.total
    assert view.detail.status == "paid"
    assert not view.register_button.isEnabled() and not view.mark_paid_button.isEnabled()
    assert not in_queue(ledger, today, invoice.id)
    assert payment_count(ledger) == 1


def test_a_small_rest_is_written_off_from_the_invoice_view(qtbot, context, ledger, boxes):
    invoice = overdue_invoice(ledger)
    view = InvoiceView(context, invoice.id)
    qtbot.addWidget(view)
    assert not view.write_off_button.isEnabled()  # far more than 10 kr is left

    dialog = view.register_payment()
    dialog.amount.setText(str(invoice.total - Decimal("4.50")).replace(".", ","))
    dialog.accept()
    assert view.detail.remaining == Decimal("4.50")
    assert view.write_off_button.isEnabled()

    assert view.write_off_rest() is True
    assert view.detail.status == "paid"
    record = invoice_row(ledger, invoice.id)
    assert record.paid_minor == record.total_minor
    assert payment_count(ledger) == 1
