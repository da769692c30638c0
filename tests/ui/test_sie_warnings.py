"""The SIE dialog tells the clerk which texts the file could not hold as they are, and
leaves the question of replacing a file to the save dialog, which asks it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog

from finqr_desktop.domain.parties import Customer
from finqr_desktop.domain.sie_reader import read_sie
from finqr_desktop.services import customers
from finqr_desktop.ui import sie_dialog
from finqr_desktop.ui.sie_dialog import SieDialog

from ..services.report_ledger import issue, line


def answer_save_dialog(monkeypatch, path):
    asked = []

    def choose(*args, **kwargs):
        asked.append((args, kwargs))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    return asked


def period(dialog) -> None:
    dialog.start.setDate(QDate(2026, 12, 1))
    dialog.end.setDate(QDate(2026, 12, 31))


def test_texts_written_inexactly_are_listed_under_the_saved_file(
    qtbot, context, ledger, monkeypatch, tmp_path
):
    with ledger.writing() as session:
        customers.add_customer(session, Customer(number="3001", name="Łódź – “Q” € AB"))
        invoice = issue(session, "3001", "2026-12-05", [line("100.00", "25")])
    target = tmp_path / "books.se"
    asked = answer_save_dialog(monkeypatch, target)
    dialog = SieDialog(context)
    qtbot.addWidget(dialog)
    period(dialog)

    assert dialog.export()
    qtbot.waitUntil(lambda: not dialog.worker.busy)

    # Qt's save dialog asks before replacing a file unless told not to; nobody tells it.
    ((_, options),) = asked
    assert "options" not in options
    assert read_sie(target.read_bytes()).verifications[0].text.endswith('Lódz - "Q" EUR AB')
    lines = dialog.status.text().splitlines()
    assert lines == [
        f"Saved to {target}",
        "Some texts are written with other characters:",
        f'verification A1: "Faktura {invoice.number}, Łódź – “Q” € AB" is written as '
        f'"Faktura {invoice.number}, Lódz - "Q" EUR AB": the SIE file\'s code page 437 '
        "lacks some of its characters",
    ]


def test_a_long_list_is_cut_short_with_a_count(qtbot, context, ledger, monkeypatch, tmp_path):
    with ledger.writing() as session:
        customers.add_customer(session, Customer(number="3001", name="Ærø ApS"))
        for day in range(1, 13):
            issue(session, "3001", f"2026-12-{day:02d}", [line("10.00", "25")])
    answer_save_dialog(monkeypatch, tmp_path / "books.se")
    dialog = SieDialog(context)
    qtbot.addWidget(dialog)
    period(dialog)

    assert dialog.export()
    qtbot.waitUntil(lambda: not dialog.worker.busy)

    lines = dialog.status.text().splitlines()
    assert len(lines) == 2 + sie_dialog.SHOWN_WARNINGS + 1
    assert lines[-1] == "… and 2 more (all in the log)."
    assert len(dialog.warnings) == 12


def test_a_plain_export_says_only_where_it_went(qtbot, context, ledger, monkeypatch, tmp_path):
    with ledger.writing() as session:
        issue(session, "1001", "2026-12-05", [line("100.00", "25")])
    target = tmp_path / "books.se"
    answer_save_dialog(monkeypatch, target)
    dialog = SieDialog(context)
    qtbot.addWidget(dialog)
    period(dialog)

    assert dialog.export()
    qtbot.waitUntil(lambda: not dialog.worker.busy)

    assert dialog.status.text() == f"Saved to {target}"
    assert dialog.warnings == ()
    assert dt.date(2026, 12, 5) == read_sie(target.read_bytes()).verifications[0].date
