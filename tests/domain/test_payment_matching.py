"""The matching rules of issue 5, one test each, on lookups backed by a list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from finqr_desktop.domain.identifiers import make_ocr, make_rf_reference
from finqr_desktop.domain.invoice_numbers_in_text import loose_number_readings, number_keys
from finqr_desktop.domain.payment_matching import (
    Flagged,
    InvoiceLookups,
    Matched,
    MatchRule,
    OpenInvoice,
    PaymentReference,
    PaymentToMatch,
    ReferenceKind,
    Suggested,
    invoice_number_candidates,
    match_payment,
    names_resemble,
)

D = Decimal
OCR_42 = make_ocr("2026042")  # with length digit: 202604291
OCR_43 = make_ocr("2026043", length_digit=False)  # check digit only

INVOICES = [
    OpenInvoice(1, "2026-042", OCR_42, D("1250.00"), "Kalles Plåt AB", "SEK"),
    OpenInvoice(2, "2026-043", OCR_43, D("800.00"), "Olles Färg AB", "SEK"),
    OpenInvoice(3, "2026-044", make_ocr("2026044"), D("800.00"), "Berits Garn", "SEK"),
    OpenInvoice(4, "2026-045", make_rf_reference("2026045"), D("99.00"), "Kalles Plåt AB", "EUR"),
]
LOOKUPS = InvoiceLookups.from_invoices(INVOICES)


def _payment(amount="1250.00", *, ocr="", kind=ReferenceKind.OCR, message="", payer="", **kw):
    references = (PaymentReference(kind, ocr),) if ocr else ()
    return PaymentToMatch(
        amount=D(amount),
        currency=kw.get("currency", "SEK"),
        date=date(2026, 12, 4),
        references=kw.get("references", references),
        message=message,
        payer_name=payer,
    )


def _ids(result) -> list[int]:
    if isinstance(result, Matched):
        return [allocation.invoice.id for allocation in result.allocations]
    return [suggestion.invoice.id for suggestion in result.suggestions]


def test_a_valid_ocr_matches_its_invoice_at_once_whatever_else_the_payment_says():
    # The message names another invoice and the amount fits a third: the OCR wins.
    result = match_payment(_payment("800.00", ocr=OCR_42, message="Faktura 2026-043"), LOOKUPS)

    assert isinstance(result, Matched)
    assert result.rule is MatchRule.OCR
    assert _ids(result) == [1]
    assert result.allocations[0].amount == D("800.00")
    assert result.unallocated == D("0.00")


@pytest.mark.parametrize(
    "typed",
    [f"{OCR_42[:3]} {OCR_42[3:6]} {OCR_42[6:]}", f"{OCR_42[:4]}-{OCR_42[4:]}", f" {OCR_42} "],
)
def test_spaces_and_hyphens_in_an_ocr_are_tolerated(typed):
    result = match_payment(_payment(ocr=typed), LOOKUPS)

    assert isinstance(result, Matched)
    assert _ids(result) == [1]


def test_ocrs_with_and_without_length_digit_both_match():
    with_length = match_payment(_payment(ocr=OCR_42), LOOKUPS)
    without = match_payment(_payment("800.00", ocr=OCR_43), LOOKUPS)

    assert _ids(with_length) == [1]
    assert _ids(without) == [2]


def test_a_wrong_check_digit_is_flagged_not_guessed():
    wrong = OCR_42[:-1] + str((int(OCR_42[-1]) + 1) % 10)

    result = match_payment(_payment(ocr=wrong, payer="Kalles Plåt"), LOOKUPS)

    assert isinstance(result, Flagged)
    assert result.reason == f"the OCR reference {wrong} has a wrong check digit"
    # Suggestions are offered for the clerk; invoice 1 fits amount and payer.
    assert _ids(result)[0] == 1
    assert result.suggestions[0].reasons == ("amount", "payer")


def test_a_reference_the_bank_marked_incorrect_is_flagged():
    result = match_payment(_payment(ocr="128717", kind=ReferenceKind.INCORRECT), LOOKUPS)

    assert isinstance(result, Flagged)
    assert "marked the reference '128717' as an incorrect OCR number" in result.reason


def test_a_valid_rf_reference_matches_and_a_broken_one_is_flagged():
    rf = make_rf_reference("2026045")
    good = match_payment(_payment("99.00", ocr=rf, kind=ReferenceKind.RF, currency="EUR"), LOOKUPS)
    broken = match_payment(
        _payment("99.00", ocr=rf[:-1] + "9", kind=ReferenceKind.RF, currency="EUR"), LOOKUPS
    )

    assert _ids(good) == [4]
    assert isinstance(broken, Flagged)
    assert "creditor reference is not valid" in broken.reason


def test_an_ocr_typed_into_the_message_matches_too():
    result = match_payment(_payment(message=f"Betalning avser {OCR_42}, tack"), LOOKUPS)

    assert isinstance(result, Matched)
    assert result.rule is MatchRule.OCR
    assert _ids(result) == [1]


def test_without_ocr_an_invoice_number_in_the_message_matches():
    result = match_payment(_payment("300.00", message="Delbetalning faktura 2026-043"), LOOKUPS)

    assert isinstance(result, Matched)
    assert result.rule is MatchRule.INVOICE_NUMBER
    assert _ids(result) == [2]
    assert result.allocations[0].amount == D("300.00")


def test_an_invoice_number_glued_to_the_word_faktura_is_found_but_not_to_other_words():
    assert invoice_number_candidates("Faktura65581 Kundnr1233") == [
        "Faktura65581",
        "65581",
        "Kundnr1233",
    ]
    assert invoice_number_candidates("inv:2026-043, nr 7") == ["2026-043", "7"]


def test_a_referred_invoice_number_from_the_bank_is_looked_up_directly():
    references = (PaymentReference(ReferenceKind.INVOICE_NUMBER, "2026-044"),)

    result = match_payment(_payment("800.00", references=references), LOOKUPS)

    assert isinstance(result, Matched)
    assert _ids(result) == [3]


def test_a_message_naming_several_invoices_gives_suggestions_to_split():
    result = match_payment(_payment("1600.00", message="2026-043 och 2026-044"), LOOKUPS)

    assert isinstance(result, Suggested)
    assert _ids(result) == [2, 3]
    assert "names several invoices (2026-043, 2026-044)" in result.reason


def test_amount_and_payer_are_only_ever_suggestions():
    result = match_payment(_payment("800.00", payer="OLLES FÄRG"), LOOKUPS)

    assert isinstance(result, Suggested)
    # Both fit on amount; the one whose customer is the payer comes first.
    assert _ids(result) == [2, 3]
    assert [s.reasons for s in result.suggestions] == [("amount", "payer"), ("amount",)]
    assert result.reason == "no OCR reference or invoice number found"


def test_a_payment_nothing_points_at_gets_no_suggestions():
    result = match_payment(_payment("1.00", message="gåva"), LOOKUPS)

    assert result == Suggested((), "no OCR reference or invoice number found")


def test_a_valid_ocr_of_no_open_invoice_is_not_matched_and_says_so():
    unknown = make_ocr("999999")

    result = match_payment(_payment("800.00", ocr=unknown), LOOKUPS)

    assert isinstance(result, Suggested)
    assert result.reason == f"no open invoice has the reference {unknown}"
    assert _ids(result) == [2, 3]


def test_several_ocrs_use_the_banks_split_when_it_adds_up():
    references = (
        PaymentReference(ReferenceKind.FREE, f"{OCR_42} {OCR_43}"),
        PaymentReference(ReferenceKind.OCR, OCR_42, D("1000.00")),
        PaymentReference(ReferenceKind.OCR, OCR_43, D("500.00")),
    )

    result = match_payment(_payment("1500.00", references=references), LOOKUPS)

    assert isinstance(result, Matched)
    assert [(a.invoice.id, a.amount) for a in result.allocations] == [
        (1, D("1000.00")),
        (2, D("500.00")),
    ]


def test_several_ocrs_without_a_split_fill_each_invoice_and_leave_the_excess():
    references = tuple(PaymentReference(ReferenceKind.OCR, o) for o in (OCR_42, OCR_43))

    result = match_payment(_payment("2100.00", references=references), LOOKUPS)

    assert [(a.invoice.id, a.amount) for a in result.allocations] == [
        (1, D("1250.00")),
        (2, D("800.00")),
    ]
    assert result.unallocated == D("50.00")


def test_an_overpayment_leaves_the_excess_unallocated():
    result = match_payment(_payment("1300.00", ocr=OCR_42), LOOKUPS)

    assert result.allocations[0].amount == D("1250.00")
    assert result.unallocated == D("50.00")


def test_a_deduction_goes_whole_to_its_invoice():
    result = match_payment(_payment("-200.00", ocr=OCR_42), LOOKUPS)

    assert [(a.invoice.id, a.amount) for a in result.allocations] == [(1, D("-200.00"))]
    assert result.unallocated == D("0.00")


def test_lookups_are_called_only_as_far_as_the_rules_need():
    calls = []

    def record(name, answer):
        def lookup(*args):
            calls.append(name)
            return answer(*args)

        return lookup

    lookups = InvoiceLookups(
        by_reference=record("reference", LOOKUPS.by_reference),
        by_number=record("number", LOOKUPS.by_number),
        by_amount=record("amount", LOOKUPS.by_amount),
        by_payer=record("payer", LOOKUPS.by_payer),
    )

    match_payment(_payment(ocr=OCR_42), lookups)

    assert calls == ["reference"]


@pytest.mark.parametrize(
    ("customer", "payer", "expected"),
    [
        ("Kalles Plåt AB", "KALLES PLÅT", True),
        ("Kalles Plåt AB", "Kalles Plåt Aktiebolag, Storåker", True),
        ("Kalles Plåt AB", "Kalles Bygg AB", False),
        ("AB", "AB", False),
    ],
)
def test_names_resemble_when_every_significant_word_is_there(customer, payer, expected):
    assert names_resemble(customer, payer) is expected


# --- invoice numbers written loosely ---------------------------------------------------------

LOOSE = [
    OpenInvoice(10, "2026-0042", "", D("500.00"), "Kalles Plåt AB", "SEK"),
    OpenInvoice(11, "2025-0042", "", D("700.00"), "Olles Färg AB", "SEK"),
]


def _strict(invoices) -> InvoiceLookups:
    """List lookups whose ``by_number`` finds a number only as written, as the ledger's."""
    exact = {invoice.number: invoice for invoice in invoices}
    return replace(InvoiceLookups.from_invoices(invoices), by_number=exact.get)


