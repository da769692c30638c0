"""Sending to a real SMTP server on loopback and reading what it received."""

import socket
import time

import pytest

from finqr_desktop.mail.check import send_test_message
from finqr_desktop.mail.sender import PermanentFailure, SmtpSender, TemporaryFailure

from . import server
from .conftest import settings_for
from .samples import FILENAME, PDF, SENDER_ADDRESS, SUBJECT, reminder


def check_received(received, message_id):
    assert received.mail_from == SENDER_ADDRESS
    assert received.rcpt_tos == ["asa.berg@example.com"]
    message = received.message
    assert message["Message-ID"] == message_id
    assert message["Subject"] == SUBJECT
    assert str(message["From"]) == "Åkesson & Söner's AB <faktura@akesson.example>"
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        ("Berg, Åsa", "asa.berg@example.com")
    ]
    assert message["Reply-To"].addresses[0].addr_spec == "eva.ek@akesson.example"
    assert message["Reply-To"].addresses[0].display_name == "Eva Ek, ekonomi"
    assert "fått betalt" in message.get_body(("plain",)).get_content()
    assert "fått betalt" in message.get_body(("html",)).get_content()
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == FILENAME
    assert attachment.get_content() == PDF


def test_plain_for_a_local_relay(smtp_server):
    controller, handler = smtp_server()

    with SmtpSender(settings_for(controller)) as sender:
        message_id = sender.send(reminder())

    (received,) = handler.received
    check_received(received, message_id)


def test_starttls_with_login(smtp_server, tls_context):
    controller, handler = smtp_server(
        tls_context=tls_context, require_starttls=True, authenticator=server.authenticator,
        auth_required=True,
    )  # fmt: skip
    settings = settings_for(controller, "starttls", username=server.USER)

    with SmtpSender(settings, server.PASSWORD, verify=False) as sender:
        message_id = sender.send(reminder())

    check_received(handler.received[0], message_id)


def test_implicit_tls(smtp_server, tls_context):
    controller, handler = smtp_server(ssl_context=tls_context)

    with SmtpSender(settings_for(controller, "tls"), verify=False) as sender:
        message_id = sender.send(reminder())

    check_received(handler.received[0], message_id)


def test_a_self_signed_certificate_is_refused_when_verifying(smtp_server, tls_context):
    controller, handler = smtp_server(tls_context=tls_context, require_starttls=True)

    with pytest.raises(PermanentFailure, match="certificate"):
        SmtpSender(settings_for(controller, "starttls")).connect()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_login_on_a_plain_connection_when_the_relay_allows_it(smtp_server):
    controller, handler = smtp_server(
        authenticator=server.authenticator, auth_required=True, auth_require_tls=False
    )
    settings = settings_for(controller, username=server.USER)

    with SmtpSender(settings, server.PASSWORD) as sender:
        sender.send(reminder())

    assert len(handler.received) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_a_wrong_password_is_permanent_with_code_535(smtp_server):
    controller, _ = smtp_server(
        authenticator=server.authenticator, auth_required=True, auth_require_tls=False
    )
    settings = settings_for(controller, username=server.USER)

    with pytest.raises(PermanentFailure, match="user name or password") as raised:
        SmtpSender(settings, "fel").connect()

    assert raised.value.code == 535


def test_a_batch_shares_one_connection(smtp_server):
    controller, handler = smtp_server()

    with SmtpSender(settings_for(controller)) as sender:
        ids = [sender.send(reminder()) for _ in range(5)]

    assert [r.message["Message-ID"] for r in handler.received] == ids
    assert len(set(ids)) == 5
    assert handler.connections == 1
    assert {r.peer for r in handler.received} == {handler.received[0].peer}


def test_a_connection_the_server_dropped_is_reopened_once(smtp_server):
    controller, handler = smtp_server(timeout=0.3)

    with SmtpSender(settings_for(controller)) as sender:
        sender.send(reminder())
        time.sleep(0.8)  # the server closes idle connections after 0.3 s
        sender.send(reminder())

    assert len(handler.received) == 2
    assert handler.connections == 2


def test_a_451_reply_is_temporary_and_the_connection_stays_usable(smtp_server):
    handler = server.RecordingHandler(refuse={"DATA": "451 4.3.0 Mailbox busy, try later"})
    controller, _ = smtp_server(handler)

    with SmtpSender(settings_for(controller)) as sender:
        with pytest.raises(TemporaryFailure, match="Mailbox busy") as raised:
            sender.send(reminder())
        handler.refuse.clear()
        sender.send(reminder())

    assert raised.value.code == 451
    assert len(handler.received) == 1
    assert handler.connections == 1


def test_a_refused_recipient_is_permanent(smtp_server):
    handler = server.RecordingHandler(refuse={"RCPT": "550 5.1.1 No such user"})
    controller, _ = smtp_server(handler)

    with SmtpSender(settings_for(controller)) as sender:
        with pytest.raises(PermanentFailure, match="asa.berg@example.com") as raised:
            sender.send(reminder())

    assert raised.value.code == 550
    assert "No such user" in raised.value.message
    assert handler.received == []


def test_a_closed_port_is_temporary():
    port = server.free_port()
    settings = settings_for(type("Closed", (), {"port": port}))

    with pytest.raises(TemporaryFailure, match="refused the connection") as raised:
        SmtpSender(settings).connect()

    assert raised.value.code is None


def test_a_server_that_never_greets_is_a_temporary_timeout():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings = settings_for(type("Silent", (), {"port": silent.getsockname()[1]}), timeout=0.3)

        with pytest.raises(TemporaryFailure):
            SmtpSender(settings).connect()


def test_a_name_that_does_not_resolve_is_temporary(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    settings = settings_for(type("Nowhere", (), {"port": 25}), host="smtp.nowhere.example")

    with pytest.raises(TemporaryFailure, match="could not be found"):
        SmtpSender(settings).connect()


def test_a_user_name_without_a_password_is_refused_before_connecting(smtp_server):
    controller, _ = smtp_server()

    with pytest.raises(ValueError, match="password"):
        SmtpSender(settings_for(controller, username="eva"))


def test_the_test_message_arrives(smtp_server):
    controller, handler = smtp_server()
    settings = settings_for(controller, reply_to="eva.ek@akesson.example")

    message_id = send_test_message(settings, None, '"Berg, Åsa" <asa.berg@example.com>')

    (received,) = handler.received
    assert received.message["Message-ID"] == message_id
    assert received.rcpt_tos == ["asa.berg@example.com"]
    assert received.message["Subject"] == "Testmeddelande från FINQR Desktop"
    assert received.message.get_body(("html",)) is not None


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
@pytest.mark.parametrize("mechanism_left_out", ["PLAIN", "LOGIN"])
def test_a_non_ascii_password_logs_in_with_either_mechanism(smtp_server, mechanism_left_out):
    controller, handler = smtp_server(
        authenticator=server.authenticator, auth_required=True, auth_require_tls=False,
        auth_exclude_mechanism=[mechanism_left_out],
    )  # fmt: skip
    settings = settings_for(controller, username=server.USER)

    with SmtpSender(settings, server.PASSWORD) as sender:
        sender.send(reminder())
    with pytest.raises(PermanentFailure) as raised:
        SmtpSender(settings, "fel lösenord").connect()

    assert len(handler.received) == 1
    assert raised.value.code == 535
