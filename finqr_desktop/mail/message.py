"""Building the e-mail itself, the same way for the GUI and for the worker.

The modern email API with the SMTP policy does the encoding: encoded words for non-ASCII
names and subjects, RFC 2231 for non-ASCII file names, quoted-printable bodies so the
message is 7-bit clean even for a server without 8BITMIME.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, localtime, make_msgid

from .addresses import Recipient, ascii_domain, mailbox, parse_recipient

logger = logging.getLogger(__name__)

Attachment = tuple[str, bytes, str]


def build_message(
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
) -> EmailMessage:
    """A ready-to-send message; ValueError names the part that is wrong.

    ``to`` holds ``"Name <addr>"`` strings or ``(name, addr)`` pairs, one recipient each.
    ``attachments`` are (file name, bytes, MIME type such as "application/pdf").
    ``message_id_domain`` defaults to the sender's domain.
    """
    if not to:
        raise ValueError("to: the message needs at least one recipient")
    if "\n" in subject or "\r" in subject:
        raise ValueError("subject: a subject is one line")
    sender = mailbox(sender_name, sender_address)
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = [parse_recipient(recipient) for recipient in to]
    if reply_to:
        message["Reply-To"] = parse_recipient(reply_to)
    message["Subject"] = subject
    message["Date"] = format_datetime(localtime())
    domain = message_id_domain or sender.domain
    message["Message-ID"] = make_msgid(domain=ascii_domain(domain))

    message.set_content(text, cte="quoted-printable")
    if html:
        message.add_alternative(html, subtype="html", cte="quoted-printable")
    for filename, data, mime_type in attachments:
        maintype, slash, subtype = mime_type.partition("/")
        if not slash or not maintype or not subtype:
            raise ValueError(f"attachments: not a MIME type: {mime_type!r}")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    _fix_boundaries(message, attachments)
    logger.debug("built message %s with %d attachment(s)", message["Message-ID"], len(attachments))
    return message


def _fix_boundaries(message: EmailMessage, attachments: Sequence[Attachment]) -> None:
    """Give every multipart a boundary made from a hash of its parts' content.

    "=_" cannot occur in a quoted-printable or base64 body, nor in an encoded header, so it
    starts every boundary; a plain-ASCII file name is the only text that could hold one,
    and a clash with a name is avoided by hashing again.
    """
    names = [name for name, _, _ in attachments]
    # Innermost first: hashing a part that holds a multipart would give that one a random
    # boundary if it had none yet.
    multiparts = [part for part in message.walk() if part.is_multipart()]
    for depth, part in reversed(list(enumerate(multiparts))):
        digest = hashlib.sha256(f"{depth}".encode())
        for child in part.iter_parts():
            # The headers and the already encoded body: the same content gives the same
            # boundary without serialising the message (and its PDF) once more just for this.
            for name, value in child.items():
                digest.update(f"{name}: {value}\n".encode())
            body = child.get_boundary() if child.is_multipart() else child.get_payload()
            digest.update(str(body).encode())
        boundary = "=_" + digest.hexdigest()[:40]
        while any(boundary in name for name in names):
            boundary = "=_" + hashlib.sha256(boundary.encode()).hexdigest()[:40]
        part.set_boundary(boundary)