@pytest.mark.parametrize(
    ("message", "reading"),
    [
        ("Betalning 20260042", "20260042"),
        ("Faktura 2026 0042, tack", "2026 0042"),
        ("Faktura 2026-42", "2026-42"),
        ("faktura2026-42", "2026-42"),
    ],
)
def test_an_invoice_number_written_loosely_matches_when_only_one_invoice_fits(message, reading):
    result = match_payment(_payment("500.00", message=message), _strict(LOOSE))

    assert isinstance(result, Matched)
    assert result.rule is MatchRule.INVOICE_NUMBER
    assert _ids(result) == [10]
    assert result.reason == f"invoice 2026-0042 by the message ({reading} read as 2026-0042)"


def test_a_loose_reading_that_fits_two_invoices_only_suggests_them():
    invoices = [*LOOSE, OpenInvoice(12, "2026-042", "", D("9.00"), "Berits Garn", "SEK")]

    result = match_payment(_payment("500.00", message="Faktura 2026-42"), _strict(invoices))

    assert isinstance(result, Suggested)
    assert _ids(result)[:2] == [10, 12]
    assert [s.reasons for s in result.suggestions[:2]] == [
        ("invoice_number",),
        ("invoice_number",),
    ]
    assert "may mean invoice 2026-0042 or 2026-042, read loosely: choose one" in result.reason
    # Written without separators only one of them fits.
    only = match_payment(_payment("500.00", message="20260042"), _strict(invoices))
    assert _ids(only) == [10]


