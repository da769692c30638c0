"""Payment QR payloads: the Swedish invoice QR (UsingQR) and the EPC QR (SEPA transfer).

Bank apps read these codes and fill in a payment, so a wrong character means a wrong or
refused payment: the payloads are built as exact text from Decimals and canonical
identifiers, never through floats. ``payment_qr_for`` decides which code a document gets;
it gives none rather than a code a bank app could misread (DOMAIN.md 4.1 and 4.2).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from decimal import Decimal

from .identifiers import (
    IdentifierError,
    format_bankgiro,
    normalise_bic,
    normalise_iban,
    normalise_plusgiro,
    validate_rf_reference,
)
from .messages import error_message, msg

logger = logging.getLogger(__name__)

USINGQR_NAME_MAX = 35
USINGQR_REFERENCE_MAX = 25
# Organisation and VAT numbers are far shorter; the cap keeps the symbol a scannable size.
USINGQR_ID_MAX = 20
EPC_NAME_MAX = 70
EPC_TEXT_MAX = 140
EPC_MAX_BYTES = 331
EPC_AMOUNT_MIN = Decimal("0.01")
EPC_AMOUNT_MAX = Decimal("999999999.99")

SWEDISH_QR = "usingqr"
EPC_QR = "epc"


class PaymentQrError(ValueError):
    """Data that cannot go into a payment QR code without changing what the payer pays."""


@dataclass(frozen=True)
class PaymentQr:
    """A payload and its format (``SWEDISH_QR`` or ``EPC_QR``), ready to encode (ECC M)."""

    kind: str
    payload: str


@dataclass(frozen=True)
class PaymentRequest:
    """What a document asks the payer to pay, as the payment box prints it.

    ``amount`` is what is still due (zero once paid); ``reference`` is the OCR number, an
    RF reference or, failing those, the invoice number.
    """

    payee_name: str
    payee_id: str
    amount: Decimal
    currency: str
    reference: str
    due_date: dt.date | None
    invoice_date: dt.date | None = None
    bankgiro: str = ""
    plusgiro: str = ""
    iban: str = ""
    bic: str = ""
    is_credit_note: bool = False


def _json_string(text: str) -> str:
    # ensure_ascii writes every non-ASCII character as \uXXXX (surrogate pairs beyond the
    # BMP), which keeps the QR code in byte mode that every reader decodes alike.
    return json.dumps(text, ensure_ascii=True)


def _json_amount(amount: Decimal) -> str:
    """The amount as a JSON number with a decimal point: 1250.00 -> 1250.0, 99.50 -> 99.5.

    Written from the Decimal's digits, so no binary rounding can creep in; the trailing
    zeros are dropped as the published example does, keeping one decimal.
    """
    if not amount.is_finite() or amount <= 0:
        raise PaymentQrError(
            msg("a payment QR code needs a positive amount, not {amount}", amount=amount)
        )
    text = format(amount, "f")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.rstrip('0') or '0'}"


def _plusgiro_account(number: str) -> str:
    # The hyphen before the check digit, without the print form's pair spaces: a space
    # inside an account field is a needless chance for a bank app to stumble.
    digits = normalise_plusgiro(number)
    return f"{digits[:-1]}-{digits[-1]}"


def swedish_qr_payload(request: PaymentRequest) -> str:
    """UsingQR JSON for a SEK payment to Bankgiro (preferred) or Plusgiro.

    Compact, keys in a fixed order with ``uqr`` and ``tp`` first. The payee name is cut to
    35 characters (it is shown to the payer, not matched); a reference longer than 25 is
    refused, because a cut reference would not match the invoice.
    """
    if request.due_date is None:
        raise PaymentQrError(msg("the Swedish invoice QR code needs a due date"))
    reference = request.reference.strip()
    if not reference or len(reference) > USINGQR_REFERENCE_MAX:
        raise PaymentQrError(
            msg(
                "the reference must have 1 to {most} characters: {reference}",
                most=USINGQR_REFERENCE_MAX,
                reference=repr(reference),
            )
        )
    name = " ".join(request.payee_name.split())[:USINGQR_NAME_MAX]
    payee_id = request.payee_id.strip()
    if not name or not payee_id:
        raise PaymentQrError(
            msg("the Swedish invoice QR code needs the payee's name and org number")
        )
    if len(payee_id) > USINGQR_ID_MAX:
        raise PaymentQrError(
            msg("the payee's org number is too long: {number}", number=repr(payee_id))
        )
    try:
        if request.bankgiro:
            payment_type, account = "BG", format_bankgiro(request.bankgiro)
        elif request.plusgiro:
            payment_type, account = "PG", _plusgiro_account(request.plusgiro)
        else:
            raise PaymentQrError(msg("the Swedish invoice QR code needs a bankgiro or plusgiro"))
    except IdentifierError as error:
        raise PaymentQrError(error_message(error)) from None

    fields = [
        ("uqr", "1"),
        ("tp", "1"),
        ("nme", _json_string(name)),
        ("cid", _json_string(payee_id)),
        ("iref", _json_string(reference)),
    ]
    if request.invoice_date is not None:
        fields.append(("idt", _json_string(request.invoice_date.strftime("%Y%m%d"))))
    fields += [
        ("ddt", _json_string(request.due_date.strftime("%Y%m%d"))),
        ("due", _json_amount(request.amount)),
        ("pt", _json_string(payment_type)),
        ("acc", _json_string(account)),
    ]
    return "{" + ",".join(f'"{key}":{value}' for key, value in fields) + "}"


def _one_line(text: str) -> str:
    # A line break inside a field would shift every later EPC element by one line.
    return " ".join(text.split())


def _epc_amount(amount: Decimal) -> str:
    if not amount.is_finite() or not EPC_AMOUNT_MIN <= amount <= EPC_AMOUNT_MAX:
        raise PaymentQrError(
            msg("an EPC QR amount must be 0.01 to 999999999.99 EUR, not {amount}", amount=amount)
        )
    cents = amount.quantize(EPC_AMOUNT_MIN)
    if cents != amount:
        raise PaymentQrError(msg("{amount} has more than two decimals", amount=amount))
    return f"EUR{cents}"


def epc_qr_payload(
    *, name: str, iban: str, amount: Decimal, bic: str = "", reference: str = "", text: str = ""
) -> str:
    """EPC069-12 version 002 in UTF-8: a structured RF ``reference`` or free ``text``, not both.

    The name is cut to 70 characters; text longer than 140 characters, or a payload over 331
    bytes, is refused rather than cut, since the payee matches payments by it.
    """
    if reference and text:
        raise PaymentQrError(
            msg("an EPC QR code carries a structured reference or a text, not both")
        )
    try:
        account = normalise_iban(iban)
        bank = normalise_bic(bic) if bic.strip() else ""
        structured = validate_rf_reference(reference) if reference else ""
    except IdentifierError as error:
        raise PaymentQrError(error_message(error)) from None
    beneficiary = _one_line(name)[:EPC_NAME_MAX]
    if not beneficiary:
        raise PaymentQrError(msg("the EPC QR code needs the beneficiary's name"))
    remittance = _one_line(text)
    if len(remittance) > EPC_TEXT_MAX:
        raise PaymentQrError(
            msg("the payment text is longer than {most} characters", most=EPC_TEXT_MAX)
        )

    lines = ["BCD", "002", "1", "SCT", bank, beneficiary, account, _epc_amount(amount)]
    lines += ["", structured, remittance]
    while lines[-1] == "":
        lines.pop()
    payload = "\n".join(lines)
    try:
        size = len(payload.encode("utf-8"))
    except UnicodeEncodeError:
        raise PaymentQrError(msg("the EPC QR payload has characters UTF-8 cannot hold")) from None
    if size > EPC_MAX_BYTES:
        raise PaymentQrError(
            msg("the EPC QR payload has {size} bytes, at most 331 are allowed", size=size)
        )
    return payload


def _epc_for(request: PaymentRequest) -> str:
    try:
        reference = validate_rf_reference(request.reference)
    except IdentifierError:
        # Not an RF reference: it still identifies the invoice, as free text.
        return epc_qr_payload(
            name=request.payee_name,
            iban=request.iban,
            bic=request.bic,
            amount=request.amount,
            text=request.reference,
        )
    return epc_qr_payload(
        name=request.payee_name,
        iban=request.iban,
        bic=request.bic,
        amount=request.amount,
        reference=reference,
    )


def payment_qr_for(request: PaymentRequest) -> PaymentQr | None:
    """The QR code a document should carry, or None when none fits.

    Swedish QR for SEK to Bankgiro/Plusgiro, EPC for EUR to an IBAN. None for credit notes,
    for nothing left to pay, for other currencies or accounts, and for data a code cannot
    hold exactly (logged, so the clerk can find out why the code is missing).
    """
    if request.is_credit_note or request.amount <= 0:
        return None
    currency = request.currency.upper()
    try:
        if currency == "SEK" and (request.bankgiro or request.plusgiro):
            return PaymentQr(SWEDISH_QR, swedish_qr_payload(request))
        if currency == "EUR" and request.iban:
            return PaymentQr(EPC_QR, _epc_for(request))
    except PaymentQrError as error:
        logger.warning("no payment QR code for reference %r: %s", request.reference, error)
        return None
    return None
