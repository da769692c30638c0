"""templates: versioned designs, the version an invoice was rendered with, archived PDFs

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 10:00:00

The new invoice column is added with a plain ADD COLUMN on every database. On SQLite a
batch rebuild of ``invoice`` would drop the old table with foreign keys on, and that drop
deletes every row first, cascading to the invoice lines and VAT rows.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INVOICE_FK = "fk_invoice_template_version_id_template_version"


def upgrade() -> None:
    op.create_table(
        "template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template")),
    )
    op.create_table(
        "template_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("design", sa.JSON(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_type", sa.String(length=20), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["template_id"], ["template.id"], name=op.f("fk_template_version_template_id_template")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template_version")),
        sa.UniqueConstraint(
            "template_id", "version", name=op.f("uq_template_version_template_id")
        ),
    )
    op.create_index(
        op.f("ix_template_version_template_id"), "template_version", ["template_id"], unique=False
    )
    op.create_table(
        "document_archive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("template_version_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_document_archive_invoice_id_invoice")
        ),
        sa.ForeignKeyConstraint(
            ["template_version_id"],
            ["template_version.id"],
            name=op.f("fk_document_archive_template_version_id_template_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_archive")),
        sa.UniqueConstraint("invoice_id", name=op.f("uq_document_archive_invoice_id")),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Alembic adds a foreign key only by rebuilding the table here; SQLite itself takes
        # the reference inline in ADD COLUMN.
        op.execute(
            "ALTER TABLE invoice ADD COLUMN template_version_id INTEGER "
            f"CONSTRAINT {INVOICE_FK} REFERENCES template_version (id)"
        )
    else:
        op.add_column("invoice", sa.Column("template_version_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            INVOICE_FK, "invoice", "template_version", ["template_version_id"], ["id"]
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite (3.35 and later) drops the column in place, with its inline reference.
        op.execute("ALTER TABLE invoice DROP COLUMN template_version_id")
    else:
        op.drop_constraint(INVOICE_FK, "invoice", type_="foreignkey")
        op.drop_column("invoice", "template_version_id")
    op.drop_table("document_archive")
    op.drop_index(op.f("ix_template_version_template_id"), table_name="template_version")
    op.drop_table("template_version")
    op.drop_table("template")
