"""The Dashboard page on a small ledger: it renders its figures, a click on an aging row or
a forecast bar lists the invoices behind it, a double-click opens one, and it recomputes
after a payment and after a rate is entered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from finqr_desktop.domain.number_text import format_amount
from finqr_desktop.ui.context import INVOICES
from finqr_desktop.ui.dashboard_page import DashboardPage
from finqr_desktop.ui.invoice_view import InvoiceView

from ..services.figures_ledger import TODAY, invoice, pay, pay_rest

D = Decimal


def sek(amount: str) -> str:
    return format_amount(D(amount), "SEK", "sv_SE")


def shown(qtbot, context) -> DashboardPage:
    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 1400)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None and not page.worker.busy, timeout=20_000)
    return page


def refreshed(qtbot, page: DashboardPage, change) -> None:
    before = page.figures
    change()
    qtbot.waitUntil(lambda: page.figures is not before and not page.worker.busy, timeout=20_000)


@pytest.fixture
def small(ledger):
    """Due 40 days ago (1250.00), due 10 days ago (1250.00, 250.00 of it paid), due in
    three days (1250.00), and 125.00 EUR due 5 days ago; one earlier invoice paid 4 days
    late, so 1001's open invoices are expected 4 days after their due dates."""
    ids = {
        "old": invoice(ledger, "1001", TODAY - dt.timedelta(days=40)),
        "part": invoice(ledger, "1001", TODAY - dt.timedelta(days=10)),
        "soon": invoice(ledger, "1001", TODAY + dt.timedelta(days=3)),
        "euro": invoice(ledger, "1002", TODAY - dt.timedelta(days=5), net="100.00",
                        currency="EUR"),
    }  # fmt: skip
    pay(ledger, ids["part"], "250.00", TODAY - dt.timedelta(days=1))
    paid = invoice(ledger, "1001", TODAY - dt.timedelta(days=60))
    pay_rest(ledger, paid, TODAY - dt.timedelta(days=56))
    return ids


def test_an_empty_ledger_says_what_to_do_next(qtbot, context):
    page = shown(qtbot, context)
    assert page.stack.currentWidget() is page.empty
    assert "Issue your first invoice" in page.empty.text()


def test_the_figures_render_and_say_what_was_left_out(qtbot, context, small):
    page = shown(qtbot, context)

    assert page.stack.currentIndex() == 1
    assert page.cards["outstanding"].value.text() == sek("3500.00")  # EUR has no rate yet
    assert "not included: no exchange rate entered" in page.cards["outstanding"].note.text()
    assert page.cards["overdue"].value.text() == sek("2250.00")
    assert page.cards["due_soon"].value.text() == sek("1250.00")
    assert page.aging_table.item(1, 0).text() == "1–30 days"
    assert page.aging_table.item(1, 1).text() == "2"
    assert "Each open invoice" in page.forecast_chart.chart().title()
    assert page.late_payers.item(0, 0).text().startswith("1001")


def test_a_click_on_an_aging_row_lists_its_invoices_and_opens_one(qtbot, context, small):
    page = shown(qtbot, context)
    table = page.aging_table
    row_rect = table.visualItemRect(table.item(2, 0))  # 31–60 days
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
    assert page.invoices.invoice_ids() == [small["old"]]
    assert page.invoices.table.item(0, 3).text() == "40"

    listed = page.invoices.table
    cell = listed.visualItemRect(listed.item(0, 0)).center()
    # A real double-click: the first press and release, then the second press.
    QTest.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    QTest.mouseDClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert isinstance(page.dialog, InvoiceView)
    assert page.dialog.invoice_id == small["old"]


def test_a_click_on_an_aging_bar_lists_its_invoices(qtbot, context, small):
    page = shown(qtbot, context)
    chart = page.aging_chart
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_position(1))
    assert sorted(page.invoices.invoice_ids()) == sorted([small["part"], small["euro"]])


def test_a_click_on_a_forecast_bar_lists_the_invoices_expected_that_week(qtbot, context, small):
    page = shown(qtbot, context)
    forecast = page.figures.forecast
    # Every overdue invoice is already late: this week. "soon" is due 7 Dec, expected 11 Dec.
    assert [w.count for w in forecast.weeks[:2]] == [3, 1]
    chart = page.forecast_chart
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_position(1))
    assert page.invoices.invoice_ids() == [small["soon"]]
    assert page.invoices.table.item(0, 3).text() == "2026-12-11"


def test_it_recomputes_after_a_payment_and_a_new_rate(qtbot, context, ledger, small):
    page = shown(qtbot, context)
    page.list_bucket("31-60")
    assert page.invoices.invoice_ids() == [small["old"]]

    def paid():
        pay_rest(ledger, small["old"], TODAY)
        context.announce(INVOICES)

    refreshed(qtbot, page, paid)
    assert page.cards["outstanding"].value.text() == sek("2250.00")
    assert page.invoices.invoice_ids() == []  # the list is read again from the new figures

    dialog = page.open_rates()
    dialog.currency.setText("EUR")
    dialog.rate.setText("11,50")
    refreshed(qtbot, page, dialog.add)
    assert dialog.table.item(0, 2).text() == "11,5"
    assert page.cards["outstanding"].value.text() == sek("3687.50")  # + 125 EUR × 11.50
    assert "converted at 11,5" in page.cards["outstanding"].note.text()


def test_a_bad_rate_is_refused_with_its_reason(qtbot, context, small):
    page = shown(qtbot, context)
    dialog = page.open_rates()
    dialog.currency.setText("EUR")
    dialog.rate.setText("-3")
    assert dialog.add() is False
    assert "rate" in dialog.problem.text() and "above zero" in dialog.problem.text()
    dialog.currency.setText("SEK")
    dialog.rate.setText("1")
    assert dialog.add() is False
    assert "company's own currency" in dialog.problem.text()
