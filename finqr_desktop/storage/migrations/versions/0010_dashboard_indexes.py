"""dashboard indexes: open invoices with their amounts, reminders by when they went,
converted payments (issue 7)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 22:40:00

Three partial indexes the dashboard reads through, so that one refresh over 100,000
invoices stays within issue 7's 300 ms (benchmarks/README.md has the figures):

- ``ix_invoice_open_amounts``: the open invoices (as ``ix_invoice_open_due``, in the other
  words of storage.models.OPEN_AMOUNTS_SQL) by currency and due date, with customer and
  amounts, so the aging, the forecast and the late payers sum them from the index alone
  instead of visiting every open invoice's row, the aging without even sorting them;
- ``ix_outbox_reminder_sent``: the reminders by status and the time they went, with level
  and invoice, so the reminders' effect reads only those that went in its period;
- ``ix_payment_converted``: the few payments booked in another currency, so the latest
  rates are not looked for in every payment.

Only new indexes: no table is rebuilt, and no existing index changes, so the queries that
read through those keep their plans.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# As in storage.models; repeated so this revision never changes with the model.
OPEN_AMOUNTS_SQL = (
    "kind = 'invoice' AND NOT is_draft AND total_minor - credited_minor - paid_minor > 0"
)
REMINDER_SQL = "kind = 'reminder'"
CONVERTED_PAYMENT_SQL = "rate IS NOT NULL AND converted_currency IS NOT NULL"
INDEXES = (
    ("ix_invoice_open_amounts", "invoice",
     ["currency", "due_date", "customer_id", "total_minor", "credited_minor", "paid_minor"],
     OPEN_AMOUNTS_SQL),
    ("ix_outbox_reminder_sent", "outbox", ["status", "sent_at", "level", "invoice_id"],
     REMINDER_SQL),
    ("ix_payment_converted", "payment", ["currency", "converted_currency", "payment_date"],
     CONVERTED_PAYMENT_SQL),
)  # fmt: skip


def upgrade() -> None:
    for name, table, columns, where in INDEXES:
        op.create_index(name, table, columns, sqlite_where=sa.text(where),
                        postgresql_where=sa.text(where))  # fmt: skip


def downgrade() -> None:
    for name, table, _columns, _where in reversed(INDEXES):
        op.drop_index(name, table_name=table)
