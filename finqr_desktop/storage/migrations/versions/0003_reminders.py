"""reminders: disputed invoices, the outbox, the message log, an index of open invoices

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10 10:00:00

``invoice.disputed`` is added with a plain ADD COLUMN on every database, as 0002 does: on
SQLite a batch rebuild of ``invoice`` with foreign keys on would delete its lines.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# As storage.models.OPEN_INVOICE_SQL; repeated so this revision never changes with the model.
OPEN_INVOICE_SQL = (
    "is_draft = false AND kind = 'invoice' AND total_minor - credited_minor - paid_minor > 0"
)
NOW = sa.text("(CURRENT_TIMESTAMP)")


def upgrade() -> None:
    op.add_column(
        "invoice",
        sa.Column("disputed", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_index(
        "ix_invoice_open_due",
        "invoice",
        ["is_draft", "due_date"],
        sqlite_where=sa.text(OPEN_INVOICE_SQL),
        postgresql_where=sa.text(OPEN_INVOICE_SQL),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("planned_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("lease_owner", sa.String(length=120), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("interest_minor", sa.BigInteger(), nullable=False),
        sa.Column("amount_due_minor", sa.BigInteger(), nullable=False),
        sa.Column("skip_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_outbox_invoice_id_invoice")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("invoice_id", "kind", "level", name=op.f("uq_outbox_invoice_id")),
    )
    op.create_index("ix_outbox_status_planned", "outbox", ["status", "planned_at"])
    op.create_table(
        "message_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_message_log_invoice_id_invoice")
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name=op.f("fk_message_log_outbox_id_outbox")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_log")),
    )
    op.create_index(op.f("ix_message_log_invoice_id"), "message_log", ["invoice_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_message_log_invoice_id"), table_name="message_log")
    op.drop_table("message_log")
    op.drop_index("ix_outbox_status_planned", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index("ix_invoice_open_due", table_name="invoice")
    # SQLite (3.35 and later) drops a plain column in place, without a rebuild.
    op.drop_column("invoice", "disputed")
