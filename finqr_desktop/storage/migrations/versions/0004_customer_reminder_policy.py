"""customer.reminder_policy: the named reminder policy a customer follows

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 16:00:00

A plain ADD COLUMN on every database, nullable, so existing customers follow the ledger's
own policy: on SQLite a batch rebuild of ``customer`` would cascade into its invoices.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customer", sa.Column("reminder_policy", sa.String(length=40), nullable=True))


def downgrade() -> None:
    # SQLite (3.35 and later) drops a plain column in place, without a rebuild.
    op.drop_column("customer", "reminder_policy")
