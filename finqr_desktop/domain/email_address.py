"""What counts as an e-mail address, the same for customers, the company and every send.

An address saved on a customer is exactly one the sender will accept later: the part
before the @ in plain ASCII (a non-ASCII local part needs SMTPUTF8, which many servers a
small business sends through do not offer), the domain as a name that IDNA turns into
ASCII (``åkesson.se`` is fine). The display name is not part of it: mail adds the
customer's name itself.
"""

from __future__ import annotations

import re

from .messages import msg

# The dot-atom of RFC 5322 in ASCII.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
MAX_LENGTH = 254
# An RFC 2047 encoded word. In a display name a mail program decodes it, so a name such as
# "=?utf-8?b?QmNjOiBldmlsQHguc2U=?=" would read as "Bcc: evil@x.se" and add a recipient.
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")


def encoded_word_problem(name: str) -> str | None:
    """Why ``name`` cannot stand in an e-mail header as a name, or None when it can."""
    if _ENCODED_WORD.search(name):
        return msg("holds an encoded e-mail word (=?…?=); write the name as it reads")
    return None


def normalise_address(value: str) -> str:
    """The address with its domain in ASCII; ValueError saying what is wrong with it."""
    value = value.strip()
    local, at, domain = value.rpartition("@")
    if "<" in value or ">" in value or '"' in value:
        why = msg("give the bare address, name@example.com; the name is added when mail is sent")
        raise ValueError(_not_an_address(value, why))
    if not at or not local:
        raise ValueError(_not_an_address(value, msg("it needs name@domain")))
    if len(value) > MAX_LENGTH:
        raise ValueError(_not_an_address(value, msg("longer than {most}", most=MAX_LENGTH)))
    if not _LOCAL.fullmatch(local):
        if local.isascii():
            why = msg("a bad character")
        else:
            why = msg("letters outside A–Z before the @")
        raise ValueError(_not_an_address(value, why))
    try:
        return f"{local}@{ascii_domain(domain)}"
    except ValueError:
        raise ValueError(_not_an_address(value, msg("no valid domain"))) from None


def _not_an_address(value: str, why: str) -> str:
    return msg("not an e-mail address: {address} ({why})", address=repr(value), why=why)


def ascii_domain(domain: str) -> str:
    """``åkesson.se`` as ``xn--kesson-hua.se``; ValueError when it is no domain name."""
    try:
        ascii_name = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(msg("not a domain name: {domain}", domain=repr(domain))) from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(msg("not a domain name: {domain}", domain=repr(domain)))
    return ascii_name
