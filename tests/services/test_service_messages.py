"""Errors from the services keep their templates, so the window can show them translated,
and still read exactly as the English the command line prints."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from finqr_desktop.domain.errors import Problem, RuleViolation, ValidationFailed
from finqr_desktop.domain.messages import Message, error_message
from finqr_desktop.services import customers, invoices, payments
from finqr_desktop.services.conflicts import ConflictError

from .helpers import issue_new

DAY = dt.date(2026, 12, 4)


def test_a_refused_payment_names_the_invoice_through_its_template(ledger):
    number = issue_new(ledger)
    with ledger.writing() as session:
        invoice_id = invoices.get_by_number(session, number).id
        payments.mark_paid(session, invoice_id, payment_date=DAY, today=DAY)
    with ledger.writing() as session, pytest.raises(RuleViolation) as caught:
        payments.mark_paid(session, invoice_id, payment_date=DAY, today=DAY)

    text = caught.value.args[0]
    assert isinstance(text, Message)
    assert text.template == "invoice {number} is already paid; nothing is left to pay"
    assert text.values == {"number": number}
    assert str(caught.value) == f"invoice {number} is already paid; nothing is left to pay"


def test_every_problem_of_a_customer_file_is_a_message_with_its_row(ledger, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("number,name\n1001,Taken\n3302,Ny\n3302,Igen,extra\n", encoding="utf-8")
    with ledger.writing() as session, pytest.raises(ValidationFailed) as caught:
        customers.import_csv(session, path)

    problems = caught.value.problems
    assert [(p.row, p.message.template) for p in problems] == [
        (2, "{number} already exists"),
        (4, "{values} values for {columns} columns"),
    ]
    assert [str(p) for p in problems] == [
        "row 2, number: '1001' already exists",
        "row 4, row: 3 values for 2 columns",
    ]


def test_a_stale_customer_save_names_who_saved_first_in_pieces(ledger):
    with ledger.writing() as session:
        record = customers.find_customer(session, "1001")
        customer_id, version = record.id, record.version
        renamed = dataclasses.replace(customers.to_domain(record), name="Nilsson Bygg AB")
        customers.update_customer(session, customer_id, renamed)
    with ledger.writing() as session, pytest.raises(ConflictError) as caught:
        stale = customers.to_domain(customers.find_customer(session, "1001"))
        customers.update_customer(session, customer_id, stale, expected_version=version)

    text = caught.value.args[0]
    assert text.template == (
        "{who} saved {what} {when} while you were editing; reload it to see their "
        "changes (yours are not saved)"
    )
    assert text.values["what"].template == "customer {number}"
    assert text.values["who"].template == "{user} on {workstation}"
    assert text.values["when"].template == "at {clock}"
    assert str(text).startswith(f"{caught.value.by.user} on {caught.value.by.workstation} saved")


def test_error_message_keeps_each_problem_translatable_and_reads_as_the_error():
    failed = ValidationFailed(
        [
            Problem("amount", Message("must be above zero")),
            Problem("rate", Message("at most {count} digits", count=12), 3),
        ]
    )

    text = error_message(failed)

    assert text == str(failed) == "amount: must be above zero; row 3, rate: at most 12 digits"
    assert text.template == "{earlier}; {later}"
    assert text.values["earlier"].values["problem"].template == "must be above zero"
    assert text.values["later"].template == "row {row}, {field}: {problem}"
    assert error_message(RuleViolation("plain words")) == "plain words"
