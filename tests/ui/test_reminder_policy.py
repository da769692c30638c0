"""The reminder policy editor: what the clerk types is stored whole, or shown where wrong."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTime
from sqlalchemy import select

from finqr_desktop.services import reminder_settings as settings
from finqr_desktop.storage.models import CustomerRow
from finqr_desktop.ui.customer_editor import CustomerEditor
from finqr_desktop.ui.reminder_policy_dialog import ReminderPolicyDialog


@pytest.fixture
def dialog(qtbot, context):
    shown = ReminderPolicyDialog(context)
    qtbot.addWidget(shown)
    return shown


def stored(ledger, name=None):
    with ledger.reading() as session:
        return settings.reminder_policy(session, name)


def set_cell(dialog, row: int, column: int, text: str) -> None:
    dialog.levels.table.item(row, column).setText(text)


def test_levels_fees_and_texts_are_saved(dialog, ledger, boxes):
    assert dialog.levels.table.rowCount() == 2
    set_cell(dialog, 0, 1, "10")
    set_cell(dialog, 0, 3, "75,50")
    dialog.levels.table.item(1, 4).setCheckState(Qt.CheckState.Unchecked)
    dialog.levels.table.setCurrentCell(1, 0)
    dialog.levels.language.setCurrentIndex(dialog.levels.language.findData("en"))
    dialog.levels.subject.setText("Second reminder: {invoice_number}")
    dialog.amounts["minimum_remaining"].setText("25")

    assert dialog.save()

    policy = stored(ledger)
    assert (policy.levels[0].days_after_due, policy.levels[0].fee) == (10, Decimal("75.50"))
    assert policy.levels[1].charge_interest is False
    assert policy.levels[1].text_for("en").subject == "Second reminder: {invoice_number}"
    assert policy.levels[1].text_for("sv").subject.startswith("Påminnelse")
    assert policy.minimum_remaining == 25
    # Above the 60 kr cap: saved, and the clerk is told.
    assert "levels[0].fee" in boxes.said[0][1]


def test_a_wrong_placeholder_is_shown_while_typing_and_refused_on_save(dialog, ledger, qtbot):
    dialog.levels.body.setPlainText("Hej {kund}, betala {amount_due}.")
    assert "unknown placeholder {kund}" in dialog.levels.body_error.text()
    assert not dialog.levels.body_error.isHidden()
    set_cell(dialog, 1, 2, "soon")

    assert not dialog.save()

    shown = dialog.levels.table_error.text()
    assert "Level 1, texts[0].body: (sv) unknown placeholder {kund}" in shown
    assert "Level 2, min days since previous: expected a whole number" in shown
    assert dialog.levels.table.item(1, 2).toolTip().startswith("expected a whole number")
    assert stored(ledger).levels[0].text_for("sv").body.startswith("Hej!")


def test_window_and_rates_are_the_ledgers(dialog, ledger):
    dialog.ledger.start.setTime(QTime(13, 30))
    dialog.ledger.add_rate.click()
    row = dialog.ledger.rates.rowCount() - 1
    dialog.ledger.rates.item(row, 0).setText("2027-01-01")
    dialog.ledger.rates.item(row, 1).setText("1,75")

    assert dialog.save()

    policy = stored(ledger)
    assert policy.window.start == dt.time(13, 30)
    assert policy.reference_rates.rate_on(dt.date(2027, 2, 1)) == Decimal("1.75")


def test_a_bad_time_zone_is_shown_beside_it_and_nothing_is_saved(dialog, ledger):
    dialog.ledger.timezone.setText("Europe/Atlantis")
    dialog.amounts["minimum_remaining"].setText("-1")

    assert not dialog.save()

    assert "Europe/Atlantis" in dialog.ledger.errors.message("window")
    assert "cannot be negative" in dialog.errors.message("minimum_remaining")
    assert stored(ledger).window.timezone == "Europe/Stockholm"


def test_a_named_policy_is_made_saved_and_chosen_for_a_customer(dialog, ledger, context, qtbot):
    assert dialog.add_policy("Gentle")
    assert dialog.policy.currentText() == "Gentle"
    set_cell(dialog, 0, 1, "30")
    set_cell(dialog, 0, 3, "0")
    dialog.claim_compensation.setChecked(False)
    dialog.levels.table.setCurrentCell(1, 0)
    dialog.levels.remove_level()

    assert dialog.save()

    gentle = stored(ledger, "Gentle")
    assert [(level.level, level.days_after_due, level.fee) for level in gentle.levels] == [
        (1, 30, 0)
    ]
    assert gentle.claim_compensation is False
    assert stored(ledger).levels[0].fee == 60  # the ledger's own is untouched

    with ledger.reading() as session:
        customer_id = session.scalar(select(CustomerRow.id).where(CustomerRow.number == "1001"))
    editor = CustomerEditor(context, customer_id)
    qtbot.addWidget(editor)
    assert editor.reminder_policy.currentData() is None
    editor.reminder_policy.setCurrentIndex(editor.reminder_policy.findData("Gentle"))
    assert editor.save()
    with ledger.reading() as session:
        assert session.get(CustomerRow, customer_id).reminder_policy == "Gentle"


def test_a_problem_in_another_policy_brings_it_up(dialog, ledger):
    assert dialog.add_policy("Strict")
    set_cell(dialog, 0, 3, "lots")
    dialog.policy.setCurrentIndex(0)  # back to the ledger's policy

    assert not dialog.save()

    assert dialog.policy.currentText() == "Strict"
    assert "not a decimal number: 'lots'" in dialog.levels.table_error.text()


def test_a_policy_customers_follow_cannot_be_deleted(qtbot, context, ledger, boxes):
    with ledger.writing() as session:
        book = settings.policy_book(session)
        settings.save_policy_book(
            session, settings.PolicyBook(book.default, {"Gentle": book.default})
        )
        settings.assign_policy(session, "1002", "Gentle")
    dialog = ReminderPolicyDialog(context)
    qtbot.addWidget(dialog)
    dialog.policy.setCurrentIndex(dialog.policy.findData("Gentle"))

    dialog.delete_policy()

    assert "1 customers follow 'Gentle'" in boxes.said[0][1]
    assert dialog.policy.findData("Gentle") > 0
