"""Stopping a publish: between files, with a manifest of exactly the finished files, so the
next publish sends the rest and nothing twice; a stop while building uploads nothing."""

from __future__ import annotations

import hashlib

import pytest

from finqr_desktop.services import portal_publish, portal_settings
from finqr_desktop.services.cancelling import Cancelled, CancelToken

from .ledger import TODAY, portal_ledger


def _stored_manifest(ledger) -> dict[str, str]:
    with ledger.reading() as session:
        settings = portal_settings.load_settings(session)
        return portal_settings.published_manifest(session, settings)


def _files(root) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def folder(ledger, tmp_path):
    portal_ledger(ledger)
    www = tmp_path / "www"
    with ledger.writing() as session:
        portal_settings.save_settings(
            session, portal_settings.PortalSettings(target="folder", folder=str(www))
        )
    return www


def test_a_stop_between_files_keeps_a_manifest_of_the_finished_ones(ledger, folder):
    cancel = CancelToken()
    steps = []

    def progress(step):
        steps.append(step)
        if step.done == 4:
            cancel.request()  # the clerk presses Cancel while the fourth file goes

    stopped = portal_publish.publish_now(ledger, TODAY, progress=progress, cancel=cancel)

    assert stopped.stopped and stopped.left == 7 and len(stopped.uploaded) == 4
    assert (steps[0].done, steps[0].total) == (0, 0)  # building, how long not known
    assert [(s.done, s.total) for s in steps[1:]] == [(n, 11) for n in range(1, 5)]
    # The dialog's text never shows a customer's token.
    assert all(not s.what or s.what.startswith(("…/", "robots")) for s in steps)
    on_disk = _files(folder)
    assert sorted(on_disk) == sorted(stopped.uploaded)
    assert _stored_manifest(ledger) == on_disk

    rest = portal_publish.publish_now(ledger, TODAY)
    assert not rest.stopped and rest.ok
    assert set(rest.uploaded).isdisjoint(stopped.uploaded)
    assert len(rest.uploaded) == 7 and rest.unchanged == 4
    assert _stored_manifest(ledger) == _files(folder) and len(_files(folder)) == 11


def test_a_stop_while_the_pages_are_built_uploads_nothing(ledger, folder):
    cancel = CancelToken()

    def progress(step):
        if not step.total:
            cancel.request()

    with pytest.raises(Cancelled):
        portal_publish.publish_now(ledger, TODAY, progress=progress, cancel=cancel)
    assert not folder.exists() or _files(folder) == {}
    assert _stored_manifest(ledger) == {}
