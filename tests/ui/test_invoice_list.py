"""The invoice list: lazy blocks, sorting by any column, status filter, debounced search."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from finqr_desktop.domain.invoice import DraftLine, InvoiceDraft
from finqr_desktop.domain.vat import SWEDEN
from finqr_desktop.services import company as company_service
from finqr_desktop.services import customers as customer_service
from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.ui.context import LedgerContext
from finqr_desktop.ui.invoice_model import BLOCK_SIZE, COLUMNS
from finqr_desktop.ui.invoices_page import InvoicesPage

from ..conftest import sample_company, sample_customers

COUNT = 2000
DRAFTS = 500  # the first 500 stay drafts; the rest are issued
TODAY = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def many_invoices_file(tmp_path_factory):
    """A ledger with 2,000 invoices over 200 days, built once and copied for each test."""
    path = tmp_path_factory.mktemp("many") / "ledger.sqlite3"
    database = open_ledger(f"sqlite:///{path}")
    day = TODAY
    rate = SWEDEN.lookup("25", day)
    with database.writing() as session:
        company_service.save_company(session, sample_company())
        for customer in sample_customers():
            customer_service.add_customer(session, customer)
        ids = []
        for n in range(COUNT):
            draft = InvoiceDraft(
                customer_number="1001" if n % 2 else "1002",
                currency="SEK",
                issue_date=day - dt.timedelta(days=n % 200),
                lines=[DraftLine(f"Arbete {n}", Decimal(1), Decimal(100 + n), rate)],
            )
            ids.append(invoice_service.save_draft(session, draft).id)
        # Issued in date order, as a real ledger was: a series numbers by date.
        dated = {invoice_id: (TODAY - dt.timedelta(days=n % 200), n) for n, invoice_id in
                 enumerate(ids)}  # fmt: skip
        list(invoice_service.issue_invoices(session, sorted(ids[DRAFTS:], key=dated.get)))
    database.dispose()
    return path


@pytest.fixture
def many_invoices(many_invoices_file, tmp_path, qapp):
    copy = tmp_path / "many.sqlite3"
    shutil.copyfile(many_invoices_file, copy)
    database = open_ledger(f"sqlite:///{copy}")
    yield LedgerContext(database, today=lambda: TODAY)
    database.dispose()


@pytest.fixture
def page(qtbot, many_invoices):
    page = InvoicesPage(many_invoices)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    return page


def _column(page, name: str, rows: range) -> list[str]:
    model = page.model
    return [model.index(r, COLUMNS.index(name)).data() for r in rows]


def test_showing_the_list_fetches_only_the_visible_block(qtbot, page):
    model = page.model
    assert model.rowCount() == COUNT
    assert model.blocks_fetched == 0
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)
    assert model.blocks_fetched == 1
    assert len(model._blocks) == 1

    page.view.scrollToBottom()
    qtbot.wait(50)
    assert model.blocks_fetched == 2
    assert sorted(model._blocks) == [0, COUNT // BLOCK_SIZE - 1]
    assert page.count.text() == "2\u00a0000 invoices"


def test_sorting_by_total_and_by_status(qtbot, page):
    model = page.model
    model.sort(COLUMNS.index("total"), Qt.SortOrder.AscendingOrder)
    first = [model.row_at(r).total for r in range(5)]
    assert first == [Decimal("125.00"), Decimal("126.25"), Decimal("127.50"),
                     Decimal("128.75"), Decimal("130.00")]  # fmt: skip
    assert model.row_at(COUNT - 1).total == Decimal(100 + COUNT - 1) * Decimal("1.25")

    model.sort(COLUMNS.index("total"), Qt.SortOrder.DescendingOrder)
    assert _column(page, "total", range(1)) == ["2\u00a0623,75\u00a0kr"]

    # Status names sort by their codes: "draft" before "overdue" and "unpaid".
    model.sort(COLUMNS.index("status"), Qt.SortOrder.AscendingOrder)
    assert _column(page, "status", range(1)) == ["Draft"]
    assert _column(page, "status", range(COUNT - 1, COUNT)) == ["Unpaid"]


def test_status_filter_lists_only_that_status(qtbot, page):
    combo = page.status_filter
    combo.setCurrentIndex(combo.findData("draft"))
    assert page.model.rowCount() == DRAFTS
    assert set(_column(page, "number", range(0, DRAFTS, 37))) == {"Draft"}
    combo.setCurrentIndex(combo.findData("overdue"))
    overdue = page.model.rowCount()
    assert 0 < overdue < COUNT - DRAFTS
    assert set(_column(page, "status", range(overdue))) == {"Overdue"}
    combo.setCurrentIndex(0)
    assert page.model.rowCount() == COUNT


def test_search_waits_for_the_typing_to_pause(qtbot, page):
    qtbot.keyClicks(page.search, "anna")
    assert page.model.rowCount() == COUNT  # not yet: the search is debounced
    qtbot.waitUntil(lambda: page.model.rowCount() == COUNT // 2, timeout=2000)
    assert set(_column(page, "customer", range(0, COUNT // 2, 50))) == {"Anna Andersson"}

    page.search.setText("2026-0007")
    qtbot.waitUntil(lambda: page.model.rowCount() <= 11, timeout=2000)
    numbers = _column(page, "number", range(page.model.rowCount()))
    assert "2026-0007" in numbers
    assert all(n.startswith("2026-0007") for n in numbers)
