"""Settings → E-mail: the SMTP form, where the password goes, and the test e-mail.

The test e-mails go to a real aiosmtpd server on loopback; the keyring is the suite's null
backend unless a test sets an in-memory one of its own.
"""

from __future__ import annotations

import json

import keyring
import keyring.errors
import pytest
from sqlalchemy import select

from finqr_desktop.mail import passwords
from finqr_desktop.services.mail_settings import smtp_settings
from finqr_desktop.storage.models import SettingRow
from finqr_desktop.ui import smtp_passwords
from finqr_desktop.ui.settings_page import SettingsPage

from ..mail import server
from ..mail.keyrings import MemoryKeyring
from .smtp import configure

WAIT_MS = 30_000  # a ceiling for a server that never answers, not a speed requirement


@pytest.fixture
def page(qtbot, context):
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    yield page
    page.mail_test.wait()


def fill(form, **values) -> None:
    for name, value in values.items():
        widget = getattr(form, name)
        if name == "security":
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setText(value)


def stored_setting_text(ledger) -> str:
    with ledger.reading() as session:
        return json.dumps([row.value for row in session.scalars(select(SettingRow))])


def test_a_first_setup_starts_from_the_company_and_the_usual_port(page):
    form = page.mail
    assert form.sender_address.text() == "faktura@exempel.se"
    assert form.sender_name.text() == "Exempel Handel AB"
    assert (form.security.currentData(), form.port.text()) == ("starttls", "587")
    form.security.setCurrentIndex(form.security.findData("tls"))
    assert form.port.text() == "465"
    form.port.setText("2465")
    form.security.setCurrentIndex(form.security.findData("starttls"))
    assert form.port.text() == "2465"  # a port the clerk typed is kept


def test_every_problem_is_shown_beside_its_field_and_nothing_is_saved(page, ledger):
    form = page.mail
    fill(form, host="smtp exempel.se", port="fem", sender_address="faktura(at)exempel.se",
         reply_to="svar@", timeout="0")  # fmt: skip

    assert not form.save()

    assert "not a host name" in form.errors.message("host")
    assert form.errors.message("port") == "a port is a whole number from 1 to 65535, not 'fem'"
    assert "not an e-mail address" in form.errors.message("sender_address")
    assert "not an e-mail address" in form.errors.message("reply_to")
    assert "timeout" in form.errors.message("timeout")
    assert form.errors.message("sender_name") == ""
    assert "Not saved" in form.status.text()
    with ledger.reading() as session:
        assert smtp_settings(session) is None


def test_saved_settings_are_read_back_and_the_password_stays_out_of_the_ledger(
    qtbot, context, page, ledger
):
    form = page.mail
    fill(form, host="smtp.exempel.se", security="tls", port="465", username="faktura",
         password="hemligt lösenord", sender_name="Åkesson & Söner's AB",
         reply_to="ekonomi@exempel.se", timeout="20")  # fmt: skip
    with qtbot.waitSignal(form.saved):
        assert form.save()

    with ledger.reading() as session:
        saved = smtp_settings(session)
    assert (saved.host, saved.port, saved.security, saved.username) == (
        "smtp.exempel.se", 465, "tls", "faktura"
    )  # fmt: skip
    assert (saved.sender_name, saved.reply_to, saved.timeout) == (
        "Åkesson & Söner's AB", "ekonomi@exempel.se", 20
    )  # fmt: skip
    assert "hemligt" not in stored_setting_text(ledger)
    # The suite has no keyring: the form says so, and the password lives for this session.
    assert "only until the app closes" in form.status.text()
    assert "No system keyring" in form.password_note.text()
    assert page.passwords.known(saved) == "hemligt lösenord"
    assert form.password.text() == ""

    again = SettingsPage(context)
    qtbot.addWidget(again)
    assert (again.mail.host.text(), again.mail.port.text()) == ("smtp.exempel.se", "465")
    assert again.mail.security.currentData() == "tls"


def test_with_a_keyring_the_password_goes_there_and_nowhere_else(page, ledger, monkeypatch):
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    form = page.mail
    fill(form, host="smtp.exempel.se", username="faktura", password="hemligt lösenord")

    assert form.save()

    assert backend.items == {(passwords.SERVICE, "faktura@smtp.exempel.se"): "hemligt lösenord"}
    assert "system keyring" in form.status.text()
    assert "hemligt" not in stored_setting_text(ledger)
    assert "saved in the system keyring" in form.password_note.text()


def test_the_test_email_arrives_with_its_message_id_shown(qtbot, page, ledger, smtp):
    controller, handler = smtp()
    form = page.mail
    fill(form, host="127.0.0.1", security="none", port=str(controller.port))
    page.mail_test.address.setText("eva.ek@exempel.se")

    with qtbot.waitSignal(page.mail_test.finished, timeout=WAIT_MS) as blocker:
        assert page.mail_test.send()

    assert blocker.args == [True]
    (received,) = handler.received
    assert received.rcpt_tos == ["eva.ek@exempel.se"]
    assert received.message["Subject"] == "Testmeddelande från FINQR Desktop"
    assert str(received.message["Message-ID"]) in page.mail_test.result.text()
    assert page.mail_test.button.isEnabled()


def test_the_servers_refusal_is_shown_in_its_own_words(qtbot, page, smtp):
    controller, handler = smtp(server.RecordingHandler(refuse={"RCPT": "550 no such mailbox"}))
    fill(page.mail, host="127.0.0.1", security="none", port=str(controller.port))
    page.mail_test.address.setText("finns.inte@exempel.se")

    with qtbot.waitSignal(page.mail_test.finished, timeout=WAIT_MS) as blocker:
        page.mail_test.button.click()

    assert blocker.args == [False]
    assert "no such mailbox" in page.mail_test.result.text()
    assert "550" in page.mail_test.result.text()
    assert handler.received == []


def test_a_bad_test_address_is_refused_before_anything_is_sent(page):
    page.mail.host.setText("127.0.0.1")
    page.mail_test.address.setText("inte en adress")
    assert not page.mail_test.send()
    assert "not an e-mail address" in page.mail_test.result.text()
    assert not page.mail_test.call.busy


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_without_a_keyring_the_test_email_asks_for_the_password(
    qtbot, page, ledger, smtp, monkeypatch
):
    controller, handler = smtp(
        authenticator=server.authenticator, auth_required=True, auth_require_tls=False
    )
    configure(ledger, controller.port, username=server.USER)
    page.mail.reload()
    asked = []

    def answer(_parent, settings):
        asked.append(settings.password_key)
        return server.PASSWORD

    monkeypatch.setattr(smtp_passwords, "ask_password", answer)

    with qtbot.waitSignal(page.mail_test.finished, timeout=WAIT_MS) as blocker:
        assert page.mail_test.send()

    assert blocker.args == [True] and asked == [f"{server.USER}@127.0.0.1"]
    assert len(handler.received) == 1
    with qtbot.waitSignal(page.mail_test.finished, timeout=WAIT_MS):
        page.mail_test.send()
    assert len(asked) == 1 and len(handler.received) == 2


def test_a_cancelled_password_prompt_sends_nothing(page, ledger, monkeypatch):
    configure(ledger, 2525, username=server.USER)
    page.mail.reload()
    monkeypatch.setattr(smtp_passwords, "ask_password", lambda _parent, _settings: None)

    assert not page.mail_test.send()
    assert "needs a password" in page.mail_test.result.text()
    assert not page.mail_test.call.busy
