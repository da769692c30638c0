"""Publish now… by SFTP in a progress dialog: files named as they go, the work off the GUI
thread, Cancel stops after the file being uploaded, and the next publish sends the rest."""

from __future__ import annotations

import threading

import pytest

from finqr_desktop.portal.sftp import SftpTarget
from finqr_desktop.services import portal_publish, portal_settings
from finqr_desktop.ui.context import LedgerContext
from finqr_desktop.ui.portal_page import PortalPage

from .ledger import TODAY, portal_ledger, tokens
from .sftp_server import PASSWORD, USER, SftpServer

WAIT_MS = 60_000


class HeldWrite:
    """SftpTarget.write that, at the ``at``-th file, waits for the test before it writes."""

    def __init__(self, at: int):
        self.at, self.calls = at, 0
        self.original = SftpTarget.write
        self.reached, self.released = threading.Event(), threading.Event()
        self.threads: list[threading.Thread] = []

    def method(self):
        """A plain function, so that it binds to the target as SftpTarget.write does."""
        return lambda target, path, data: self(target, path, data)

    def __call__(self, target, path, data):
        self.calls += 1
        self.threads.append(threading.current_thread())
        if self.calls == self.at:
            self.reached.set()
            assert self.released.wait(WAIT_MS / 1000)
        return self.original(target, path, data)


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "remote"
    root.mkdir()
    running = SftpServer(root)
    yield running
    running.stop()


@pytest.fixture
def page(qtbot, ledger, qapp, server):
    widget = PortalPage(LedgerContext(ledger, today=lambda: TODAY))
    qtbot.addWidget(widget)
    form = widget.settings
    form.target.setCurrentIndex(form.target.findData("sftp"))
    form.host.setText("127.0.0.1")
    form.port.setValue(server.port)
    form.user.setText(USER)
    form.remote_folder.setText("/www")
    form.secret.setText(PASSWORD)
    assert form.save()
    portal_publish.trust_host_key(ledger, server.known_host_entry)
    yield widget
    widget.wait()


def _remote_files(server) -> list[str]:
    folder = server.root / "www"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _manifest(ledger) -> list[str]:
    with ledger.reading() as session:
        settings = portal_settings.load_settings(session)
        return sorted(portal_settings.published_manifest(session, settings))


def test_cancel_stops_after_the_file_in_flight_and_the_next_publish_goes_on(
    qtbot, page, ledger, server, monkeypatch
):
    portal_ledger(ledger)
    held = HeldWrite(at=3)
    monkeypatch.setattr(SftpTarget, "write", held.method())
    box = page.publisher

    assert box.publish()
    dialog = box.dialog
    try:
        qtbot.waitUntil(held.reached.is_set, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "Published 2 of 11 files: " in dialog.step.text(), timeout=WAIT_MS)
        assert dialog.bar.value() == 2 * 1000 // 11
        assert dialog.running and box.busy and not box.button.isEnabled()
        # The dialog names the file, never the customer's token.
        assert "…/" in dialog.step.text()
        assert not any(t and t in dialog.step.text() for t in tokens(ledger).values())

        dialog.cancel_button.click()
        assert dialog.step.text() == "Cancelling…"
        assert dialog.note.text().startswith("Cancel stops after the file being uploaded.")
    finally:
        held.released.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)

    assert all(thread is not threading.main_thread() for thread in held.threads)
    assert held.calls == 3  # the file in flight was finished, no other was begun
    assert dialog.step.text() == (
        "Publishing cancelled: 3 uploaded, 0 removed; 8 files wait for the next publish."
    )
    assert box.status.text() == dialog.step.text() and box.button.isEnabled()
    uploaded = _remote_files(server)
    assert len(uploaded) == 3 and not any(".part" in name for name in uploaded)
    assert _manifest(ledger) == uploaded

    monkeypatch.setattr(SftpTarget, "write", held.original)
    with qtbot.waitSignal(box.published, timeout=WAIT_MS) as published:
        assert box.publish()
    rest = published.args[0]
    assert len(rest.uploaded) == 8 and set(rest.uploaded).isdisjoint(uploaded)
    assert box.dialog.step.text().startswith("Published: 8 uploaded, 0 removed, 3 unchanged.")
    assert len(_remote_files(server)) == 11 and _manifest(ledger) == _remote_files(server)
