"""Writing a planned bank import in bulk: payments, allocations, credit, paid sums, and the
reminders the payments stop.

The effect is what services.payments does one payment at a time (allocate, credit_rest,
outbox.cancel_reminders), in a few statements per few hundred payments instead of several
per payment: a file of ten thousand payments would otherwise spend most of its time in
single-row round trips.
The plan (bank_import_plan) already keeps every allocation within what its invoice has
left, counting the file's earlier payments, so nothing here can overpay an invoice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from ..banking import BankPayment, Progress
from ..domain.money import to_minor
from ..storage.models import (
    CustomerCreditRow,
    InvoiceRow,
    OutboxRow,
    PaymentAllocationRow,
    PaymentRow,
)
from . import audit, outbox
from .bank_import_plan import ImportLine
from .outbox import PAID_STOPS, REVIEWABLE

logger = logging.getLogger(__name__)

BATCH = 500


def write_lines(
    session: Session,
    import_id: int,
    method: str,
    payments: dict[str, BankPayment],
    lines: Sequence[ImportLine],
    progress: Progress | None = None,
) -> None:
    """Store every line that is not a duplicate, with its allocations and credit."""
    wanted = [line for line in lines if line.outcome != "duplicate"]
    for start in range(0, len(wanted), BATCH):
        _write_batch(session, import_id, method, payments, wanted[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(wanted)) / len(wanted))
    # The ORM must not keep stale copies of the invoices whose sums moved underneath it.
    session.expire_all()


def _write_batch(session, import_id, method, payments, lines: Sequence[ImportLine]) -> None:
    rows = [_payment_values(import_id, method, payments[line.identity], line) for line in lines]
    inserted = session.execute(
        insert(PaymentRow).returning(
            PaymentRow.id, PaymentRow.bank_identity, sort_by_parameter_order=True
        ),
        rows,
    )
    ids = {identity: payment_id for payment_id, identity in inserted}

    allocations = []
    events = []
    paid: dict[int, int] = defaultdict(int)
    for line in lines:
        for allocation in line.allocations:
            minor = to_minor(allocation.amount, allocation.currency)
            allocations.append(
                {"payment_id": ids[line.identity], "invoice_id": allocation.invoice_id,
                 "amount_minor": minor}
            )  # fmt: skip
            paid[allocation.invoice_id] += minor
            events.append(
                (
                    allocation.invoice_id,
                    f"payment {ids[line.identity]} from a {method} file on {line.date}: "
                    f"{allocation.amount} {allocation.currency} applied",
                )
            )
    if allocations:
        session.execute(insert(PaymentAllocationRow), allocations)
    audit.record_many(session, audit.PAYMENT, events)
    _credit(session, ids, lines)
    _add_paid(session, paid)
    _cancel_paid_reminders(session, list(paid))
    _refresh_part_paid(session, list(paid))


def _payment_values(import_id, method, payment: BankPayment, line: ImportLine) -> dict:
    amount = to_minor(payment.amount, payment.currency)
    # A payment converted at the bank's rate is booked in its invoice's currency, as
    # services.payments.convert books one converted at the clerk's rate.
    booking = line.converted_currency or payment.currency
    converted = None if line.converted is None else to_minor(line.converted, booking)
    placed = sum(to_minor(a.amount, a.currency) for a in line.allocations)
    credited = to_minor(line.to_credit, booking) if line.credit_invoice_id else 0
    return {
        "payment_date": payment.booking_date,
        "kind": str(payment.kind),
        "amount_minor": amount,
        "currency": payment.currency,
        "method": method,
        "reference": line.reference[:100],
        "message": payment.message,
        "payer_name": line.payer_name[:200],
        "bank_identity": payment.identity,
        "import_id": import_id,
        "unallocated_minor": (amount if converted is None else converted) - placed - credited,
        "note": line.reason,
        "rate": line.rate,
        "converted_minor": converted,
        "converted_currency": line.converted_currency or None,
    }


def _credit(session: Session, ids: dict[str, int], lines: Sequence[ImportLine]) -> None:
    owed = [line for line in lines if line.to_credit and line.credit_invoice_id is not None]
    if not owed:
        return
    invoice_ids = {line.credit_invoice_id for line in owed}
    query = select(InvoiceRow.id, InvoiceRow.customer_id, InvoiceRow.number).where(
        InvoiceRow.id.in_(invoice_ids)
    )
    invoices = {row.id: row for row in session.execute(query)}
    session.execute(
        insert(CustomerCreditRow),
        [
            {
                "customer_id": invoices[line.credit_invoice_id].customer_id,
                "currency": line.converted_currency or line.currency,
                "amount_minor": to_minor(line.to_credit, line.converted_currency or line.currency),
                "kind": "payment",
                "entry_date": line.date,
                "payment_id": ids[line.identity],
                "note": f"overpaid {invoices[line.credit_invoice_id].number}",
            }
            for line in owed
        ],
    )


def _add_paid(session: Session, paid: dict[int, int]) -> None:
    if not paid:
        return
    table = InvoiceRow.__table__
    statement = (
        update(table)
        .where(table.c.id == bindparam("invoice_id"))
        .values(
            paid_minor=table.c.paid_minor + bindparam("minor"),
            # The ORM's optimistic lock: an editor holding an older version must reload.
            version=table.c.version + 1,
        )
    )
    session.execute(
        statement,
        [{"invoice_id": invoice_id, "minor": minor} for invoice_id, minor in paid.items()],
    )


def _cancel_paid_reminders(session: Session, invoice_ids: list[int]) -> None:
    """As outbox.cancel_reminders, for every invoice of the batch that is now paid."""
    if not invoice_ids:
        return
    remaining = InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor
    settled = select(InvoiceRow.id).where(InvoiceRow.id.in_(invoice_ids), remaining <= 0)
    result = session.execute(
        update(OutboxRow)
        .where(
            OutboxRow.invoice_id.in_(settled),
            OutboxRow.kind.in_(PAID_STOPS),
            OutboxRow.status.in_(REVIEWABLE),
            OutboxRow.status != "skipped",
        )
        .values(status="cancelled", skip_reason="paid")
        .execution_options(synchronize_session=False)
    )
    if result.rowcount:
        logger.info("import cancelled %d reminders of paid invoices", result.rowcount)


def _refresh_part_paid(session: Session, invoice_ids: list[int]) -> None:
    """As the payment services do after a part payment: reminders waiting for an invoice
    still open are planned again, with the amount and interest the payment left."""
    if not invoice_ids:
        return
    remaining = InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor
    waiting = session.scalars(
        select(OutboxRow.invoice_id)
        .join(InvoiceRow, InvoiceRow.id == OutboxRow.invoice_id)
        .where(
            OutboxRow.invoice_id.in_(invoice_ids),
            OutboxRow.kind == "reminder",
            OutboxRow.status.in_(REVIEWABLE),
            remaining > 0,
        )
        .distinct()
    ).all()
    now = dt.datetime.now(dt.UTC)
    for invoice_id in waiting:
        outbox.refresh_figures(session, invoice_id, now)
