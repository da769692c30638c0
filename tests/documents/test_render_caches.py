"""What the renderer keeps between documents changes nothing in the file it writes.

The logo's compressed pixels, the fonts' subsets and their streams, and the fast path for
showing strings each stand in for a ReportLab step; these tests compare them with that
step, byte for byte.
"""

from __future__ import annotations

import io
import threading
import zlib

import pypdf
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from finqr_desktop.documents import font_cache
from finqr_desktop.documents.fonts import font_family
from finqr_desktop.documents.invoice_pdf import render_invoice
from finqr_desktop.documents.logo import _pixels, draw_pixels, load_logo
from finqr_desktop.documents.model import Style
from finqr_desktop.documents.pdf_text import show
from finqr_desktop.documents.sample import sample_document


def _logo_png() -> bytes:
    image = Image.new("RGBA", (600, 180), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.ellipse((10, 20, 150, 160), fill=(29, 53, 87, 255))
    pen.rectangle((170, 60, 580, 120), fill=(42, 157, 143, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _canvas() -> Canvas:
    return Canvas(io.BytesIO(), invariant=1)


def test_the_logo_xobject_is_what_draw_image_writes():
    paper = Image.new("RGB", (300, 90), (255, 255, 255))
    ImageDraw.Draw(paper).rectangle((20, 20, 200, 70), fill=(29, 53, 87))
    theirs, ours = _canvas(), _canvas()
    for x in (10, 200):  # twice on one page: one XObject, drawn twice
        theirs.drawImage(ImageReader(paper), x, 700, 120, 36)
        draw_pixels(ours, _pixels(paper), x, 700, 120, 36)
    theirs.showPage()
    ours.showPage()
    assert ours.getpdfdata() == theirs.getpdfdata()


def test_a_logo_is_prepared_once_and_documents_stay_the_same():
    content = _logo_png()
    box = (60.0, 20.0)
    assert load_logo(None, box, content) is load_logo(None, box, bytes(content))
    style = Style(logo=content)
    first = render_invoice(sample_document(3), style)
    assert render_invoice(sample_document(3), style) == first
    image = next(
        x.get_object()
        for x in pypdf.PdfReader(io.BytesIO(first)).pages[0]["/Resources"]["/XObject"].values()
    )
    assert image["/Filter"] == ["/FlateDecode"]
    assert len(image.get_data()) == image["/Width"] * image["/Height"] * 3


STRINGS = [
    "Faktura",
    "Faktura",  # every character known: the fast path
    "Nilsson & Söner (Bygg) \\ AB",  # escaped characters
    "",
    "1\u00a0234,00 kr",  # U+00A0, shown as a space, never gets a code
    "Счёт-фактура Москва Τιμολόγιο Αθήνα ÅÄÖ æøß",
    "".join(chr(c) for c in range(0x400, 0x4FF)),  # past the first subset of 256 codes
    "Faktura Счёт",
    "\u2603",  # not in the font
]


def _text_code(use_show: bool) -> str:
    fonts = font_family("sans")
    canvas = _canvas()
    text = canvas.beginText()
    for index, string in enumerate(STRINGS * 2):
        if index % 3 == 0:  # font switches, as between labels and values
            text.setFont(fonts.bold if index % 2 else fonts.regular, 9)
        text.setTextOrigin(10, 800 - index * 10)
        if use_show:
            show(text, string)
        else:
            text.textOut(string)
    return text.getCode()


def test_show_writes_what_text_out_writes():
    assert _text_code(use_show=True) == _text_code(use_show=False)


def test_font_streams_are_what_reportlab_would_deflate():
    pdf = render_invoice(sample_document(2))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        stream = font["/FontDescriptor"]["/FontFile2"].get_object()
        assert len(stream.get_data()) == stream["/Length1"]
        assert stream._data == zlib.compress(stream.get_data())
        assert "begincmap" in font["/ToUnicode"].get_object().get_data().decode()


def test_the_caches_are_bounded():
    assert font_cache._deflated.cache_info().maxsize == font_cache.KEPT
    assert font_cache._widths.cache_info().maxsize == font_cache.KEPT
    render_invoice(sample_document(2))
    before = font_cache._deflated.cache_info().hits
    render_invoice(sample_document(2))
    assert font_cache._deflated.cache_info().hits > before


def test_renders_in_threads_give_the_same_bytes():
    style = Style(logo=_logo_png())
    documents = [sample_document(count) for count in (1, 10, 40)]
    expected = [render_invoice(document, style) for document in documents]
    failures: list[int] = []

    def work(index: int) -> None:
        for _ in range(3):
            if render_invoice(documents[index], style) != expected[index]:
                failures.append(index)

    threads = [threading.Thread(target=work, args=(i % 3,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
