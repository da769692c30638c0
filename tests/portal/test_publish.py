"""Publishing: to a folder and by SFTP to a server on loopback, only what changed, old
pages removed, host keys checked, and a failing file reported by its path."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from sqlalchemy import select

from finqr_desktop.portal.publishing import PublishError
from finqr_desktop.portal.sftp import HostKeyMismatch, UnknownHostKey, fingerprint
from finqr_desktop.services import portal_publish, portal_settings, portal_tokens
from finqr_desktop.services.payments import mark_paid
from finqr_desktop.storage.models import InvoiceRow

from .ledger import TODAY, portal_ledger, tokens
from .sftp_server import PASSWORD, USER, SftpServer


def _configure(database, **values) -> portal_settings.PortalSettings:
    with database.writing() as session:
        return portal_settings.save_settings(session, portal_settings.PortalSettings(**values))


def _files(root) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def sftp(tmp_path):
    root = tmp_path / "remote"
    root.mkdir()
    server = SftpServer(root)
    yield server
    server.stop()


def _sftp_settings(database, server, **extra):
    return _configure(
        database,
        target="sftp",
        sftp_host="127.0.0.1",
        sftp_port=server.port,
        sftp_user=USER,
        sftp_folder="/site",
        sftp_host_key=server.known_host_entry,
        **extra,
    )


def test_folder_publish_uploads_once_then_only_changes(ledger, tmp_path):
    built = portal_ledger(ledger)
    folder = tmp_path / "www"
    _configure(ledger, target="folder", folder=str(folder))

    first = portal_publish.publish_now(ledger, TODAY)
    again = portal_publish.publish_now(ledger, TODAY)
    with ledger.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == built.paid_invoice))
        mark_paid(session, record.id, payment_date=TODAY)
    third = portal_publish.publish_now(ledger, TODAY)

    assert first.ok and len(first.uploaded) == len(_files(folder)) == 11
    assert again.uploaded == [] and again.removed == [] and again.unchanged == 11
    assert third.uploaded == [f"{tokens(ledger)['1001']}/index.html"]
    assert not any(".part" in name for name in _files(folder))


def test_sftp_publish_detects_changes_and_removes_a_rotated_page(ledger, sftp):
    portal_ledger(ledger)
    _sftp_settings(ledger, sftp)

    first = portal_publish.publish_now(ledger, TODAY, secret=PASSWORD)
    remote = sftp.root / "site"
    old = tokens(ledger)["1002"]
    assert first.ok and len(_files(remote)) == 11
    assert (remote / old / "index.html").read_bytes().startswith(b"<!DOCTYPE html>")

    unchanged = portal_publish.publish_now(ledger, TODAY, secret=PASSWORD)
    assert unchanged.uploaded == [] and unchanged.unchanged == 11

    with ledger.writing() as session:
        new = portal_tokens.rotate_token(session, "1002")
    rotated = portal_publish.publish_now(ledger, TODAY, secret=PASSWORD)
    assert rotated.ok
    assert not (remote / old).exists()
    assert sorted(rotated.uploaded) == sorted(
        path for path in _files(remote) if path.startswith(new)
    )
    assert len(rotated.removed) == 4


def test_an_unknown_host_key_is_not_trusted_until_confirmed(ledger, sftp):
    portal_ledger(ledger)
    _sftp_settings(ledger, sftp)
    _configure_key(ledger, "")

    with pytest.raises(UnknownHostKey) as unknown:
        portal_publish.publish_now(ledger, TODAY, secret=PASSWORD)
    assert unknown.value.fingerprint == fingerprint(sftp.known_host_entry)
    assert not (sftp.root / "site").exists()

    portal_publish.trust_host_key(ledger, unknown.value.entry)
    assert portal_publish.publish_now(ledger, TODAY, secret=PASSWORD).ok


def test_a_different_host_key_is_refused_before_logging_in(ledger, sftp, tmp_path):
    import asyncssh

    portal_ledger(ledger)
    other = asyncssh.generate_private_key("ssh-ed25519")
    _sftp_settings(ledger, sftp)
    _configure_key(ledger, " ".join(other.export_public_key("openssh").decode().split()[:2]))

    with pytest.raises(HostKeyMismatch):
        portal_publish.publish_now(ledger, TODAY, secret=PASSWORD)
    assert not (sftp.root / "site").exists()


def test_a_wrong_password_publishes_nothing(ledger, sftp):
    portal_ledger(ledger)
    _sftp_settings(ledger, sftp)
    with pytest.raises(PublishError, match="refused the login"):
        portal_publish.publish_now(ledger, TODAY, secret="wrong")


def test_a_failing_file_is_reported_and_retried_next_time(ledger, sftp):
    portal_ledger(ledger)
    _sftp_settings(ledger, sftp)
    portal_publish.build(ledger, TODAY)  # gives every customer its token
    broken = tokens(ledger)["1003"]
    sftp.rules.refuse.add(f"{broken}/.index.html")

    progress = []
    outcome = portal_publish.publish_now(ledger, TODAY, secret=PASSWORD, progress=progress.append)
    assert [path for path, _ in outcome.failures] == [f"{broken}/index.html"]
    assert "refused by the test" in outcome.failures[0][1]
    assert len(outcome.uploaded) == 10
    assert (progress[-1].done, progress[-1].total) == (11, 11)
    assert not (sftp.root / "site" / broken / "index.html").exists()

    sftp.rules.refuse.clear()
    retried = portal_publish.publish_now(ledger, TODAY, secret=PASSWORD)
    assert retried.uploaded == [f"{broken}/index.html"] and retried.ok


def _configure_key(database, entry: str) -> None:
    with database.writing() as session:
        current = portal_settings.load_settings(session)
        portal_settings.save_settings(session, dataclasses.replace(current, sftp_host_key=entry))


def test_a_key_file_with_its_passphrase_logs_in(ledger, sftp, tmp_path):
    import asyncssh

    from .sftp_server import AUTHORISED_KEYS

    key = asyncssh.generate_private_key("ssh-ed25519")
    AUTHORISED_KEYS.add(key.public_data)
    key_file = tmp_path / "id_ed25519"
    key_file.write_bytes(key.export_private_key("openssh", passphrase="phrase"))
    portal_ledger(ledger)
    try:
        _sftp_settings(ledger, sftp, sftp_key_file=str(key_file))
        with pytest.raises(PublishError, match="needs its passphrase"):
            portal_publish.publish_now(ledger, TODAY, secret=None)
        assert portal_publish.publish_now(ledger, TODAY, secret="phrase").ok
    finally:
        AUTHORISED_KEYS.discard(key.public_data)
    assert (sftp.root / "site" / "robots.txt").is_file()


def test_the_daemon_publishes_only_when_automatic_and_only_what_changed(ledger, tmp_path):
    built = portal_ledger(ledger)
    folder = tmp_path / "www"
    _configure(ledger, target="folder", folder=str(folder))
    assert portal_publish.publish_if_changed(ledger, TODAY) is None  # not automatic
    assert not folder.exists()

    _configure(ledger, target="folder", folder=str(folder), automatic=True)
    first = portal_publish.publish_if_changed(ledger, TODAY)
    assert first is not None and first.ok and len(_files(folder)) == 11
    assert portal_publish.publish_if_changed(ledger, TODAY) is None  # nothing changed

    with ledger.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == built.paid_invoice))
        mark_paid(session, record.id, payment_date=TODAY)
    after_payment = portal_publish.publish_if_changed(ledger, TODAY)
    assert after_payment.uploaded == [f"{tokens(ledger)['1001']}/index.html"]


def test_a_failing_automatic_publish_does_not_stop_the_daemon(ledger, tmp_path, caplog):
    portal_ledger(ledger)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the site's folder should be")
    _configure(ledger, target="folder", folder=str(blocked), automatic=True)

    with caplog.at_level("WARNING"):
        outcome = portal_publish.publish_safely(ledger, TODAY)

    assert outcome is None or not outcome.ok
    assert "portal" in caplog.text
    assert blocked.read_text() == "a file where the site's folder should be"
