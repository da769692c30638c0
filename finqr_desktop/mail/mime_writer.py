"""The wire form of an outgoing message, written directly as bytes.

The email package's object model parses and refolds every header it is given and walks the
tree again to serialise it; for a run of hundreds of reminders that was a third of the time
spent building each one. The messages sent here always have one of four shapes (text;
text and HTML; either with attachments), so they are written out as 7-bit bytes with CRLF
line ends: encoded words for non-ASCII names and subjects, RFC 2231 for non-ASCII file
names, quoted-printable text and base64 attachments, every line within 78 characters.
The email package still reads them back for previews (``message.parsed``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from email import quoprimime
from email.headerregistry import Address
from email.utils import formataddr
from urllib.parse import quote

CRLF = b"\r\n"
# Characters a word of a display name may hold without quoting or encoding (RFC 5322 atext).
_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
# A word of free text that can stay as it is: printable ASCII that cannot be taken for the
# start of an encoded word.
_PLAIN_TEXT_WORD = re.compile(r"(?:(?!=\?)[\x21-\x7e])+")
# A header line's length that no part of a message written here exceeds (RFC 5322 asks 78).
LINE = 78
_LONG_WORD = 60


def address_header(name: str, addresses: Sequence[Address]) -> bytes:
    """``To: a, b``, folded at spaces where a line would grow past 78 characters."""
    return _fold(f"{name}: " + ", ".join(_mailbox(address) for address in addresses))


def text_header(name: str, value: str) -> bytes:
    """A free-text header (the subject): words that are plain ASCII stay as they are, the
    others become encoded words, and the line is folded at spaces."""
    return _fold(f"{name}: " + _encoded_text(value, _PLAIN_TEXT_WORD))


def plain_header(name: str, value: str) -> bytes:
    return f"{name}: {value}".encode("ascii")


def text_part(text: str, subtype: str) -> bytes:
    """A text part in UTF-8, quoted-printable so that it is 7-bit clean."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    body = binascii.b2a_qp(lines, quotetabs=False, istext=True).replace(b"\n", CRLF)
    if not body.endswith(CRLF):
        body += CRLF
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode() + body


def attachment_part(filename: str, data: bytes, mime_type: str) -> bytes:
    encoded = base64.b64encode(data)
    # 76 characters a line (RFC 2045); one pass of slices, not a Python call per line.
    body = b"".join(encoded[i : i + 76] + CRLF for i in range(0, len(encoded), 76))
    return (
        f"Content-Type: {mime_type}\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        f"Content-Disposition: attachment;{_filename_parameter(filename)}\r\n\r\n"
    ).encode() + body


def multipart(subtype: str, parts: Sequence[bytes], avoid: Sequence[str] = ()) -> bytes:
    """The parts inside one multipart, its boundary a hash of their content.

    "=_" cannot occur in a quoted-printable or base64 body, nor in an encoded header, so it
    starts every boundary; a plain-ASCII file name (``avoid``) is the only text that could
    hold one, and a clash with a name is avoided by hashing again. The same content gives
    the same boundary, so a preview and the message sent agree byte for byte.
    """
    digest = hashlib.sha256(subtype.encode())
    for part in parts:
        digest.update(part)
    boundary = "=_" + digest.hexdigest()[:40]
    while any(boundary in name for name in avoid):
        boundary = "=_" + hashlib.sha256(boundary.encode()).hexdigest()[:40]
    delimiter = b"--" + boundary.encode()
    body = b"".join(delimiter + CRLF + part + CRLF for part in parts)
    return (
        f'Content-Type: multipart/{subtype};\r\n boundary="{boundary}"\r\n\r\n'.encode()
        + body
        + delimiter
        + b"--"
        + CRLF
    )


def _mailbox(address: Address) -> str:
    name = address.display_name
    if not name:
        return address.addr_spec
    if name.isascii() and all(len(word) <= _LONG_WORD for word in name.split(" ")):
        return formataddr((name, address.addr_spec))
    return f"{_phrase(name)} <{address.addr_spec}>"


def _phrase(name: str) -> str:
    """A display name with non-ASCII in it (see ``_encoded_text``)."""
    return _encoded_text(name, _ATEXT)


def _encoded_text(text: str, plain):
    """``text`` with its plain words (as ``plain`` matches them) left as they are and
    every run of the other words turned into encoded words, its inner spaces included.

    A reader drops the space between two adjacent encoded words (RFC 2047), so the
    spaces inside a run travel encoded; only a run too long for one word is split.
    """
    out: list[str] = []
    run: list[str] = []
    for word in [*text.split(" "), None]:
        # A word too long for a line is encoded too: encoded words can be split.
        if word is not None and (len(word) > _LONG_WORD or not plain.fullmatch(word or "x")):
            run.append(word)
            continue
        if run:
            out += _encoded_words(" ".join(run))
            run = []
        if word is not None:
            out.append(word)
    return " ".join(out)


def _encoded_words(text: str) -> list[str]:
    """``text`` as Q-encoded words short enough that one fits on a line after the longest
    header name written here ("Reply-To: "); RFC 2047 allows 75 characters."""
    whole = _q_word(text)
    room = LINE - len("Reply-To: ")
    if len(whole) <= room:
        return [whole]
    frame = len(_q_word(""))
    words, chunk, length = [], "", frame
    for char in text:
        size = len(_q_word(char)) - frame
        if length + size > room and chunk:
            words.append(_q_word(chunk))
            chunk, length = "", frame
        chunk += char
        length += size
    words.append(_q_word(chunk))
    return words


def _q_word(text: str) -> str:
    return quoprimime.header_encode(text.encode("utf-8"), charset="utf-8")


def _fold(header: str) -> bytes:
    """The header line broken before spaces; unfolding (removing each CRLF) restores it
    exactly, inside a quoted name too. A single word longer than a line stays whole."""
    lines, line = [], ""
    for index, word in enumerate(header.split(" ")):
        piece = word if index == 0 else " " + word
        # The header's name keeps its first word beside it.
        if index > 1 and len(line) + len(piece) > LINE:
            lines.append(line)
            line = piece
        else:
            line += piece
    lines.append(line)
    return "\r\n".join(lines).encode("ascii")


def _filename_parameter(filename: str) -> str:
    """``filename="…"``, or RFC 2231's ``filename*=utf-8''…`` (continued when long)."""
    if filename.isascii() and len(filename) < 60:
        escaped = filename.replace("\\", "\\\\").replace('"', '\\"')
        return f' filename="{escaped}"'
    encoded = quote(filename, safe="")
    if len(encoded) <= 50:
        return f" filename*=utf-8''{encoded}"
    pieces, rest = [], encoded
    while rest:
        cut = min(50, len(rest))
        # Never split a %XX escape across two pieces.
        while "%" in rest[max(cut - 2, 0) : cut]:
            cut -= 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    first = f"\r\n filename*0*=utf-8''{pieces[0]}"
    return first + "".join(f";\r\n filename*{n}*={piece}" for n, piece in enumerate(pieces[1:], 1))
