"""Opening a database that is not a FINQR ledger: refused, and left exactly as it was."""

from __future__ import annotations

import os
import sqlite3
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from finqr_desktop.cli.main import main
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage import network_fs
from finqr_desktop.storage.ledger_file import NotALedger
from finqr_desktop.storage.network_fs import NetworkShareRefused

from ..conftest import POSTGRES_ENV, on_postgres


def another_apps_database(path, tables=("users", "orders")):
    connection = sqlite3.connect(path)
    for table in tables:
        connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO users (name) VALUES ('eva')")
    connection.commit()
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", [("invoice", "list"), ("init", "--name", "A AB"), ("demo",)])
def test_another_apps_sqlite_file_is_refused_and_untouched(tmp_path, capsys, command):
    path = tmp_path / "other.sqlite3"
    before = another_apps_database(path)

    assert main(["--database", str(path), *command]) == 2

    err = capsys.readouterr().err
    assert err == (f"error: {path} is not a FINQR ledger (it holds other tables: orders, users)\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "other.sqlite3"]


def test_many_other_tables_are_named_in_part(tmp_path):
    path = tmp_path / "other.sqlite3"
    another_apps_database(path, tables=("users", "a", "b", "c", "d", "e"))
    with pytest.raises(NotALedger, match=r"other tables: a, b, c, d, e, …\)$"):
        open_ledger(f"sqlite:///{path}")


def test_a_finqr_ledger_still_opens(finqr, company):
    assert finqr("customer", "list").out == "No customers.\n"


@pytest.mark.parametrize("command", [("customer", "list"), ("invoice", "show", "1")])
def test_an_empty_file_counts_as_no_ledger(tmp_path, capsys, command):
    path = tmp_path / "touched.sqlite3"
    path.touch()
    assert main(["--database", str(path), *command]) == 2
    err = capsys.readouterr().err
    assert err == f"error: no ledger at {path}: create one with `finqr init` (or `finqr demo`)\n"
    assert path.read_bytes() == b""


def test_init_takes_an_empty_file(tmp_path, capsys):
    path = tmp_path / "touched.sqlite3"
    path.touch()
    assert main(["--database", str(path), "init", "--name", "Ny AB"]) == 0
    assert main(["--database", str(path), "customer", "list"]) == 0
    assert capsys.readouterr().out.endswith("No customers.\n")


@pytest.mark.skipif(not on_postgres(), reason="needs the PostgreSQL test server")
def test_another_apps_postgres_database_is_refused_and_untouched(capsys):
    admin = create_engine(os.environ[POSTGRES_ENV], isolation_level="AUTOCOMMIT")
    name = f"other_app_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(os.environ[POSTGRES_ENV]).set(database=name)
    other = create_engine(url)
    try:
        with other.begin() as connection:
            connection.execute(text("CREATE TABLE users (id integer PRIMARY KEY)"))

        assert (
            main(["--database", url.render_as_string(hide_password=False), "invoice", "list"]) == 2
        )

        err = capsys.readouterr().err
        assert err.endswith(f"/{name} is not a FINQR ledger (it holds other tables: users)\n")
        with other.connect() as connection:
            tables = connection.execute(
                text(
                    "SELECT table_name FROM information_schema.tables"
                    " WHERE table_schema = 'public'"
                )
            ).scalars()
            assert list(tables) == ["users"]
    finally:
        other.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_link_to_a_file_on_a_network_share_is_refused(tmp_path, monkeypatch):
    share, local = tmp_path / "share", tmp_path / "local"
    share.mkdir()
    local.mkdir()
    info = tmp_path / "mountinfo"
    info.write_text(
        "22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
        f"95 22 0:52 / {share} rw,relatime shared:50 - nfs4 fileserver:/office rw\n"
    )
    monkeypatch.setattr(network_fs, "MOUNTINFO", info)
    monkeypatch.setattr(network_fs.sys, "platform", "linux")
    link = local / "finqr.sqlite3"
    link.symlink_to(share / "finqr.sqlite3")

    with pytest.raises(NetworkShareRefused, match=r"network share \(nfs4\)"):
        open_ledger(f"sqlite:///{link}")

    assert list(share.iterdir()) == []
