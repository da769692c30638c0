"""The payment services name what is needed: the rate for a payment in another currency,
and the write-off limit of the invoice's own currency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.services import payments
from finqr_desktop.services.payments_unmatched import place_payment
from finqr_desktop.services.payments_write_off import OverWriteOffLimit, write_off
from finqr_desktop.storage.models import InvoiceRow, PaymentAllocationRow

from .helpers import issue_new

DAY = dt.date(2026, 12, 4)


@dataclass(frozen=True)
class Issued:
    id: int
    number: str


def euro_invoice(ledger) -> Issued:
    number = issue_new(ledger, currency="EUR")
    with ledger.reading() as session:
        return Issued(session.scalar(select(InvoiceRow.id).filter_by(number=number)), number)


def test_placing_a_payment_in_another_currency_without_a_rate_names_the_rate(ledger):
    invoice = euro_invoice(ledger)
    with ledger.writing() as session:
        payment = payments.new_payment(
            session, payment_date=DAY, amount_minor=50000, currency="SEK", method="bgmax"
        )
        payment_id = payment.id
    with ledger.writing() as session, pytest.raises(ValidationFailed) as caught:
        place_payment(session, payment_id, [(invoice.id, None)])
    (problem,) = caught.value.problems
    assert problem.field == "rate"
    assert problem.message == (
        f"is required: payment {payment_id} is in SEK, invoice {invoice.number} in EUR; "
        "give the rate (EUR per SEK) to convert the payment"
    )
    with ledger.reading() as session:
        assert session.scalar(select(func.count()).select_from(PaymentAllocationRow)) == 0


def test_a_write_off_in_a_currency_without_a_limit_says_so(ledger):
    invoice = euro_invoice(ledger)
    with ledger.writing() as session, pytest.raises(OverWriteOffLimit) as caught:
        write_off(session, invoice.id, on_date=DAY)
    assert caught.value.currency == "EUR"
    assert str(caught.value).endswith(
        "no write-off limit is set for EUR (each currency has its own)"
    )


def test_a_converted_payment_reports_what_was_paid_and_at_which_rate(ledger):
    invoice = euro_invoice(ledger)
    with ledger.writing() as session:
        done = payments.register_payment(
            session, invoice.id, Decimal("100"), payment_date=DAY, currency="SEK",
            rate=Decimal("0.0875"), today=DAY,
        )  # fmt: skip
    assert (done.paid, done.paid_currency, done.rate) == (
        Decimal("100.00"), "SEK", Decimal("0.0875"),
    )  # fmt: skip
    assert (done.converted, done.currency) == (Decimal("8.75"), "EUR")
