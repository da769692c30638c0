"""What the command line says about sending and issuing, against a real SMTP server on
loopback: what is retried and when, a history that tells a retry from a failure, hints and
option names that fit the mistake, and invoices numbered in date order."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage.models import InvoiceRow

from ..mail.server import RecordingHandler, start
from ..services.helpers import issue_new
from .test_invoices import MIXED, create
from .test_mail import NOW, smtp_options

ISSUE_MOMENT = dt.datetime(2026, 12, 4, 9, 0)  # local time, as `finqr invoice` issues


@pytest.fixture
def busy_server():
    """A server that answers every recipient "451 try again later": a temporary failure."""
    handler = RecordingHandler(refuse={"RCPT": "451 4.3.2 try again later"})
    controller = start(handler)
    yield controller, handler
    controller.stop()


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr("finqr_desktop.cli.mail.now", lambda: NOW)
    monkeypatch.setattr("finqr_desktop.cli.invoices.now", lambda: ISSUE_MOMENT)


def e_mailed_invoice(database_url) -> str:
    database = open_ledger(database_url)
    try:
        return issue_new(database, customer="1001", email=True)
    finally:
        database.dispose()


def test_send_due_says_which_message_is_retried_and_when(
    finqr, customers, database_url, busy_server, clock
):
    controller, handler = busy_server
    assert finqr(*smtp_options(controller)).code == 0
    number = e_mailed_invoice(database_url)

    result = finqr("reminders", "send-due", "--once")

    assert result.code == 0, result.err  # a retry is no failure for cron
    retry = (NOW + dt.timedelta(minutes=1)).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    (line,) = [row for row in result.out.splitlines() if number in row]
    assert line.startswith(f"  {number} invoice e-mail: not sent yet, will be tried again at "
                           f"{retry}: ")  # fmt: skip
    assert "451" in line and " invoice 0 " not in line and handler.received == []


def test_send_due_says_a_permanent_failure_waits_for_the_clerk(
    finqr, customers, database_url, clock
):
    handler = RecordingHandler(refuse={"RCPT": "550 5.1.1 no such mailbox"})
    controller = start(handler)
    try:
        assert finqr(*smtp_options(controller)).code == 0
        number = e_mailed_invoice(database_url)
        result = finqr("reminders", "send-due", "--once")
    finally:
        controller.stop()
    assert result.code == 3
    (line,) = [row for row in result.out.splitlines() if number in row]
    assert line.startswith(f"  {number} invoice e-mail: failed, not tried again until you act: ")
    assert line.endswith("no such mailbox (550)")


def test_history_shows_a_temporary_failure_waiting_to_be_retried(
    finqr, customers, database_url, busy_server, clock, monkeypatch
):
    controller, _handler = busy_server
    assert finqr(*smtp_options(controller)).code == 0
    number = e_mailed_invoice(database_url)
    assert finqr("reminders", "send-due", "--once").code == 0

    table = finqr("invoice", "history", number).out
    (row,) = [line for line in table.splitlines() if "invoice" in line]
    assert "waiting to be retried at 2026-12-04 09:01" in row  # UTC, as the table
    assert "failed" not in row
    (entry,) = finqr("invoice", "history", number, "--json").json()
    assert (entry["status"], entry["retry_at"]) == ("deferred", "2026-12-04T09:01:00+00:00")

    # The server takes it on the next try: the old attempt stays a temporary failure.
    healthy = RecordingHandler()
    server = start(healthy)
    try:
        assert finqr(*smtp_options(server)).code == 0
        monkeypatch.setattr("finqr_desktop.cli.mail.now", lambda: NOW + dt.timedelta(hours=1))
        assert "Sent 1," in finqr("reminders", "send-due", "--once").out
    finally:
        server.stop()
    rows = [line for line in finqr("invoice", "history", number).out.splitlines()[2:] if line]
    assert [" sent " in r for r in rows] == [True, False]
    assert "not sent: a temporary failure" in rows[1] and "failed" not in rows[1]
    entries = finqr("invoice", "history", number, "--json").json()
    assert [(e["status"], e["retry_at"]) for e in entries] == [
        ("sent", None),
        ("deferred", None),
    ]


@pytest.mark.parametrize(
    "address, says, not_says",
    [
        ("nobody@", "not an e-mail address: 'nobody@' (no valid domain)", "comma"),
        ("Åsa <nobody@>", "not an e-mail address: 'nobody@' (no valid domain)", "comma"),
        ("a@example.com, b@example.com", "holds 2 addresses; give one", "comma"),
        ("Berg, Åsa <asa@example.com>", 'put a name with a comma in quotes: "Berg, Åsa"', "?"),
    ],
)
def test_mail_test_hints_only_at_what_is_wrong(
    finqr, company, busy_server, address, says, not_says
):
    controller, _handler = busy_server
    assert finqr(*smtp_options(controller)).code == 0
    result = finqr("mail", "test", address)
    assert result.code == 2
    assert result.err.startswith("error: ADDRESS: ") and says in result.err
    assert not_says not in result.err


def test_smtp_settings_name_the_options_typed(finqr, company):
    result = finqr("settings", "smtp", "--host", "mail example", "--port", "587",
                   "--security", "starttls", "--from", "bad@", "--user", "a b")  # fmt: skip
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: --host: not a host name: 'mail example'",
        "error: --user: a user name has no spaces or line breaks",
        "error: --from: not an e-mail address: 'bad@' (no valid domain)",
    ]
    assert "sender_address" not in result.err


def count_invoices(database_url) -> int:
    database = open_ledger(database_url)
    try:
        with database.reading() as session:
            return session.scalar(select(func.count()).select_from(InvoiceRow))
    finally:
        database.dispose()


def test_a_back_dated_invoice_is_refused_then_issued_dated_today(
    finqr, customers, write_json, clock, database_url
):
    create(finqr, write_json, {**MIXED, "issue_date": "2026-12-04"}, "--issue")
    back_dated = {**MIXED, "customer": "1002", "issue_date": "2026-10-15"}

    refused = finqr("invoice", "create", "--json", write_json("d.json", back_dated), "--issue")

    assert refused.code == 2 and refused.out == ""
    assert refused.err.strip() == (
        "error: the invoice is dated 2026-10-15, but 2026-0001 of the same number series is "
        "already issued dated 2026-12-04: numbers must follow the dates. Date it 2026-12-04 "
        "or later, or issue it with today's date, 2026-12-04"
    )
    assert count_invoices(database_url) == 1  # not even the draft was kept

    issued = finqr("invoice", "create", "--json", write_json("d.json", back_dated), "--issue",
                   "--dated-today", "--print-json")  # fmt: skip
    assert issued.code == 0, issued.err
    shown = issued.json()
    assert (shown["number"], shown["issue_date"]) == ("2026-0002", "2026-12-04")
    assert shown["due_date"] == "2026-12-14"  # customer 1002 pays in 10 days
    assert issued.err == ""


def test_a_due_date_already_past_at_issue_is_warned_about(finqr, customers, write_json, clock):
    # The first invoice of the series may be back-dated; 1002's 10 days end on 25 October.
    result = create(finqr, write_json, {**MIXED, "customer": "1002", "issue_date": "2026-10-15"},
                    "--issue")  # fmt: skip
    assert "Issued invoice 2026-0001" in result.out
    assert result.err.strip() == (
        "warning: the due date 2026-10-25 has already passed on the day of issue, 2026-12-04: "
        "the customer is asked to pay by a day that is gone"
    )
