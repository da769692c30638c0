"""payments: bank imports, payments and their allocations, customer credit, write-offs

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 18:00:00

New tables only: ``invoice.paid_minor`` already exists and is from now on the sum of the
invoice's payment allocations and write-offs, kept by services.payments. No existing table
is rebuilt (on SQLite a batch rebuild of ``invoice`` would cascade to its lines).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NOW = sa.text("(CURRENT_TIMESTAMP)")


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _created() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(), server_default=NOW, nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.create_table(
        "bank_import",
        _id(),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=12), nullable=False),
        sa.Column("is_test", sa.Boolean(), nullable=False),
        sa.Column("payment_count", sa.Integer(), nullable=False),
        sa.Column("matched_count", sa.Integer(), nullable=False),
        sa.Column("unmatched_count", sa.Integer(), nullable=False),
        sa.Column("duplicate_count", sa.Integer(), nullable=False),
        sa.Column("sums", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_import")),
        sa.UniqueConstraint("digest", name=op.f("uq_bank_import_digest")),
    )
    op.create_table(
        "payment",
        _id(),
        sa.Column("payment_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("payer_name", sa.String(length=200), nullable=False),
        sa.Column("bank_identity", sa.String(length=200), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("rate", sa.String(length=40), nullable=True),
        sa.Column("converted_minor", sa.BigInteger(), nullable=True),
        sa.Column("converted_currency", sa.String(length=3), nullable=True),
        sa.Column("unallocated_minor", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _created(),
        _fk("payment", "import_id", "bank_import"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
        sa.UniqueConstraint("bank_identity", name=op.f("uq_payment_bank_identity")),
    )
    op.create_index("ix_payment_payment_date", "payment", ["payment_date"])
    op.create_index("ix_payment_import_id", "payment", ["import_id"])
    op.create_index("ix_payment_unallocated", "payment", ["unallocated_minor"])
    op.create_table(
        "payment_allocation",
        _id(),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        _created(),
        _fk("payment_allocation", "payment_id", "payment"),
        _fk("payment_allocation", "invoice_id", "invoice"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_allocation")),
    )
    op.create_index("ix_payment_allocation_payment_id", "payment_allocation", ["payment_id"])
    op.create_index("ix_payment_allocation_invoice_id", "payment_allocation", ["invoice_id"])
    op.create_table(
        "customer_credit",
        _id(),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _created(),
        _fk("customer_credit", "customer_id", "customer"),
        _fk("customer_credit", "payment_id", "payment"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_credit")),
    )
    op.create_index("ix_customer_credit_customer_id", "customer_credit", ["customer_id"])
    op.create_index("ix_customer_credit_payment_id", "customer_credit", ["payment_id"])
    op.create_table(
        "write_off",
        _id(),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("write_off_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _created(),
        _fk("write_off", "invoice_id", "invoice"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_write_off")),
    )
    op.create_index("ix_write_off_invoice_id", "write_off", ["invoice_id"])


def downgrade() -> None:
    for table in ("write_off", "customer_credit", "payment_allocation", "payment"):
        op.drop_table(table)
    op.drop_table("bank_import")
