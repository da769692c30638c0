"""Undo and redo in the invoice editor: lines, cells, header and notes, and the totals with
them; typing in one field is one step; a save does not end the history, a reload does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.ui.draft_reader import LineTexts
from finqr_desktop.ui.invoice_editor import InvoiceEditor

from .typing import type_into

NBSP = "\u00a0"


def kr(text: str) -> str:
    return text.replace(" ", NBSP) + NBSP + "kr"


def _editor(qtbot, context, invoice_id=None) -> InvoiceEditor:
    editor = InvoiceEditor(context, invoice_id)
    qtbot.addWidget(editor)
    return editor


def _retype(editor, row: int, name: str, text: str) -> None:
    widget = editor.lines.widget(row, name)
    widget.selectAll()  # the typing replaces what is there, as a clerk's would
    type_into(widget, text)


def _first_line(editor) -> None:
    editor.header.choose_customer("1001")
    type_into(editor.lines.widget(0, "description"), "Konsulttid")
    _retype(editor, 0, "unit_price", "1000")


def test_undo_twice_takes_back_the_quantity_and_the_price_then_redo(qtbot, context):
    editor = _editor(qtbot, context)
    _first_line(editor)
    assert editor.totals.total_value.text() == kr("1 250,00")
    before_line = editor.lines.texts()

    editor.add_line()
    type_into(editor.lines.widget(1, "description"), "Handbok")
    _retype(editor, 1, "unit_price", "200")
    _retype(editor, 1, "quantity", "3")
    assert editor.lines.widget(1, "amount").text() == kr("600,00")
    assert editor.totals.total_value.text() == kr("2 000,00")

    editor.undo.history.undo()
    editor.undo.history.undo()
    assert editor.lines.line_texts(1) == LineTexts(description="Handbok", quantity="1")
    assert editor.lines.widget(1, "amount").text() == kr("0,00")
    assert editor.totals.total_value.text() == kr("1 250,00")
    assert editor.totals.net_value.text() == kr("1 000,00")

    editor.undo.history.undo()
    editor.undo.history.undo()
    assert editor.lines.texts() == before_line  # the added line is gone again

    for _ in range(4):
        editor.undo.history.redo()
    assert editor.lines.line_texts(1) == LineTexts(
        description="Handbok", quantity="3", unit_price="200"
    )
    assert editor.totals.total_value.text() == kr("2 000,00")
    assert not editor.undo.history.redo_button.isEnabled()


def test_typing_into_one_field_is_one_step_and_the_buttons_say_which(qtbot, context):
    editor = _editor(qtbot, context)
    steps = editor.undo.stack
    type_into(editor.lines.widget(0, "description"), "Konsulttid")
    type_into(editor.lines.widget(0, "unit_price"), "1250")
    assert [steps.text(i) for i in range(steps.count())] == [
        "Edit the description on line 1",
        "Change the unit price on line 1",
    ]
    assert editor.undo.history.undo_button.toolTip() == (
        "Undo: Change the unit price on line 1 (Ctrl+Z)"
    )

    editor.undo.history.undo()
    assert editor.lines.widget(0, "unit_price").text() == ""
    assert editor.lines.widget(0, "description").toPlainText() == "Konsulttid"
    assert editor.undo.history.redo_button.toolTip() == (
        "Redo: Change the unit price on line 1 (Ctrl+Y)"
    )

    unit = editor.lines.widget(0, "unit")
    type_into(unit, "st")
    QTest.keyClick(unit, Qt.Key.Key_Backspace)
    QTest.keyClick(unit, Qt.Key.Key_Backspace)
    assert steps.count() == 1  # typed and taken back: no step left behind


def test_ctrl_z_in_a_field_undoes_the_editor_step_not_the_field_alone(qtbot, context):
    editor = _editor(qtbot, context)
    editor.show()
    qtbot.waitExposed(editor)
    _first_line(editor)
    quantity = editor.lines.widget(0, "quantity")
    quantity.setFocus()
    quantity.selectAll()
    QTest.keyClicks(quantity, "12")
    assert editor.totals.total_value.text() == kr("15 000,00")

    control = Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(quantity, Qt.Key.Key_Z, control)
    assert quantity.text() == "1"
    assert editor.totals.total_value.text() == kr("1 250,00")
    QTest.keyClick(quantity, Qt.Key.Key_Z, control | Qt.KeyboardModifier.ShiftModifier)
    assert quantity.text() == "12"
    assert editor.totals.total_value.text() == kr("15 000,00")


def test_removing_and_moving_lines_are_undone_with_their_texts(qtbot, context):
    editor = _editor(qtbot, context)
    editor.show()  # the line to remove or move is the one with the focus
    qtbot.waitExposed(editor)
    _first_line(editor)
    editor.add_line()
    type_into(editor.lines.widget(1, "description"), "Handbok")
    _retype(editor, 1, "unit_price", "200")
    first, second = editor.lines.texts()

    editor.lines.widget(0, "quantity").setFocus()
    editor.remove_line()
    assert editor.lines.texts() == [second]
    assert editor.totals.net_value.text() == kr("200,00")
    editor.undo.history.undo()
    assert editor.lines.texts() == [first, second]
    assert editor.totals.net_value.text() == kr("1 200,00")
    assert editor.focusWidget() is editor.lines.widget(0, "description")  # where it happened

    editor.lines.widget(1, "unit").setFocus()
    editor.move_line(-1)
    assert editor.lines.texts() == [second, first]
    assert editor.undo.stack.undoText() == "Move line 2 up"
    editor.undo.history.undo()
    assert editor.lines.texts() == [first, second]


def test_header_changes_are_undone_with_the_due_date_that_followed(qtbot, context, today):
    editor = _editor(qtbot, context)
    header = editor.header
    header.choose_customer("1001")
    assert header.due_date.date().toPython() == today + dt.timedelta(days=30)
    header.issue_date.setDate(header.issue_date.date().addDays(2))
    assert header.due_date.date().toPython() == today + dt.timedelta(days=32)
    type_into(header.invoice_discount, "100")
    type_into(header.our_reference, "Eva")
    type_into(editor.notes, "Tack!")
    assert editor.undo.stack.count() == 5

    editor.undo.history.undo()
    editor.undo.history.undo()
    assert (header.our_reference.text(), editor.notes.toPlainText()) == ("", "")
    editor.undo.history.undo()
    assert header.invoice_discount.text() == ""
    editor.undo.history.undo()
    assert header.issue_date.date().toPython() == today
    assert header.due_date.date().toPython() == today + dt.timedelta(days=30)
    editor.undo.history.undo()
    assert header.customer_number == ""
    assert header.customer.typed_text() == ""

    editor.undo.history.redo()
    assert header.customer_number == "1001"
    assert header.terms_label.text() == "30 days net"


def test_undo_after_save_changes_the_screen_not_the_stored_draft(qtbot, context, ledger):
    editor = _editor(qtbot, context)
    _first_line(editor)
    assert editor.save_draft() is True
    assert editor.undo.stack.isClean()

    _retype(editor, 0, "quantity", "2")
    assert editor.status.text() == "Changed since the last save."
    editor.undo.history.undo()
    assert editor.status.text() == "Saved as a draft."
    editor.undo.history.undo()  # the price typed before the save
    assert editor.lines.widget(0, "unit_price").text() == ""
    with ledger.reading() as session:
        stored = invoice_service.get_draft(session, editor.invoice_id)
        assert stored.lines[0].unit_price_minor == 100000

    editor.undo.history.redo()
    _retype(editor, 0, "quantity", "4")
    assert editor.save_draft() is True
    with ledger.reading() as session:
        stored = invoice_service.get_draft(session, editor.invoice_id)
        assert stored.lines[0].quantity == Decimal("4")
        assert stored.total_minor == 500000


def test_another_draft_on_screen_starts_a_new_history(qtbot, context, boxes):
    editor = _editor(qtbot, context)
    _first_line(editor)
    assert editor.save_draft() is True
    _retype(editor, 0, "quantity", "2")
    assert editor.undo.stack.count() > 0

    editor.reload()
    assert editor.undo.stack.count() == 0
    assert not editor.undo.history.undo_button.isEnabled()
    reopened = _editor(qtbot, context, editor.invoice_id)
    assert reopened.undo.stack.count() == 0
    assert reopened.lines.widget(0, "quantity").text() == "1"
