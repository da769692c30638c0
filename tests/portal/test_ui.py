"""The Portal page: FAQ editing and order, settings, and publishing with a progress bar,
per-file failures, the server-key question, and the automatic publish after a change."""

from __future__ import annotations

import pytest

from finqr_desktop.services import portal_faq, portal_publish, portal_settings
from finqr_desktop.ui import messages
from finqr_desktop.ui.context import INVOICES, LedgerContext
from finqr_desktop.ui.portal_page import PortalPage

from .ledger import TODAY, portal_ledger, tokens
from .sftp_server import PASSWORD, USER, SftpServer


@pytest.fixture
def page(qtbot, ledger, qapp):
    context = LedgerContext(ledger, today=lambda: TODAY)
    widget = PortalPage(context)
    qtbot.addWidget(widget)
    yield widget
    widget.wait()


def _questions(ledger, language="sv"):
    with ledger.reading() as session:
        return [item.question for item in portal_faq.list_faq(session, language)]


def test_the_clerk_writes_and_orders_the_faq(page, ledger):
    faq = page.faq
    assert not faq.empty.isHidden()  # an empty list says how to start it
    faq.question.setText("Hur betalar jag?")
    faq.answer.setPlainText("Med bankgiro.")
    assert faq.add()
    faq.question.setText("Vem svarar?")
    faq.answer.setPlainText("Eva.")
    assert faq.add()
    assert faq.move(-1)
    assert _questions(ledger) == ["Vem svarar?", "Hur betalar jag?"]
    assert faq.entries.item(0).text() == "1. Vem svarar?"
    assert faq.empty.isHidden()

    faq.question.setText("")
    assert not faq.save()
    assert faq.status.text() == "FAQ: the question is empty"
    faq.language.setCurrentIndex(1)
    assert faq.entries.count() == 0


def test_settings_are_checked_and_saved(page, ledger, tmp_path):
    form = page.settings
    form.base_url.setText("not a url")
    assert not form.save()
    assert "is not a web address" in form.status.text()
    form.base_url.setText("https://kund.exempel.se")
    form.folder.setText(str(tmp_path / "www"))
    form.automatic.setChecked(True)
    assert form.save()
    with ledger.reading() as session:
        kept = portal_settings.load_settings(session)
    assert kept.base_url == "https://kund.exempel.se/" and kept.automatic


def test_publish_to_a_folder_shows_progress_and_the_result(page, ledger, tmp_path, qtbot):
    portal_ledger(ledger)
    page.settings.folder.setText(str(tmp_path / "www"))
    assert page.settings.save()

    with qtbot.waitSignal(page.publisher.published, timeout=60000) as published:
        assert page.publisher.publish()
    assert published.args[0].ok
    assert page.publisher.progress.value() == 1000
    assert page.publisher.status.text().startswith("Published: 11 uploaded, 0 removed")
    assert (tmp_path / "www" / tokens(ledger)["1001"] / "index.html").is_file()


def test_sftp_asks_for_the_key_then_lists_a_failing_file(page, ledger, tmp_path, qtbot,
                                                         monkeypatch):  # fmt: skip
    portal_ledger(ledger)
    root = tmp_path / "remote"
    root.mkdir()
    server = SftpServer(root)
    try:
        form = page.settings
        form.target.setCurrentIndex(form.target.findData("sftp"))
        form.host.setText("127.0.0.1")
        form.port.setValue(server.port)
        form.user.setText(USER)
        form.remote_folder.setText("/www")
        form.secret.setText(PASSWORD)
        assert form.save()
        asked = []
        monkeypatch.setattr(messages, "confirm", lambda _p, _t, text: asked.append(text) or True)
        portal_publish.build(ledger, TODAY)  # gives every customer its token
        server.rules.refuse.add(f"{tokens(ledger)['1002']}/.index.html")

        with qtbot.waitSignal(page.publisher.published, timeout=60000) as published:
            assert page.publisher.publish()
        assert asked and "SHA256:" in asked[0]
        outcome = published.args[0]
        assert len(outcome.failures) == 1
        assert page.publisher.failures.count() == 1
        assert (
            page.publisher.failures.item(0)
            .text()
            .startswith(f"{tokens(ledger)['1002']}/index.html: ")
        )
        assert "1 files failed" in page.publisher.status.text()
    finally:
        page.wait()
        server.stop()


def test_an_announced_change_publishes_by_itself_when_automatic(page, ledger, tmp_path, qtbot):
    portal_ledger(ledger)
    page.settings.folder.setText(str(tmp_path / "www"))
    page.settings.automatic.setChecked(True)
    assert page.settings.save()
    page.automatic_timer.setInterval(10)

    with qtbot.waitSignal(page.publisher.published, timeout=60000):
        page.context.announce(INVOICES)
    assert (tmp_path / "www" / "robots.txt").is_file()


def test_no_automatic_publish_when_it_is_off(page, ledger, tmp_path):
    page.settings.folder.setText(str(tmp_path / "www"))
    assert page.settings.save()
    page.context.announce(INVOICES)
    assert not page.automatic_timer.isActive()
    assert page.publish_if_automatic() is False


def test_typed_and_unsaved_faq_or_settings_count_as_unsaved_work(page):
    assert not page.has_unsaved_work()
    page.faq.question.setText("Vem svarar?")
    assert page.has_unsaved_work()  # a language change would ask before losing it
    page.faq.answer.setPlainText("Eva.")
    assert page.faq.add()
    assert not page.has_unsaved_work()
    page.settings.base_url.setText("https://kund.example.se/")
    assert page.has_unsaved_work()
    page.settings.load()
    assert not page.has_unsaved_work()
