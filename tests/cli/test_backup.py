"""`finqr backup` and `finqr restore` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finqr_desktop.services.ledger import open_ledger

from ..backups.ledger_rows import all_rows
from ..conftest import on_postgres


def _path(result) -> Path:
    return Path(result.out.strip().removeprefix("Backed up to "))


def test_backup_then_restore_gives_the_ledger_back(finqr, customers, database_url, tmp_path):
    backup = finqr("backup", "--to", str(tmp_path / "saved"))
    assert backup.code == 0, backup.err
    saved = _path(backup)
    assert saved.parent == tmp_path / "saved" and saved.exists()
    database = open_ledger(database_url)
    before = all_rows(database)

    refused = finqr("restore", str(saved))
    assert refused.code == 2
    assert "holds 1 company, 2 customers, which the restore replaces" in refused.err
    assert "--force" in refused.err

    done = finqr("restore", str(saved), "--force")
    assert done.code == 0, done.err
    assert f"Restored {saved}" in done.out and "The ledger as it was before is in" in done.out
    assert all_rows(database) == before
    database.dispose()


def test_a_file_that_is_not_a_ledger_exits_2_and_says_why(finqr, company, tmp_path):
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff\xe0 not a ledger")
    result = finqr("restore", str(other), "--force")
    assert result.code == 2
    expected = "not a PostgreSQL dump" if on_postgres() else "is not a SQLite database"
    assert expected in result.err and str(other) in result.err


@pytest.mark.sqlite_only
def test_restore_onto_a_new_machine_creates_the_ledger(finqr, customers, tmp_path, capsys):
    from finqr_desktop.cli.main import main

    saved = _path(finqr("backup", "--to", str(tmp_path / "saved")))
    fresh = tmp_path / "new-machine" / "finqr.sqlite3"
    capsys.readouterr()

    assert main(["restore", str(saved), "--database", str(fresh)]) == 0
    assert capsys.readouterr().out.startswith(f"Restored {saved}")
    assert main(["customer", "list", "--json", "--database", str(fresh)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["number"] for c in listed] == ["1001", "1002"]


def test_settings_and_list(finqr, company, tmp_path):
    folder = tmp_path / "elsewhere"
    changed = finqr("backup", "settings", "--keep", "30", "--folder", str(folder))
    assert changed.code == 0, changed.err
    assert "automatic backups kept:  30" in changed.out and str(folder) in changed.out
    assert finqr("backup", "settings", "--automatic", "off").out.startswith(
        "automatic daily backups: off"
    )
    assert finqr("backup", "list").out.strip() == f"No backups in {folder}."

    taken = _path(finqr("backup"))
    listed = finqr("backup", "list", "--json").json()
    assert [entry["path"] for entry in listed] == [str(taken)]
    assert listed[0]["automatic"] is False

    bad = finqr("backup", "settings", "--keep", "0")
    assert bad.code == 2 and "error: keep: a whole number from 1 to 1000" in bad.err
