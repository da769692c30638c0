"""E-invoicing in the app: the customer editor's fields, and the invoice view's export."""

from __future__ import annotations

import io

import pikepdf
import pytest
from PySide6.QtWidgets import QFileDialog

from finqr_desktop.services import customers as customer_service
from finqr_desktop.services import invoices as invoice_service
from finqr_desktop.ui.customers_page import CustomersPage
from finqr_desktop.ui.einvoice_export import filters
from finqr_desktop.ui.invoice_view import InvoiceView

from ..documents.einvoice.schemas import assert_valid_cii, assert_valid_ubl
from ..services.helpers import issue_new


def test_the_editor_stores_the_e_invoice_settings(qtbot, context, ledger):
    page = CustomersPage(context)
    qtbot.addWidget(page)
    editor = page.open_row(page.model.row_of_number("1001"))
    assert editor.einvoice_format.currentData() == "pdf"
    editor.einvoice_format.setCurrentIndex(editor.einvoice_format.findData("facturx"))
    qtbot.keyClicks(editor.peppol_id, "0088:7300010000001")
    qtbot.keyClicks(editor.buyer_reference, "Avd 12")
    assert editor.save() is True
    with ledger.reading() as session:
        stored = customer_service.to_domain(customer_service.find_customer(session, "1001"))
    assert (stored.einvoice_format, stored.peppol_id, stored.buyer_reference) == (
        "facturx", "0088:7300010000001", "Avd 12",
    )  # fmt: skip

    again = page.open_row(page.model.row_of_number("1001"))
    assert again.einvoice_format.currentData() == "facturx"
    assert again.peppol_id.text() == "0088:7300010000001"


def test_a_wrong_peppol_id_is_shown_beside_its_field(qtbot, context, ledger):
    page = CustomersPage(context)
    qtbot.addWidget(page)
    editor = page.open_row(page.model.row_of_number("1001"))
    qtbot.keyClicks(editor.peppol_id, "0007:5560360794")
    assert editor.save() is False
    assert "Swedish organisation number" in editor.errors.message("peppol_id")


def view_of(qtbot, context, ledger, **draft) -> tuple[InvoiceView, str]:
    number = issue_new(ledger, **draft)
    with ledger.reading() as session:
        invoice_id = invoice_service.get_by_number(session, number).id
    view = InvoiceView(context, invoice_id)
    qtbot.addWidget(view)
    return view, number


def answer(monkeypatch, path, chosen_filter) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(path), chosen_filter))  # fmt: skip


def test_export_saves_the_format_the_filter_names(qtbot, context, ledger, monkeypatch, tmp_path):
    view, _ = view_of(qtbot, context, ledger, your_reference="Eva")
    assert view.export_button.text() == "Export e-invoice…"
    ubl_filter, facturx_filter = filters()

    answer(monkeypatch, tmp_path / "faktura", ubl_filter)
    view.export_button.click()
    assert_valid_ubl((tmp_path / "faktura.xml").read_bytes())

    answer(monkeypatch, tmp_path / "hybrid.pdf", facturx_filter)
    view.export_button.click()
    with pikepdf.open(io.BytesIO((tmp_path / "hybrid.pdf").read_bytes())) as document:
        assert_valid_cii(document.attachments["factur-x.xml"].get_file().read_bytes())


def test_export_without_a_reference_says_why(qtbot, context, ledger, monkeypatch, boxes, tmp_path):
    view, _ = view_of(qtbot, context, ledger)
    answer(monkeypatch, tmp_path / "x.xml", filters().popitem()[0])
    view.export_button.click()
    ((title, text),) = boxes.said
    assert title == "No e-invoice" and "buyer reference" in text
    assert not (tmp_path / "x.xml").exists()


def test_issuing_for_an_e_invoice_customer_without_a_reference_says_so_beside_it(
    qtbot, context, ledger, boxes
):
    from PySide6.QtCore import Qt

    from .test_invoice_editor import _editor, _write_two_lines

    with ledger.writing() as session:
        customer_service.find_customer(session, "1001").einvoice_format = "pdf_ubl"
    editor = _editor(qtbot, context)
    _write_two_lines(qtbot, editor)
    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)
    assert editor.issued_number is None
    assert "buyer reference" in editor.errors.message("your_reference")

    qtbot.keyClicks(editor.header.your_reference, "Avd 12")
    qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)
    assert editor.issued_number == "2026-0001"


def test_export_never_replaces_the_ledger(qtbot, context, ledger, monkeypatch, boxes):
    path = ledger.sqlite_path
    if path is None:
        pytest.skip("a server ledger has no local file")
    view, _ = view_of(qtbot, context, ledger, your_reference="Eva")
    before = path.read_bytes()
    answer(monkeypatch, path, filters().popitem()[0])
    view.export_button.click()
    ((title, text),) = boxes.said
    assert title == "Not saved" and "the ledger's own database file" in text
    assert path.read_bytes() == before
