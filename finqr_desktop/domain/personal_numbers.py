"""Swedish personal identity numbers (personnummer, samordningsnummer), and the 12-digit
ways of writing an organisation number.

A personal identity number is the date of birth, three serial digits and a Luhn check digit
over the last ten: YYMMDD-NNNC, or with the century, YYYYMMDD-NNNC, the form Skatteverket
recommends for stored numbers, since the short form tells the century only by its separator
("+" from the year a person turns 100). A coordination number (samordningsnummer) is built
the same way with 60 added to the day.

A person's number is kept in the form it was given, written as the app has always written
the 10-digit one (a hyphen before the last four): turning one form into the other would
mean guessing a century, or dropping it. An organisation number is always kept as its 10
digits (Peppol, SIE and the printed invoice use those); see ``normalise_org_number``.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum import luhn

from .identifiers import IdentifierError, normalise_orgnr
from .messages import msg

# Whitespace, hyphens and the dashes word processors put in; "+" is a separator with a
# meaning (the person is 100 or older), so it is read apart.
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]")
_CENTURIES = ("19", "20")
_COORDINATION_DAY_OFFSET = 60


def normalise_personnummer(text: str) -> str:
    """A Swedish personal identity or coordination number: YYMMDD-NNNC (YYMMDD+NNNC for a
    person of 100 or more) from 10 digits, YYYYMMDD-NNNC from 12."""
    label = msg("Personal identity number")
    digits, plus = _person_digits(label, text)
    _check_person(label, text, digits)
    if len(digits) == 12:
        return f"{digits[:8]}-{digits[8:]}"
    return f"{digits[:6]}{'+' if plus else '-'}{digits[6:]}"


def normalise_org_number(text: str) -> str:
    """A Swedish organisation number as NNNNNN-NNNN, also when written in 12 digits: with
    the prefix 16 (Skatteverket's 12-digit form for a legal person) or, for a sole trader,
    as the owner's personal identity number with its century."""
    compact = _SEPARATORS.sub("", text) if isinstance(text, str) else text
    if (
        isinstance(compact, str)
        and len(compact) == 12
        and compact.isascii()
        and compact.isdigit()
        and compact[:2] in _CENTURIES
    ):
        _check_person(msg("Organisation number"), text, compact)
        return normalise_orgnr(compact[2:])
    return normalise_orgnr(text)


def _person_digits(label: str, text: str) -> tuple[str, bool]:
    """The number's digits, and whether the 10-digit form was written with "+"."""
    if not isinstance(text, str):
        raise TypeError(f"{label} must be given as text, not {type(text).__name__}")
    compact = _SEPARATORS.sub("", text)
    if not compact:
        raise IdentifierError(msg("{label}: nothing was entered", label=label))
    plus = len(compact) in (11, 13) and compact[-5] == "+"
    if plus:
        compact = compact[:-5] + compact[-4:]
    for char in compact:
        if not ("0" <= char <= "9"):
            raise _refused(
                label, text, msg("{char} is not allowed, use only digits", char=repr(char))
            )
    if len(compact) not in (10, 12):
        raise _refused(
            label,
            text,
            msg("it must have 10 or 12 digits, this has {count}", count=len(compact)),
        )
    return compact, plus and len(compact) == 10


def _check_person(label: str, text: str, digits: str) -> None:
    if len(digits) == 12 and digits[:2] not in _CENTURIES:
        raise _refused(
            label, text, msg("in 12 digits the number starts with the century, 19 or 20")
        )
    date_part = digits[:-4]
    if not _is_birth_date(date_part):
        raise _refused(
            label,
            text,
            msg(
                "{digits} is not a date of birth (a coordination number adds 60 to the day)",
                digits=date_part,
            ),
        )
    if not luhn.is_valid(digits[-10:]):
        raise _refused(label, text, msg("the check digit is wrong"))


def _is_birth_date(date_part: str) -> bool:
    """YYMMDD or YYYYMMDD, the day possibly raised by 60 (a coordination number)."""
    # Without the century, 2000 + YY is a leap year exactly when some century makes YY one.
    year = int(date_part[:4]) if len(date_part) == 8 else 2000 + int(date_part[:2])
    month, day = int(date_part[-4:-2]), int(date_part[-2:])
    if day > _COORDINATION_DAY_OFFSET:
        day -= _COORDINATION_DAY_OFFSET
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _refused(label: str, text: str, problem: str) -> IdentifierError:
    # The same template as the other identifiers' messages (domain.identifiers).
    shown = " ".join(text.split())
    return IdentifierError(
        msg("{label} {shown}: {problem}", label=label, shown=shown, problem=problem)
    )
