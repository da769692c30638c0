"""The PostgreSQL password of a shared ledger: moved from the URL into the keyring, found
there again, else in the environment; never in a URL that is stored or logged."""

from __future__ import annotations

import logging

import keyring
import pytest
from keyring.backends import null
from sqlalchemy.exc import OperationalError

from finqr_desktop.cli.main import main
from finqr_desktop.services import database_passwords as dbp
from finqr_desktop.services.ledger import open_ledger

from ..conftest import on_postgres
from ..mail.keyrings import MemoryKeyring

URL = "postgresql+psycopg://eva:s%C3%A4kert%40ord@db.office.example:5433/finqr"
BARE = "postgresql+psycopg://eva@db.office.example:5433/finqr"
ACCOUNT = "eva@db.office.example:5433/finqr"


@pytest.fixture
def memory_keyring(monkeypatch):
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    return backend


def test_a_typed_password_moves_into_the_keyring(memory_keyring):
    remembered = dbp.remember(URL)
    assert remembered == dbp.Remembered(BARE, in_keyring=True)
    assert memory_keyring.items == {(dbp.SERVICE, ACCOUNT): "säkert@ord"}


def test_a_url_without_password_finds_it_in_the_keyring(memory_keyring):
    dbp.remember(URL)
    assert dbp.with_password(BARE, environ={}) == URL


def test_without_a_keyring_the_environment_gives_it():
    assert isinstance(keyring.get_keyring(), null.Keyring)  # the suite has none
    remembered = dbp.remember(URL)
    assert (remembered.url, remembered.in_keyring) == (BARE, False)
    assert "No system keyring" in remembered.keyring_problem

    assert dbp.with_password(BARE, environ={"PGPASSWORD": "säkert@ord"}) == URL
    both = {"FINQR_DB_PASSWORD": "säkert@ord", "PGPASSWORD": "other"}
    assert dbp.with_password(BARE, environ=both) == URL
    # Nothing anywhere: the URL goes as it is, for a trusting server or ~/.pgpass.
    assert dbp.with_password(BARE, environ={}) == BARE


def test_asking_is_the_last_resort_and_a_cancel_says_so():
    asked = []

    def ask(account):
        asked.append(account)
        return "säkert@ord"

    assert dbp.with_password(BARE, environ={}, ask=ask) == URL
    assert asked == [ACCOUNT]
    with pytest.raises(dbp.DatabasePasswordMissing, match=ACCOUNT):
        dbp.with_password(BARE, environ={}, ask=lambda account: None)


def test_two_ledgers_on_one_server_keep_two_passwords(memory_keyring):
    dbp.remember("postgresql+psycopg://eva:one@db/finqr")
    dbp.remember("postgresql+psycopg://eva:two@db/demo")
    assert dbp.with_password("postgresql+psycopg://eva@db/finqr", environ={}).endswith(
        ":one@db/finqr"
    )
    assert dbp.with_password("postgresql+psycopg://eva@db/demo", environ={}).endswith(
        ":two@db/demo"
    )
    assert dbp.forget("postgresql+psycopg://eva@db/demo") is True
    assert dbp.forget("postgresql+psycopg://eva@db/demo") is False


def test_sqlite_urls_are_left_alone(memory_keyring, tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert dbp.with_password(url) == url
    assert dbp.remember(url) == dbp.Remembered(url, in_keyring=False)
    assert memory_keyring.items == {}


@pytest.mark.parametrize(
    "text, problem",
    [
        ("", "type a database URL"),
        ("mysql://eva@db/finqr", "only PostgreSQL and SQLite"),
        ("postgresql+psycopg://eva@/finqr", "needs a host and a database"),
        ("postgresql+psycopg://eva@db", "needs a host and a database"),
        ("no such driver://x", "not a database URL"),
        ("postgresql+psycopg://eva:p@ss:w/rd@db/finqr", "write @ : / in a password as %40"),
        ("/home/eva/finqr.sqlite3", None),
        (BARE, None),
    ],
)
def test_a_typed_url_is_checked_before_anything_opens(text, problem):
    found = dbp.url_problem(text)
    assert (found is None) if problem is None else (problem in found)


def test_a_refused_password_is_told_apart_from_other_failures():
    refused = OperationalError("connect", {}, Exception("password authentication failed"))
    assert dbp.needs_password(refused)
    assert dbp.needs_password(Exception("fe_sendauth: no password supplied"))
    assert not dbp.needs_password(Exception("could not translate host name"))


def test_the_command_line_says_how_to_give_the_password(monkeypatch, capsys):
    def refuse(url, **_options):
        raise OperationalError("connect", {}, Exception("fe_sendauth: no password supplied"))

    monkeypatch.setattr("finqr_desktop.cli.opening.open_ledger", refuse)
    assert main(["customer", "list", "--database", BARE]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"error: the server wants a password for {ACCOUNT}: give it once in the URL (it is "
        "then kept in the system keyring) or set FINQR_DB_PASSWORD"
    )


def test_the_command_line_keeps_a_password_that_let_it_in(memory_keyring, monkeypatch, capsys):
    opened = []

    class Opened:
        def dispose(self):
            pass

    def fake_open(url, **_options):
        opened.append(url)
        return Opened()

    monkeypatch.setattr("finqr_desktop.cli.opening.open_ledger", fake_open)
    monkeypatch.setattr("finqr_desktop.cli.customers.run_list", lambda args, database: 0)
    assert main(["customer", "list", "--database", URL]) == 0
    assert memory_keyring.items == {(dbp.SERVICE, ACCOUNT): "säkert@ord"}
    assert main(["customer", "list", "--database", BARE]) == 0
    assert opened == [URL, URL]


@pytest.mark.skipif(not on_postgres(), reason="needs the PostgreSQL run")
def test_a_postgresql_ledger_opens_with_the_password_from_the_keyring(
    database_url, memory_keyring, caplog
):
    from sqlalchemy.engine import make_url

    # The test cluster trusts loopback, so any password lets us in; the point is which URL
    # reaches the engine, and that no log line shows the password.
    typed = make_url(database_url).set(password="kassan-2-lösen")
    typed_text = typed.render_as_string(hide_password=False)
    remembered = dbp.remember(typed_text)
    with caplog.at_level(logging.DEBUG):
        database = open_ledger(dbp.with_password(remembered.url))
        try:
            with database.reading() as session:
                assert session.connection().exec_driver_sql("SELECT 1").scalar() == 1
        finally:
            database.dispose()
    assert make_url(database.url).password == "kassan-2-lösen"
    assert "kassan-2-lösen" not in caplog.text
