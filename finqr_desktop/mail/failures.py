"""Why a message did not go out, sorted by whether trying again later can help.

``TemporaryFailure`` is worth retrying (a 4xx reply, a refused or dropped connection, a
timeout, a name that did not resolve); ``PermanentFailure`` is not until someone changes
something (a 5xx reply, a wrong password, a refused recipient, a certificate problem).
Both carry the SMTP code when there was one and a one-line message for the clerk.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl

from ..domain.messages import error_message, msg

logger = logging.getLogger(__name__)


class MailFailure(Exception):
    def __init__(self, code: int | None, message: str):
        self.code = code
        self.message = message
        super().__init__(
            msg("{message} ({code})", message=message, code=code) if code else message
        )


class TemporaryFailure(MailFailure):
    """Trying again later may well work."""


class PermanentFailure(MailFailure):
    """Trying again will fail the same way until the settings or the address change."""


def from_reply(code: int, reply: bytes | str, what: str) -> MailFailure:
    """A failure for an SMTP reply; ``what`` says what the server refused, for the clerk."""
    # The server's reply stays in the words it was written in.
    reply = _one_line(reply)
    if 400 <= code < 500:
        return TemporaryFailure(
            code,
            msg(
                "The mail server refused {what} for now; it will be tried again: {reply}",
                what=what,
                reply=reply,
            ),
        )
    return PermanentFailure(
        code, msg("The mail server refused {what}: {reply}", what=what, reply=reply)
    )


def classify(error: BaseException, host: str) -> MailFailure:
    """Turn whatever smtplib, ssl or the socket raised into one of the two failures."""
    if isinstance(error, MailFailure):
        return error
    if isinstance(error, smtplib.SMTPAuthenticationError):
        if 400 <= error.smtp_code < 500:
            return from_reply(error.smtp_code, error.smtp_error, msg("the login"))
        return PermanentFailure(
            error.smtp_code,
            msg("The mail server {host} did not accept the user name or password", host=host),
        )
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return PermanentFailure(
            None,
            msg(
                "The mail server {host} does not offer {feature}",
                host=host,
                feature=error_message(error),
            ),
        )
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 400:
        return from_reply(error.smtp_code, error.smtp_error, msg("the message"))
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return TemporaryFailure(
            None, msg("The connection to the mail server {host} was lost", host=host)
        )
    if isinstance(error, ssl.SSLCertVerificationError):
        return PermanentFailure(
            None, msg("The certificate of the mail server {host} could not be verified", host=host)
        )
    if isinstance(error, ssl.SSLError):
        return PermanentFailure(
            None,
            msg(
                "No secure connection to {host}: check the port and the security setting",
                host=host,
            ),
        )
    if isinstance(error, socket.gaierror):
        return TemporaryFailure(
            None, msg("The mail server's name {host} could not be found", host=host)
        )
    if isinstance(error, TimeoutError):
        return TemporaryFailure(
            None, msg("The mail server {host} did not answer in time", host=host)
        )
    if isinstance(error, ConnectionRefusedError):
        return TemporaryFailure(
            None, msg("The mail server {host} refused the connection", host=host)
        )
    if isinstance(error, ConnectionError):
        return TemporaryFailure(
            None, msg("The mail server {host} closed the connection", host=host)
        )
    # The operating system's or smtplib's own words below stay in English.
    if isinstance(error, OSError):
        return TemporaryFailure(
            None,
            msg(
                "No connection to the mail server {host}: {problem}", host=host, problem=str(error)
            ),
        )
    if isinstance(error, smtplib.SMTPException):
        return PermanentFailure(
            None,
            msg(
                "The mail server {host} answered unexpectedly: {problem}",
                host=host,
                problem=str(error),
            ),
        )
    raise error


def _one_line(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"
