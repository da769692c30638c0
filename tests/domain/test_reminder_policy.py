"""Reminder policy values: validation, fee warnings, placeholders and the default policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.domain.reminder_policy import (
    CurrencyTerms,
    ReminderLevel,
    ReminderPolicy,
    ReminderText,
    for_currency,
    placeholder_errors,
    policy_name_problems,
    policy_warnings,
    render,
    sharing_ledger_settings,
)
from finqr_desktop.domain.send_window import SendWindow

VALUES = {
    "invoice_number": "1001",
    "amount_due": "1 250,00 kr",
    "due_date": "2026-03-02",
    "pay_by": "2026-03-16",
    "payment_details": "Bankgiro 5402-9681, OCR-nummer 100117",
    "company": "Åkesson & Söner's AB",
}


def test_default_policy_is_valid_and_charges_one_60_kr_fee():
    policy = swedish_default_policy(notice_days_before=3)
    assert [level.level for level in policy.levels] == [0, 1, 2]
    assert [level.fee for level in policy.levels] == [0, 60, 0]
    assert policy.interest_margin == 8
    assert policy_warnings(policy) == []
    for level in policy.levels:
        for text in level.texts:
            render(text.subject, VALUES)
            render(text.body, VALUES)


def test_rendering_fills_named_placeholders():
    text = swedish_default_policy().level(1).text_for("sv")
    assert render(text.subject, VALUES) == "Påminnelse: faktura 1001 från Åkesson & Söner's AB"
    # The e-mail itself says where to pay and by when: no payer must open the PDF for it.
    assert (
        "Betala 1 250,00 kr senast 2026-03-16 till Bankgiro 5402-9681, OCR-nummer 100117."
        in render(text.body, VALUES)
    )
    assert swedish_default_policy().level(1).text_for("de").language == "sv"


def test_fee_above_the_legal_cap_is_a_warning_not_an_error():
    policy = ReminderPolicy((ReminderLevel(1, 8, fee=Decimal(75)),))
    (warning,) = policy_warnings(policy)
    assert warning.field == "levels[0].fee"
    assert "60" in warning.message
    assert policy_warnings(ReminderPolicy((ReminderLevel(1, 8, fee=Decimal(60)),))) == []


def test_unknown_placeholder_is_an_error_naming_level_and_language():
    texts = (
        ReminderText("sv", "Faktura {invoice_number}", "Hej {customer_name}"),
        ReminderText("en", "Invoice {number}", "Hello"),
    )
    with pytest.raises(ValidationFailed) as raised:
        ReminderPolicy((ReminderLevel(1, 8), ReminderLevel(2, 20, texts=texts)))
    fields = [problem.field for problem in raised.value.problems]
    assert fields == ["levels[1].texts[0].body", "levels[1].texts[1].subject"]
    assert "{customer_name}" in str(raised.value)


@pytest.mark.parametrize(
    "template",
    ["{amount_due:>10}", "{company!r}", "{company.__class__}", "{0}", "{}", "{oops", "x}"],
)
def test_placeholders_allow_bare_names_only(template):
    assert placeholder_errors(template)


def test_literal_braces_are_fine():
    assert placeholder_errors("{{not a placeholder}} {invoice_number}") == []


def test_a_subject_must_be_one_line():
    text = ReminderText("sv", "Påminnelse\nBcc: someone@example.com", "Hej")
    with pytest.raises(
        ValidationFailed, match=r"levels\[0\]\.texts\[0\]\.subject: \(sv\) must be one line"
    ):
        ReminderPolicy((ReminderLevel(1, 8, texts=(text,)),))


@pytest.mark.parametrize(
    "levels",
    [
        (ReminderLevel(2, 8), ReminderLevel(1, 20)),  # numbers out of order
        (ReminderLevel(1, 20), ReminderLevel(2, 8)),  # days out of order
        (ReminderLevel(1, 8), ReminderLevel(1, 20)),  # duplicate
        (ReminderLevel(0, 3),),  # a notice after the due date
        (ReminderLevel(1, 0),),  # a reminder on the due date
        (ReminderLevel(0, -3, fee=Decimal(60)),),  # a fee before the due date
        (ReminderLevel(1, 8, fee=Decimal("-1")),),
        (ReminderLevel(1, 8, fee=Decimal("60.001")),),  # not whole öre
        (ReminderLevel(1, 8, min_days_since_previous=-1),),
    ],
)
def test_policies_the_planner_cannot_follow_are_refused(levels):
    with pytest.raises(ValidationFailed):
        ReminderPolicy(levels)


def test_a_customer_override_is_just_another_policy():
    override = ReminderPolicy((ReminderLevel(1, 30, fee=Decimal(0)),), minimum_remaining=0)
    assert override != swedish_default_policy()
    assert hash(override) == hash(ReminderPolicy(override.levels, minimum_remaining=0))


def test_another_currency_gets_no_sek_fee_nor_the_450_kr_but_keeps_interest():
    policy = swedish_default_policy()
    euro = for_currency(policy, "EUR")
    assert euro.currency == "EUR"
    assert [level.fee for level in euro.levels] == [0, 0]
    assert (euro.claim_compensation, euro.compensation, euro.minimum_remaining) == (False, 0, 0)
    assert [level.charge_interest for level in euro.levels] == [True, True]
    assert euro.interest_margin == policy.interest_margin
    assert for_currency(policy, "SEK") is policy


def test_per_currency_terms_give_the_fee_to_the_levels_that_have_one():
    terms = (CurrencyTerms("EUR", minimum_remaining=Decimal(2), fee=Decimal("5.50")),)
    euro = for_currency(replace(swedish_default_policy(), other_currencies=terms), "EUR")
    assert [level.fee for level in euro.levels] == [Decimal("5.50"), 0]
    assert euro.minimum_remaining == 2


@pytest.mark.parametrize(
    "name", ["", " Gentle", "default", "Default", "x" * 41, "a\tb", "A.B", "x[0]"]
)
def test_policy_names_that_are_refused(name):
    assert policy_name_problems(name)


def test_a_named_policy_shares_the_ledger_wide_settings():
    ledger = replace(swedish_default_policy(), window=SendWindow(start=dt.time(7, 0)))
    named = ReminderPolicy((ReminderLevel(1, 30),), minimum_remaining=Decimal(100))
    shared = sharing_ledger_settings(named, ledger)
    assert shared.window == ledger.window and shared.levels == named.levels
    assert shared.minimum_remaining == 100


@pytest.mark.parametrize("name", ["Gentle", "Strikt 2", "Små_företag-B"])
def test_policy_names_that_are_fine(name):
    assert policy_name_problems(name) == []
