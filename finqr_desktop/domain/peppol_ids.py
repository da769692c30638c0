"""Peppol endpoint IDs: the address an e-invoice is delivered to, "scheme:identifier".

The scheme is a code of the Peppol Electronic Address Scheme list (EAS). The schemes a
Swedish ledger meets most are checked fully (organisation number, GLN, Swedish VAT number,
the Nordic registers); the rest of the list is accepted with a plain shape check, because
an access point refuses an address it does not know anyway, and a wrong check digit is
the mistake a clerk makes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import ean
from stdnum.be import vat as be_vat
from stdnum.dk import cvr as dk_cvr
from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.no import orgnr as no_orgnr

from .identifiers import IdentifierError, normalise_orgnr, normalise_se_vat, normalise_vat_number
from .messages import error_message, msg

SWEDISH_ORG_NUMBER = "0007"

# Code: what it is. Those with a checker below are validated; others are shape-checked.
SCHEMES = {
    "0007": "Swedish organisation number",
    "0088": "GLN (GS1 Global Location Number)",
    "0184": "Danish CVR number",
    "0192": "Norwegian organisation number",
    "0208": "Belgian enterprise number",
    "0212": "Finnish organisation identifier",
    "0213": "Finnish VAT number",
    "0216": "Finnish OVTcode",
    "0060": "DUNS number",
    "0106": "Dutch chamber of commerce number",
    "0190": "Dutch OIN",
    "0204": "German Leitweg-ID",
    "9930": "German VAT number",
    "9955": "Swedish VAT number",
    "9957": "French VAT number",
    "9925": "Belgian VAT number",
    "9944": "Dutch VAT number",
}
_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-_:/]{0,49}$")


@dataclass(frozen=True)
class EndpointId:
    scheme: str
    identifier: str

    def __str__(self) -> str:
        return f"{self.scheme}:{self.identifier}"


def parse_endpoint(text: str) -> EndpointId:
    """A checked endpoint from "0007:5560360793" (spaces and a Swedish hyphen allowed).

    IdentifierError says what is wrong: the scheme, the shape or the check digit.
    """
    compact = text.strip()
    scheme, separator, identifier = compact.partition(":")
    scheme, identifier = scheme.strip(), identifier.strip()
    if not separator or not scheme or not identifier:
        raise IdentifierError(
            msg(
                "Peppol endpoint ID {text} must be scheme:identifier, e.g. 0007:5560360793",
                text=repr(text),
            )
        )
    if scheme not in SCHEMES:
        known = ", ".join(f"{code} ({name})" for code, name in sorted(SCHEMES.items()))
        raise IdentifierError(
            msg(
                "Peppol scheme {scheme} is not one this ledger knows: {known}",
                scheme=repr(scheme),
                known=known,
            )
        )
    try:
        identifier = _CHECKERS.get(scheme, _shape_only)(identifier)
    except (IdentifierError, ValidationError) as error:
        detail = error_message(error) or msg("the check digit or length is wrong")
        raise IdentifierError(
            msg(
                "Peppol endpoint ID {text} is not a valid {scheme}: {detail}",
                text=repr(text),
                scheme=SCHEMES[scheme],
                detail=detail,
            )
        ) from None
    return EndpointId(scheme, identifier)


def endpoint_from_org_number(org_number: str) -> EndpointId | None:
    """A Swedish company's default address: scheme 0007 and the organisation number."""
    digits = "".join(c for c in org_number if c.isdigit())
    return EndpointId(SWEDISH_ORG_NUMBER, digits) if len(digits) == 10 else None


def _swedish_org(text: str) -> str:
    return normalise_orgnr(text).replace("-", "")


def _shape_only(text: str) -> str:
    if not _SHAPE.match(text):
        raise IdentifierError(msg("letters, digits and . - _ : / only, at most 50 characters"))
    return text


_CHECKERS = {
    "0007": _swedish_org,
    "0088": lambda text: ean.validate(text) if len(ean.compact(text)) == 13 else _gln_length(),
    "0184": dk_cvr.validate,
    "0192": no_orgnr.validate,
    "0208": lambda text: _belgian_enterprise(text),
    "0212": fi_ytunnus.validate,
    "9955": normalise_se_vat,
    "9930": lambda text: normalise_vat_number(text, "DE"),
    "9957": lambda text: normalise_vat_number(text, "FR"),
    "9925": lambda text: normalise_vat_number(text, "BE"),
    "9944": lambda text: normalise_vat_number(text, "NL"),
}


def _belgian_enterprise(text: str) -> str:
    """The KBO/BCE number: ten digits (0403.170.701 as printed), the last two 97 minus the
    first eight mod 97; the same digits as the Belgian VAT number, without BE."""
    if not re.fullmatch(r"[0-9. ]+", text):
        raise IdentifierError(msg("ten digits, e.g. 0403.170.701 (without BE)"))
    return be_vat.validate(text)


def _gln_length() -> str:
    raise IdentifierError(msg("a GLN has 13 digits"))
