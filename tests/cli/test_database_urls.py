"""A --database the user can correct exits 2 with what is wrong, and never shows a password."""

from __future__ import annotations

import os

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from finqr_desktop.cli import opening
from finqr_desktop.cli.main import main
from finqr_desktop.services.database_passwords import without_password

from ..conftest import POSTGRES_ENV, on_postgres

ESCAPES = "(write @ : / in a password as %40 %3A %2F)"


def run(capsys, url: str, *command: str) -> tuple[int, str]:
    code = main(["--database", url, *(command or ("customer", "list"))])
    return code, capsys.readouterr().err


def test_a_password_with_unescaped_characters_is_explained_not_a_crash(capsys):
    code, err = run(capsys, "postgresql+psycopg://clerk:p@ss:w/rd@127.0.0.1/finqr")
    assert code == 2
    assert err == (
        "error: the database URL cannot be read: postgresql+psycopg://clerk:***@127.0.0.1/finqr "
        f"has something other than a port number after a colon {ESCAPES}\n"
    )


def test_the_escaped_password_is_read(capsys, monkeypatch):
    opened = []
    monkeypatch.setattr(opening, "open_ledger", lambda url: opened.append(url) or None)
    main(
        [
            "--database",
            "postgresql+psycopg://clerk:p%40ss%3Aw%2Frd@127.0.0.1/finqr",
            "customer",
            "list",
        ]
    )
    assert make_url(opened[0]).password == "p@ss:w/rd"


@pytest.mark.parametrize(
    "url, message",
    [
        ("", "the database URL is empty: give a SQLite file or a PostgreSQL URL"),
        ("   ", "the database URL is empty: give a SQLite file or a PostgreSQL URL"),
        (
            "mysql://clerk:secret@127.0.0.1/finqr",
            "cannot open the database mysql://clerk:***@127.0.0.1/finqr: only SQLite files and "
            "PostgreSQL URLs are supported",
        ),
        (
            "postgresql+psycopg://clerk@127.0.0.1",
            "the database URL postgresql+psycopg://clerk@127.0.0.1 names no database: "
            f"postgresql+psycopg://eva@db.office.example/finqr {ESCAPES}",
        ),
        (
            "postgresql+psycopg://clerk@127.0.0.1:0/finqr",
            "the database URL postgresql+psycopg://clerk@127.0.0.1:0/finqr has port 0: a port "
            "is 1 to 65535",
        ),
        (
            "postgresql+psycopg://clerk:secret@127.0.0.1:99999/finqr",
            "the database URL postgresql+psycopg://clerk:***@127.0.0.1:99999/finqr has port "
            "99999: a port is 1 to 65535",
        ),
    ],
)
def test_bad_urls_exit_2_before_connecting(capsys, monkeypatch, url, message):
    monkeypatch.setattr(opening, "open_ledger", lambda _url: pytest.fail("connected"))
    code, err = run(capsys, url)
    assert (code, err) == (2, f"error: {message}\n")


def refusing_server(monkeypatch, libpq: str):
    """The server's answer to a connection, as psycopg words it (the test cluster trusts
    every local user, so it refuses no password itself)."""

    def refuse(url):
        raise OperationalError("connect", {}, Exception(libpq))

    monkeypatch.setattr(opening, "open_ledger", refuse)


WRONG = (
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  '
    'password authentication failed for user "clerk"'
)


def test_a_wrong_password_in_the_url_is_called_refused(capsys, monkeypatch):
    refusing_server(monkeypatch, WRONG)
    code, err = run(capsys, "postgresql+psycopg://clerk:wrong@127.0.0.1/finqr")
    assert code == 2
    assert err == (
        "error: the server refused the password for clerk@127.0.0.1/finqr (the one in the URL)\n"
    )


def test_a_wrong_password_from_the_environment_names_it(capsys, monkeypatch):
    refusing_server(monkeypatch, WRONG)
    monkeypatch.setenv("FINQR_DB_PASSWORD", "stale")
    code, err = run(capsys, "postgresql+psycopg://clerk@127.0.0.1:5433/finqr")
    assert (code, err) == (
        2,
        "error: the server refused the password for clerk@127.0.0.1:5433/finqr "
        "(the one in FINQR_DB_PASSWORD)\n",
    )


def test_no_password_at_all_says_how_to_give_one(capsys, monkeypatch):
    monkeypatch.delenv("FINQR_DB_PASSWORD", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    refusing_server(monkeypatch, "connection failed: fe_sendauth: no password supplied")
    code, err = run(capsys, "postgresql+psycopg://clerk@127.0.0.1/finqr")
    assert code == 2
    assert err.startswith("error: the server wants a password for clerk@127.0.0.1/finqr: ")


def test_a_server_that_does_not_answer_is_not_bad_input(capsys, monkeypatch):
    refusing_server(
        monkeypatch,
        'connection failed: connection to server at "127.0.0.1", port 1 failed: '
        "Connection refused",
    )
    code, err = run(capsys, "postgresql+psycopg://clerk:secret@127.0.0.1:1/finqr")
    assert code == 1
    assert "Connection refused" in err and "secret" not in err


def test_the_demo_hint_for_a_file_names_the_file(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["--database", str(path), "demo"]) == 0
    assert capsys.readouterr().out.endswith(
        f"Try: finqr invoice list --status overdue --database {path}\n"
    )


@pytest.mark.skipif(not on_postgres(), reason="needs the PostgreSQL test server")
def test_a_database_the_server_does_not_have_exits_2(capsys):
    url = make_url(os.environ[POSTGRES_ENV]).set(database="finqr_no_such_database")
    code, err = run(capsys, url.render_as_string(hide_password=False))
    assert code == 2
    assert err.startswith("error: cannot open the database postgresql+psycopg://")
    assert err.endswith(
        '/finqr_no_such_database: database "finqr_no_such_database" does not exist\n'
    )


@pytest.mark.skipif(not on_postgres(), reason="needs the PostgreSQL test server")
def test_the_demo_hint_shows_no_password(database_url, capsys):
    # The test server trusts local users, so any password lets the demo in.
    typed = make_url(database_url).set(password="s3cret-pw").render_as_string(hide_password=False)
    assert main(["--database", typed, "demo"]) == 0
    captured = capsys.readouterr()
    assert "s3cret-pw" not in captured.out + captured.err
    assert captured.out.endswith(f"--database {without_password(typed)}\n")
