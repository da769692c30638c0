"""The clerk's message blocks: printed where their conditions match, styled, linked, flowing."""

import datetime as dt
import io
from dataclasses import replace

import pypdf
import pytest
from reportlab.lib.units import mm

from finqr_desktop.documents.invoice_pdf import render_document
from finqr_desktop.documents.sample import SAMPLE_BUYER, sample_document, sample_reminder
from finqr_desktop.domain.templates import BlockConditions, Design, MessageBlock

from .reading import all_text, flat, page_texts


def block(title: str, body: str = "Text", slot: str = "below_totals", **conditions):
    return MessageBlock(title, body, slot, BlockConditions(**conditions))


def styled_runs(pdf: bytes) -> list[tuple[str, str]]:
    """(text, base font name) of every string drawn, over all pages."""
    found: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            found.append((text.strip(), str(font.get("/BaseFont", ""))))

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


CONDITIONAL = Design(
    blocks=(
        block("Alla"),
        block("Bara fakturor", kinds=frozenset({"invoice"})),
        block("Bara påminnelse 1", kinds=frozenset({"reminder_1"})),
        block("Byggkunder", tags=frozenset({"bygg"})),
        block("Engelska", languages=frozenset({"en"})),
        block(
            "Vinterkampanj",
            valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2026, 1, 31),
        ),
        block("Sommarkampanj", valid_from=dt.date(2026, 6, 1)),
    )
)


def test_blocks_are_printed_only_where_their_conditions_match():
    text = all_text(render_document(sample_document(), CONDITIONAL))
    for shown in ("Alla", "Bara fakturor", "Vinterkampanj"):
        assert shown in text, shown
    for hidden in ("Bara påminnelse 1", "Byggkunder", "Engelska", "Sommarkampanj"):
        assert hidden not in text, hidden


def test_tags_language_and_kind_select_other_blocks():
    buyer = replace(SAMPLE_BUYER, tags=frozenset({"bygg", "vip"}))
    text = all_text(render_document(sample_document(buyer=buyer, language="en"), CONDITIONAL))
    assert "Byggkunder" in text and "Engelska" in text
    reminder = all_text(render_document(sample_reminder(), CONDITIONAL))
    assert "Bara påminnelse 1" in reminder and "Bara fakturor" not in reminder
    # The reminder is dated 12 February: the January campaign is over.
    assert "Vinterkampanj" not in reminder


def test_blocks_given_by_the_caller_win_over_the_design():
    design = Design(blocks=(block("Från mallen"),))
    chosen = {"footer": (block("Vald av tjänsten", slot="footer"),)}
    text = all_text(render_document(sample_document(), design, chosen))
    assert "Vald av tjänsten" in text and "Från mallen" not in text


def test_every_slot_prints_in_reading_order():
    design = Design(
        blocks=tuple(
            block(f"Rubrik {slot}", f"Text i {slot}", slot)
            for slot in ("footer", "below_totals", "above_lines", "top_banner")
        )
    )
    text = flat(all_text(render_document(sample_document(2), design)))
    order = [text.index(f"Rubrik {slot}") for slot in ("top_banner", "above_lines")]
    order += [text.index("Konsulttimmar"), text.index("Rubrik below_totals")]
    order += [text.index("Skanna QR-koden"), text.index("Rubrik footer")]
    assert order == sorted(order)


def test_markup_is_drawn_in_bold_and_italic_faces_and_links_are_annotations():
    body = "Vanlig **fetstil** och *kursiv* med [vår butik](https://exempel.se/butik)."
    pdf = render_document(sample_document(2), Design(blocks=(block("Rubrik", body),)))
    fonts = dict(styled_runs(pdf))
    assert "Bold" in fonts["fetstil"] and "Italic" not in fonts["fetstil"]
    assert "Italic" in fonts["kursiv"] and "Bold" not in fonts["kursiv"]
    assert "Bold" in fonts["Rubrik"]
    assert "Vanlig fetstil och kursiv med vår butik." in flat(all_text(pdf))
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    links = [a.get_object() for a in page.get("/Annots", [])]
    uris = [a["/A"]["/URI"] for a in links if a.get("/Subtype") == "/Link"]
    assert uris == ["https://exempel.se/butik"]


def test_unsafe_links_and_hostile_text_print_literally():
    body = "<b>x</b> &amp; 5 < 10 [klick](javascript:alert(1)) **halv"
    pdf = render_document(sample_document(2), Design(blocks=(block('"<Rubrik>" & co', body),)))
    text = flat(all_text(pdf))
    assert body in text and '"<Rubrik>" & co' in text
    assert b"/URI" not in pdf


@pytest.mark.parametrize("slot", ["above_lines", "below_totals", "footer"])
def test_a_long_block_flows_to_the_next_page_and_nothing_overlaps(slot):
    paragraphs = [f"Stycke {n}: " + "ord " * 60 + f"slut {n}." for n in range(14)]
    long_block = block("Lång text", "\n\n".join(paragraphs), slot)
    short = render_document(sample_document(2))
    pdf = render_document(sample_document(2), Design(blocks=(long_block,)))
    pages = page_texts(pdf)
    assert len(pages) > len(page_texts(short))
    text = flat("\n".join(pages))
    for number in range(14):
        assert f"slut {number}." in text
    # The block's lines stay inside the frame: above the legal footer, below the page head.
    footer_top = (12 + 21) * mm
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        baselines: list[float] = []

        def visit(text, cm, tm, font, size, baselines=baselines):
            if "ord ord" in text or "Stycke" in text:
                baselines.append(tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        assert all(footer_top < y < float(page.mediabox.top) - 26 * mm for y in baselines)


def test_a_block_in_a_rendering_is_deterministic():
    design = Design(blocks=(block("Rubrik", "[länk](https://exempel.se) **fet**", "top_banner"),))
    assert render_document(sample_document(), design) == render_document(sample_document(), design)
