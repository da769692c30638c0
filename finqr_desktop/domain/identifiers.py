"""Payment and company identifiers: OCR, bankgiro, plusgiro, org. and VAT numbers, IBAN, BIC, RF.

Every ``normalise_*`` function takes what a clerk typed or pasted (spaces, hyphens and the
dashes word processors put in are tolerated) and returns one canonical string, or raises
``IdentifierError`` whose message names the field, repeats the input and says what is wrong.
Identifiers are strings throughout: leading zeros are significant (DOMAIN.md 1.1).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from babel import Locale
from stdnum import bic as stdnum_bic
from stdnum import get_cc_module, iso11649, luhn, numdb
from stdnum import iban as stdnum_iban
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from stdnum.iso7064 import mod_97_10
from stdnum.se import orgnr as se_orgnr
from stdnum.se import vat as se_vat

from .messages import msg

OCR_MIN_LENGTH = 2
OCR_MAX_LENGTH = 25
RF_MAX_BODY = 21

DIGITS = frozenset("0123456789")
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Whitespace of any kind plus the hyphens and dashes that PDFs and word processors produce
# when a number is copied ("5402–9681" with an en dash is common).
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]")
_SHOWN_MAX = 40


class IdentifierError(ValueError):
    """An identifier that is malformed; the message is written for the clerk who typed it."""


def _shown(text: str) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= _SHOWN_MAX else shown[: _SHOWN_MAX - 1] + "…"


def _nothing(label: str) -> IdentifierError:
    # Also for input of only separators ("-"): quoting it back would read as a typo.
    return IdentifierError(msg("{label}: nothing was entered", label=label))


def _fail(label: str, text: str, problem: str) -> IdentifierError:
    shown = _shown(text)
    if not shown:
        return _nothing(label)
    return IdentifierError(
        msg("{label} {shown}: {problem}", label=label, shown=shown, problem=problem)
    )


def _require_str(text: object, label: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{label} must be given as text, not {type(text).__name__}")
    return text


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def _digits_only(label: str, text: object) -> str:
    text = _require_str(text, label)
    # Not upper-cased, so an offending letter is quoted exactly as the clerk typed it.
    compact = _SEPARATORS.sub("", text)
    if not compact:
        raise _nothing(label)
    for char in compact:
        if char not in DIGITS:
            raise _fail(
                label, text, msg("{char} is not allowed, use only digits", char=repr(char))
            )
    return compact


def _country_name(code: str) -> str:
    return Locale("en").territories.get(code.upper(), code.upper())


# --- Luhn (10-modul) ---------------------------------------------------------------------


def luhn_check_digit(body: str) -> str:
    """The Luhn ("10-modul") digit that completes ``body`` (weights 2,1,2,… from the right)."""
    body = _require_str(body, "Luhn body")
    if not body or not set(body) <= DIGITS:
        raise IdentifierError(f"a Luhn check digit needs digits only, got {body!r}")
    return luhn.calc_check_digit(body)


def is_luhn_valid(number: str) -> bool:
    """True when the digits, check digit last, pass Luhn; False for empty or non-digit text."""
    if not isinstance(number, str) or not number or not set(number) <= DIGITS:
        return False
    return luhn.is_valid(number)


# --- OCR reference numbers (DOMAIN.md 1) -------------------------------------------------


def make_ocr(base: str, *, length_digit: bool = True, fixed_length: int | None = None) -> str:
    """An OCR number built from ``base`` (typically the invoice number).

    Every non-digit of the base is dropped, so "2026-0042" gives the base 20260042. The length
    digit is on by default because such numbers pass every control level (1-3). For level 4
    (agreed fixed length) pass ``fixed_length``: the base is zero-padded on the left so the
    result has exactly that many digits.
    """
    base = _require_str(base, "OCR base")
    digits = "".join(char for char in base if char in DIGITS)
    if not digits:
        raise IdentifierError(
            msg("cannot make an OCR number from {base}: it contains no digits", base=repr(base))
        )
    extra = 2 if length_digit else 1
    if fixed_length is not None:
        if (
            isinstance(fixed_length, bool)
            or not isinstance(fixed_length, int)
            or not OCR_MIN_LENGTH <= fixed_length <= OCR_MAX_LENGTH
        ):
            raise IdentifierError(
                msg(
                    "an OCR number has {least}-{most} digits, so a fixed length of {length} "
                    "is impossible",
                    least=OCR_MIN_LENGTH,
                    most=OCR_MAX_LENGTH,
                    length=repr(fixed_length),
                )
            )
        room = fixed_length - extra
        if len(digits) > room:
            raise IdentifierError(
                msg(
                    "cannot make a {length}-digit OCR number from {base}: its {count} digits "
                    "do not fit in the {room} left for the base",
                    length=fixed_length,
                    base=repr(base),
                    count=len(digits),
                    room=room,
                )
            )
        digits = digits.zfill(room)
    total = len(digits) + extra
    if total > OCR_MAX_LENGTH:
        raise IdentifierError(
            msg(
                "cannot make an OCR number from {base}: it would have {total} digits, at most "
                "{most} are allowed",
                base=repr(base),
                total=total,
                most=OCR_MAX_LENGTH,
            )
        )
    if length_digit:
        # Only the ones digit of the length is stored (12 digits -> 2).
        digits += str(total % 10)
    return digits + luhn_check_digit(digits)


def validate_ocr(
    text: str, *, level: int = 1, fixed_lengths: Collection[int] | None = None
) -> str:
    """The OCR number in ``text`` without spaces or hyphens, checked for a control level.

    Levels 1 and 2 check the check digit (they differ only in whether the payer's bank
    refuses a wrong number, which is the bank's business), level 3 also the length digit,
    level 4 the length against ``fixed_lengths`` (the one or two lengths agreed with the bank).
    """
    if level not in (1, 2, 3, 4):
        raise ValueError(f"OCR control level must be 1, 2, 3 or 4, not {level!r}")
    if level == 4 and not fixed_lengths:
        raise ValueError("OCR control level 4 needs the agreed fixed length(s)")
    label = msg("OCR number")
    digits = _digits_only(label, text)
    count = len(digits)
    if count < OCR_MIN_LENGTH:
        raise _fail(
            label,
            text,
            msg("too short, an OCR number has at least {least} digits", least=OCR_MIN_LENGTH),
        )
    if count > OCR_MAX_LENGTH:
        raise _fail(
            label,
            text,
            msg(
                "too long ({count} digits), an OCR number has at most {most}",
                count=count,
                most=OCR_MAX_LENGTH,
            ),
        )
    if level == 4 and count not in fixed_lengths:
        first, *others = sorted(fixed_lengths)
        agreed = str(first)
        for length in others:
            agreed = msg("{earlier} or {later}", earlier=agreed, later=length)
        raise _fail(
            label,
            text,
            msg("it has {count} digits but must have {agreed}", count=count, agreed=agreed),
        )
    # The length digit is checked before the check digit: a missing or extra digit breaks
    # both, and "a digit is missing" is the more useful thing to tell the clerk.
    if level == 3 and digits[-2] != str(count % 10):
        raise _fail(
            label,
            text,
            msg(
                "the length digit is wrong: it says {digit} but the number has {count} digits "
                "(is a digit missing or extra?)",
                digit=digits[-2],
                count=count,
            ),
        )
    if not is_luhn_valid(digits):
        raise _fail(label, text, msg("the check digit is wrong"))
    return digits


# --- Bankgiro and Plusgiro (DOMAIN.md 2) --------------------------------------------------


def normalise_bankgiro(text: str) -> str:
    """The 7 or 8 digits of a bankgiro number, Luhn-checked."""
    label = msg("Bankgiro")
    digits = _digits_only(label, text)
    if len(digits) not in (7, 8):
        raise _fail(
            label,
            text,
            msg("a bankgiro number has 7 or 8 digits, this has {count}", count=len(digits)),
        )
    if not is_luhn_valid(digits):
        raise _fail(label, text, msg("the check digit is wrong"))
    return digits


def format_bankgiro(number: str) -> str:
    """Bankgirot's display form, hyphen before the last four digits: 991-2346, 5402-9681."""
    digits = normalise_bankgiro(number)
    return f"{digits[:-4]}-{digits[-4:]}"


def normalise_plusgiro(text: str) -> str:
    """The 2 to 8 digits of a plusgiro number, Luhn-checked."""
    label = msg("Plusgiro")
    digits = _digits_only(label, text)
    if not 2 <= len(digits) <= 8:
        raise _fail(
            label,
            text,
            msg("a plusgiro number has 2 to 8 digits, this has {count}", count=len(digits)),
        )
    if not is_luhn_valid(digits):
        raise _fail(label, text, msg("the check digit is wrong"))
    return digits


def format_plusgiro(number: str) -> str:
    """Display form: hyphen before the check digit, longer numbers in pairs from the right.

    Up to four digits before the check digit stay together (4567-4); longer ones are split
    into pairs from the right, a lone leading digit joining the first pair so no group has
    a single digit (17 60 99-0, 123 45 67-8).
    """
    digits = normalise_plusgiro(number)
    body, check = digits[:-1], digits[-1]
    if len(body) <= 4:
        return f"{body}-{check}"
    groups: list[str] = []
    while len(body) > 3:
        groups.insert(0, body[-2:])
        body = body[:-2]
    groups.insert(0, body)
    return f"{' '.join(groups)}-{check}"


# --- Company numbers ------------------------------------------------------------------------


def _stdnum_problem(error: ValidationError, country: str) -> str:
    # Known shortcoming: the country's name is Babel's English one, also in a Swedish window.
    name = _country_name(country)
    if isinstance(error, InvalidChecksum):
        return msg("the check digit is wrong")
    if isinstance(error, InvalidLength):
        return msg("it has the wrong number of characters for {country}", country=name)
    if isinstance(error, InvalidFormat):
        return msg("it is not in the format used in {country}", country=name)
    if isinstance(error, InvalidComponent):
        return msg("part of it is not valid for {country}", country=name)
    return msg("it is not a valid number for {country}", country=name)


def normalise_orgnr(text: str) -> str:
    """A Swedish organisation number as NNNNNN-NNNN (10 digits, Luhn).

    Where a form wants 12 digits Skatteverket writes an organisation number with the prefix
    16 (in the place of a personal identity number's century); the number is still the 10.
    """
    label = msg("Organisation number")
    digits = _digits_only(label, text)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    elif len(digits) == 12:
        raise _fail(label, text, msg("in 12 digits an organisation number starts with 16"))
    if len(digits) != 10:
        raise _fail(
            label, text, msg("it must have 10 digits, this has {count}", count=len(digits))
        )
    try:
        return se_orgnr.format(se_orgnr.validate(digits))
    except ValidationError as error:
        raise _fail(label, text, _stdnum_problem(error, "SE")) from None


def normalise_se_vat(text: str) -> str:
    """A Swedish VAT number as SE + organisation number + 01, e.g. SE556012579001."""
    label = msg("Swedish VAT number")
    text = _require_str(text, label)
    compact = _compact(text)
    body = compact[2:] if compact.startswith("SE") else compact
    if not compact:
        raise _nothing(label)
    if not set(body) <= DIGITS:
        raise _fail(label, text, msg("it must be SE followed by 12 digits"))
    if len(body) == 10 and is_luhn_valid(body):
        # A common mix-up: the organisation number typed where the VAT number belongs.
        raise _fail(
            label,
            text,
            msg("this is an organisation number; the VAT number is SE{body}01", body=body),
        )
    if len(body) != 12:
        raise _fail(
            label,
            text,
            msg("it must be SE followed by 12 digits, this has {count}", count=len(body)),
        )
    if not body.endswith("01"):
        raise _fail(label, text, msg("it must end in 01"))
    try:
        return "SE" + se_vat.validate(body)
    except InvalidChecksum:
        raise _fail(
            label, text, msg("the check digit of the organisation number part is wrong")
        ) from None
    except ValidationError as error:
        raise _fail(label, text, _stdnum_problem(error, "SE")) from None


# The prefix of a VAT number is not always the ISO country code (Greece uses EL; Northern
# Ireland's traders use XI within the United Kingdom). The first prefix is the canonical one.
_VAT_PREFIXES = {"GR": ("EL", "GR"), "GB": ("GB", "XI")}


def normalise_vat_number(text: str, country: str) -> str:
    """A VAT number of ``country`` (ISO 3166 alpha-2) in compact form with its prefix.

    EU numbers are checked by stdnum.eu.vat, others (NO, CH, GB, …) by stdnum's module for
    that country. A country stdnum has no rules for is refused rather than passed
    unchecked, because an invalid buyer VAT number makes a reverse-charge invoice wrong.
    """
    label = msg("VAT number")
    text = _require_str(text, label)
    country = _require_str(country, "country").strip().upper()
    if len(country) != 2 or not country.isalpha() or not country.isascii():
        raise ValueError(msg("not an ISO 3166 country code: {country}", country=repr(country)))
    if country == "SE":
        return normalise_se_vat(text)
    compact = _compact(text).replace(".", "")
    if not compact:
        raise _nothing(label)
    prefixes = _VAT_PREFIXES.get(country, (country,))
    prefix = next((p for p in prefixes if compact.startswith(p)), None)
    if prefix is None:
        if compact[:2].isalpha():
            raise _fail(
                label,
                text,
                msg(
                    "it starts with {found}, but a VAT number from {country} starts with {prefix}",
                    found=compact[:2],
                    country=_country_name(country),
                    prefix=prefixes[0],
                ),
            )
        prefix = prefixes[0]
        compact = prefix + compact
    name = _country_name(country)
    try:
        if prefix in ("EL", "XI") or prefix.lower() in eu_vat.MEMBER_STATES:
            result = eu_vat.validate(compact)
        else:
            module = get_cc_module(country.lower(), "vat")
            if module is None:
                raise _fail(
                    label, text, msg("VAT numbers from {country} cannot be checked", country=name)
                )
            result = module.validate(compact)
    except ValidationError as error:
        raise _fail(label, text, _stdnum_problem(error, country)) from None
    if not result.startswith(prefix):
        result = prefix + result
    # Always emit the canonical prefix (EL, not GR, for Greece).
    return prefixes[0] + result[2:] if prefix == "GR" else result


# --- IBAN and BIC ---------------------------------------------------------------------------


@cache
def _iban_country(code: str) -> tuple[str, int] | None:
    """Country name and total IBAN length from stdnum's IBAN registry copy."""
    info = numdb.get("iban").info(code)
    if not info or not info[0][1] or "bban" not in info[0][1]:
        return None
    props = info[0][1]
    bban_length = sum(int(n) for n in re.findall(r"(\d+)!", props["bban"]))
    return props.get("country", code), 4 + bban_length


def normalise_iban(text: str) -> str:
    """An IBAN in compact upper-case form (SE4550000000058398257466), mod-97 checked."""
    label = msg("IBAN")
    text = _require_str(text, label)
    compact = _compact(text)
    if not compact:
        raise _nothing(label)
    if not set(compact) <= _ALNUM:
        raise _fail(label, text, msg("it may contain only letters and digits"))
    if len(compact) < 4 or not compact[:2].isalpha() or not set(compact[2:4]) <= DIGITS:
        raise _fail(
            label, text, msg("it must start with a country code and two check digits, e.g. SE45")
        )
    country = _iban_country(compact[:2])
    if country is None:
        raise _fail(label, text, msg("{code} is not a country that uses IBAN", code=compact[:2]))
    name, length = country
    if len(compact) != length:
        raise _fail(
            label,
            text,
            msg(
                "an IBAN from {country} has {length} characters, this has {count}",
                country=name,
                length=length,
                count=len(compact),
            ),
        )
    try:
        return stdnum_iban.validate(compact)
    except InvalidChecksum:
        raise _fail(label, text, msg("the check digits are wrong")) from None
    except ValidationError:
        raise _fail(
            label,
            text,
            msg("the account part is not in the format used in {country}", country=name),
        ) from None


def format_iban(text: str) -> str:
    """The IBAN in groups of four for print: SE45 5000 0000 0583 9825 7466."""
    return stdnum_iban.format(normalise_iban(text))


def normalise_bic(text: str) -> str:
    """A BIC (SWIFT code) in upper case, 8 or 11 characters."""
    label = msg("BIC")
    text = _require_str(text, label)
    compact = _compact(text)
    if not compact:
        raise _nothing(label)
    if len(compact) not in (8, 11):
        raise _fail(
            label, text, msg("a BIC has 8 or 11 characters, this has {count}", count=len(compact))
        )
    try:
        return stdnum_bic.validate(compact)
    except InvalidComponent:
        raise _fail(label, text, msg("{code} is not a country code", code=compact[4:6])) from None
    except ValidationError:
        raise _fail(
            label,
            text,
            msg(
                "it must be 4 letters for the bank, 2 for the country, 2 letters or digits for "
                "the place and optionally 3 for the branch"
            ),
        ) from None


# --- RF creditor reference (ISO 11649, DOMAIN.md 4.2) ---------------------------------------


def make_rf_reference(base: str) -> str:
    """An RF creditor reference for ``base`` (1-21 letters or digits): 2024001 -> RF312024001.

    Separators (spaces, hyphens, dots, slashes) are dropped; any other character is refused
    rather than dropped, since letters are significant in an RF reference.
    """
    base = _require_str(base, "RF base")
    body = re.sub(r"[./:_,]", "", _compact(base))
    if not body:
        raise IdentifierError(
            msg("cannot make an RF reference from {base}: it is empty", base=repr(base))
        )
    bad = next((char for char in body if char not in _ALNUM), None)
    if bad is not None:
        raise IdentifierError(
            msg(
                "cannot make an RF reference from {base}: {char} is not allowed, use only "
                "letters A-Z and digits",
                base=repr(base),
                char=repr(bad),
            )
        )
    if len(body) > RF_MAX_BODY:
        raise IdentifierError(
            msg(
                "cannot make an RF reference from {base}: it has {count} characters, at most "
                "{most} are allowed",
                base=repr(base),
                count=len(body),
                most=RF_MAX_BODY,
            )
        )
    return "RF" + mod_97_10.calc_check_digits(body + "RF") + body


def validate_rf_reference(text: str) -> str:
    """The RF reference in compact upper-case form, its check digits verified."""
    label = msg("RF reference")
    text = _require_str(text, label)
    compact = _compact(text)
    if not compact:
        raise _nothing(label)
    if not compact.startswith("RF"):
        raise _fail(label, text, msg("it must start with RF"))
    if len(compact) < 4 or not set(compact[2:4]) <= DIGITS:
        raise _fail(label, text, msg("RF must be followed by two check digits"))
    body = compact[4:]
    if not body:
        raise _fail(label, text, msg("the reference after the check digits is missing"))
    if not set(body) <= _ALNUM:
        raise _fail(label, text, msg("it may contain only letters and digits"))
    if len(body) > RF_MAX_BODY:
        raise _fail(
            label,
            text,
            msg(
                "too long: at most {most} characters may follow RF and the check digits",
                most=RF_MAX_BODY,
            ),
        )
    if not iso11649.is_valid(compact):
        raise _fail(label, text, msg("the check digits are wrong"))
    return compact


def format_rf_reference(text: str) -> str:
    """The RF reference in groups of four for print: RF18 5390 0754 7034."""
    return iso11649.format(validate_rf_reference(text))
