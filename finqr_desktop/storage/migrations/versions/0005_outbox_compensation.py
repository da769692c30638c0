"""outbox.compensation_minor: the late-payment compensation apart from the reminder fee

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 17:00:00

The B2B förseningsersättning is not a reminder fee and the reminder must say which is which,
so the two are stored apart. Rows written before this kept both in ``fee_minor``; they stay
as they are (the sum is right, only its label on an already-planned reminder is not).
A plain ADD COLUMN: on SQLite a batch rebuild of ``outbox`` is not needed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "outbox",
        sa.Column("compensation_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_column("outbox", "compensation_minor")
