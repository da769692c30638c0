"""How the dashboard reads the ledger, checked on SQLite's own query plans: its figures come
from the partial indexes made for them (migration 0010), and nothing walks every invoice,
payment or message of the ledger, so a refresh costs what is open and recent, not the
ledger's size.

Plans rather than timings: a user's ledger has no statistics, so SQLite picks a plan from
the statement and the schema alone, the same on this small ledger as on a large one. A
reworded query that loses its index fails here, not only in benchmarks/bench_dashboard.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, inspect

from finqr_desktop.services import exchange_rates
from finqr_desktop.services.dashboard import dashboard_figures
from finqr_desktop.storage.models import Base

from .figures_ledger import TODAY, invoice, pay_rest

# The tables that grow with the ledger. (write_off, a few rows at most, is read whole.)
LEDGER_TABLES = {"invoice", "invoice_line", "payment", "payment_allocation", "outbox",
                 "message_log", "customer"}  # fmt: skip
# Whole partial indexes, which hold only what the figures need.
WHOLE_READS_ALLOWED = {
    ("invoice", "ix_invoice_open_amounts"),
    ("payment", "ix_payment_converted"),
}


@pytest.fixture
def refreshed(ledger):
    """Every (statement, plan lines) of one dashboard refresh over a small ledger."""
    late = invoice(ledger, "1001", dt.date(2026, 8, 1))
    invoice(ledger, "1001", TODAY + dt.timedelta(days=20), currency="EUR")
    pay_rest(ledger, invoice(ledger, "1002", dt.date(2026, 11, 1)), dt.date(2026, 11, 20))
    with ledger.writing() as session:
        exchange_rates.add_rate(session, "EUR", dt.date(2026, 11, 1), "11.50")
    statements = []

    def keep(_connection, _cursor, statement, parameters, _context, executemany):
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "INSERT")):
            statements.append((statement, parameters))

    event.listen(ledger.engine, "before_cursor_execute", keep)
    try:
        with ledger.reading() as session:
            figures = dashboard_figures(session, TODAY)
            # Explained in the same transaction: the temporary tables are still there.
            connection = session.connection()
            plans = [
                (statement, [row[3] for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, parameters)])
                for statement, parameters in statements
            ]  # fmt: skip
    finally:
        event.remove(ledger.engine, "before_cursor_execute", keep)
    assert figures.headline.overdue_count == 1 and late
    return plans


def _reads(plans, index: str) -> list[str]:
    return [statement for statement, lines in plans if any(index in line for line in lines)]


@pytest.mark.sqlite_only
def test_no_statement_walks_a_whole_ledger_table(refreshed):
    whole = []
    for statement, lines in refreshed:
        for line in lines:
            words = line.split()
            if words[0] != "SCAN" or words[1] not in LEDGER_TABLES:
                continue
            if not any((words[1], index) in WHOLE_READS_ALLOWED for index in words[2:]):
                whole.append(f"{line}  <-  {' '.join(statement.split())[:120]}")
    assert whole == []


@pytest.mark.sqlite_only
def test_each_figure_reads_through_its_index(refreshed):
    # The aging, the late payers and the forecast (both its parts, one statement).
    assert len(_reads(refreshed, "ix_invoice_open_amounts")) == 3
    assert len(_reads(refreshed, "ix_outbox_reminder_sent")) == 1
    assert len(_reads(refreshed, "ix_payment_converted")) == 1
    # The 90 days' sales by issue date, not every issued invoice by its draft flag.
    assert len(_reads(refreshed, "ix_invoice_issue_date (issue_date>? AND issue_date<?)")) == 1


def test_the_migrations_build_every_index_the_models_declare(database):
    inspector = inspect(database.engine)
    for name, table in Base.metadata.tables.items():
        built = {index["name"]: index["column_names"] for index in inspector.get_indexes(name)}
        for index in table.indexes:
            assert built.get(index.name) == [column.name for column in index.columns], index.name
