"""`finqr settings smtp`, `finqr mail test` and `finqr reminders send-due --once`."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import keyring
import pytest
from sqlalchemy import select

from finqr_desktop.mail.passwords import load_password
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.services.mail_settings import smtp_settings
from finqr_desktop.storage.models import InvoiceRow, SettingRow

from ..mail.keyrings import MemoryKeyring
from ..mail.server import PASSWORD, USER, RecordingHandler, authenticator, start
from ..services.helpers import issue_new

NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def server():
    handler = RecordingHandler()
    controller = start(handler)
    yield controller, handler
    controller.stop()


@pytest.fixture
def auth_server():
    handler = RecordingHandler()
    controller = start(
        handler, authenticator=authenticator, auth_require_tls=False, auth_exclude_mechanism=[]
    )
    yield controller, handler
    controller.stop()


def stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def smtp_options(controller, *extra: str) -> list[str]:
    return ["settings", "smtp", "--host", "127.0.0.1", "--port", str(controller.port),
            "--security", "none", "--from", "faktura@exempel.se", *extra]  # fmt: skip


def test_settings_keep_the_password_in_the_keyring_only(
    finqr, company, database_url, auth_server, memory_keyring, monkeypatch
):
    controller, handler = auth_server
    stdin(monkeypatch, PASSWORD + "\n")
    result = finqr(*smtp_options(controller, "--user", USER))
    assert result.code == 0, result.err
    assert load_password("127.0.0.1", USER) == PASSWORD
    database = open_ledger(database_url)
    try:
        with database.reading() as session:
            assert smtp_settings(session).username == USER
            stored = session.get(SettingRow, "smtp").value
    finally:
        database.dispose()
    assert PASSWORD not in str(stored)

    result = finqr("mail", "test", '"Berg, Åsa" <asa.berg@example.com>')
    assert result.code == 0, result.err
    (received,) = handler.received
    assert received.rcpt_tos == ["asa.berg@example.com"]


def test_without_a_keyring_the_settings_are_kept_and_the_password_asked_each_time(
    finqr, company, database_url, auth_server, monkeypatch
):
    controller, handler = auth_server
    stdin(monkeypatch, PASSWORD + "\n")
    result = finqr(*smtp_options(controller, "--user", USER))
    assert result.code == 0, result.err
    assert "No system keyring" in result.err and "will ask for it" in result.err
    database = open_ledger(database_url)
    try:
        with database.reading() as session:
            assert smtp_settings(session).username == USER
            assert PASSWORD not in str(session.get(SettingRow, "smtp").value)
    finally:
        database.dispose()

    stdin(monkeypatch, PASSWORD + "\n")
    result = finqr("mail", "test", "asa.berg@example.com")
    assert result.code == 0, result.err
    assert [r.rcpt_tos for r in handler.received] == [["asa.berg@example.com"]]


@pytest.mark.parametrize(
    "address, reason",
    [
        ("not an address", "it needs name@domain"),
        ("åsa@example.com", "letters outside A–Z"),
        ("a@example.com, b@example.com", "not one recipient"),
    ],
)
def test_mail_test_refuses_a_bad_address_as_bad_input(finqr, company, server, address, reason):
    controller, handler = server
    assert finqr(*smtp_options(controller)).code == 0
    result = finqr("mail", "test", address)
    assert result.code == 2
    assert result.err.startswith("error: ADDRESS: ") and reason in result.err
    assert handler.received == []


def test_mail_test_without_settings_is_bad_input(finqr, company):
    result = finqr("mail", "test", "a@example.com")
    assert result.code == 2 and "finqr settings smtp" in result.err


def test_send_due_once_sends_and_reports_failures(
    finqr, customers, database_url, server, monkeypatch
):
    # A Friday inside the send window, whatever day the suite runs on.
    monkeypatch.setattr("finqr_desktop.cli.mail.now", lambda: NOW)
    controller, handler = server
    assert finqr(*smtp_options(controller)).code == 0
    assert finqr("reminders", "mode", "automatic").code == 0
    database = open_ledger(database_url)
    try:
        for customer in ("1001", "1002"):  # 1002 has no e-mail address
            number = issue_new(database, customer=customer, issue_date="2026-09-01")
            with database.writing() as session:
                record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
                record.due_date = dt.date(2026, 10, 23)
    finally:
        database.dispose()

    result = finqr("reminders", "send-due", "--once")
    assert result.code == 3, result.err  # one failed for good: cron must notice
    assert "Sent 1, failed 1, deferred 0." in result.out
    assert "no e-mail address" in result.out
    assert [r.rcpt_tos for r in handler.received] == [["ekonomi@nilsson.example"]]

    again = finqr("reminders", "send-due", "--once")
    assert again.code == 0
    assert "Sent 0, failed 0, deferred 0." in again.out
    assert len(handler.received) == 1
