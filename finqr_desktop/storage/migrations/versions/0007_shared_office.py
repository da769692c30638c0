"""the shared office: who did what (issue 8)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 19:10:00

One new table, ``audit_event``: every issue, credit, payment, allocation, write-off, send,
draft save, template, customer and settings change, with the operating-system user, the
workstation and the time (naive UTC). Its invoice and customer ids have no foreign key, so
the trail outlives a deleted draft. No existing table changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("os_user", sa.String(length=120), nullable=False),
        sa.Column("workstation", sa.String(length=255), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index("ix_audit_event_invoice", "audit_event", ["invoice_id", "id"])
    op.create_index("ix_audit_event_customer", "audit_event", ["customer_id", "id"])


def downgrade() -> None:
    op.drop_table("audit_event")
