"""credit notes on paid invoices: what was paid beyond what they left owing becomes the
customer's credit

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 10:00:00

Data only, no schema change. Before this version a credit note on an invoice that was
already (partly) paid lowered the invoice's ``credited_minor`` and left its payments
where they were: the invoice's rest went below zero, the customer's credit (the sum of
their ``customer_credit`` movements) never saw the money, and it could be neither used
nor refunded. The credit balance is stored as movements, not derived from the invoices,
so those ledgers need the movements they missed.

For every issued invoice whose rest is below zero, its credit notes are replayed in the
order they were issued, as services.credit_overpaid does for a new one: money paid
beyond what each credit note left owing becomes the customer's credit (a payment of
method "credit_note" dated on the credit note, taking that much back from the invoice,
and a customer-credit movement of kind "credit_note"); a write-off the credit made
needless is undone by a negative write-off. The invoice's ``paid_minor`` is then again
the sum of its allocations and write-offs, and its rest exactly zero. Each move leaves an
audit row, as a credit note issued now does.

An SIE export of a period that holds such a credit note gets the move's verification
(receivables to customer credit) from now on; an earlier export of it lacked that.
"""

import datetime as dt
import getpass
import socket

import sqlalchemy as sa
from alembic import op

from finqr_desktop.domain.money import from_minor

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# As in services.payments_views and services.credit_overpaid; repeated so this revision
# never changes with them.
METHOD = "credit_note"
CREDIT_KIND = "credit_note"
TRANSFER_KIND = "transfer"
UNDONE_REASON = "undone by credit note {number}"

INVOICE = sa.table(
    "invoice",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("number", sa.String),
    sa.column("is_draft", sa.Boolean),
    sa.column("customer_id", sa.Integer),
    sa.column("credits_id", sa.Integer),
    sa.column("currency", sa.String),
    sa.column("issue_date", sa.Date),
    sa.column("total_minor", sa.BigInteger),
    sa.column("credited_minor", sa.BigInteger),
    sa.column("paid_minor", sa.BigInteger),
)
PAYMENT = sa.table(
    "payment",
    sa.column("id", sa.Integer),
    sa.column("payment_date", sa.Date),
    sa.column("kind", sa.String),
    sa.column("amount_minor", sa.BigInteger),
    sa.column("currency", sa.String),
    sa.column("method", sa.String),
    sa.column("reference", sa.String),
    sa.column("message", sa.Text),
    sa.column("payer_name", sa.String),
    sa.column("unallocated_minor", sa.BigInteger),
    sa.column("note", sa.Text),
)
ALLOCATION = sa.table(
    "payment_allocation",
    sa.column("id", sa.Integer),
    sa.column("payment_id", sa.Integer),
    sa.column("invoice_id", sa.Integer),
    sa.column("amount_minor", sa.BigInteger),
)
CREDIT = sa.table(
    "customer_credit",
    sa.column("customer_id", sa.Integer),
    sa.column("currency", sa.String),
    sa.column("amount_minor", sa.BigInteger),
    sa.column("kind", sa.String),
    sa.column("entry_date", sa.Date),
    sa.column("payment_id", sa.Integer),
    sa.column("note", sa.Text),
)
WRITE_OFF = sa.table(
    "write_off",
    sa.column("id", sa.Integer),
    sa.column("invoice_id", sa.Integer),
    sa.column("amount_minor", sa.BigInteger),
    sa.column("write_off_date", sa.Date),
    sa.column("reason", sa.Text),
)
AUDIT = sa.table(
    "audit_event",
    sa.column("at", sa.DateTime),
    sa.column("os_user", sa.String),
    sa.column("workstation", sa.String),
    sa.column("action", sa.String),
    sa.column("invoice_id", sa.Integer),
    sa.column("customer_id", sa.Integer),
    sa.column("detail", sa.Text),
)


def upgrade() -> None:
    bind = op.get_bind()
    overpaid = bind.execute(
        sa.select(INVOICE)
        .where(INVOICE.c.kind == "invoice", INVOICE.c.is_draft.is_(False))
        .where(INVOICE.c.total_minor - INVOICE.c.credited_minor - INVOICE.c.paid_minor < 0)
        .order_by(INVOICE.c.id)
    ).all()
    for invoice in overpaid:
        _replay(bind, invoice)


