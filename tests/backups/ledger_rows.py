"""Every row of every table of a ledger, for comparing two databases table by table."""

from __future__ import annotations

from sqlalchemy import MetaData, select


def all_rows(database) -> dict[str, list[tuple]]:
    """{table: its rows in primary-key order}, read through the ledger's own engine."""
    metadata = MetaData()
    with database.engine.connect() as connection:
        metadata.reflect(connection)
        return {
            name: [
                tuple(row)
                for row in connection.execute(
                    select(table).order_by(*(table.primary_key.columns or table.columns))
                )
            ]
            for name, table in sorted(metadata.tables.items())
        }
