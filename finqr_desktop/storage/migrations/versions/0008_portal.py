"""the customer portal: each customer's page token and the clerk's FAQ (issue 6)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:10:00

Adds ``customer.portal_token`` (the unguessable part of the customer's portal address,
empty until the first build gives one) and the ``portal_faq`` table. A plain added column
and a new table: nothing existing is rebuilt.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customer", sa.Column("portal_token", sa.String(length=64), nullable=True))
    op.create_index("ix_customer_portal_token", "customer", ["portal_token"], unique=True)
    op.create_table(
        "portal_faq",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_faq")),
    )
    op.create_index("ix_portal_faq_language", "portal_faq", ["language", "position"])


def downgrade() -> None:
    op.drop_index("ix_portal_faq_language", table_name="portal_faq")
    op.drop_table("portal_faq")
    op.drop_index("ix_customer_portal_token", table_name="customer")
    # SQLite (3.35+) drops a plain column without a table rebuild.
    op.drop_column("customer", "portal_token")
