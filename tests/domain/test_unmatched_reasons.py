"""Why a payment matched nothing: a number the payer called an invoice number is named,
not passed over as if the payment had said nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from finqr_desktop.domain.invoice_numbers_in_text import numbers_called_invoices
from finqr_desktop.domain.payment_matching import (
    InvoiceLookups,
    OpenInvoice,
    PaymentReference,
    PaymentToMatch,
    ReferenceKind,
    Suggested,
    match_payment,
)

LOOKUPS = InvoiceLookups.from_invoices(
    [OpenInvoice(1, "2026-0002", "", Decimal("100.00"), "Kalles Plåt AB", "EUR")]
)


def _reason(reference: str = "", message: str = "", kind=ReferenceKind.FREE) -> str:
    references = (PaymentReference(kind, reference),) if reference else ()
    payment = PaymentToMatch(Decimal("123.45"), "SEK", date(2026, 12, 4), references, message)
    result = match_payment(payment, LOOKUPS)
    assert isinstance(result, Suggested)
    return result.reason


def test_a_bgmax_reference_naming_an_unknown_invoice_says_which():
    assert _reason("FAKTURA 2026-0009") == "no open invoice has the number 2026-0009"


def test_a_camt_invoice_number_and_a_message_are_both_named():
    reason = _reason("2026-0010", "Faktura nr 2026-0011", ReferenceKind.INVOICE_NUMBER)
    assert reason == "no open invoice has the number 2026-0010, 2026-0011"


def test_a_message_without_an_invoice_number_still_says_none_was_found():
    assert _reason("Hyra mars 2026 kundnr 1233") == "no OCR reference or invoice number found"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("FAKTURA 2026-0009", ["2026-0009"]),
        ("Fakturanr: 123 och fakturanr 123", ["123"]),
        ("invoice no. 42", ["42"]),
        ("Faktura65581", ["65581"]),
        ("Faktura F-1001", ["F-1001"]),
        ("Kundnr 1233, fakturan betald", []),
    ],
)
def test_numbers_called_invoice_numbers(text, numbers):
    assert numbers_called_invoices(text) == numbers
