"""The Templates section: edits reach the real PDF in the preview, problems stop it, Save
adds a version, and templates travel through files."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from finqr_desktop.documents.sample import sample_document
from finqr_desktop.domain.templates import Design
from finqr_desktop.services import templates as template_service
from finqr_desktop.services.documents import render_pdf
from finqr_desktop.ui import template_render
from finqr_desktop.ui.main_window import MainWindow
from finqr_desktop.ui.template_page import TemplatesPage
from finqr_desktop.ui.template_preview import PreviewPane
from tests.services.helpers import issue_new

TIMEOUT_MS = 10_000


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def has_colour(image, rgb: str) -> bool:
    """Whether the page image has a pixel of exactly this colour (a filled area has)."""
    pixels = bytes(image.constBits())
    return bytes.fromhex(rgb.lstrip("#")) in pixels


@pytest.fixture
def page(qtbot, context):
    widget = TemplatesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    wait_for_preview(qtbot, widget)
    return widget


def wait_for_preview(qtbot, page, after: int = 0):
    """The newest preview once every pending edit is rendered, newer than ``after``."""
    preview = page.preview
    qtbot.waitUntil(
        lambda: preview.is_idle() and preview.result and preview.result.serial > after,
        timeout=TIMEOUT_MS,
    )
    return preview.result


def add_block(page, title: str, body: str = "Gäller hela sommaren.", kinds=()):
    blocks = page.blocks
    blocks.add_block()
    blocks.form.title.setText(title)
    blocks.form.body.setPlainText(body)
    for kind in kinds:
        blocks.form.kinds[kind].setChecked(True)


def test_the_preview_shows_the_new_colour_and_block(qtbot, page):
    before = page.preview.result
    page.brand.primary.text.setText("#AA3311")
    add_block(page, "Sommarkampanj på kabel", "**Halva priset** på all *Cat6* i juli.")

    result = wait_for_preview(qtbot, page, before.serial)
    assert result.pages and not result.pages[0].isNull()
    assert page.preview.page.pixmap() is not None
    assert "Sommarkampanj på kabel" in pdf_text(result.pdf)
    assert has_colour(result.pages[0], "#AA3311")
    assert not has_colour(before.pages[0], "#AA3311")
    assert page.preview.page_label.text().startswith("Page 1 of ")


def test_a_block_for_credit_notes_only_is_not_on_the_invoice(qtbot, page):
    before = page.preview.result.serial
    add_block(page, "Om din kreditering", kinds=("credit_note",))
    add_block(page, "Gäller alla fakturor")

    text = pdf_text(wait_for_preview(qtbot, page, before).pdf)
    assert "Gäller alla fakturor" in text
    assert "Om din kreditering" not in text


def test_a_bad_colour_is_marked_and_not_rendered(qtbot, page):
    before = page.preview.result.serial
    page.brand.accent.text.setText("#12G45")

    assert page.errors.message("accent") == "a colour is written #RRGGBB"
    assert "Not rendered" in page.preview.status.text()
    assert not page.save_button.isEnabled()
    qtbot.wait(400)
    assert page.preview.result.serial == before

    page.brand.accent.text.setText("#124545")
    assert page.errors.message("accent") == ""
    wait_for_preview(qtbot, page, before)


def test_a_block_problem_is_shown_beside_the_block(qtbot, page):
    add_block(page, "")
    page.blocks.form.body.setPlainText("")
    assert page.blocks.form.errors.message("title") == "a block needs a title or a text"
    assert not page.save_button.isEnabled()


def test_save_adds_a_version(qtbot, page, context):
    page.brand.name.setText("Kampanj")
    add_block(page, "Vinterrea")
    assert page.save_button.isEnabled()

    assert page.save() == 2
    assert page.saved_label.text() == "Saved as version 2"
    assert not page.save_button.isEnabled()
    with context.reading() as session:
        summary = template_service.list_templates(session)[0]
        _, design = template_service.current_design(session, summary.id)
    assert (summary.name, summary.version) == ("Kampanj", 2)
    assert design.blocks[-1].title == "Vinterrea"
    assert page.templates.table.item(0, 1).text() == "2"


def test_new_duplicate_export_and_import(qtbot, page, context, tmp_path, monkeypatch):
    page.templates.duplicate_template()
    assert page.brand.name.text() == "Standard (copy)"
    page.templates.new_template()
    assert page.brand.name.text() == "New template"
    assert page.blocks.blocks == []

    file = tmp_path / "brand.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(file), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file), ""))
    assert page.templates.export_template() == file
    imported = page.templates.import_template()

    assert page.templates.current_id() == imported
    assert page.templates.table.rowCount() == 4
    assert page.brand.name.text() == "New template"


def test_the_preview_pages_through_a_long_invoice(qtbot):
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(600, 700)
    pane.show()
    pane.request(Design(), sample_document(80))
    qtbot.waitUntil(lambda: pane.result is not None, timeout=TIMEOUT_MS)

    count = len(pane.result.pages)
    assert count >= 2
    assert pane.page_label.text() == f"Page 1 of {count}"
    assert not pane.previous_button.isEnabled()
    pane.next_button.click()
    assert pane.page_label.text() == f"Page 2 of {count}"
    assert pane.previous_button.isEnabled()


def test_edits_during_a_render_are_rendered_after_it(qtbot, monkeypatch):
    def slow_render(data, design):
        time.sleep(0.3)
        return render_pdf(data, design)

    monkeypatch.setattr(template_render, "render_pdf", slow_render)
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.show()
    data = sample_document(10)
    pane.request(Design(primary="#101010"), data)
    qtbot.waitUntil(lambda: pane._running, timeout=TIMEOUT_MS)
    for shade in ("#202020", "#303030", "#404040"):
        pane.request(Design(primary=shade), data)
    qtbot.waitUntil(lambda: pane.is_idle() and pane.result.serial == 4, timeout=TIMEOUT_MS)
    assert has_colour(pane.result.pages[0], "#404040")


def test_the_main_window_opens_the_templates_section(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert isinstance(window.show_section("Templates"), TemplatesPage)


def test_the_preview_can_show_an_issued_invoice(qtbot, page, ledger):
    number = issue_new(ledger)
    page.sources.reload()
    before = page.preview.result.serial
    page.sources.combo.setCurrentIndex(page.sources.combo.count() - 1)
    assert page.sources.combo.currentText().startswith(f"Invoice {number}")

    text = pdf_text(wait_for_preview(qtbot, page, before).pdf)
    assert number in text
    assert "Kaffebröd" in text


def test_a_logo_is_uploaded_and_removed(qtbot, page, tmp_path, monkeypatch):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (200, 30, 60)).save(logo)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    before = page.preview.result.serial
    page.brand.choose_logo()

    assert page.brand.logo == logo.read_bytes()
    assert page.brand.remove_button.isEnabled()
    result = wait_for_preview(qtbot, page, before)
    assert has_colour(result.pages[0], "#C81E3C")

    page.brand.remove_button.click()
    assert page.brand.logo is None
    assert page.design().logo is None
