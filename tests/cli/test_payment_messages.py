"""What `finqr payments` says when a payment and an invoice are in different currencies, when
a write-off is over its currency's limit, and when a bank reference names an unknown
invoice."""

from __future__ import annotations

from ..banking.bgmax_builder import Payment, bgmax_file
from .test_invoices import MIXED, create, draft_id


def euro_invoice(finqr, write_json) -> None:
    # 2026-0001: 652.87 EUR (the MIXED lines, not rounded to whole euros), overdue.
    draft = {**MIXED, "currency": "EUR", "round_to_whole": False}
    result = finqr("invoice", "issue", draft_id(create(finqr, write_json, draft)))
    assert result.code == 0, result.err


def waiting_payment(finqr, tmp_path, ore: int, reference: str = "") -> str:
    path = tmp_path / "bgmax.txt"
    path.write_bytes(bgmax_file([Payment(ore, reference=reference, reference_code="3")]))
    assert finqr("payments", "import", str(path)).code == 0
    (waiting,) = finqr("payments", "unmatched", "--json").json()
    return str(waiting["id"])


def test_placing_a_payment_in_another_currency_asks_for_the_rate_option(
    finqr, customers, write_json, tmp_path
):
    euro_invoice(finqr, write_json)
    payment = waiting_payment(finqr, tmp_path, 50000)

    refused = finqr("payments", "match", payment, "2026-0001")
    assert refused.code == 2
    assert refused.err.splitlines() == [
        f"error: --rate: is required: payment {payment} is in SEK, invoice 2026-0001 in EUR; "
        "give the rate (EUR per SEK) to convert the payment"
    ]
    placed = finqr("payments", "match", payment, "2026-0001", "--rate", "0.0875")
    assert placed.code == 0, placed.err
    assert "43.75 EUR to invoice 2026-0001" in placed.out


def test_a_write_off_over_the_limit_says_the_limit_is_per_currency_and_how_to_set_it(
    finqr, customers, write_json
):
    euro_invoice(finqr, write_json)
    assert finqr("payments", "add", "2026-0001", "--amount", "652.55").code == 0

    refused = finqr("payments", "write-off", "2026-0001")
    assert refused.code == 2
    assert refused.err.strip() == (
        "error: 0.32 EUR is left on invoice 2026-0001; no write-off limit is set for EUR "
        "(each currency has its own); set it with `finqr payments write-off-limit AMOUNT "
        "--currency EUR`"
    )
    assert finqr("payments", "write-off-limit", "0.20", "--currency", "EUR").code == 0
    over = finqr("payments", "write-off", "2026-0001")
    assert "the write-off limit for EUR is 0.20; set it with" in over.err
    assert finqr("payments", "write-off-limit", "1", "--currency", "EUR").code == 0
    assert finqr("payments", "write-off", "2026-0001").code == 0


def test_a_converted_payment_says_what_it_was_converted_from_not_a_difference(
    finqr, customers, write_json
):
    euro_invoice(finqr, write_json)
    result = finqr("payments", "add", "2026-0001", "--amount", "100", "--currency", "SEK",
                   "--rate", "0.0875")  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Payment 1: 8.75 EUR to invoice 2026-0001, 644.12 left (overdue).",
        "Converted 100.00 SEK at 0.0875 EUR/SEK: 8.75 EUR.",
    ]
    refused = finqr("payments", "add", "2026-0001", "--amount", "100", "--currency", "SEK")
    assert refused.err.startswith("error: --rate: is required: the payment is in SEK")


def test_a_bank_reference_naming_an_unknown_invoice_says_so(
    finqr, customers, write_json, tmp_path
):
    euro_invoice(finqr, write_json)
    waiting_payment(finqr, tmp_path, 12345, reference="FAKTURA 2026-0009")
    (payment,) = finqr("payments", "list", "--json").json()
    assert payment["note"].startswith("no open invoice has the number 2026-0009")
