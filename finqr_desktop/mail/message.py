"""Building the e-mail itself, the same way for the GUI and for the worker.

``compose`` checks every part and writes the message as it goes on the wire (see
``mime_writer``): encoded words for non-ASCII names and subjects, RFC 2231 for non-ASCII
file names, quoted-printable bodies, so the message is 7-bit clean even for a server
without 8BITMIME. ``build_message`` gives the same message read back by the email package,
for whoever wants to look inside it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP
from email.utils import format_datetime, localtime, make_msgid

from ..domain.messages import msg
from . import mime_writer
from .addresses import Recipient, ascii_domain, mailbox, parse_recipient

logger = logging.getLogger(__name__)

Attachment = tuple[str, bytes, str]
# type/subtype as RFC 2045 tokens: nothing that could end the header line it is written in.
_MIME_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")


@dataclass(frozen=True)
class Composed:
    """A message as bytes for the wire (CRLF), its envelope recipients and Message-ID."""

    data: bytes
    recipients: list[str]
    message_id: str


def parsed(data: bytes) -> EmailMessage:
    """The message read back as the email package's object, for previews and checks;
    its texts have plain newlines, as they were given, not the wire's CRLF."""
    return BytesParser(policy=SMTP).parsebytes(data.replace(b"\r\n", b"\n"))


def build_message(**fields) -> EmailMessage:
    """``compose``'s message as an EmailMessage; ValueError names the part that is wrong."""
    return parsed(compose(**fields).data)


def compose(
    *,
    sender_name: str,
    sender_address: str,
    to: Sequence[Recipient],
    reply_to: Recipient = "",
    subject: str,
    text: str,
    html: str = "",
    attachments: Sequence[Attachment] = (),
    message_id_domain: str = "",
) -> Composed:
    """A ready-to-send message; ValueError names the part that is wrong.

    ``to`` holds ``"Name <addr>"`` strings or ``(name, addr)`` pairs, one recipient each.
    ``attachments`` are (file name, bytes, MIME type such as "application/pdf").
    ``message_id_domain`` defaults to the sender's domain.
    """
    if not to:
        raise ValueError(msg("to: the message needs at least one recipient"))
    if "\n" in subject or "\r" in subject:
        raise ValueError(msg("subject: a subject is one line"))
    sender = mailbox(sender_name, sender_address)
    recipients = [parse_recipient(recipient) for recipient in to]
    domain = message_id_domain or sender.domain
    message_id = make_msgid(domain=ascii_domain(domain))
    headers = [
        mime_writer.address_header("From", [sender]),
        mime_writer.address_header("To", recipients),
    ]
    if reply_to:
        headers.append(mime_writer.address_header("Reply-To", [parse_recipient(reply_to)]))
    headers += [
        mime_writer.text_header("Subject", subject),
        mime_writer.plain_header("Date", format_datetime(localtime())),
        mime_writer.plain_header("Message-ID", message_id),
        mime_writer.plain_header("MIME-Version", "1.0"),
    ]
    body = mime_writer.text_part(text, "plain")
    if html:
        body = mime_writer.multipart("alternative", [body, mime_writer.text_part(html, "html")])
    parts = [body]
    for filename, data, mime_type in attachments:
        if not _MIME_TYPE.fullmatch(mime_type):
            raise ValueError(msg("attachments: not a MIME type: {type}", type=repr(mime_type)))
        if not filename or any(ord(char) < 32 or ord(char) == 127 for char in filename):
            raise ValueError(msg("attachments: not a file name: {name}", name=repr(filename)))
        parts.append(mime_writer.attachment_part(filename, data, mime_type))
    if len(parts) > 1:
        names = [name for name, _, _ in attachments]
        body = mime_writer.multipart("mixed", parts, avoid=names)
    data = b"\r\n".join(headers) + b"\r\n" + body
    logger.debug("built message %s with %d attachment(s)", message_id, len(attachments))
    return Composed(data, [address.addr_spec for address in recipients], message_id)
