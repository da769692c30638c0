"""E-mail addresses: checked once, with an internationalised domain turned into ASCII.

Every address that reaches a header or the SMTP envelope passes through here, so a
recipient typed as ``"Berg, Åsa" <asa.berg@example.com>`` is one mailbox and never two.
"""

from __future__ import annotations

import logging
import re
from email.headerregistry import Address
from email.utils import getaddresses

logger = logging.getLogger(__name__)

# The dot-atom of RFC 5322 in ASCII: a non-ASCII local part would need SMTPUTF8, which
# many servers a small business sends through do not offer.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Recipient = str | tuple[str, str]


def normalise_address(value: str) -> str:
    """The address with its domain in ASCII (IDNA); ValueError saying why when it is not one."""
    value = value.strip()
    local, at, domain = value.rpartition("@")
    if not at or not _LOCAL.fullmatch(local) or len(value) > 254:
        raise ValueError(f"not an e-mail address: {value!r}")
    try:
        return f"{local}@{ascii_domain(domain)}"
    except ValueError:
        raise ValueError(f"not an e-mail address: {value!r}") from None


def ascii_domain(domain: str) -> str:
    """``åkesson.se`` as ``xn--kesson-hua.se``; ValueError when it is no domain name."""
    try:
        ascii_name = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(f"not a domain name: {domain!r}") from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(f"not a domain name: {domain!r}")
    return ascii_name


def check_display_name(name: str) -> str:
    """The name stripped; a line break in it would be a way to add headers, so it is refused."""
    if _CONTROL.search(name):
        raise ValueError(f"a name may not contain line breaks or control characters: {name!r}")
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
    if len(pairs) != 1 or not pairs[0][1]:
        raise ValueError(
            f'not one recipient: {value!r} (put a name with a comma in quotes: "Berg, Åsa")'
        )
    name, address = pairs[0]
    return mailbox(name, address)
