"""Sending over SMTP: one connection for a whole batch, failures sorted for the retry logic.

The stages of a send are driven one by one (MAIL, RCPT, DATA) rather than through
``send_message`` so that a dropped connection is retried only where that is safe: when the
server went away before MAIL FROM (an idle connection it closed) nothing was delivered yet.
A drop after that is reported as a temporary failure and never resent here, so a message
cannot arrive twice because of this module.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import getaddresses, make_msgid

from ..domain.messages import msg
from .auth import login
from .failures import MailFailure, PermanentFailure, TemporaryFailure, classify, from_reply
from .settings import SmtpSettings

logger = logging.getLogger(__name__)

# The failures belong to sending; they are importable from here as well.
__all__ = ["MailFailure", "PermanentFailure", "SmtpSender", "TemporaryFailure"]


class _DroppedBeforeMail(Exception):
    """The server had closed the connection before this message started."""


class SmtpSender:
    """``with SmtpSender(settings, password) as sender: sender.send(message)``.

    ``verify=False`` accepts any certificate; it exists for tests with self-signed
    certificates and must not be offered to users.
    """

    def __init__(self, settings: SmtpSettings, password: str | None = None, *, verify=True):
        if settings.username and password is None:
            raise ValueError(msg("password: the server has a user name, so a password is needed"))
        self.settings = settings
        self._password = password
        self._verify = verify
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        self.connect()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        s = self.settings
        return f"SmtpSender({s.username or '-'}@{s.host}:{s.port}, {s.security})"

    def connect(self) -> None:
        """Open the connection (TLS and login included) unless it is open already."""
        if self._smtp is not None:
            return
        try:
            self._smtp = self._open()
        except Exception as error:
            raise classify(error, self.settings.host) from error
        s = self.settings
        logger.info("connected to %s:%s (%s)", s.host, s.port, s.security)

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def send(self, message: EmailMessage) -> str:
        """Send one message and return its Message-ID (added when the message has none)."""
        if message["Message-ID"] is None:
            message["Message-ID"] = make_msgid(domain=self.settings.sender_address.split("@")[1])
        recipients = _recipients(message)
        if not recipients:
            raise PermanentFailure(None, msg("The message has no recipient"))
        data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        message_id = str(message["Message-ID"])
        return self.send_data(data, recipients, message_id)

    def send_data(self, data: bytes, recipients: list[str], message_id: str) -> str:
        """Send a message already serialised for the wire (CRLF line ends) to
        ``recipients``; returns ``message_id``, which the data carries."""
        if not recipients:
            raise PermanentFailure(None, msg("The message has no recipient"))
        for attempt in (1, 2):
            self.connect()
            try:
                self._transmit(recipients, data)
            except _DroppedBeforeMail as error:
                self._discard()
                if attempt == 2:
                    raise classify(error.__cause__ or error, self.settings.host) from error
                logger.info("the mail server had closed the connection; reconnecting")
                continue
            except MailFailure:
                self._reset()
                raise
            except smtplib.SMTPResponseException as error:
                self._reset()
                raise classify(error, self.settings.host) from error
            except Exception as error:
                self._discard()
                raise classify(error, self.settings.host) from error
            break
        logger.debug("sent %s to %d recipient(s)", message_id, len(recipients))
        return message_id

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context()
        if not self._verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        if s.security == "tls":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.username:
                login(smtp, s.username, self._password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _transmit(self, recipients: list[str], data: bytes) -> None:
        smtp = self._smtp
        try:
            code, reply = smtp.mail(self.settings.sender_address)
        except smtplib.SMTPServerDisconnected as error:
            raise _DroppedBeforeMail() from error
        if code == 421:
            raise _DroppedBeforeMail() from smtplib.SMTPServerDisconnected(reply)
        if code != 250:
            raise from_reply(
                code, reply, msg("the sender {address}", address=self.settings.sender_address)
            )
        for address in recipients:
            code, reply = smtp.rcpt(address)
            if code not in (250, 251):
                raise from_reply(code, reply, msg("the recipient {address}", address=address))
        code, reply = smtp.data(data)
        if code != 250:
            raise from_reply(code, reply, msg("the message"))

    def _reset(self) -> None:
        """After a refusal the connection is still good for the next message of the batch."""
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._discard()

    def _discard(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()


def _recipients(message: EmailMessage) -> list[str]:
    """Envelope recipients from To and Cc, read from the parsed headers so that a quoted
    comma in a name never splits one recipient into two."""
    found = []
    for name in ("To", "Cc"):
        for header in message.get_all(name, []):
            addresses = getattr(header, "addresses", None)
            if addresses is not None:
                found += [a.addr_spec for a in addresses]
            else:
                found += [address for _, address in getaddresses([str(header)]) if address]
    return found
