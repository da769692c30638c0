"""The domain's messages for the clerk keep their templates, so the window can translate them."""

from __future__ import annotations

import pytest

from finqr_desktop.domain.identifiers import IdentifierError, normalise_bankgiro
from finqr_desktop.domain.messages import Message, error_message, joined, msg
from finqr_desktop.domain.parties import Customer, normalise_customer
from finqr_desktop.domain.reminder_plan import ReminderReason


def test_an_identifier_error_is_built_from_translatable_pieces():
    with pytest.raises(IdentifierError) as refused:
        normalise_bankgiro("123-4")

    text = refused.value.args[0]
    assert str(refused.value) == "Bankgiro 123-4: a bankgiro number has 7 or 8 digits, this has 4"
    assert text.template == "{label} {shown}: {problem}"
    assert text.values["label"].template == "Bankgiro"
    assert text.values["problem"].template == (
        "a bankgiro number has 7 or 8 digits, this has {count}"
    )
    assert text.values["problem"].values == {"count": 4}


def test_a_lower_message_reaches_the_customers_problem_whole():
    customer = Customer(number="K1", name="Kalles Plåt AB", emails=["kalle.example.se"])

    problems = normalise_customer(customer)

    (problem,) = [p for p in problems if p.field == "emails[0]"]
    assert problem.message == "not an e-mail address: 'kalle.example.se' (it needs name@domain)"
    assert isinstance(problem.message, Message)
    assert problem.message.template == "not an e-mail address: {address} ({why})"
    assert problem.message.values["why"].template == "it needs name@domain"


def test_a_reminder_reason_reads_as_before_and_is_made_of_templates():
    why = ReminderReason(level=2, offset_days=14, since_days=1, since_what=1, caught_up=True)

    text = why.text()

    assert text == (
        "Level 2: 14 days after the due date, 1 day since the last reminder "
        "(caught up after days away)"
    )
    assert text.template == "{reason} (caught up after days away)"
    since = text.values["reason"]
    assert since.template == "{reason}, {days} since {message}"
    assert since.values["days"].template == "1 day"
    assert since.values["message"].template == "the last reminder"


def test_joined_parts_and_an_errors_message_stay_translatable():
    parts = joined([msg("the file is empty"), msg("line {line}", line=3), "plain"])

    assert parts == "the file is empty; line 3; plain"
    assert parts.template == "{earlier}; {later}"
    assert parts.values["earlier"].values["later"].template == "line {line}"
    assert error_message(ValueError(msg("the file is empty"))).template == "the file is empty"
    assert not isinstance(error_message(ValueError("plain")), Message)
    assert error_message(KeyError("code")) == "'code'"
