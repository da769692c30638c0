"""Customers typed into the editor land in the list and the database, or say what is wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finqr_desktop.services import customers as customer_service
from finqr_desktop.ui.customers_page import CustomersPage

from .typing import type_into


def _page(qtbot, context) -> CustomersPage:
    page = CustomersPage(context)
    qtbot.addWidget(page)
    return page


def test_new_customer_from_the_editor_is_listed_and_stored(qtbot, context, ledger):
    page = _page(qtbot, context)
    editor = page.open_editor(None)
    assert editor.number.text() == "1003"  # the next free number after 1001 and 1002

    qtbot.keyClicks(editor.name, "Berg & Lind Konsult AB")
    qtbot.keyClicks(editor.org_number, "5560360793")
    type_into(editor.street, "Hamngatan 4\nBox 12")
    qtbot.keyClicks(editor.postal_code, "411 06")
    type_into(editor.city, "Göteborg")
    qtbot.keyClicks(editor.emails, "ekonomi@berglind.example, vd@berglind.example")
    editor.language.setCurrentIndex(editor.language.findData("en"))
    editor.currency.setCurrentText("EUR")
    editor.payment_terms.clear()
    qtbot.keyClicks(editor.payment_terms, "eom+30")
    editor.reminder_fee_agreed.setChecked(True)
    type_into(editor.tags, "vip, väst")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == editor.DialogCode.Accepted
    row = page.model.row_of_number("1003")
    assert row >= 0
    assert page.model.index(row, 1).data() == "Berg & Lind Konsult AB"
    assert page.model.index(row, 2).data() == "556036-0793"
    with ledger.reading() as session:
        stored = customer_service.to_domain(customer_service.find_customer(session, "1003"))
    assert stored.org_number == "556036-0793"
    assert stored.address.street == "Hamngatan 4\nBox 12"
    assert stored.address.city == "Göteborg"
    assert stored.emails == ["ekonomi@berglind.example", "vd@berglind.example"]
    assert stored.language == "en"
    assert stored.currency == "EUR"
    assert str(stored.payment_terms) == "eom+30"
    assert stored.reminder_fee_agreed is True
    assert stored.reminders_paused is False
    assert stored.tags == ["vip", "väst"]


def test_bad_input_is_shown_next_to_its_field_and_nothing_is_saved(qtbot, context, ledger):
    page = _page(qtbot, context)
    editor = page.open_editor(None)
    qtbot.keyClicks(editor.name, "Fel Firma AB")
    qtbot.keyClicks(editor.org_number, "556036-0794")  # wrong check digit
    qtbot.keyClicks(editor.emails, "ok@example.org, inte-en-adress")
    editor.payment_terms.clear()
    qtbot.keyClicks(editor.payment_terms, "snart")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.isVisible()
    assert editor.errors.message("org_number") != ""
    assert "inte-en-adress" in editor.errors.message("emails")
    assert "snart" in editor.errors.message("payment_terms")
    assert editor.errors.message("name") == ""
    assert editor.org_number.property("invalid") is True
    assert editor.name.property("invalid") is False
    with ledger.reading() as session:
        assert customer_service.find_customer(session, "1003") is None


def test_a_taken_number_is_refused_on_the_number_field(qtbot, context):
    editor = _page(qtbot, context).open_editor(None)
    editor.number.setText("1001")
    qtbot.keyClicks(editor.name, "Dubblett AB")
    assert editor.save() is False
    assert "already taken" in editor.errors.message("number")


def test_editing_an_existing_customer_keeps_its_row(qtbot, context, ledger):
    page = _page(qtbot, context)
    editor = page.open_row(page.model.row_of_number("1002"))
    assert editor.name.text() == "Anna Andersson"
    assert editor.kind.currentData() == "person"
    editor.city.setText("Kalmar")
    assert editor.save() is True
    with ledger.reading() as session:
        assert customer_service.find_customer(session, "1002").city == "Kalmar"
    assert page.model.index(page.model.row_of_number("1002"), 3).data() == "Kalmar"


def test_search_narrows_the_list(qtbot, context):
    page = _page(qtbot, context)
    assert page.model.rowCount() == 2
    qtbot.keyClicks(page.search, "nilsson")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.customer_at(0).number == "1001"
