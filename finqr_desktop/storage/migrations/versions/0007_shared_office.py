"""the shared office: who did what (issue 8)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 19:10:00

Being written this session; the docstring says what it adds once it adds something.
"""

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
