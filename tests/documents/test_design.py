"""A template's design reaches the page: logo bytes (PNG or SVG), its side, hours, colours."""

import io
import logging

import pypdf
from PIL import Image

from finqr_desktop.documents.design import style_for
from finqr_desktop.documents.invoice_pdf import render_document
from finqr_desktop.documents.sample import sample_document
from finqr_desktop.domain.templates import Design

from .reading import all_text, flat

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="300" height="90">'
    b'<rect width="300" height="90" fill="#1D3557"/></svg>'
)


def png(colour=(29, 53, 87, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (1200, 300), colour).save(buffer, "PNG")
    return buffer.getvalue()


def image_x(pdf: bytes) -> float:
    """Where the first page draws its image (the logo), from the page's operators."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    data = page.get_contents().get_data().decode("latin-1")
    numbers = data[: data.index(" Do")].split("cm")[-2].split()
    return float(numbers[-2])


def test_the_design_maps_onto_the_style():
    style = style_for(Design(accent="#E76F51", paper="Letter", opening_hours="8–17"))
    assert (style.accent, style.paper, style.opening_hours) == ("#E76F51", "Letter", "8–17")


def test_a_logo_from_bytes_is_drawn_left_or_right():
    left = render_document(sample_document(), Design(logo=png()))
    right = render_document(sample_document(), Design(logo=png(), logo_position="right"))
    assert b"/Subtype /Image" in left and b"/Subtype /Image" in right
    assert image_x(left) < 100 < image_x(right)
    assert "Exempel Handel AB Faktura" not in flat(all_text(right))


def test_an_svg_logo_is_drawn_as_vector_graphics():
    pdf = render_document(sample_document(), Design(logo=SVG))
    assert b"/Subtype /Image" not in pdf
    assert not flat(all_text(pdf)).startswith("Exempel Handel AB Faktura")


def test_unreadable_logo_bytes_are_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="finqr_desktop.documents"):
        pdf = render_document(sample_document(), Design(logo=b"not a picture"))
    assert flat(all_text(pdf)).startswith("Exempel Handel AB Faktura")
    assert any("logo" in record.getMessage() for record in caplog.records)


def test_opening_hours_stand_in_the_contact_box():
    pdf = render_document(sample_document(), Design(opening_hours="Mån–fre 8–17\nLör 10–14"))
    assert "Öppettider Mån–fre 8–17 Lör 10–14" in flat(all_text(pdf))
