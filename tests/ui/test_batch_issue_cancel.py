"""Issue selected… cancelled halfway: the invoice in progress is finished, the rest stay
drafts, the numbers have no gap, and the work ran off the GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from finqr_desktop.storage.models import InvoiceRow
from finqr_desktop.ui import batch_issue_dialog
from finqr_desktop.ui.invoices_page import InvoicesPage

from ..services.helpers import create_draft, issue_new
from .held_work import Held

WAIT_MS = 30_000


def _numbers(database, ids) -> list[str | None]:
    with database.reading() as session:
        rows = session.scalars(select(InvoiceRow).where(InvoiceRow.id.in_(ids))).all()
        by_id = {row.id: row.number for row in rows}
    return [by_id[i] for i in ids]


def test_cancel_keeps_the_issued_invoices_and_leaves_the_rest_drafts(qtbot, context, monkeypatch):
    ids = [create_draft(context.database) for _ in range(4)]
    held = Held(batch_issue_dialog.issue_drafts, lambda step: step.done == 1)
    monkeypatch.setattr(batch_issue_dialog, "issue_drafts", held)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    page.view.selectAll()
    order = page.selected_drafts()
    assert sorted(order) == sorted(ids)

    page.issue_button.click()
    dialog = page.batch
    try:
        qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "invoice 2 of 4" in dialog.step.text(), timeout=WAIT_MS)
        assert dialog.step.text().startswith("Issuing invoice 2 of 4: ")
        assert dialog.bar.value() == 250
        assert _numbers(context.database, order)[0] == "2026-0001"

        dialog.cancel_button.click()
        assert dialog.step.text() == "Cancelling…" and not dialog.cancel_button.isEnabled()
    finally:
        held.release()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)

    assert held.ran_off_the_gui_thread
    assert dialog.step.text() == (
        "2 of 4 invoices issued. First number 2026-0001, last 2026-0002. Cancelled. "
        "2 selected drafts stay drafts."
    )
    assert dialog.bar.value() == 500  # where it stopped, not full
    assert _numbers(context.database, order) == ["2026-0001", "2026-0002", None, None]
    assert issue_new(context.database) == "2026-0003"  # no gap in the series
    # The list was told: the two left are still drafts to select.
    page.view.selectAll()
    assert sorted(page.selected_drafts()) == sorted(order[2:])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()
