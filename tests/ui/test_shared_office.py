"""Two clerks in the GUI: the second save of a draft or customer asks to reload, naming
who saved first; the invoice view shows who did what under "History"."""

from __future__ import annotations

from decimal import Decimal

from finqr_desktop.services import audit, customers, invoices
from finqr_desktop.ui.customer_editor import CustomerEditor
from finqr_desktop.ui.invoice_editor import InvoiceEditor
from finqr_desktop.ui.invoice_view import InvoiceView

from ..services.helpers import create_draft, issue_new
from .typing import type_into


def as_clerk(monkeypatch, user: str, workstation: str) -> None:
    monkeypatch.setattr(audit, "actor", lambda: audit.Actor(user, workstation))


def opened(qtbot, widget):
    qtbot.addWidget(widget)
    return widget


def set_quantity(editor: InvoiceEditor, row: int, text: str) -> None:
    widget = editor.lines.widget(row, "quantity")
    widget.clear()
    type_into(widget, text)


def test_a_stale_draft_save_names_the_clerk_and_reloads_their_version(
    qtbot, context, ledger, boxes, monkeypatch
):
    draft_id = create_draft(ledger)
    anna = opened(qtbot, InvoiceEditor(context, draft_id))
    bo = opened(qtbot, InvoiceEditor(context, draft_id))

    as_clerk(monkeypatch, "anna", "reception")
    set_quantity(anna, 0, "12")
    assert anna.save_draft() is True

    as_clerk(monkeypatch, "bo", "back-office")
    set_quantity(bo, 1, "7")
    boxes.answer = True  # "Reload the draft now?"
    assert bo.save_draft() is False
    question = boxes.questions[-1]
    assert question.startswith("Anna on reception saved this draft at ")
    assert "while you were editing; reload it" in question
    # Reloaded: Anna's change is on screen, Bo's typing is gone, and a save now goes through.
    assert bo.lines.widget(0, "quantity").text() == "12"
    assert bo.lines.widget(1, "quantity").text() == "3"
    set_quantity(bo, 1, "7")
    assert bo.save_draft() is True
    with ledger.reading() as session:
        lines = invoices.get_draft(session, draft_id).lines
        assert [line.quantity for line in lines] == [Decimal("12"), Decimal("7")]


def test_declining_the_reload_keeps_the_typing_and_saves_nothing(
    qtbot, context, ledger, boxes, monkeypatch
):
    draft_id = create_draft(ledger)
    anna = opened(qtbot, InvoiceEditor(context, draft_id))
    bo = opened(qtbot, InvoiceEditor(context, draft_id))
    set_quantity(anna, 0, "12")
    assert anna.save_draft() is True
    set_quantity(bo, 0, "99")
    boxes.answer = False
    assert bo.save_draft() is False
    assert bo.lines.widget(0, "quantity").text() == "99"
    assert bo.save_draft() is False  # still refused until reloaded
    with ledger.reading() as session:
        assert invoices.get_draft(session, draft_id).lines[0].quantity == Decimal("12")


def test_a_stale_customer_save_asks_to_reload(qtbot, context, ledger, boxes, monkeypatch):
    with ledger.reading() as session:
        customer_id = customers.find_customer(session, "1002").id
    anna = opened(qtbot, CustomerEditor(context, customer_id))
    bo = opened(qtbot, CustomerEditor(context, customer_id))

    as_clerk(monkeypatch, "anna", "reception")
    anna.city.setText("Umeå")
    assert anna.save() is True
    as_clerk(monkeypatch, "bo", "back-office")
    bo.city.setText("Kiruna")
    boxes.answer = True
    assert bo.save() is False
    assert boxes.questions[-1].startswith("Anna on reception saved customer 1002 at ")
    assert bo.city.text() == "Umeå"
    with ledger.reading() as session:
        assert customers.find_customer(session, "1002").city == "Umeå"


def test_the_invoice_view_lists_who_did_what(qtbot, context, ledger, monkeypatch):
    as_clerk(monkeypatch, "anna", "reception")
    number = issue_new(ledger)
    with ledger.reading() as session:
        invoice_id = invoices.get_by_number(session, number).id
    view = opened(qtbot, InvoiceView(context, invoice_id))

    panel = view.audit_history
    assert panel.title() == "History"
    rows = [
        [panel.table.item(row, column).text() for column in range(4)]
        for row in range(panel.table.rowCount())
    ]
    # Newest first: the issue, then the draft it came from.
    assert [row[1:3] for row in rows] == [
        ["anna on reception", "Issued"],
        ["anna on reception", "Draft"],
    ]
    assert number in rows[0][3]
