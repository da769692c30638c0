"""Which open invoice an incoming payment pays: the matching rules of issue 5.

The rules, in order (DOMAIN.md 3.4):

1. A valid OCR (or RF) reference matches its invoice at once. Spaces and hyphens in it are
   tolerated, and so is a length digit (level 1 checks only the check digit, which an OCR
   with a length digit also passes). A reference the bank delivered as structured whose
   check digit is wrong, or that the bank itself marked incorrect, is flagged, never
   guessed: a wrong digit may point at somebody else's invoice.
2. Otherwise an invoice number found in the message (or in a free-text reference): first
   as written; failing that, read loosely among the open invoices, so that "20260042",
   "2026 0042" and "2026-42" find invoice "2026-0042" (``number_keys``). A loose reading
   matches only when it points at exactly one invoice; two or more are suggestions.
3. Otherwise open invoices with the same amount, or whose customer resembles the payer, are
   offered as suggestions; they are never matched silently.

Nothing here queries a database: the caller passes ``InvoiceLookups``, callables the
service backs with SQL (``InvoiceLookups.from_invoices`` backs them with a list, for tests
and small ledgers).
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .identifiers import DIGITS, IdentifierError, is_luhn_valid, validate_rf_reference
from .invoice_numbers_in_text import (
    invoice_number_candidates,
    loose_number_readings,
    number_keys,
    numbers_called_invoices,
)
from .messages import error_message, msg

logger = logging.getLogger(__name__)

ZERO = Decimal(0)


class ReferenceKind(enum.StrEnum):
    """How a reference reached us, which decides how strictly it is read."""

    # Delivered as an OCR number: BgMax reference code 2 (the bank checked it), or a camt
    # structured creditor reference of digits.
    OCR = "ocr"
    # An ISO 11649 creditor reference (RF + two check digits + up to 21 characters).
    RF = "rf"
    # BgMax reference code 5: what the payer typed failed the bank's OCR check.
    INCORRECT = "incorrect"
    # A referred document number (camt RfrdDocInf/Nb): the payer names the invoice number.
    INVOICE_NUMBER = "invoice_number"
    # Free text (BgMax codes 3 and 4, other structured references): searched, never flagged.
    FREE = "free"


@dataclass(frozen=True)
class PaymentReference:
    """One reference of a payment; ``amount`` is the part of the payment the bank assigned
    to it (BgMax TK22/TK23), None when the bank did not split the payment."""

    kind: ReferenceKind
    value: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class PaymentToMatch:
    """What matching needs to know about one incoming payment."""

    amount: Decimal
    currency: str
    date: date
    references: tuple[PaymentReference, ...] = ()
    message: str = ""
    payer_name: str = ""


@dataclass(frozen=True)
class OpenInvoice:
    """The view of an open invoice that matching works on."""

    id: int
    number: str
    ocr: str
    remaining: Decimal
    customer_name: str
    currency: str


@dataclass(frozen=True)
class InvoiceLookups:
    """How matching finds open invoices; each callable may run a query.

    ``by_reference`` gets a compact OCR or RF reference, ``by_number`` a candidate invoice
    number exactly as it was found in the text, ``by_amount`` an amount and currency (open
    invoices with exactly that remaining), ``by_payer`` the payer's name (open invoices of
    customers whose name resembles it; the service decides how loosely), and
    ``by_number_key`` one of the ``number_keys`` of a loose reading (the open invoices whose
    number has that key; none when the caller gives no such lookup).
    """

    by_reference: Callable[[str], OpenInvoice | None]
    by_number: Callable[[str], OpenInvoice | None]
    by_amount: Callable[[Decimal, str], Iterable[OpenInvoice]]
    by_payer: Callable[[str], Iterable[OpenInvoice]]
    by_number_key: Callable[[str], Iterable[OpenInvoice]] = lambda key: ()

    @classmethod
    def from_invoices(cls, invoices: Iterable[OpenInvoice]) -> InvoiceLookups:
        """Lookups over a list: numbers compared without separators or case, names by their
        words (every word of the customer's name, ignoring "AB" and the like, must occur in
        the payer's name)."""
        invoices = list(invoices)
        by_ocr = {invoice.ocr: invoice for invoice in invoices if invoice.ocr}
        by_number = {_compact_number(invoice.number): invoice for invoice in invoices}
        by_key = invoices_by_number_key(invoices)
        return cls(
            by_reference=by_ocr.get,
            by_number=lambda text: by_number.get(_compact_number(text)),
            by_amount=lambda amount, currency: [
                invoice
                for invoice in invoices
                if invoice.remaining == amount and invoice.currency == currency
            ],
            by_payer=lambda name: [
                invoice for invoice in invoices if names_resemble(invoice.customer_name, name)
            ],
            by_number_key=lambda key: by_key.get(key, []),
        )


class MatchRule(enum.StrEnum):
    OCR = "ocr"
    INVOICE_NUMBER = "invoice_number"


@dataclass(frozen=True)
class Allocation:
    invoice: OpenInvoice
    amount: Decimal


@dataclass(frozen=True)
class Suggestion:
    """An invoice the clerk may choose, and why it is offered (``amount``, ``payer`` or
    ``invoice_number`` when the message named several invoices)."""

    invoice: OpenInvoice
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Matched:
    """The payment is placed: ``allocations`` say how much goes to which invoice;
    ``unallocated`` is what is left over (an overpayment, for the service to make customer
    credit of)."""

    rule: MatchRule
    allocations: tuple[Allocation, ...]
    unallocated: Decimal
    reason: str


@dataclass(frozen=True)
class Suggested:
    """Not placed; the clerk chooses among ``suggestions`` (possibly none)."""

    suggestions: tuple[Suggestion, ...]
    reason: str


@dataclass(frozen=True)
class Flagged:
    """Not placed because something is wrong with the payment's reference; the clerk must
    look. ``suggestions`` are offered as for ``Suggested``."""

    reason: str
    suggestions: tuple[Suggestion, ...] = field(default=())


MatchResult = Matched | Suggested | Flagged


def match_payment(payment: PaymentToMatch, lookups: InvoiceLookups) -> MatchResult:
    """Apply the rules of the module docstring to one payment."""
    structured = _structured_references(payment)
    problem = _reference_problem(structured)
    if problem is not None:
        return Flagged(problem, _suggestions(payment, lookups))

    found = _invoices_by_reference(structured, lookups)
    # A payer who types the OCR into the message instead of the reference field is common.
    found += [
        (invoice, None)
        for invoice in _invoices_by_ocr_in_text(_free_text(payment), lookups)
        if invoice.id not in {known.id for known, _ in found}
    ]
    if found:
        return _matched(MatchRule.OCR, payment, found, msg("the OCR reference"))

    named = _invoices_by_number(payment, lookups)
    if not named:
        loose = _invoices_by_loose_number(payment, lookups)
        if len(loose) == 1:
            ((reading, invoice),) = loose
            source = msg(
                "the message ({reading} read as {number})", reading=reading, number=invoice.number
            )
            return _matched(MatchRule.INVOICE_NUMBER, payment, [(invoice, None)], source)
        if loose:
            invoices = [invoice for _, invoice in loose]
            numbers = invoices[0].number
            for invoice in invoices[1:]:
                numbers = msg("{earlier} or {later}", earlier=numbers, later=invoice.number)
            suggestions = [Suggestion(invoice, ("invoice_number",)) for invoice in invoices]
            return Suggested(
                tuple(suggestions) + _suggestions(payment, lookups, exclude=invoices),
                msg(
                    "the message may mean invoice {numbers}, read loosely: choose one",
                    numbers=numbers,
                ),
            )
    if len(named) == 1:
        return _matched(MatchRule.INVOICE_NUMBER, payment, [(named[0], None)], msg("the message"))
    if len(named) > 1:
        numbers = ", ".join(invoice.number for invoice in named)
        suggestions = [Suggestion(invoice, ("invoice_number",)) for invoice in named]
        return Suggested(
            tuple(suggestions) + _suggestions(payment, lookups, exclude=named),
            msg(
                "the message names several invoices ({numbers}): split the payment by hand",
                numbers=numbers,
            ),
        )

    suggestions = _suggestions(payment, lookups)
    if structured:
        unknown = ", ".join(reference.value for reference in structured)
        reason = msg("no open invoice has the reference {reference}", reference=unknown)
    elif called := _numbers_called_invoices(payment):
        # The payer did name an invoice: saying that none was found would send the clerk
        # looking for a reference that is there.
        reason = msg("no open invoice has the number {number}", number=", ".join(called))
    else:
        reason = msg("no OCR reference or invoice number found")
    return Suggested(suggestions, reason)


# --- rule 1: OCR and RF references -------------------------------------------------------


def _structured_references(payment: PaymentToMatch) -> list[PaymentReference]:
    return [
        reference
        for reference in payment.references
        if reference.kind in (ReferenceKind.OCR, ReferenceKind.RF, ReferenceKind.INCORRECT)
    ]


def compact_reference(text: str) -> str:
    """A reference without spaces and hyphens, letters upper-cased."""
    return re.sub(r"[\s\-]", "", text).upper()


def _reference_problem(references: Sequence[PaymentReference]) -> str | None:
    for reference in references:
        compact = compact_reference(reference.value)
        if reference.kind is ReferenceKind.INCORRECT:
            return msg(
                "the bank marked the reference {reference} as an incorrect OCR number",
                reference=repr(reference.value),
            )
        if reference.kind is ReferenceKind.RF or compact.startswith("RF"):
            try:
                validate_rf_reference(compact)
            except IdentifierError as error:
                return msg(
                    "the creditor reference is not valid ({problem})", problem=error_message(error)
                )
        elif not compact or not set(compact) <= DIGITS:
            return msg(
                "the OCR reference {reference} is not a number", reference=repr(reference.value)
            )
        elif not is_luhn_valid(compact):
            return msg(
                "the OCR reference {reference} has a wrong check digit", reference=reference.value
            )
    return None


def _invoices_by_reference(
    references: Sequence[PaymentReference], lookups: InvoiceLookups
) -> list[tuple[OpenInvoice, Decimal | None]]:
    found: list[tuple[OpenInvoice, Decimal | None]] = []
    for reference in references:
        invoice = lookups.by_reference(compact_reference(reference.value))
        if invoice is not None and invoice.id not in {known.id for known, _ in found}:
            found.append((invoice, reference.amount))
    return found


def _free_text(payment: PaymentToMatch) -> str:
    free = [r.value for r in payment.references if r.kind is ReferenceKind.FREE]
    return " ".join([*free, payment.message])


def _invoices_by_ocr_in_text(text: str, lookups: InvoiceLookups) -> list[OpenInvoice]:
    # Only whole numbers that pass the check digit are tried: in free text a number that
    # fails it is just some other number (a customer number, a date), not a typo to flag.
    found: list[OpenInvoice] = []
    for token in re.findall(r"\d+", text):
        if 2 <= len(token) <= 25 and is_luhn_valid(token):
            invoice = lookups.by_reference(token)
            if invoice is not None and invoice not in found:
                found.append(invoice)
    return found


# --- rule 2: an invoice number in the message --------------------------------------------


def _numbers_called_invoices(payment: PaymentToMatch) -> list[str]:
    named = [r.value for r in payment.references if r.kind is ReferenceKind.INVOICE_NUMBER]
    called = [*named, *numbers_called_invoices(_free_text(payment))]
    return list(dict.fromkeys(number.strip() for number in called if number.strip()))


def _invoices_by_number(payment: PaymentToMatch, lookups: InvoiceLookups) -> list[OpenInvoice]:
    named = [r.value for r in payment.references if r.kind is ReferenceKind.INVOICE_NUMBER]
    found: list[OpenInvoice] = []
    for candidate in [*named, *invoice_number_candidates(_free_text(payment))]:
        invoice = lookups.by_number(candidate)
        if invoice is not None and invoice.id not in {known.id for known in found}:
            found.append(invoice)
    return found


def invoices_by_number_key(invoices: Iterable[OpenInvoice]) -> dict[str, list[OpenInvoice]]:
    """The invoices under each of their ``number_keys``, for a ``by_number_key`` lookup."""
    found: dict[str, list[OpenInvoice]] = {}
    for invoice in invoices:
        for key in number_keys(invoice.number):
            found.setdefault(key, []).append(invoice)
    return found


def _invoices_by_loose_number(
    payment: PaymentToMatch, lookups: InvoiceLookups
) -> list[tuple[str, OpenInvoice]]:
    """Each invoice a loose reading finds, once, with the first reading that found it."""
    named = [r.value for r in payment.references if r.kind is ReferenceKind.INVOICE_NUMBER]
    readings = [*named, *loose_number_readings(_free_text(payment))]
    found: list[tuple[str, OpenInvoice]] = []
    for reading in readings:
        for key in number_keys(reading):
            for invoice in lookups.by_number_key(key):
                if invoice.id not in {known.id for _, known in found}:
                    found.append((reading, invoice))
    return found


# --- allocation ----------------------------------------------------------------------------


def _matched(
    rule: MatchRule,
    payment: PaymentToMatch,
    found: Sequence[tuple[OpenInvoice, Decimal | None]],
    source: str,
) -> Matched:
    allocations, unallocated = allocate(payment.amount, found)
    numbers = ", ".join(invoice.number for invoice, _ in found)
    reason = msg("invoice {numbers} by {source}", numbers=numbers, source=source)
    return Matched(rule, allocations, unallocated, reason)


def allocate(
    amount: Decimal, found: Sequence[tuple[OpenInvoice, Decimal | None]]
) -> tuple[tuple[Allocation, ...], Decimal]:
    """Spread ``amount`` over the invoices found, and say what is left over.

    When the bank split the payment (every part given, adding up to the amount), its split
    is used as it is. Otherwise each invoice in turn gets up to what remains on it, and what
    is left after the last is unallocated (it becomes customer credit, never a negative
    balance). A negative amount (a BgMax deduction, a returned payment) goes whole to the
    first invoice: what it means for that invoice is the service's decision.
    """
    parts = [part for _, part in found]
    if len(found) > 1 and all(part is not None for part in parts) and sum(parts) == amount:
        return tuple(Allocation(invoice, part) for invoice, part in found), ZERO * amount
    if amount < 0:
        first, *rest = (invoice for invoice, _ in found)
        shares = [Allocation(first, amount)] + [Allocation(i, ZERO * amount) for i in rest]
        return tuple(shares), ZERO * amount
    allocations: list[Allocation] = []
    left = amount
    for invoice, _ in found:
        share = min(left, max(invoice.remaining, ZERO))
        allocations.append(Allocation(invoice, share))
        left -= share
    return tuple(allocations), left


# --- rule 3: suggestions -------------------------------------------------------------------


def _suggestions(
    payment: PaymentToMatch,
    lookups: InvoiceLookups,
    exclude: Sequence[OpenInvoice] = (),
) -> tuple[Suggestion, ...]:
    reasons: dict[int, list[str]] = {}
    invoices: dict[int, OpenInvoice] = {}
    if payment.amount > 0:
        for invoice in lookups.by_amount(payment.amount, payment.currency):
            invoices[invoice.id] = invoice
            reasons.setdefault(invoice.id, []).append("amount")
    if payment.payer_name.strip():
        for invoice in lookups.by_payer(payment.payer_name):
            invoices[invoice.id] = invoice
            reasons.setdefault(invoice.id, []).append("payer")
    excluded = {invoice.id for invoice in exclude}
    # Invoices that fit on both counts first, then by amount, then by payer; stable by id.
    ranked = sorted(
        (i for i in invoices if i not in excluded),
        key=lambda i: (-len(reasons[i]), reasons[i] != ["amount"], i),
    )
    return tuple(Suggestion(invoices[i], tuple(reasons[i])) for i in ranked)


_COMPANY_WORDS = frozenset(
    {"ab", "hb", "kb", "aktiebolag", "oy", "as", "asa", "aps", "gmbh", "ltd", "inc", "&", "och"}
)


def _name_words(name: str) -> set[str]:
    words = set(re.findall(r"[^\W_]+", name.casefold()))
    return words - _COMPANY_WORDS


def names_resemble(customer_name: str, payer_name: str) -> bool:
    """True when every significant word of the customer's name occurs in the payer's name
    (so "Kalles Plåt AB" resembles "KALLES PLÅT" but not "Kalles Bygg")."""
    wanted = _name_words(customer_name)
    return bool(wanted) and wanted <= _name_words(payer_name)


def _compact_number(text: str) -> str:
    return re.sub(r"[\s\-/]", "", text).casefold()
