"""Numbers, amounts and dates in the window follow the clerk's formats (Settings → Language),
not the company's language: typed in that locale's way, shown back the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDateEdit

from finqr_desktop.ui import translation
from finqr_desktop.ui.context import LedgerContext
from finqr_desktop.ui.invoice_editor import InvoiceEditor
from finqr_desktop.ui.invoice_model import COLUMNS, InvoiceListModel
from finqr_desktop.ui.locale_text import number_example

from .typing import type_into

NBSP = "\u00a0"


@pytest.fixture
def formats(qapp, ledger, today):
    """Install the given formats (English texts) and give a context built after it."""
    default = QLocale()

    def install(locale: str) -> LedgerContext:
        translation.install("en", locale)
        return LedgerContext(ledger, today=lambda: today)

    yield install
    translation.uninstall(default)


def _fill(editor: InvoiceEditor, name: str, text: str) -> None:
    widget = editor.lines.widget(0, name)
    widget.clear()
    type_into(widget, text)


@pytest.mark.parametrize(
    ("locale", "typed", "line_amount", "shown_back"),
    [
        ("en_GB", "1,234.56", "SEK1,234.56", "1,234.56"),
        ("sv_SE", "1 234,56", f"1{NBSP}234,56{NBSP}kr", f"1{NBSP}234,56"),
    ],
)
def test_an_amount_typed_in_the_formats_locale_is_accepted_and_shown_back(
    qtbot, formats, locale, typed, line_amount, shown_back
):
    context = formats(locale)
    assert context.locale == locale
    editor = InvoiceEditor(context)
    qtbot.addWidget(editor)
    editor.header.choose_customer("1001")
    type_into(editor.lines.widget(0, "description"), "Konsulttid")
    _fill(editor, "quantity", "1")
    _fill(editor, "unit_price", typed)

    assert editor.lines.widget(0, "amount").text() == line_amount
    assert editor.save_draft() is True

    reopened = InvoiceEditor(context, editor.invoice_id)
    qtbot.addWidget(reopened)
    assert reopened.lines.widget(0, "unit_price").text() == shown_back


def test_the_other_locales_way_of_writing_is_refused_with_the_expected_form(qtbot, formats):
    editor = InvoiceEditor(formats("en_GB"))
    qtbot.addWidget(editor)
    editor.header.choose_customer("1001")
    _fill(editor, "unit_price", "1 234,56")  # Swedish, where British English is expected
    assert editor.save_draft() is False
    tip = editor.lines.widget(0, "unit_price").toolTip()
    assert "1,234.56" in tip


def test_dates_are_shown_and_typed_in_the_formats_locale(qtbot, formats, today):
    context = formats("en_GB")
    editor = InvoiceEditor(context)
    qtbot.addWidget(editor)
    issue = editor.header.issue_date
    assert issue.text() == "04/12/2026"

    # The first section is the day: "01" typed there is the first of the month.
    issue.setFocus()
    issue.setSelectedSection(QDateEdit.Section.DaySection)
    QTest.keyClicks(issue, "01")
    QTest.keyClick(issue, Qt.Key.Key_Return)
    assert issue.date().toPython() == dt.date(2026, 12, 1)

    editor.header.choose_customer("1001")
    type_into(editor.lines.widget(0, "description"), "Konsulttid")
    _fill(editor, "unit_price", "100")
    assert editor.save_draft() is True
    listed = InvoiceListModel(context)
    listed.reload()
    cell = listed.index(0, COLUMNS.index("issue_date"))
    assert listed.data(cell, Qt.ItemDataRole.DisplayRole) == "01/12/2026"


def test_swedish_formats_show_days_the_iso_way(qtbot, formats):
    editor = InvoiceEditor(formats("sv_SE"))
    qtbot.addWidget(editor)
    assert editor.header.issue_date.text() == "2026-12-04"
    assert editor.header.invoice_discount.placeholderText() == "0,00"


def test_number_hints_follow_the_locale():
    assert number_example("1234.56", "en_GB") == "1,234.56"
    assert number_example("1234.56", "sv_SE") == "1 234,56"
    assert number_example("0.00", "en_GB") == "0.00"
