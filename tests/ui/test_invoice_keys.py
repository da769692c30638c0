"""The invoice editor without the mouse: keys only, from the customer to a saved draft."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateEdit

from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.ui.invoice_editor import InvoiceEditor

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


class Keyboard:
    """Keys go where a real keyboard sends them: to an open popup (the customer list),
    else to the widget with the focus."""

    def target(self):
        return QApplication.activePopupWidget() or QApplication.focusWidget()

    def type(self, text: str) -> None:
        QTest.keyClicks(self.target(), text)

    def press(self, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.target(), key, modifiers)

    def tab_to(self, widget, *, most: int = 40) -> list:
        """Tab until ``widget`` has the focus; the inputs passed on the way, in order."""
        passed = []
        for _ in range(most):
            if QApplication.focusWidget() is widget:
                return passed
            focus = QApplication.focusWidget()
            if not passed or passed[-1] is not focus:  # a date takes a Tab per part
                passed.append(focus)
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {widget!r}")


@pytest.fixture
def editor(qtbot, context):
    editor = InvoiceEditor(context)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_a_draft_is_written_and_saved_with_the_keyboard_only(editor, ledger):
    keys = Keyboard()
    header, lines = editor.header, editor.lines
    assert QApplication.focusWidget() is header.customer

    keys.type("nils")  # part of the name: the list offers Nilsson & Söner
    assert header.customer.completer().popup().isVisible()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    assert header.customer_number == "1001"

    passed = keys.tab_to(lines.widget(0, "description"))
    # The header as it reads; the delivery date is skipped while it is not ticked.
    assert passed == [w for w in header.focus_order() if w is not header.delivery_date]
    keys.type("Konsulttid")
    keys.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is lines.widget(0, "quantity")
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("2")
    keys.press(Qt.Key.Key_Return)  # Return moves on like Tab
    assert QApplication.focusWidget() is lines.widget(0, "unit")
    keys.type("tim")
    keys.press(Qt.Key.Key_Tab)
    keys.type("1234,50")
    assert editor.totals.total_value.text() == "3\u00a0086,25\u00a0kr"

    keys.press(Qt.Key.Key_S, CTRL)
    assert editor.status.text() == "Saved as a draft."
    with ledger.reading() as session:
        stored = invoice_service.get_draft(session, editor.invoice_id)
        assert stored.customer.number == "1001"
        line = stored.lines[0]
        assert (line.description, line.quantity, line.unit) == ("Konsulttid", Decimal(2), "tim")
        assert line.unit_price_minor == 123450
        assert (stored.net_minor, stored.vat_minor, stored.total_minor) == (246900, 61725, 308625)


def test_the_customer_is_found_by_any_part_and_taken_on_leaving_the_field(editor):
    keys = Keyboard()
    keys.type("ande")  # inside "Anna Andersson"
    keys.press(Qt.Key.Key_Tab)
    assert editor.header.customer_number == "1002"
    assert isinstance(QApplication.focusWidget(), QDateEdit)

    editor.header.customer.setFocus()
    editor.header.customer.lineEdit().selectAll()
    keys.type("nobody")
    keys.press(Qt.Key.Key_Tab)
    assert editor.header.customer_number == ""
    assert editor.header.customer.typed_text() == "nobody"  # kept, beside its message
    assert editor.errors.message("customer") == "choose a customer"


def test_after_the_last_cell_tab_goes_to_add_line_and_the_line_keys_work(editor):
    keys = Keyboard()
    lines = editor.lines
    lines.widget(0, "vat_rate").setFocus()
    keys.press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.add_button
    keys.press(Qt.Key.Key_Space)
    assert lines.line_count() == 2
    assert QApplication.focusWidget() is lines.widget(1, "description")
    keys.type("Andra")

    keys.press(Qt.Key.Key_N, CTRL | SHIFT)
    assert lines.line_count() == 3
    keys.press(Qt.Key.Key_Delete, CTRL | SHIFT)  # the new, empty line has the focus
    assert [t.description for t in lines.texts()] == ["", "Andra"]
    lines.widget(1, "quantity").setFocus()
    keys.press(Qt.Key.Key_Up, ALT | SHIFT)
    assert [t.description for t in lines.texts()] == ["Andra", ""]
    keys.press(Qt.Key.Key_Z, CTRL)
    assert [t.description for t in lines.texts()] == ["", "Andra"]


def test_return_in_a_field_presses_no_button(editor, today):
    keys = Keyboard()
    header = editor.header
    header.choose_customer("1001")
    header.due_date.setDate(header.due_date.date().addDays(3))  # by hand
    header.our_reference.setFocus()
    keys.press(Qt.Key.Key_Return)
    assert QApplication.focusWidget() is header.your_reference
    assert header.due_by_hand  # "From terms" was not pressed
    assert editor.lines.line_count() == 1
    assert editor.isVisible()


def test_issue_has_its_key_and_the_tooltips_name_the_keys(editor, boxes):
    assert editor.save_button.toolTip() == "Save draft (Ctrl+S)"
    assert editor.issue_button.toolTip() == "Issue (Ctrl+Return)"
    assert editor.add_button.toolTip() == "Add line (Ctrl+Shift+N)"
    assert editor.remove_button.toolTip() == "Remove line (Ctrl+Shift+Del)"
    assert editor.up_button.toolTip() == "Move up (Alt+Shift+Up)"

    boxes.answer = False
    editor.lines.widget(0, "description").setFocus()
    Keyboard().press(Qt.Key.Key_Return, CTRL)
    assert editor.errors.message("customer") == "choose a customer"  # checked as for issue
    assert editor.lines.widget(0, "description").toPlainText() == ""  # no new text line
