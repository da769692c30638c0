"""The ledger's events of a period as bookkeeping verifications for the SIE export.

One verification per invoice and credit note (receivable against sales per VAT rate,
output VAT and öre rounding), per payment (bank against the receivables it settled, and
what it left as customer credit or still unplaced), per use and refund of customer credit,
per reminder fee charged (a sent reminder with a fee or late-payment compensation), per
write-off (its share of the invoice's VAT off the output VAT), and per credit note that
found the invoice paid beyond what it left owing: that much moves from receivables to
customer credit on the credit note's day (services.credit_overpaid), so the receivable of
a credited, paid invoice comes back to zero and the customer's money stands on 2420.
Amounts are in the company currency; an invoice in another currency is converted at the
rate in force on its date (``services.exchange_rates``: the latest entered on or before
it), and everything that settles it at that same rate, so its receivable comes back to
zero; the money itself is valued on its own day and the difference is an exchange gain or
loss.

A payment is booked as it is placed when the export runs: a payment placed on an invoice
later than the export it first appeared in shows there as unplaced (customer credit
account), and as placed in a later export of the same period. Reminder fees are never
settled in this ledger (a payment above an invoice's rest becomes customer credit), so
a paid fee stays on the receivables account against that credit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..domain.chart_of_accounts import Chart
from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..domain.money import from_minor, round_money
from ..domain.sie import Transaction
from ..storage.models import (
    CustomerCreditRow,
    CustomerRow,
    InvoiceRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
    WriteOffRow,
)
from .exchange_rates import entered_rates
from .payments_views import CREDIT_NOTE_METHOD
from .sie_booking import Booking

logger = logging.getLogger(__name__)

CREDIT_METHOD = "credit"
# Within a day: sales first, then what settles them.
ORDER = {
    "invoice": 0,
    "credit_note": 1,
    "fee": 2,
    "payment": 3,
    "credit_transfer": 4,
    "credit_use": 5,
    "refund": 6,
    "write_off": 7,
}


@dataclass(frozen=True)
class Entry:
    """One verification before it is numbered."""

    kind: str
    date: dt.date
    text: str
    transactions: tuple[Transaction, ...]
    source_id: int


class Rates:
    """The company-currency value of amounts in other currencies, by day."""

    def __init__(self, session: Session, home: str):
        self.home = home
        self.table = defaultdict(list)
        for row in entered_rates(session):
            self.table[row.currency].append((row.valid_from, row.rate))

    def value(self, minor: int, currency: str, day: dt.date, what: str) -> Decimal:
        amount = from_minor(minor, currency)
        if currency == self.home:
            return amount
        rate = self.rate(currency, day)
        if rate is None:
            raise RuleViolation(
                msg(
                    "{what} is in {currency}, and no {currency} exchange rate is entered for "
                    "{day} or earlier: enter one before exporting",
                    what=what,
                    currency=currency,
                    day=day.isoformat(),
                )
            )
        return round_money(amount * rate, self.home)

    def rate(self, currency: str, day: dt.date) -> Decimal | None:
        candidates = [(start, rate) for start, rate in self.table[currency] if start <= day]
        return max(candidates)[1] if candidates else None


def entries(
    session: Session, chart: Chart, home: str, start: dt.date, end: dt.date
) -> list[Entry]:
    """Every verification dated from ``start`` to ``end``, in booking order."""
    rates = Rates(session, home)
    found = [
        *_invoices(session, chart, rates, start, end),
        *_payments(session, chart, rates, start, end),
        *_refunds(session, chart, rates, start, end),
        *_fees(session, chart, rates, start, end),
        *_write_offs(session, chart, rates, start, end),
    ]
    found = [entry for entry in found if entry.transactions]
    found.sort(key=lambda e: (e.date, ORDER[e.kind], e.source_id))
    return found


def _invoices(session, chart, rates, start, end):
    query = (
        select(InvoiceRow)
        .where(InvoiceRow.is_draft.is_(False), InvoiceRow.issue_date.between(start, end))
        .options(selectinload(InvoiceRow.vat_groups))
        .order_by(InvoiceRow.id)
    )
    for invoice in session.scalars(query):
        booked_on = _rate_day(invoice)
        what = msg("invoice {number}", number=invoice.number)
        booking = Booking()

        def value(minor: int, invoice=invoice, booked_on=booked_on, what=what) -> Decimal:
            return rates.value(minor, invoice.currency, booked_on, what)

        booking.add(chart["receivables"], value(invoice.total_minor))
        for group in invoice.vat_groups:
            sales = chart.sales_for(group.vat_code, group.vat_percent)
            if sales is None:
                raise RuleViolation(
                    msg(
                        "{what}: no sales account for VAT rate {code} ({percent} %); this "
                        "chart knows 25, 12, 6 % and the exempt, reverse-charge, EU and "
                        "export codes",
                        what=what,
                        code=group.vat_code,
                        percent=str(group.vat_percent),
                    )
                )
            booking.add(sales, -value(group.net_minor))
            if group.vat_minor:
                vat = chart.vat_for(group.vat_percent)
                if vat is None:
                    raise RuleViolation(
                        msg(
                            "{what}: no VAT account for {percent} %",
                            what=what,
                            percent=str(group.vat_percent),
                        )
                    )
                booking.add(vat, -value(group.vat_minor))
        booking.add(chart["rounding"], -value(invoice.rounding_minor))
        if invoice.currency != rates.home:
            # Each part converted and rounded on its own: the öre they differ by is rounding.
            booking.balance_on(chart["rounding"], chart["rounding"])
        kind = "credit_note" if invoice.kind == "credit_note" else "invoice"
        label = "Kreditfaktura" if kind == "credit_note" else "Faktura"
        yield Entry(
            kind,
            invoice.issue_date,
            f"{label} {invoice.number}, {invoice.customer.name}",
            booking.rows(),
            invoice.id,
        )


def _rate_day(invoice: InvoiceRow) -> dt.date:
    """The day an invoice's receivable is valued on: its own, or the credited invoice's."""
    credited = invoice.credited_invoice if invoice.kind == "credit_note" else None
    return credited.issue_date if credited is not None else invoice.issue_date


def _payments(session, chart, rates, start, end):
    payments = session.scalars(
        select(PaymentRow)
        .where(PaymentRow.payment_date.between(start, end))
        .order_by(PaymentRow.id)
    ).all()
    if not payments:
        return
    ids = [payment.id for payment in payments]
    allocations = defaultdict(list)
    query = (
        select(PaymentAllocationRow, InvoiceRow)
        .join(InvoiceRow, InvoiceRow.id == PaymentAllocationRow.invoice_id)
        .where(PaymentAllocationRow.payment_id.in_(ids))
        .order_by(PaymentAllocationRow.id)
    )
    for allocation, invoice in session.execute(query):
        allocations[allocation.payment_id].append((allocation.amount_minor, invoice))
    credits = dict(
        session.execute(
            select(CustomerCreditRow.payment_id, func.sum(CustomerCreditRow.amount_minor))
            .where(CustomerCreditRow.payment_id.in_(ids), CustomerCreditRow.kind != "used")
            .group_by(CustomerCreditRow.payment_id)
        ).all()
    )
    for payment in payments:
        yield _payment_entry(
            chart, rates, payment, allocations[payment.id], int(credits.get(payment.id) or 0)
        )


def _payment_entry(chart, rates, payment: PaymentRow, allocations, credited: int) -> Entry:
    booked_in = payment.converted_currency or payment.currency
    day = payment.payment_date
    what = msg("payment {id}", id=payment.id)
    booking = Booking()
    numbers, names = [], []
    for minor, invoice in allocations:
        numbers.append(invoice.number or "")
        names.append(invoice.customer.name)
        value = rates.value(
            minor,
            invoice.currency,
            _rate_day(invoice),
            msg("invoice {number}", number=invoice.number),
        )
        booking.add(chart["receivables"], -value)
    # Customer credit taken from this payment, and what still waits to be placed.
    kept = credited + payment.unallocated_minor
    if payment.method == CREDIT_METHOD:
        # No money moves: the customer's credit settles the invoice.
        used = rates.value(payment.amount_minor, payment.currency, day, what)
        booking.add(chart["customer_credit"], used)
        kind, label = "credit_use", "Kundkredit använd"
    elif payment.method == CREDIT_NOTE_METHOD:
        # No money moves either: what was paid beyond the credited invoice is the
        # customer's now. Valued as the receivable it leaves, on the invoice's rate day,
        # so that the receivable comes back to zero and no exchange difference arises.
        # A later refund is valued on its own day, so 2420 of a foreign credit can keep an
        # exchange difference, as with an overpayment kept as credit.
        valued_on = _rate_day(allocations[0][1]) if allocations else day
        booking.add(chart["customer_credit"], -rates.value(kept, booked_in, valued_on, what))
        kind, label = "credit_transfer", f"Kundkredit från kreditfaktura {payment.reference}"
    else:
        booking.add(chart["customer_credit"], -rates.value(kept, booked_in, day, what))
        booking.add(chart["bank"], _money_in(rates, payment, what))
        kind, label = "payment", "Inbetalning"
    booking.balance_on(chart["exchange_gains"], chart["exchange_losses"])
    who = payment.payer_name or (names[0] if names else payment.reference)
    text = ", ".join(part for part in (label, " ".join(n for n in numbers if n), who) if part)
    return Entry(kind, day, text, booking.rows(), payment.id)


def _money_in(rates: Rates, payment: PaymentRow, what: str) -> Decimal:
    """What reached the bank, in the company currency: the payment's own conversion when it
    was converted into it, else its amount at the rate of its day."""
    if payment.currency != rates.home and payment.converted_currency == rates.home:
        return from_minor(payment.converted_minor or 0, rates.home)
    return rates.value(payment.amount_minor, payment.currency, payment.payment_date, what)


def _refunds(session, chart, rates, start, end):
    query = (
        select(CustomerCreditRow, CustomerRow.name)
        .join(CustomerRow, CustomerRow.id == CustomerCreditRow.customer_id)
        .where(CustomerCreditRow.kind == "refund")
        .where(CustomerCreditRow.entry_date.between(start, end))
        .order_by(CustomerCreditRow.id)
    )
    for row, name in session.execute(query):
        value = rates.value(-row.amount_minor, row.currency, row.entry_date, msg("a refund"))
        booking = Booking()
        booking.add(chart["customer_credit"], value)
        booking.add(chart["bank"], -value)
        # The clerk's note (the bank transfer's reference, say) is what finds the money.
        text = ", ".join(part for part in ("Återbetalning", name, row.note.strip()) if part)
        yield Entry("refund", row.entry_date, text, booking.rows(), row.id)


def _fees(session, chart, rates, start, end):
    """A reminder's fee on the fee account and its late-payment compensation on its own
    (``outbox`` keeps them apart since migration 0005; a reminder sent before that kept
    both as its fee and is booked so)."""
    query = (
        select(OutboxRow, InvoiceRow)
        .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
        .where(OutboxRow.kind == "reminder", OutboxRow.status == "sent")
        .where(OutboxRow.fee_minor + OutboxRow.compensation_minor > 0)
        .where(OutboxRow.sent_at >= _midnight(start))
        .where(OutboxRow.sent_at < _midnight(end + dt.timedelta(days=1)))
        .order_by(OutboxRow.id)
    )
    for row, invoice in session.execute(query):
        day = row.sent_at.date()
        what = msg("the fee on invoice {number}", number=invoice.number)
        # Each part valued on its own, so that each income row is its part to the öre.
        fee = rates.value(row.fee_minor, invoice.currency, _rate_day(invoice), what)
        compensation = rates.value(
            row.compensation_minor, invoice.currency, _rate_day(invoice), what
        )
        fee_text = f"Påminnelseavgift {invoice.number}"
        compensation_text = f"Förseningsersättning {invoice.number}"
        booking = Booking()
        booking.add(chart["receivables"], fee + compensation)
        booking.add(chart["reminder_fees"], -fee, fee_text)
        booking.add(chart["late_compensation"], -compensation, compensation_text)
        if fee and compensation:
            label = f"Påminnelseavgift och förseningsersättning {invoice.number}"
        else:
            label = fee_text if fee else compensation_text
        yield Entry("fee", day, f"{label}, {invoice.customer.name}", booking.rows(), row.id)


def _write_offs(session, chart, rates, start, end):
    """A written-off remainder lowers the sale it came from, so its share of the invoice's
    VAT comes off the output VAT (a reduced price or a customer loss alike) and only the
    rest is a loss on the write-off account."""
    query = (
        select(WriteOffRow, InvoiceRow)
        .join(InvoiceRow, InvoiceRow.id == WriteOffRow.invoice_id)
        .where(WriteOffRow.write_off_date.between(start, end))
        .options(selectinload(InvoiceRow.vat_groups))
        .order_by(WriteOffRow.id)
    )
    for row, invoice in session.execute(query):
        what = msg("the write-off on invoice {number}", number=invoice.number)
        day = _rate_day(invoice)
        value = rates.value(row.amount_minor, invoice.currency, day, what)
        booking = Booking()
        booking.add(chart["receivables"], -value)
        loss = value
        for percent, minor in _vat_shares(row.amount_minor, invoice):
            vat = chart.vat_for(percent)
            if vat is None:
                raise RuleViolation(
                    msg("{what}: no VAT account for {percent} %", what=what, percent=str(percent))
                )
            share = rates.value(minor, invoice.currency, day, what)
            booking.add(vat, share)
            loss -= share
        booking.add(chart["write_offs"], loss)
        # A negative write-off is one a credit note made needless (services.credit_overpaid).
        label = "Avskriven rest" if row.amount_minor > 0 else "Återförd avskrivning"
        text = f"{label} {invoice.number}, {invoice.customer.name}"
        yield Entry("write_off", row.write_off_date, text, booking.rows(), row.id)


def _vat_shares(written_minor: int, invoice: InvoiceRow) -> list[tuple[Decimal, int]]:
    """Each VAT rate's part of ``written_minor``, in proportion to the invoice's total,
    rounded half away from zero to the minor unit."""
    if invoice.total_minor <= 0:
        return []
    shares = []
    for group in invoice.vat_groups:
        if group.vat_minor:
            exact = Decimal(written_minor) * group.vat_minor / invoice.total_minor
            shares.append((group.vat_percent, int(exact.quantize(Decimal(1), ROUND_HALF_UP))))
    return [(percent, minor) for percent, minor in shares if minor]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())
