"""The Reports menu's dialogs: files saved off the GUI thread, refusals shown, accounts edited."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog

from finqr_desktop.domain.sie_reader import read_sie
from finqr_desktop.services import accounts
from finqr_desktop.ui.report_dialogs import AgingDialog, StatementDialog
from finqr_desktop.ui.sie_dialog import AccountsDialog, SieDialog

from ..documents.reading import all_text, flat
from ..services import report_ledger


@pytest.fixture
def books(ledger):
    return report_ledger.build(ledger)


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """Answer the save dialog with a file in the test's folder."""

    def choose(name: str):
        path = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
        return path

    return choose


def set_day(edit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def test_a_statement_pdf_is_saved_for_the_chosen_customer(qtbot, context, books, save_to):
    dialog = StatementDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.customer.currentData() == "1001"
    set_day(dialog.start, report_ledger.START)
    set_day(dialog.end, report_ledger.END)
    target = save_to("statement.pdf")

    assert dialog.save_statement("pdf")
    qtbot.waitUntil(lambda: not dialog.worker.busy)

    assert dialog.last_path == target
    assert "Saved to" in dialog.status.text()
    text = flat(all_text(target.read_bytes()))
    assert "Kontoutdrag" in text and "960,00" in text


def test_the_default_period_is_the_last_whole_month(qtbot, context):
    dialog = StatementDialog(context)
    qtbot.addWidget(dialog)
    # The fixture's today is 2026-12-04.
    assert dialog.start.date().toPython() == dt.date(2026, 11, 1)
    assert dialog.end.date().toPython() == dt.date(2026, 11, 30)


def test_an_aging_csv_is_saved(qtbot, context, books, save_to):
    dialog = AgingDialog(context)
    qtbot.addWidget(dialog)
    target = save_to("aging.csv")

    assert dialog.save_aging("csv")
    qtbot.waitUntil(lambda: not dialog.worker.busy)

    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("bucket,invoice,customer")
    assert lines[1].startswith(f"1-30,{books['other'].number},1002,Anna Andersson")


def test_an_sie_export_is_saved_and_reads_back(qtbot, context, books, save_to):
    dialog = SieDialog(context)
    qtbot.addWidget(dialog)
    set_day(dialog.start, report_ledger.START)
    set_day(dialog.end, report_ledger.END)
    target = save_to("books.se")

    assert dialog.export()
    qtbot.waitUntil(lambda: not dialog.worker.busy)

    document = read_sie(target.read_bytes())
    assert len(document.verifications) == 11


def test_a_refused_export_is_shown_and_writes_nothing(qtbot, context, ledger, boxes, save_to):
    with ledger.writing() as session:
        report_ledger.issue(
            session, "1002", "2026-10-05", [report_ledger.line("10.00", "25")], currency="EUR"
        )
    dialog = SieDialog(context)
    qtbot.addWidget(dialog)
    set_day(dialog.start, report_ledger.START)
    target = save_to("books.se")

    assert dialog.export()
    qtbot.waitUntil(lambda: not dialog.worker.busy)

    assert not target.exists()
    assert "no EUR exchange rate" in dialog.status.text()
    assert boxes.said and "no EUR exchange rate" in boxes.said[-1][1]


def test_a_reversed_period_is_not_started(qtbot, context, save_to):
    dialog = SieDialog(context)
    qtbot.addWidget(dialog)
    set_day(dialog.start, dt.date(2026, 12, 1))
    set_day(dialog.end, dt.date(2026, 1, 1))
    assert not dialog.export()
    assert "ends before it starts" in dialog.status.text()


def test_accounts_are_checked_whole_and_saved(qtbot, context, ledger):
    dialog = AccountsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.fields["receivables"].text() == "1510"

    dialog.fields["bank"].setText("12")
    dialog.fields["rounding"].setText("3741")
    assert not dialog.save()
    assert "bank: an account number is four digits" in dialog.problems.text()
    assert dialog.fields["bank"].property("invalid")
    with ledger.reading() as session:
        assert accounts.chart(session)["rounding"] == "3740"

    dialog.fields["bank"].setText("1940")
    assert dialog.save()
    with ledger.reading() as session:
        chart = accounts.chart(session)
    assert (chart["bank"], chart["rounding"]) == ("1940", "3741")


def test_the_main_window_has_the_reports_menu(qtbot, context):
    from finqr_desktop.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    assert set(window.report_actions) == {"statement", "aging", "sie", "accounts"}
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Reports" in titles
