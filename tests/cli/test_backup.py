"""`finqr backup` and `finqr restore` on the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage import sqlite_replace

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


@pytest.mark.sqlite_only
def test_the_cli_says_who_may_hold_the_lock_and_exits_2(
    finqr, customers, database_url, tmp_path, monkeypatch
):
    saved = tmp_path / "saved"
    assert finqr("backup", "--to", str(saved)).code == 0
    (backup,) = saved.iterdir()
    monkeypatch.setattr(sqlite_replace, "LOCK_WAIT_SECONDS", 0.1)
    other = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = finqr("restore", str(backup), "--force")
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "another program is writing to this ledger (the app or `finqr scheduler run`?)" in (
        result.err
    )


def test_a_ledger_of_a_newer_finqr_is_refused_without_a_backup(finqr, company, database_url):
    from sqlalchemy import text

    from finqr_desktop.storage import location, migrate

    database = open_ledger(database_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    database.dispose()
    folder = (
        Path(database_url.removeprefix("sqlite:///")).parent / "backups"
        if not on_postgres()
        else location.data_dir() / "backups"
    )
    before = sorted(folder.iterdir()) if folder.is_dir() else []

    for _ in range(2):
        result = finqr("customer", "list")
        assert result.code == 2
        assert (
            "this ledger was made by a newer FINQR Desktop (schema 0099; this version knows up "
            f"to {migrate.SCHEMA_HEAD}): upgrade the app" in result.err
        )
    assert (sorted(folder.iterdir()) if folder.is_dir() else []) == before


def _partials(root: Path) -> list[Path]:
    return list(root.rglob("*.partial"))


@pytest.mark.parametrize(
    ("where", "reason"),
    [("notes.txt", "it is a file, not a folder"), ("notes.txt/sub", "notes.txt is a file")],
)
def test_a_backup_into_a_file_exits_2_in_one_line(finqr, company, tmp_path, where, reason):
    (tmp_path / "notes.txt").write_text("not a folder\n")
    result = finqr("backup", "--to", str(tmp_path / where))

    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1
    assert f"cannot write a backup into {tmp_path / where}: " in result.err
    assert reason in result.err
    assert _partials(tmp_path) == []


@pytest.mark.sqlite_only
def test_a_backup_onto_a_full_disk_exits_2_and_leaves_no_partial_file(
    finqr, customers, database_url, tmp_path
):
    import resource
    import signal
    import subprocess
    import sys

    def small_disk():
        # Files may not grow past 64 KiB: a write beyond fails as on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    folder = tmp_path / "backups-here"
    run = "import sys; from finqr_desktop.cli.main import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", run, "backup", "--to", str(folder), "--database", database_url],
        capture_output=True, text=True, preexec_fn=small_disk, check=False, timeout=120,
    )  # fmt: skip

    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert f"cannot write a backup into {folder}: " in done.stderr
    # SQLite reports a write past the limit as an I/O error, a really full disk as full.
    assert "disk I/O error" in done.stderr or "disk is full" in done.stderr
    assert list(folder.iterdir()) == []


def test_a_file_is_refused_as_the_backup_folder(finqr, company, tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder\n")
    result = finqr("backup", "settings", "--folder", str(tmp_path / "notes.txt"))

    assert result.code == 2
    assert f"folder: cannot write a backup into {tmp_path / 'notes.txt'}: it is a file" in (
        result.err
    )
    assert "backup folder:" not in result.out
