"""Undo and redo in the template designer: brand fields and blocks go back, the preview
follows, the saved design is untouched, and the Save key saves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from finqr_desktop.services import templates as template_service
from finqr_desktop.ui.main_window import MainWindow
from finqr_desktop.ui.template_page import TemplatesPage

from .test_templates import has_colour, pdf_text, wait_for_preview
from .typing import type_into

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, context):
    widget = TemplatesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    wait_for_preview(qtbot, widget)
    return widget


def _retype(edit, text: str) -> None:
    edit.selectAll()
    type_into(edit, text)


def _stored(context):
    with context.reading() as session:
        summary = template_service.list_templates(session)[0]
        return summary.version, template_service.current_design(session, summary.id)[1]


def test_a_colour_and_a_block_undone_leave_the_form_and_the_saved_design_as_they_were(
    qtbot, page, context
):
    saved = page.saved
    first = page.preview.result.serial
    _retype(page.brand.primary.text, "#AA3311")
    page.blocks.add_block()
    assert [page.undo.stack.text(i) for i in range(page.undo.stack.count())] == [
        "Change the primary colour",  # seven keys, one step
        "Add block",
    ]
    coloured = wait_for_preview(qtbot, page, first)
    assert has_colour(coloured.pages[0], "#AA3311")

    page.undo.history.undo()
    page.undo.history.undo()
    assert page.design() == saved
    assert page.brand.primary.text.text() == "#1D3557"
    assert page.blocks.blocks == [] and not page.blocks.empty.isHidden()  # "No blocks yet"
    assert page.tabs.currentIndex() == 0  # where the last undone step was
    assert not page.save_button.isEnabled()
    plain = wait_for_preview(qtbot, page, coloured.serial)
    assert not has_colour(plain.pages[0], "#AA3311")
    assert _stored(context) == (1, saved)

    page.undo.history.redo()
    page.undo.history.redo()
    assert page.brand.primary.text.text() == "#AA3311"
    assert [block.title for block in page.blocks.blocks] == ["New message"]
    assert "New message" in pdf_text(wait_for_preview(qtbot, page, plain.serial).pdf)


def test_undoing_a_block_edit_shows_that_block_with_its_old_text(page):
    blocks = page.blocks
    blocks.add_block()
    blocks.add_block()
    blocks.list.setCurrentRow(0)
    _retype(blocks.form.title, "Sommarrea")
    blocks.form.kinds["credit_note"].setChecked(True)
    blocks.list.setCurrentRow(1)
    assert page.undo.stack.undoText() == "Change the block's documents"

    page.undo.history.undo()
    assert blocks.list.currentRow() == 0
    assert blocks.form.title.text() == "Sommarrea"
    assert not blocks.form.kinds["credit_note"].isChecked()
    page.undo.history.undo()
    assert blocks.form.title.text() == "New message"
    assert blocks.list.item(0).text().startswith("New message")


def test_moved_and_removed_blocks_come_back_in_their_place(page):
    blocks = page.blocks
    for title in ("Ett", "Två", "Tre"):
        blocks.add_block()
        _retype(blocks.form.title, title)
    blocks.list.setCurrentRow(2)
    blocks.move_block(-1)
    blocks.remove_block()  # "Tre", now second
    assert [b.title for b in blocks.blocks] == ["Ett", "Två"]

    page.undo.history.undo()
    assert [b.title for b in blocks.blocks] == ["Ett", "Tre", "Två"]
    assert blocks.form.title.text() == "Tre"
    page.undo.history.undo()
    assert [b.title for b in blocks.blocks] == ["Ett", "Två", "Tre"]
    assert blocks.list.currentRow() == 2


def test_the_save_key_saves_and_undo_goes_on_after_it(qtbot, page, context):
    page.brand.name.setFocus()
    page.brand.name.selectAll()
    QTest.keyClicks(page.brand.name, "Kampanj")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert page.saved_label.text() == "Saved as version 2"
    assert _stored(context)[0] == 2
    assert page.save_button.toolTip() == "Save (Ctrl+S)"

    QTest.keyClick(page.brand.name, Qt.Key.Key_Z, CTRL)  # the page's undo, not the field's
    assert page.brand.name.text() == "Standard"
    assert page.save_button.isEnabled()  # differs from version 2 again
    QTest.keyClick(page.brand.name, Qt.Key.Key_S, CTRL)
    assert _stored(context) == (3, page.design())


def test_another_template_starts_a_new_history(page, boxes):
    _retype(page.brand.accent.text, "#102030")
    assert page.undo.stack.count() == 1
    page.templates.duplicate_template()
    assert boxes.questions == ["Discard the changes to this template?"]
    assert page.undo.stack.count() == 0
    assert not page.undo.history.undo_button.isEnabled()


def test_in_the_window_the_keys_count_only_while_the_templates_are_shown(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.show_section("Templates")
    _retype(page.brand.name, "Kampanj")
    steps = page.undo.stack.count()

    customers = window.show_section("Customers")
    customers.search.setFocus()
    QTest.keyClicks(customers.search, "nils")
    QTest.keyClick(customers.search, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(customers.search, Qt.Key.Key_S, CTRL)
    assert customers.search.text() == ""  # the search field's own undo
    assert (page.brand.name.text(), page.undo.stack.count()) == ("Kampanj", steps)
    assert _stored(context)[0] == 1

    window.show_section("Templates")
    page.brand.name.setFocus()
    QTest.keyClick(page.brand.name, Qt.Key.Key_S, CTRL)
    assert _stored(context)[0] == 2
