"""What the customer reads in the PDF equals what the invoice says, character for character."""

import datetime as dt
import logging
from dataclasses import replace
from decimal import Decimal as D

import pytest

from finqr_desktop.documents.invoice_pdf import render_invoice
from finqr_desktop.documents.model import Line, Style
from finqr_desktop.documents.sample import SAMPLE_BUYER, SAMPLE_SELLER, sample_document
from finqr_desktop.documents.text import FALLBACK

from .reading import all_text, flat, font_descriptors, page_texts

HOSTILE_SELLER = 'Nilsson & Söner "Bygg" <AB>'
HOSTILE_NOTE = "5 < 10 & 10 > 5"
NORDIC = "å ä ö æ ø ß Å Ä Ö Æ Ø"
CYRILLIC = "Счёт-фактура Москва"
GREEK = "Τιμολόγιο Αθήνα"


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_invoice(sample_document())


def test_the_facts_are_printed_exactly(sample_pdf):
    text = all_text(sample_pdf)
    for expected in (
        "Faktura",
        "Fakturanummer 2024001",
        "Fakturadatum 2026-01-05",
        "Förfallodatum 2026-02-04",
        "OCR-nummer 202400198",
        "Kundnummer 1001",
        "Er referens Per Nilsson",
        "Vår referens Eva Ek",
        "Nilsson & Söner Bygg AB",
        "Byggvägen 5",
        "222 33 Lund",
        "Bankgiro 5402-9681",
        "Org.nr 556677-8899",
        "Momsreg.nr SE556677889901",
        "Säte Stockholm",
        "Godkänd för F-skatt",
        "Sida 1 av 1",
    ):
        assert expected in text, expected


def test_amounts_are_formatted_the_swedish_way(sample_pdf):
    text = all_text(sample_pdf)
    assert "Att betala 37 496,00 kr" in text
    assert "Summa exkl. moms 30 383,00 kr" in text
    assert "Moms 7 113,32 kr" in text
    assert "25 % 27 686,00 kr 6 921,50 kr" in text
    assert "Installation av nätverksutrustning 1 st 4 500,00 10 % 25 % 4 050,00" in text


def test_a_negative_amount_has_the_real_minus_sign(sample_pdf):
    assert "Öresavrundning \u22120,32 kr" in all_text(sample_pdf)


def test_multi_line_descriptions_keep_their_lines(sample_pdf):
    assert "Konsulttimmar, projektledning\nVecka 1–2, enligt avtal" in all_text(sample_pdf)


def test_hostile_and_foreign_text_renders_literally():
    data = sample_document(
        seller=replace(SAMPLE_SELLER, name=HOSTILE_SELLER),
        buyer=replace(SAMPLE_BUYER, name=f"{CYRILLIC} {GREEK}"),
        notes=f"{HOSTILE_NOTE}\n{NORDIC}",
        lines=(Line(f"{HOSTILE_SELLER} {NORDIC}", D(1), D(100), D(100), D(25), "st"),),
    )
    text = all_text(render_invoice(data))
    for expected in (HOSTILE_SELLER, HOSTILE_NOTE, NORDIC, CYRILLIC, GREEK):
        assert expected in text, expected
    assert "&amp;" not in text and "&lt;" not in text


def test_a_missing_glyph_becomes_one_fallback_and_the_line_goes_on():
    data = sample_document(notes="Tack 👍🏽 och 😀 välkommen åter")
    text = all_text(render_invoice(data))
    assert f"Tack {FALLBACK} och {FALLBACK} välkommen åter" in text


def test_fonts_are_embedded_subsets_of_the_shipped_families():
    for family in ("sans", "serif"):
        fonts = font_descriptors(render_invoice(sample_document(), Style(font_family=family)))
        assert fonts
        for name, descriptor in fonts:
            assert descriptor is not None and "/FontFile2" in descriptor, name
            assert "Liberation" in name, name


def test_english_documents_use_english_words_and_numbers():
    data = sample_document(language="en", payment_terms="30 days net")
    text = all_text(render_invoice(data))
    assert "Invoice number 2024001" in text
    assert "Due date 4 Feb 2026" in text
    assert "Amount due SEK 37,496.00" in text
    assert "Rounding SEK \u22120.32" in text
    assert "Approved for F-tax" in text
    assert "Page 1 of 1" in text


def test_a_credit_note_names_the_invoice_it_credits_and_has_no_payment_request():
    data = sample_document(
        3,
        kind="credit_note",
        number="K2024007",
        credited_number="2024001",
        credited_date=dt.date(2026, 1, 5),
    )
    data = replace(data, total=-data.total, net_total=-data.net_total, vat_total=-data.vat_total)
    text = all_text(render_invoice(data))
    assert "Kreditfaktura" in text
    assert "Kreditfakturanummer K2024007" in text
    assert "Avser faktura 2024001 av 2026-01-05" in text
    assert "Att kreditera \u2212" in text
    assert "Förfallodatum" not in text and "OCR-nummer" not in text


def test_the_same_input_gives_the_same_bytes(sample_pdf):
    assert render_invoice(sample_document()) == sample_pdf


def test_letter_paper_and_serif_render():
    pdf = render_invoice(sample_document(), Style(paper="Letter", font_family="serif"))
    assert "Att betala 37 496,00 kr" in page_texts(pdf)[0]


def test_a_missing_logo_is_a_warning_not_a_failure(tmp_path, caplog):
    missing = tmp_path / "gone.png"
    with caplog.at_level(logging.WARNING, logger="finqr_desktop.documents"):
        pdf = render_invoice(sample_document(), Style(logo_path=str(missing)))
    assert pdf.startswith(b"%PDF")
    assert any(str(missing) in record.getMessage() for record in caplog.records)
    text = all_text(pdf)
    assert "logo" not in text.lower()
    # The company's name stands in the logo's place, as text it already is.
    assert flat(text).startswith("Exempel Handel AB Faktura")


def test_a_broken_logo_file_is_a_warning_too(tmp_path, caplog):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    with caplog.at_level(logging.WARNING, logger="finqr_desktop.documents"):
        pdf = render_invoice(sample_document(), Style(logo_path=str(broken)))
    assert pdf.startswith(b"%PDF")
    assert any(str(broken) in record.getMessage() for record in caplog.records)


def test_a_logo_is_drawn_as_an_image(tmp_path):
    from PIL import Image

    path = tmp_path / "logo.png"
    Image.new("RGBA", (1200, 300), (29, 53, 87, 255)).save(path)
    pdf = render_invoice(sample_document(), Style(logo_path=str(path)))
    assert b"/Subtype /Image" in pdf
    assert "Exempel Handel AB Faktura" not in flat(all_text(pdf))


def test_renders_from_several_threads_at_once_agree(sample_pdf):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: render_invoice(sample_document()), range(8)))
    assert all(pdf == sample_pdf for pdf in results)


@pytest.mark.parametrize(
    ("language", "terms"),
    [("sv", "30 dagar efter månadens slut"), ("en", "30 days after the end of the month")],
)
def test_long_payment_terms_wrap_instead_of_being_cut(language, terms):
    pdf = render_invoice(sample_document(payment_terms=terms, language=language))
    assert terms in flat(all_text(pdf))


def test_gross_prices_are_labelled_in_the_line_table():
    gross = flat(all_text(render_invoice(sample_document(prices_include_vat=True))))
    net = flat(all_text(render_invoice(sample_document())))
    assert "BESKRIVNING (PRISER INKL. MOMS)" in gross
    assert "INKL. MOMS" not in net
