"""Payment QR payloads against DOMAIN.md's worked examples, and which document gets which."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finqr_desktop.domain.payment_qr import (
    EPC_QR,
    SWEDISH_QR,
    PaymentQr,
    PaymentQrError,
    PaymentRequest,
    epc_qr_payload,
    payment_qr_for,
    swedish_qr_payload,
)

USINGQR_EXAMPLE = (
    '{"uqr":1,"tp":1,"nme":"Exempel AB","cid":"556677-8899","iref":"202400198",'
    '"idt":"20260105","ddt":"20260204","due":1250.0,"pt":"BG","acc":"5402-9681"}'
)
EPC_EXAMPLE = "BCD\n002\n1\nSCT\n\nExempel AB\nSE4550000000058398257466\nEUR1250.00\n\nRF312024001"


def sek_request(**changes) -> PaymentRequest:
    values = dict(
        payee_name="Exempel AB",
        payee_id="556677-8899",
        amount=D("1250.00"),
        currency="SEK",
        reference="202400198",
        due_date=dt.date(2026, 2, 4),
        invoice_date=dt.date(2026, 1, 5),
        bankgiro="5402-9681",
    )
    values.update(changes)
    return PaymentRequest(**values)


def eur_request(**changes) -> PaymentRequest:
    values = dict(
        currency="EUR",
        bankgiro="",
        iban="SE45 5000 0000 0583 9825 7466",
        reference="RF312024001",
    )
    values.update(changes)
    return sek_request(**values)


def test_swedish_qr_matches_the_worked_example():
    assert swedish_qr_payload(sek_request()) == USINGQR_EXAMPLE


def test_swedish_qr_accepts_the_bankgiro_without_hyphen_and_prints_it_with_one():
    assert '"acc":"5402-9681"' in swedish_qr_payload(sek_request(bankgiro="54029681"))


def test_plusgiro_keeps_the_hyphen_before_the_check_digit_without_spaces():
    payload = swedish_qr_payload(sek_request(bankgiro="", plusgiro="17 60 99-0"))
    assert payload.endswith('"pt":"PG","acc":"176099-0"}')


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1250.00", "1250.0"),
        ("99.50", "99.5"),
        ("1234.56", "1234.56"),
        ("0.01", "0.01"),
        ("12345678.9", "12345678.9"),
        ("7", "7.0"),
    ],
)
def test_amount_is_written_from_the_decimal_digits(amount, text):
    payload = swedish_qr_payload(sek_request(amount=D(amount)))
    assert f'"due":{text},' in payload
    assert json.loads(payload, parse_float=D)["due"] == D(amount)


def test_non_ascii_is_escaped_and_the_name_cut_at_35():
    name = "Åsa Öberg & Söner Bygg och Anläggning Aktiebolag"
    payload = swedish_qr_payload(sek_request(payee_name=name))
    assert payload.isascii()
    assert "\\u00c5sa \\u00d6berg" in payload
    assert json.loads(payload)["nme"] == name[:35]


def test_mandatory_keys_come_in_order_with_uqr_and_tp_first():
    keys = list(json.loads(swedish_qr_payload(sek_request(invoice_date=None))))
    assert keys == ["uqr", "tp", "nme", "cid", "iref", "ddt", "due", "pt", "acc"]


def test_a_reference_too_long_for_the_code_is_refused_not_cut():
    with pytest.raises(PaymentQrError):
        swedish_qr_payload(sek_request(reference="1" * 26))


def test_epc_matches_the_worked_example():
    payload = epc_qr_payload(
        name="Exempel AB", iban="SE4550000000058398257466", amount=D("1250.00"),
        reference="RF312024001",
    )  # fmt: skip
    assert payload == EPC_EXAMPLE
    assert len(payload.encode()) == 74


def test_epc_with_free_text_uses_line_eleven_and_a_bic():
    payload = epc_qr_payload(
        name="Exempel AB", iban="SE4550000000058398257466", amount=D("5"), bic="ESSESESS",
        text="Faktura 2024001",
    )  # fmt: skip
    assert payload.split("\n") == [
        "BCD", "002", "1", "SCT", "ESSESESS", "Exempel AB", "SE4550000000058398257466",
        "EUR5.00", "", "", "Faktura 2024001",
    ]  # fmt: skip


def test_epc_refuses_both_remittance_kinds_and_oversized_payloads():
    common = dict(name="A", iban="SE4550000000058398257466", amount=D(1))
    with pytest.raises(PaymentQrError):
        epc_qr_payload(**common, reference="RF312024001", text="x")
    with pytest.raises(PaymentQrError):
        epc_qr_payload(**common, text="x" * 141)
    with pytest.raises(PaymentQrError):
        epc_qr_payload(**common | {"name": "Ω" * 70}, text="Ж" * 140)
    with pytest.raises(PaymentQrError):
        epc_qr_payload(**common | {"amount": D("1.005")})


def test_a_line_break_in_the_name_cannot_shift_the_epc_lines():
    payload = epc_qr_payload(name="Exempel\nAB", iban="SE4550000000058398257466", amount=D(1))
    assert payload.split("\n")[5] == "Exempel AB"


def test_sek_to_bankgiro_gets_the_swedish_code():
    assert payment_qr_for(sek_request()) == PaymentQr(SWEDISH_QR, USINGQR_EXAMPLE)


def test_eur_to_iban_gets_the_epc_code():
    assert payment_qr_for(eur_request()) == PaymentQr(EPC_QR, EPC_EXAMPLE)


def test_eur_with_a_plain_reference_sends_it_as_text():
    qr = payment_qr_for(eur_request(reference="2024001"))
    assert qr is not None and qr.payload.endswith("EUR1250.00\n\n\n2024001")


@pytest.mark.parametrize(
    "request_",
    [
        sek_request(is_credit_note=True),
        sek_request(amount=D("0.00")),
        sek_request(amount=D("-10.00")),
        sek_request(currency="EUR"),
        sek_request(currency="NOK"),
        sek_request(bankgiro="", iban="SE4550000000058398257466"),
        eur_request(iban=""),
        eur_request(is_credit_note=True),
        sek_request(due_date=None),
        sek_request(bankgiro="5402-9682"),
    ],
    ids=[
        "credit note", "paid", "negative", "EUR to bankgiro", "NOK", "SEK to IBAN",
        "EUR without IBAN", "EUR credit note", "no due date", "bad bankgiro",
    ],
)  # fmt: skip
def test_no_code_where_none_fits(request_):
    assert payment_qr_for(request_) is None


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(min_size=1, max_size=80).filter(str.strip),
    cents=st.integers(min_value=1, max_value=10**11 - 1),
)
def test_swedish_payload_is_ascii_json_holding_the_exact_amount(name, cents):
    amount = D(cents).scaleb(-2)
    payload = swedish_qr_payload(sek_request(payee_name=name, amount=amount))
    assert payload.isascii()
    data = json.loads(payload, parse_float=D)
    assert data["due"] == amount
    assert data["nme"] == " ".join(name.split())[:35]
