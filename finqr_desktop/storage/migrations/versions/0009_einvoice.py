"""e-invoices: Peppol endpoint and format per customer (issue 10)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:10:00

Being written this session; the docstring says what it adds once it adds something.
"""

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
