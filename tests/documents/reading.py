"""Reading a rendered PDF back the way a customer's tools do: text, fonts, and the QR code."""

from __future__ import annotations

import io

import pypdf
import pypdfium2
import zxingcpp

SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, with Babel's no-break spaces made plain spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text().translate(SPACES) for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def flat(text: str) -> str:
    """Whitespace collapsed, for phrases the extractor may break over lines."""
    return " ".join(text.split())


def font_descriptors(pdf: bytes) -> list[tuple[str, pypdf.generic.DictionaryObject]]:
    """(base font name, font descriptor) of every font any page uses."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            found.append((str(font["/BaseFont"]), descriptor.get_object() if descriptor else None))
    return found


def text_positions(pdf: bytes, page_index: int) -> list[tuple[str, float]]:
    """(text, baseline y in points) of each string drawn on a page."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.translate(SPACES), tm[5] * cm[3] + cm[5]))

    reader.pages[page_index].extract_text(visitor_text=visit)
    return found


def qr_codes(pdf: bytes, page_index: int = 0, dpi: int = 200) -> list[zxingcpp.Barcode]:
    """The QR codes a scanner finds on the page rendered at ``dpi``."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page_index].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    return [
        code
        for code in zxingcpp.read_barcodes(image)
        if code.format == zxingcpp.BarcodeFormat.QRCode
    ]
