"""Reminder policy values: validation, fee warnings, placeholders and the default policy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.domain.reminder_policy import (
    ReminderLevel,
    ReminderPolicy,
    ReminderText,
    placeholder_errors,
    policy_warnings,
    render,
)

VALUES = {
    "invoice_number": "1001",
    "amount_due": "1 250,00 kr",
    "due_date": "2026-03-02",
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
    assert swedish_default_policy().level(1).text_for("de").language == "sv"


def test_fee_above_the_legal_cap_is_a_warning_not_an_error():
    policy = ReminderPolicy((ReminderLevel(1, 8, fee=Decimal(75)),))
    (warning,) = policy_warnings(policy)
    assert warning.field == "level 1"
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
    assert fields == ["level 2, sv body", "level 2, en subject"]
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
    with pytest.raises(ValidationFailed, match="level 1, sv subject: must be one line"):
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
