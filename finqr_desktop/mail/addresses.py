"""E-mail addresses: checked once, with an internationalised domain turned into ASCII.

Every address that reaches a header or the SMTP envelope passes through here, so a
recipient typed as ``"Berg, Åsa" <asa.berg@example.com>`` is one mailbox and never two.
"""

from __future__ import annotations

import logging
import re
from email.headerregistry import Address
from email.utils import getaddresses

# One rule for what an address is, shared with the customer and company checks.
from ..domain.email_address import ascii_domain, encoded_word_problem, normalise_address
from ..domain.messages import msg

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Recipient = str | tuple[str, str]
__all__ = ["ascii_domain", "normalise_address", "mailbox", "parse_recipient"]


def check_display_name(name: str) -> str:
    """The name stripped; a line break in it would be a way to add headers, so it is refused."""
    if _CONTROL.search(name):
        raise ValueError(
            msg(
                "a name may not contain line breaks or control characters: {name}", name=repr(name)
            )
        )
    why = encoded_word_problem(name)
    if why:
        raise ValueError(msg("the name {name} {problem}", name=repr(name), problem=why))
    return name.strip()


def mailbox(name: str, address: str) -> Address:
    return Address(display_name=check_display_name(name), addr_spec=normalise_address(address))


def parse_recipient(value: Recipient) -> Address:
    """One mailbox from ``"Name <addr>"``, a bare address or a ``(name, addr)`` pair.

    A string holding more than one address is refused rather than split: a comma in an
    unquoted name (``Berg, Åsa <…>``) would otherwise silently become two recipients.
    """
    if isinstance(value, tuple):
        name, address = value
        return mailbox(name, address)
    pairs = getaddresses([value])
    if len(pairs) > 1:
        raise ValueError(_not_one_recipient(value, pairs))
    if len(pairs) != 1 or not pairs[0][1]:
        # Nothing the parser could read as an address ("nobody@", "Name <>"): the address
        # check says what is wrong with the part that should be one.
        normalise_address(_address_part(value))
        raise ValueError(msg("not a recipient: {value}", value=repr(value)))
    name, address = pairs[0]
    return mailbox(name, address)


def _not_one_recipient(value: str, pairs: list[tuple[str, str]]) -> str:
    """Why ``value`` read as several recipients. Only when a piece has no @ of its own was
    a comma most likely part of a name (``Berg, Åsa <…>``); else it lists addresses."""
    if all("@" in address for _name, address in pairs):
        return msg(
            "not one recipient: {value} holds {count} addresses; give one",
            value=repr(value),
            count=len(pairs),
        )
    return msg(
        'not one recipient: {value} (put a name with a comma in quotes: "Berg, Åsa")',
        value=repr(value),
    )


def _address_part(value: str) -> str:
    """The text between < and > when there is such a part, else the whole value."""
    opening, closing = value.rfind("<"), value.rfind(">")
    return value[opening + 1 : closing] if 0 <= opening < closing else value