@pytest.mark.parametrize("message", ["Faktura 42", "Faktura 0042", "2 av 3", "26-42"])
def test_short_or_partial_numbers_are_not_read_loosely(message):
    result = match_payment(_payment("1.00", message=message), _strict(LOOSE))

    assert isinstance(result, Suggested) and _ids(result) == []


def test_a_number_found_as_written_wins_over_loose_readings():
    invoices = [*LOOSE, OpenInvoice(13, "20260042", "", D("5.00"), "Berits Garn", "SEK")]

    result = match_payment(_payment("5.00", message="20260042"), _strict(invoices))

    assert _ids(result) == [13]
    assert result.reason == "invoice 20260042 by the message"


def test_a_referred_invoice_number_is_read_loosely_too():
    references = (PaymentReference(ReferenceKind.INVOICE_NUMBER, "2025-42"),)

    result = match_payment(_payment("700.00", references=references), _strict(LOOSE))

    assert _ids(result) == [11]


def test_number_keys_compare_without_separators_and_group_by_group():
    assert number_keys("2026-0042") == ("c:20260042", "g:2026-42")
    assert number_keys("2026 0042") == number_keys("2026-0042")
    assert number_keys("20260042") == ("c:20260042",)
    assert number_keys("F/2026-007") == ("c:f2026007", "g:f-2026-7")
    assert loose_number_readings("Kund 55 2026 0042") == [
        "2026",
        "0042",
        "55 2026",
        "2026 0042",
        "55 2026 0042",
    ]
