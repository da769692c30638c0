"""Long invoices: the table flows over pages with its header, and nothing is lost or cut."""

from dataclasses import replace

import pytest
from reportlab.lib.units import mm

from finqr_desktop.documents.invoice_pdf import render_invoice
from finqr_desktop.documents.model import Style
from finqr_desktop.documents.page import FOOTER_HEIGHT
from finqr_desktop.documents.sample import sample_document

from .reading import flat, page_texts, text_positions

WORDS = [f"ord{i}" for i in range(2400)]


@pytest.fixture(scope="module")
def long_pdf() -> tuple:
    data = sample_document(500, notes="Tack för att ni handlar hos oss.")
    return data, render_invoice(data)


def test_a_500_line_invoice_renders_with_header_and_page_numbers_on_every_page(long_pdf):
    data, pdf = long_pdf
    pages = page_texts(pdf)
    assert len(pages) > 10
    for number, text in enumerate(pages, start=1):
        assert "BESKRIVNING ANTAL ENHET À-PRIS RABATT MOMS BELOPP" in text, number
        assert f"Sida {number} av {len(pages)}" in text
        assert "Exempel Handel AB" in text


def test_every_line_is_printed_once_and_the_totals_once(long_pdf):
    data, pdf = long_pdf
    text = "\n".join(page_texts(pdf))
    assert text.count("Serviceavtal, januari 1 mån 1 495,00 25 % 1 495,00") == 50
    assert text.count("Summa exkl. moms") == 1
    assert text.count("Skanna QR") == 1
    assert "Att betala 1 874 816,00 kr" in text


def test_totals_and_payment_box_share_the_last_page(long_pdf):
    _, pdf = long_pdf
    last = page_texts(pdf)[-1]
    assert "Summa exkl. moms" in last and "Betalning" in last and "Har du frågor?" in last


def test_the_table_never_runs_into_the_footer(long_pdf):
    _, pdf = long_pdf
    style = Style()
    footer_top = (style.margin_bottom + FOOTER_HEIGHT) * mm
    for page_index in range(len(page_texts(pdf))):
        for text, y in text_positions(pdf, page_index):
            if text.startswith(("Frakt", "Switch", "Kabel", "Konsult")):
                assert y > footer_top, (page_index, text, y)


def test_a_description_longer_than_a_page_is_split_not_lost():
    data = sample_document(3)
    lines = list(data.lines)
    lines[1] = replace(lines[1], description="Början " + " ".join(WORDS) + " slutet")
    pages = page_texts(render_invoice(replace(data, lines=tuple(lines))))
    assert len(pages) >= 3
    words = flat("\n".join(pages)).split()
    # The figures and each page's head and footer come between the parts; the words of
    # the description, read in order, must be all of them.
    assert [word for word in words if word.startswith("ord")] == WORDS
    assert "Början" in words and "slutet" in words


def test_a_word_wider_than_the_column_is_broken_not_lost():
    word = "Lång" * 60
    data = sample_document(1)
    data = replace(data, lines=(replace(data.lines[0], description=word),))
    assert word in "".join(page_texts(render_invoice(data))[0].split())
