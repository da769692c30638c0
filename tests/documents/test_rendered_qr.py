"""The QR code a bank app scans off the printed page says exactly what the payment box says."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
import zxingcpp

from finqr_desktop.documents.invoice_pdf import payment_request, render_invoice
from finqr_desktop.documents.sample import SAMPLE_SELLER, sample_document
from finqr_desktop.domain.payment_qr import payment_qr_for

from .reading import all_text, qr_codes

USINGQR = (
    '{"uqr":1,"tp":1,"nme":"Exempel Handel AB","cid":"556677-8899","iref":"202400198",'
    '"idt":"20260105","ddt":"20260204","due":37496.0,"pt":"BG","acc":"5402-9681"}'
)


def test_a_sek_invoice_carries_the_swedish_qr_code():
    codes = qr_codes(render_invoice(sample_document()))
    assert [code.text for code in codes] == [USINGQR]
    assert codes[0].ec_level == "M"


def test_the_scanned_code_matches_the_payload_built_for_the_document():
    data = sample_document(seller=replace(SAMPLE_SELLER, name="Åkessons Snickeri & Bygg AB"))
    expected = payment_qr_for(payment_request(data))
    assert expected is not None and "\\u00c5kessons" in expected.payload
    assert [code.text for code in qr_codes(render_invoice(data))] == [expected.payload]


def test_a_eur_invoice_carries_the_epc_code_in_utf8():
    data = sample_document(
        currency="EUR",
        reference="RF312024001",
        seller=replace(SAMPLE_SELLER, name="Exempel Möbler AB"),
        amount_due=D("1250.00"),
    )
    codes = qr_codes(render_invoice(data))
    assert [code.text for code in codes] == [
        "BCD\n002\n1\nSCT\nESSESESS\nExempel Möbler AB\nSE4550000000058398257466\n"
        "EUR1250.00\n\nRF312024001"
    ]
    assert codes[0].ec_level == "M"


def test_no_code_on_a_paid_invoice_but_the_box_remains():
    pdf = render_invoice(sample_document(amount_due=D("0.00")))
    assert qr_codes(pdf) == []
    assert "Att betala 0,00 kr" in all_text(pdf)


def test_no_code_for_sek_without_a_giro_account():
    seller = replace(SAMPLE_SELLER, bankgiro="", plusgiro="")
    pdf = render_invoice(sample_document(seller=seller))
    assert qr_codes(pdf) == []
    assert "IBAN SE45 5000 0000 0583 9825 7466" in all_text(pdf)


@pytest.mark.parametrize(
    "payload",
    [
        '{"uqr":1,"tp":1,"nme":"\\u00c5kesson AB","iref":"202400198","due":1250.5}',
        "BCD\n002\n1\nSCT\nESSESESS\nÅkesson & Söner AB\nSE4550000000058398257466\nEUR12.5",
    ],
    ids=["ascii-usingqr", "utf8-epc"],
)
def test_each_encoder_makes_a_level_m_symbol_of_exactly_the_payloads_bytes(payload):
    from PIL import Image

    from finqr_desktop.documents.qr import QUIET_ZONE, symbol_matrix

    matrix = symbol_matrix(payload)
    size = len(matrix) + 2 * QUIET_ZONE
    image = Image.new("L", (size, size), 255)
    for row, modules in enumerate(matrix):
        for column, dark in enumerate(modules):
            if dark:
                image.putpixel((column + QUIET_ZONE, row + QUIET_ZONE), 0)
    (code,) = zxingcpp.read_barcodes(image.resize((size * 4, size * 4), Image.NEAREST))
    assert code.bytes == payload.encode("utf-8")
    # ]Q1: no ECI header, which some bank apps do not understand.
    assert (code.symbology_identifier, code.extra["ECLevel"]) == ("]Q1", "M")
