"""the customer portal: tokens and the FAQ (issue 6)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:10:00

Being written this session; the docstring says what it adds once it adds something.
"""

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
