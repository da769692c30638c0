"""Automatic daily backups: one a day at most, the newest N kept, the clerk's own kept."""

from __future__ import annotations

import datetime as dt

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.services import backups
from finqr_desktop.services.backups import BackupSettings

START = dt.datetime(2026, 12, 1, 8, 0)


def _settings(database, **changes) -> BackupSettings:
    with database.writing() as session:
        settings = BackupSettings(**{**vars(backups.load_settings(session)), **changes})
        backups.save_settings(session, settings)
    return settings


def test_the_defaults_are_daily_with_fourteen_kept(database):
    with database.reading() as session:
        assert backups.load_settings(session) == BackupSettings(14, True, None)


def test_a_backup_is_taken_when_the_last_is_a_day_old(database, tmp_path):
    _settings(database, folder=str(tmp_path / "b"))

    first = backups.daily_backup_if_due(database, now=START)
    later_that_day = backups.daily_backup_if_due(database, now=START + dt.timedelta(hours=23))
    next_day = backups.daily_backup_if_due(database, now=START + dt.timedelta(hours=24))

    assert first is not None and first.exists() and first.name.endswith("-auto" + first.suffix)
    assert later_that_day is None
    assert next_day is not None and next_day != first
    assert len(list((tmp_path / "b").iterdir())) == 2


def test_a_manual_backup_counts_as_the_days_backup(database, tmp_path):
    _settings(database, folder=str(tmp_path / "b"))
    backups.back_up(database, now=START)
    assert backups.daily_backup_if_due(database, now=START + dt.timedelta(hours=2)) is None


def test_only_the_newest_automatic_backups_are_kept(database, tmp_path):
    _settings(database, folder=str(tmp_path / "b"), keep=3)
    manual = backups.back_up(database, now=START - dt.timedelta(days=30))

    taken = [
        backups.daily_backup_if_due(database, now=START + dt.timedelta(days=day))
        for day in range(6)
    ]

    left = sorted((tmp_path / "b").iterdir())
    assert left == sorted([manual, *taken[-3:]])
    assert all(path.exists() for path in taken[-3:])


def test_automatic_backups_can_be_turned_off(database, tmp_path):
    _settings(database, folder=str(tmp_path / "b"), automatic=False)
    assert backups.daily_backup_if_due(database, now=START) is None
    assert not (tmp_path / "b").exists()


def test_the_default_folder_is_beside_a_sqlite_ledger(database):
    folder = backups.backup_folder(database)
    if database.sqlite_path is not None:
        assert folder == database.sqlite_path.parent / "backups"
    else:
        assert folder.name == "backups"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"keep": 0}, "keep: a whole number from 1 to 1000"),
        ({"keep": 1001}, "keep: a whole number from 1 to 1000"),
        ({"folder": "relative/path"}, "folder: not an absolute path: 'relative/path'"),
    ],
)
def test_bad_settings_are_refused_with_the_field(database, changes, message):
    with pytest.raises(ValidationFailed, match=message):
        _settings(database, **changes)
    with database.reading() as session:
        assert backups.load_settings(session) == BackupSettings()


def test_the_scheduler_daemon_takes_the_daily_backup(ledger, database_url, tmp_path):
    import signal
    import subprocess
    import sys

    from finqr_desktop.mail.settings import SmtpSettings
    from finqr_desktop.services.mail_settings import set_smtp_settings
    from finqr_desktop.storage import backup_check

    from ..mail.server import free_port
    from .consistency import ROOT

    _settings(ledger, folder=str(tmp_path / "b"))
    with ledger.writing() as session:  # a mail server that is not there: runs defer
        set_smtp_settings(
            session,
            SmtpSettings(
                host="127.0.0.1",
                port=free_port(),
                security="none",
                sender_address="faktura@exempel.se",
            ),  # fmt: skip
        )
    daemon = subprocess.Popen(
        [sys.executable, "-m", "finqr_desktop.cli.main", "scheduler", "run", "--interval", "1",
         "--database", database_url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    folder = tmp_path / "b"
    try:
        runs = 0
        for _line in daemon.stdout:  # a line per run; the backup follows the first run
            runs += 1
            if runs == 3:
                break
        daemon.send_signal(signal.SIGTERM)
        _out, err = daemon.communicate(timeout=60)
    finally:
        daemon.kill()
    assert daemon.returncode == 0, err
    [backup] = folder.iterdir()  # one a day, not one a run
    assert backup.name.endswith("-auto" + backup.suffix)
    if backup.suffix == ".sqlite3":
        assert backup_check.check_sqlite(backup) == backup_check.known_revisions()[-1]


def test_a_failing_automatic_backup_is_one_warning_line_in_the_scheduler(
    ledger, database_url, tmp_path
):
    import signal
    import subprocess
    import sys

    from finqr_desktop.mail.settings import SmtpSettings
    from finqr_desktop.services.mail_settings import set_smtp_settings

    from ..mail.server import free_port
    from .consistency import ROOT

    folder = tmp_path / "b"
    _settings(ledger, folder=str(folder))
    folder.write_text("a file where the backup folder was\n")  # made after the setting
    with ledger.writing() as session:  # a mail server that is not there: runs defer
        set_smtp_settings(
            session,
            SmtpSettings(host="127.0.0.1", port=free_port(), security="none",
                         sender_address="faktura@exempel.se"),
        )  # fmt: skip
    daemon = subprocess.Popen(
        [sys.executable, "-m", "finqr_desktop.cli.main", "scheduler", "run", "--interval", "1",
         "--database", database_url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        for runs, _line in enumerate(daemon.stdout, start=1):
            if runs == 2:
                break
        daemon.send_signal(signal.SIGTERM)
        _out, err = daemon.communicate(timeout=60)
    finally:
        daemon.kill()

    assert daemon.returncode == 0, err
    assert "Traceback" not in err
    failures = [line for line in err.splitlines() if "automatic backup failed" in line]
    assert failures and all(
        line.startswith("WARNING ")
        and line.endswith(f"cannot write a backup into {folder}: it is a file, not a folder")
        for line in failures
    ), err
