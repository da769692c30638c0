"""The "send a test e-mail" of the settings page and of ``finqr mail test ADDRESS``.

It goes through exactly the path invoices and reminders take (same builder, same sender),
so a test mail that arrives shows that real mail will too.
"""

from __future__ import annotations

import logging

from .addresses import Recipient
from .html_body import html_body, text_body
from .message import build_message
from .sender import SmtpSender
from .settings import SmtpSettings

logger = logging.getLogger(__name__)

_WORDS = {
    "sv": (
        "Testmeddelande från FINQR Desktop",
        "Det här är ett testmeddelande. Om du kan läsa det fungerar e-postinställningarna.",
        "Servern {host}:{port} ({security}) användes.",
    ),
    "en": (
        "Test message from FINQR Desktop",
        "This is a test message. If you can read it, the e-mail settings work.",
        "The server {host}:{port} ({security}) was used.",
    ),
}


def send_test_message(
    settings: SmtpSettings,
    password: str | None,
    to: Recipient,
    *,
    language: str = "sv",
    verify: bool = True,
) -> str:
    """Send one short message to ``to`` and return its Message-ID.

    Raises ``TemporaryFailure`` or ``PermanentFailure`` with a message for the clerk.
    """
    subject, body, server = _WORDS.get(language, _WORDS["sv"])
    paragraphs = [
        body,
        server.format(host=settings.host, port=settings.port, security=settings.security),
    ]
    message = build_message(
        sender_name=settings.sender_name,
        sender_address=settings.sender_address,
        to=[to],
        reply_to=settings.reply_to,
        subject=subject,
        text=text_body(paragraphs, heading=subject),
        html=html_body(paragraphs, heading=subject, language=language),
    )
    with SmtpSender(settings, password, verify=verify) as sender:
        message_id = sender.send(message)
    logger.info("sent a test message %s", message_id)
    return message_id
