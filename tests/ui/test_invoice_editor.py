"""Writing an invoice in the editor: Swedish numbers, live totals, messages, issue, credit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from finqr_desktop.domain.invoice import DraftLine, InvoiceDraft
from finqr_desktop.domain.vat import SWEDEN
from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.services.invoice_views import status_of
from finqr_desktop.ui.invoice_editor import InvoiceEditor
from finqr_desktop.ui.invoice_model import COLUMNS, InvoiceListModel
from finqr_desktop.ui.invoices_page import InvoicesPage

from ..documents.reading import all_text
from .typing import type_into

NBSP = "\u00a0"
MINUS = "\u2212"


def kr(text: str) -> str:
    """An amount as sv_SE prints it: non-breaking spaces in the number and before "kr"."""
    return text.replace(" ", NBSP) + NBSP + "kr"


def _editor(qtbot, context, invoice_id=None) -> InvoiceEditor:
    editor = InvoiceEditor(context, invoice_id)
    qtbot.addWidget(editor)
    return editor


def _fill(lines, row: int, name: str, text: str) -> None:
    widget = lines.widget(row, name)
    widget.clear()
    type_into(widget, text)


def _write_two_lines(qtbot, editor) -> None:
    editor.header.choose_customer("1001")
    lines = editor.lines
    _fill(lines, 0, "description", "Konsulttid\nnovember")
    _fill(lines, 0, "quantity", "0,5")
    _fill(lines, 0, "unit", "tim")
    _fill(lines, 0, "unit_price", f"1{NBSP}234,50")  # typed with a non-breaking space
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    _fill(lines, 1, "description", "Handbok")
    _fill(lines, 1, "quantity", "2")
    _fill(lines, 1, "unit_price", "199")
    vat = lines.widget(1, "vat_rate")
    vat.setCurrentIndex(vat.findData("6"))
    vat.activated.emit(vat.currentIndex())


def test_totals_follow_the_typing(qtbot, context):
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)

    totals = editor.totals
    assert editor.lines.widget(0, "amount").text() == kr("617,25")
    assert editor.lines.widget(1, "amount").text() == kr("398,00")
    assert totals.net_value.text() == kr("1 015,25")
    assert totals.vat_texts() == [
        ("VAT 25" + NBSP + "% on " + kr("617,25"), kr("154,31")),
        ("VAT 6" + NBSP + "% on " + kr("398,00"), kr("23,88")),
    ]
    assert totals.rounding_value.text() == kr("0,00")
    assert totals.total_value.text() == kr("1 193,44")

    editor.header.round_to_whole.setChecked(True)
    assert totals.rounding_value.text() == MINUS + kr("0,44")
    assert totals.total_value.text() == kr("1 193,00")

    type_into(editor.header.invoice_discount, "100")
    assert totals.discount_value.text() == MINUS + kr("100,00")
    assert totals.net_value.text() == kr("915,25")


def test_due_date_follows_the_customer_terms_until_changed_by_hand(qtbot, context, today):
    editor = _editor(qtbot, context)
    editor.header.choose_customer("1001")
    assert editor.header.due_date.date().toPython() == today + dt.timedelta(days=30)
    editor.header.issue_date.setDate(editor.header.issue_date.date().addDays(1))
    assert editor.header.due_date.date().toPython() == today + dt.timedelta(days=31)
    editor.header.due_date.setDate(editor.header.due_date.date().addDays(5))
    editor.header.issue_date.setDate(editor.header.issue_date.date().addDays(1))
    assert editor.header.due_date.date().toPython() == today + dt.timedelta(days=36)


def test_issue_gives_number_and_ocr_and_the_list_shows_it(qtbot, context, ledger, boxes, today):
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)
    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)

    assert kr("1 193,44") in boxes.questions[0]
    assert editor.issued_number == "2026-0001"
    assert editor.issued_ocr
    assert f"Invoice 2026-0001 is issued.\nOCR reference: {editor.issued_ocr}" in boxes.said[0][1]

    model = InvoiceListModel(context)
    model.reload()
    assert model.rowCount() == 1
    cells = {name: model.index(0, c).data() for c, name in enumerate(COLUMNS)}
    assert cells == {
        "number": "2026-0001",
        "customer": "Nilsson & Söner Bygg AB",
        "issue_date": "2026-12-04",
        "due_date": "2027-01-03",
        "total": kr("1 193,44"),
        "remaining": kr("1 193,44"),
        "status": "Unpaid",
    }
    with ledger.reading() as session:
        record = invoice_service.get_by_number(session, "2026-0001")
        assert status_of(record, today).value == "unpaid"
        assert record.ocr == editor.issued_ocr
        assert record.total_minor == 119344
        assert record.vat_minor == 15431 + 2388
        assert [line.quantity for line in record.lines] == [Decimal("0.5"), Decimal("2")]
        assert [line.unit_price_minor for line in record.lines] == [123450, 19900]
        assert record.lines[0].description == "Konsulttid\nnovember"
        assert record.lines[1].vat_code == "6"


def test_unreadable_quantity_is_marked_and_never_counts_as_zero(qtbot, context, ledger, boxes):
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)
    _fill(editor.lines, 1, "quantity", "abc")

    quantity = editor.lines.widget(1, "quantity")
    assert quantity.property("invalid") is True
    assert "cannot read 'abc' as a number" in quantity.toolTip()
    assert editor.line_problems.text().startswith("Line 2, quantity: cannot read 'abc'")
    assert editor.totals.total_value.text() == "—"
    assert editor.lines.widget(0, "quantity").property("invalid") is False

    assert editor.save_draft() is False
    assert editor.issue() is False
    assert boxes.questions == []
    with ledger.reading() as session:
        assert invoice_service.get_by_number(session, "2026-0001") is None
        assert invoice_service.get_draft(session, 1) is None


def test_untouched_empty_fields_wait_for_save_before_complaining(qtbot, context):
    editor = _editor(qtbot, context)
    assert editor.line_problems.isHidden()
    assert editor.errors.message("customer") == ""
    assert editor.save_draft() is False
    assert editor.errors.message("customer") == "choose a customer"
    assert "Line 1, unit price: enter a unit price" in editor.line_problems.text()


def test_saved_draft_reopens_from_the_list_and_a_stale_save_is_refused(
    qtbot, context, ledger, boxes
):
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)
    assert editor.save_draft() is True
    draft_id = editor.invoice_id

    page = InvoicesPage(context)
    qtbot.addWidget(page)
    assert page.model.index(0, 0).data() == "Draft"
    reopened = page.open_row(0)
    assert isinstance(reopened, InvoiceEditor)
    assert reopened.lines.widget(0, "quantity").text() == "0,5"
    assert reopened.lines.widget(0, "unit_price").text() == f"1{NBSP}234,5"
    assert reopened.totals.total_value.text() == kr("1 193,44")

    _fill(reopened.lines, 0, "quantity", "1")  # someone else changes the draft first
    assert reopened.save_draft() is True
    _fill(editor.lines, 1, "quantity", "3")
    boxes.answer = False  # keep what was typed; tests/ui/test_shared_office.py reloads
    assert editor.save_draft() is False
    assert "saved this draft at" in boxes.questions[-1]
    with ledger.reading() as session:
        assert invoice_service.get_draft(session, draft_id).lines[1].quantity == Decimal("2")


def test_issued_invoice_opens_read_only_and_credits_in_full(qtbot, context, ledger, boxes, today):
    with ledger.writing() as session:
        draft = InvoiceDraft(
            "1002", "SEK", today,
            lines=[DraftLine("Städning", Decimal(3), Decimal("450"), SWEDEN.lookup("25", today))],
        )  # fmt: skip
        invoice_id = invoice_service.save_draft(session, draft).id
        invoice_service.issue_invoice(session, invoice_id)

    page = InvoicesPage(context)
    qtbot.addWidget(page)
    view = page.open_row(0)
    assert view.windowTitle() == "Invoice 2026-0001"
    assert view.totals.total_value.text() == kr("1 687,50")
    assert view.credit_button.isEnabled()

    view.credit_dialog_factory = answered_credit_dialog(lambda dialog: None)
    assert view.credit() is True
    assert view.credit_number == "2026-0002"
    assert not view.credit_button.isEnabled()
    statuses = {page.model.index(r, 0).data(): page.model.index(r, 6).data() for r in range(2)}
    assert statuses == {"2026-0001": "Credited", "2026-0002": "Credit note"}
    with ledger.reading() as session:
        assert invoice_service.get_by_number(session, "2026-0001").credited_minor == 168750


def test_absurdly_long_numbers_are_marked_not_crashed_on(qtbot, context):
    from finqr_desktop.ui.draft_reader import LineTexts, read_draft

    with context.reading() as session:
        from finqr_desktop.services.vat_rates import vat_table

        table = vat_table(session)
    header = InvoiceDraft("1001", "SEK", dt.date(2026, 12, 4))
    huge = LineTexts("Fel", quantity="9" * 30, unit_price="1")
    reading = read_draft(header, "", [huge], table, "sv_SE")
    assert "too large" in reading.message("lines[0].quantity")
    assert reading.totals is None

    big = LineTexts("Stort", quantity="999 999 999", unit_price="999 999 999,99")
    reading = read_draft(header, "", [big], table, "sv_SE")
    assert "unreasonably large" in reading.message("lines[0].quantity")


def answered_credit_dialog(fill):
    """A CreditDialog that is filled in by ``fill`` and accepted without being shown."""
    from finqr_desktop.ui.credit_dialog import CreditDialog

    class Answered(CreditDialog):
        def exec(self):
            fill(self)
            self.accept()
            return self.result()

    return Answered


def test_a_partial_credit_takes_off_the_quantities_typed(qtbot, context, ledger, boxes, today):
    rate = SWEDEN.lookup("25", today)
    with ledger.writing() as session:
        draft = InvoiceDraft(
            "1002", "SEK", today,
            lines=[DraftLine("Städning", Decimal(3), Decimal("450"), rate, "h"),
                   DraftLine("Fönsterputs", Decimal(1), Decimal("300"), rate)],
        )  # fmt: skip
        invoice_id = invoice_service.save_draft(session, draft).id
        invoice_service.issue_invoice(session, invoice_id)
    page = InvoicesPage(context)
    qtbot.addWidget(page)
    view = page.open_row(0)

    def too_many(dialog):
        type_into(dialog.edits[0], "4")

    view.credit_dialog_factory = answered_credit_dialog(too_many)
    dialog = view.credit_dialog_factory(view.detail, context.locale, view)
    too_many(dialog)
    dialog.accept()
    assert "Line 1: enter between 0 and 3" in dialog.error.text()

    def one_and_a_half_hours(dialog):
        type_into(dialog.edits[0], "1,5")
        type_into(dialog.reason, "Kunden var nöjd med 1,5 h")

    view.credit_dialog_factory = answered_credit_dialog(one_and_a_half_hours)
    assert view.credit() is True
    with ledger.reading() as session:
        note = invoice_service.get_by_number(session, view.credit_number)
        # 1.5 h × 450 = 675.00, plus 25 % VAT
        assert (note.total_minor, [line.quantity for line in note.lines]) == (
            -84375,
            [Decimal("-1.5")],
        )
        assert "Kunden var nöjd med 1,5 h" in note.notes
        assert invoice_service.get_by_number(session, "2026-0001").credited_minor == 84375


def test_the_issued_pdf_can_be_saved_and_opened(qtbot, context, ledger, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    from finqr_desktop.ui.invoice_view import InvoiceView

    from ..services.helpers import issue_new

    number = issue_new(ledger)
    with ledger.reading() as session:
        invoice_id = invoice_service.get_by_number(session, number).id
    view = InvoiceView(context, invoice_id)
    qtbot.addWidget(view)

    offered = []

    def choose(_parent, _title, start, _filter):
        offered.append(start)
        return str(tmp_path / "kopia.pdf"), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    assert view.save_pdf() == str(tmp_path / "kopia.pdf")
    assert offered[0].endswith(f"Faktura_{number}.pdf")
    saved = (tmp_path / "kopia.pdf").read_bytes()
    assert saved.startswith(b"%PDF") and number in all_text(saved)

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    path = view.open_pdf()
    assert path.read_bytes() == saved
    assert opened[0].toLocalFile() == str(path)


def test_e_mail_again_queues_a_copy_and_says_so(qtbot, context, ledger, boxes):
    from sqlalchemy import select

    from finqr_desktop.storage.models import OutboxRow
    from finqr_desktop.ui.invoice_view import InvoiceView

    from ..services.helpers import issue_new

    number = issue_new(ledger)
    with ledger.reading() as session:
        invoice_id = invoice_service.get_by_number(session, number).id
    view = InvoiceView(context, invoice_id)
    qtbot.addWidget(view)
    assert view.email_again() is True
    assert view.email_again() is False
    assert [text for _, text in boxes.said] == [
        f"{number} goes out with the next sending run.",
        f"{number} is already waiting to be e-mailed.",
    ]
    with ledger.reading() as session:
        rows = session.execute(select(OutboxRow.kind, OutboxRow.level, OutboxRow.status)).all()
    assert rows == [("manual", 1, "approved")]


def test_the_invoice_view_keeps_room_for_its_lines_in_a_small_dialog(qtbot, context, ledger):
    from finqr_desktop.ui.invoice_view import InvoiceView

    from ..services.helpers import issue_new

    number = issue_new(ledger)  # two lines
    with ledger.reading() as session:
        invoice_id = invoice_service.get_by_number(session, number).id
    view = InvoiceView(context, invoice_id)
    qtbot.addWidget(view)
    lines = view.lines
    assert lines.rowCount() == 2
    both = lines.rowHeight(0) + lines.rowHeight(1)
    # However small the dialog, neither line hides behind a scroll bar.
    header = lines.horizontalHeader().sizeHint().height()
    assert lines.minimumHeight() >= header + both


def test_closing_with_unsaved_changes_asks_to_save_them(qtbot, context, ledger, boxes):
    from finqr_desktop.ui import messages

    editor = _editor(qtbot, context)
    editor.show()
    _write_two_lines(qtbot, editor)
    assert editor.has_unsaved_work()

    boxes.save_answer = messages.CANCEL
    editor.reject()  # the Close button, Escape and the window's X all come here
    assert editor.isVisible() and len(boxes.questions) == 1

    boxes.save_answer = messages.SAVE
    editor.reject()
    assert not editor.isVisible()
    with ledger.reading() as session:
        saved = invoice_service.draft_of(invoice_service.get_draft(session, editor.invoice_id))
    assert [line.description for line in saved.lines] == ["Konsulttid\nnovember", "Handbok"]


def test_discarding_closes_without_saving_and_an_unchanged_editor_just_closes(
    qtbot, context, ledger, boxes
):
    from finqr_desktop.ui import messages

    editor = _editor(qtbot, context)
    editor.show()
    editor.reject()  # nothing typed: no question
    assert not editor.isVisible() and boxes.questions == []

    editor = _editor(qtbot, context)
    editor.show()
    _write_two_lines(qtbot, editor)
    boxes.save_answer = messages.DISCARD
    editor.reject()
    assert not editor.isVisible() and len(boxes.questions) == 1
    assert editor.invoice_id is None


def test_quitting_with_an_unsaved_invoice_asks_and_cancel_keeps_the_window(
    qtbot, context, ledger, boxes
):
    from finqr_desktop.ui import messages
    from finqr_desktop.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    editor = window.invoices.open_editor(None)
    _write_two_lines(qtbot, editor)

    boxes.save_answer = messages.CANCEL
    window.close()
    assert window.isVisible() and editor.isVisible() and len(boxes.questions) == 1

    boxes.save_answer = messages.SAVE
    window.close()
    assert not window.isVisible()
    with ledger.reading() as session:
        saved = invoice_service.draft_of(invoice_service.get_draft(session, editor.invoice_id))
    assert [line.description for line in saved.lines] == ["Konsulttid\nnovember", "Handbok"]
