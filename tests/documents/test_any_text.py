"""Any text in any field renders: the renderer never crashes on what a clerk can type."""

import datetime as dt
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finqr_desktop.documents.invoice_pdf import render_invoice
from finqr_desktop.documents.model import Buyer, DocumentData, Line, Seller, Style, VatRow

TEXT = st.text(max_size=120)
LONG_TEXT = st.text(max_size=600)


@st.composite
def documents(draw) -> DocumentData:
    seller = Seller(
        name=draw(TEXT),
        org_number=draw(TEXT),
        vat_number=draw(TEXT),
        address_lines=tuple(draw(st.lists(TEXT, max_size=4))),
        registered_office=draw(TEXT),
        phone=draw(TEXT),
        email=draw(TEXT),
        website=draw(TEXT),
        bankgiro=draw(st.one_of(st.just("5402-9681"), TEXT)),
        plusgiro=draw(TEXT),
        iban=draw(st.one_of(st.just("SE4550000000058398257466"), TEXT)),
        bic=draw(TEXT),
        f_tax=draw(st.booleans()),
        contact_person=draw(TEXT),
    )
    buyer = Buyer(
        name=draw(TEXT),
        address_lines=tuple(draw(st.lists(TEXT, max_size=6))),
        customer_number=draw(TEXT),
        vat_number=draw(TEXT),
    )
    lines = tuple(
        Line(draw(LONG_TEXT), D(2), D("10.00"), D("20.00"), D(25), draw(TEXT))
        for _ in range(draw(st.integers(0, 4)))
    )
    return DocumentData(
        kind=draw(st.sampled_from(["invoice", "credit_note"])),
        number=draw(TEXT),
        issue_date=dt.date(2026, 1, 5),
        seller=seller,
        buyer=buyer,
        lines=lines,
        vat_rows=(VatRow(D(25), D("20.00"), D("5.00"), draw(TEXT)),),
        net_total=D("20.00"),
        vat_total=D("5.00"),
        total=D("25.00"),
        currency=draw(st.sampled_from(["SEK", "EUR"])),
        language=draw(st.sampled_from(["sv", "en", ""])),
        due_date=dt.date(2026, 2, 4),
        reference=draw(TEXT),
        payment_terms=draw(TEXT),
        credited_number=draw(TEXT),
        our_reference=draw(TEXT),
        your_reference=draw(TEXT),
        notes=draw(LONG_TEXT),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=documents(), family=st.sampled_from(["sans", "serif"]))
def test_any_text_in_any_field_renders(data, family):
    pdf = render_invoice(data, Style(font_family=family))
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")


BLOCK_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300) | st.just(
    "**[*x*](https://e.se)** *"
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=TEXT,
    body=BLOCK_TEXT,
    slot=st.sampled_from(["top_banner", "above_lines", "below_totals", "footer"]),
)
def test_any_text_in_a_message_block_renders(title, body, slot):
    from finqr_desktop.documents.invoice_pdf import render_document
    from finqr_desktop.documents.sample import sample_document
    from finqr_desktop.domain.templates import Design, MessageBlock

    pdf = render_document(sample_document(2), Design(blocks=(MessageBlock(title, body, slot),)))
    assert pdf.startswith(b"%PDF")
