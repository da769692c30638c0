"""e-invoices: Peppol endpoint, buyer reference and e-invoice format per customer (issue 10)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:10:00

Adds ``customer.peppol_id`` ("scheme:identifier"; empty means the Swedish organisation
number under scheme 0007), ``customer.buyer_reference`` (the reference a public buyer
asks for on every invoice) and ``customer.einvoice_format`` ("pdf", "pdf_ubl" or
"facturx"; existing customers keep getting the PDF only). Plain added columns with
server defaults: no table is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "customer",
        sa.Column("peppol_id", sa.String(length=60), nullable=False, server_default=""),
    )
    op.add_column(
        "customer",
        sa.Column("buyer_reference", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column(
        "customer",
        sa.Column("einvoice_format", sa.String(length=10), nullable=False, server_default="pdf"),
    )


def downgrade() -> None:
    # SQLite (3.35+) drops a plain column without a table rebuild.
    op.drop_column("customer", "einvoice_format")
    op.drop_column("customer", "buyer_reference")
    op.drop_column("customer", "peppol_id")