def _replay(bind, invoice) -> None:
    money = _sum(bind, ALLOCATION.c.amount_minor, ALLOCATION.c.invoice_id == invoice.id)
    written_off = _sum(bind, WRITE_OFF.c.amount_minor, WRITE_OFF.c.invoice_id == invoice.id)
    notes = bind.execute(
        sa.select(INVOICE.c.number, INVOICE.c.issue_date, INVOICE.c.total_minor)
        .where(INVOICE.c.credits_id == invoice.id, INVOICE.c.is_draft.is_(False))
        .order_by(INVOICE.c.issue_date, INVOICE.c.id)
    ).all()
    credited = 0
    for note in notes:
        credited += -note.total_minor
        owed = invoice.total_minor - credited
        beyond = money + written_off - owed
        if beyond <= 0:
            continue
        # Money comes back first as far as it exceeds what is owed; only the rest, which
        # money never covered, comes off the write-off (domain.credit.overpaid_after_credit).
        to_credit = max(0, money - owed)
        write_off_back = beyond - to_credit
        if write_off_back:
            _undo_write_off(bind, invoice, note, write_off_back)
            written_off -= write_off_back
        if to_credit:
            _to_credit(bind, invoice, note, to_credit)
            money -= to_credit
    bind.execute(
        sa.update(INVOICE).where(INVOICE.c.id == invoice.id).values(paid_minor=money + written_off)
    )


def _to_credit(bind, invoice, note, minor: int) -> None:
    payment_id = bind.execute(
        sa.insert(PAYMENT)
        .values(
            payment_date=note.issue_date,
            kind=TRANSFER_KIND,
            amount_minor=-minor,
            currency=invoice.currency,
            method=METHOD,
            reference=note.number or "",
            message="",
            payer_name="",
            unallocated_minor=0,
            note=f"paid on {invoice.number} beyond what credit note {note.number} left owing",
        )
        .returning(PAYMENT.c.id)
    ).scalar_one()
    bind.execute(
        sa.insert(ALLOCATION).values(
            payment_id=payment_id, invoice_id=invoice.id, amount_minor=-minor
        )
    )
    bind.execute(
        sa.insert(CREDIT).values(
            customer_id=invoice.customer_id,
            currency=invoice.currency,
            amount_minor=minor,
            kind=CREDIT_KIND,
            entry_date=note.issue_date,
            payment_id=payment_id,
            note=note.number or "",
        )
    )
    amount = _money(minor, invoice.currency)
    _audit(
        bind,
        "customer credit",
        invoice,
        f"credit note {note.number}: {amount} paid beyond what is owed to the customer's "
        "credit (set right by migration 0011)",
    )


def _undo_write_off(bind, invoice, note, minor: int) -> None:
    bind.execute(
        sa.insert(WRITE_OFF).values(
            invoice_id=invoice.id,
            amount_minor=-minor,
            write_off_date=note.issue_date,
            reason=UNDONE_REASON.format(number=note.number),
        )
    )
    amount = _money(minor, invoice.currency)
    _audit(
        bind,
        "write-off",
        invoice,
        f"{amount} of the write-off undone: credit note {note.number} made it needless "
        "(set right by migration 0011)",
    )


def _audit(bind, action: str, invoice, detail: str) -> None:
    try:
        user = getpass.getuser()
    except (KeyError, OSError, ImportError):
        user = "unknown"
    bind.execute(
        sa.insert(AUDIT).values(
            at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            os_user=user[:120],
            workstation=(socket.gethostname() or "unknown")[:255],
            action=action,
            invoice_id=invoice.id,
            customer_id=invoice.customer_id,
            detail=detail,
        )
    )


def _sum(bind, column, condition) -> int:
    return int(bind.scalar(sa.select(sa.func.coalesce(sa.func.sum(column), 0)).where(condition)))


def _money(minor: int, currency: str) -> str:
    return f"{from_minor(minor, currency)} {currency}"


def downgrade() -> None:
    """Back to the old way: the moves taken out again, the invoices' paid sums restored.
    (Moves made by credit notes issued since the upgrade are taken out as well; the old
    version cannot read them.)"""
    bind = op.get_bind()
    moves = bind.execute(
        sa.select(ALLOCATION.c.id, ALLOCATION.c.invoice_id, ALLOCATION.c.amount_minor)
        .join(PAYMENT, PAYMENT.c.id == ALLOCATION.c.payment_id)
        .where(PAYMENT.c.method == METHOD)
    ).all()
    undone = bind.execute(
        sa.select(WRITE_OFF.c.id, WRITE_OFF.c.invoice_id, WRITE_OFF.c.amount_minor).where(
            WRITE_OFF.c.amount_minor < 0
        )
    ).all()
    for _row_id, invoice_id, minor in [*moves, *undone]:
        bind.execute(
            sa.update(INVOICE)
            .where(INVOICE.c.id == invoice_id)
            .values(paid_minor=INVOICE.c.paid_minor - minor)
        )
    payments = sa.select(PAYMENT.c.id).where(PAYMENT.c.method == METHOD)
    bind.execute(sa.delete(CREDIT).where(CREDIT.c.payment_id.in_(payments)))
    bind.execute(sa.delete(ALLOCATION).where(ALLOCATION.c.payment_id.in_(payments)))
    bind.execute(sa.delete(PAYMENT).where(PAYMENT.c.method == METHOD))
    bind.execute(sa.delete(WRITE_OFF).where(WRITE_OFF.c.amount_minor < 0))
