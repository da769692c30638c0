"""Render invoices to PDF and print the median time per document.

Two invoices: a one-page branded one (logo, 10 lines, payment QR code, embedded font) and
one with 100 lines. Each is rendered by ``render_invoice`` and, in the same run, by a
straightforward ReportLab platypus version of the same invoice (Paragraphs in a Table,
ReportLab's own QR widget), so the figures can be compared on any machine.
Targets: ≤ 8 ms and ≤ 40 ms median.

    .venv/bin/python benchmarks/bench_pdf.py [--runs 30]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw  # noqa: E402
from reportlab.graphics.barcode.qr import QrCodeWidget  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.rl_accel import fp_str  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    Image as LogoImage,
)
from reportlab.platypus import (  # noqa: E402
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from finqr_desktop.documents.fonts import font_family  # noqa: E402
from finqr_desktop.documents.formatting import Formatter  # noqa: E402
from finqr_desktop.documents.invoice_pdf import payment_request, render_invoice  # noqa: E402
from finqr_desktop.documents.model import DocumentData, Style  # noqa: E402
from finqr_desktop.documents.sample import sample_document  # noqa: E402
from finqr_desktop.documents.strings import strings_for  # noqa: E402
from finqr_desktop.domain.payment_qr import payment_qr_for  # noqa: E402


def make_logo(folder: Path) -> Path:
    """A logo as clerks upload them: a large PNG with transparency."""
    image = Image.new("RGBA", (1200, 360), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.ellipse((20, 40, 300, 320), fill=(29, 53, 87, 255))
    pen.rectangle((120, 120, 200, 240), fill=(42, 157, 143, 255))
    pen.rectangle((340, 130, 1160, 230), fill=(29, 53, 87, 255))
    path = folder / "logo.png"
    image.save(path)
    return path


def platypus_invoice(data: DocumentData, logo: Path) -> bytes:
    """The same invoice the obvious way: Paragraph cells in a Table, a QR widget."""
    fonts = font_family("sans")
    strings = strings_for(data.language)
    fmt = Formatter(strings, data.currency)
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=9, leading=11.7)
    right = ParagraphStyle("right", parent=body, alignment=2)
    title = ParagraphStyle("title", parent=body, fontName=fonts.bold, fontSize=21, leading=25)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    story = [
        LogoImage(str(logo), width=60 * mm, height=18 * mm),
        para(strings.get("invoice"), title),
        para(f"{data.buyer.name}\n" + "\n".join(data.buyer.address_lines)),
        para(
            f"{strings.get('invoice_number')} {data.number}\n{strings.get('due_date')} "
            f"{fmt.date(data.due_date)}\n{strings.get('ocr')} {data.reference}"
        ),
        Spacer(1, 8 * mm),
    ]
    header = ["description", "quantity", "unit", "unit_price", "vat_percent", "amount"]
    rows = [[para(strings.get(key)) for key in header]]
    for line in data.lines:
        rows.append(
            [
                para(line.description),
                para(fmt.quantity(line.quantity), right),
                para(line.unit),
                para(fmt.number(line.unit_price), right),
                para(fmt.percent(line.vat_percent), right),
                para(fmt.number(line.amount), right),
            ]
        )
    table = Table(
        rows, colWidths=[72 * mm, 16 * mm, 12 * mm, 24 * mm, 14 * mm, 26 * mm], repeatRows=1
    )
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.lightgrey)]))
    story += [table, Spacer(1, 6 * mm)]
    totals = [
        [para(strings.get("net_total")), para(fmt.money(data.net_total), right)],
        [para(strings.get("vat_total")), para(fmt.money(data.vat_total), right)],
        [para(strings.get("amount_due")), para(fmt.money(data.total), right)],
    ]
    story.append(Table(totals, colWidths=[50 * mm, 40 * mm], hAlign="RIGHT"))
    qr = payment_qr_for(payment_request(data))
    if qr:
        widget = QrCodeWidget(qr.payload, barLevel="M", barWidth=32 * mm, barHeight=32 * mm)
        drawing = Drawing(32 * mm, 32 * mm)
        drawing.add(widget)
        story.append(drawing)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def median_ms(render: Callable[[], bytes], runs: int) -> tuple[float, float]:
    for _ in range(3):
        render()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    accelerated = fp_str.__module__ != "reportlab.lib.rl_accel"
    print(f"ReportLab C accelerator (rl_accel): {'yes' if accelerated else 'no'}")
    with tempfile.TemporaryDirectory() as folder:
        logo = make_logo(Path(folder))
        style = Style(logo=logo.read_bytes())
        cases = [("one page, 10 lines", 10, 8.0), ("100 lines", 100, 40.0)]
        print(f"{'invoice':<20}{'finqr median':>14}{'min':>10}{'platypus median':>18}{'min':>10}")
        for name, count, target in cases:
            data = sample_document(count)
            ours = median_ms(lambda data=data: render_invoice(data, style), runs)
            plain = median_ms(lambda data=data: platypus_invoice(data, logo), runs)
            print(
                f"{name:<20}{ours[0]:>11.2f} ms{ours[1]:>7.2f} ms{plain[0]:>15.2f} ms"
                f"{plain[1]:>7.2f} ms   (target {target:.0f} ms)"
            )


if __name__ == "__main__":
    main()
