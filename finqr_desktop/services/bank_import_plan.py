"""What each payment of a bank file would do: the matching rules applied over the ledger.

Pure planning: nothing is written here. The same plan is shown as the preview and then
written by services.bank_import, so the clerk commits exactly what was shown.

A payment matched to invoices in another currency is converted at the bank's rate when the
file gives one between exactly those two currencies (BankPayment.rate_into), as
services.payments.convert does with a rate the clerk enters; without one it waits for the
clerk, and the line says why.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ..banking import BankPayment, Progress
from ..domain.messages import msg
from ..domain.money import round_money, to_minor
from ..domain.payment_matching import (
    Flagged,
    Matched,
    ReferenceKind,
    Suggestion,
    allocate,
    compact_reference,
    match_payment,
)
from .bank_import_lookups import LedgerLookups

logger = logging.getLogger(__name__)

# Outcomes: booked on invoices; waiting with suggestions; waiting because something is
# wrong with it; already in the ledger (left out).
# "unmatched": nothing found to match or suggest; it waits for the clerk like the others.
OUTCOMES = ("matched", "suggested", "unmatched", "flagged", "duplicate")
PROGRESS_EVERY = 250


@dataclass(frozen=True)
class PlannedAllocation:
    invoice_id: int
    invoice_number: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class SuggestedInvoice:
    invoice_id: int
    invoice_number: str
    remaining: Decimal
    customer_name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ImportLine:
    """One payment of the file and what importing it does.

    ``amount`` is in ``currency``; the allocations and ``to_credit`` are in the booking
    currency: ``converted_currency`` when the payment was converted, else ``currency``.
    A converted payment is ``converted`` at ``rate`` (the invoice currency's units per one
    unit of ``currency``), and ``difference`` is how much that is above (positive) or below
    what its invoices had left to pay, as services.payments.Registered says it.
    """

    line: int
    identity: str
    kind: str
    date: dt.date
    amount: Decimal
    currency: str
    payer_name: str
    reference: str
    message: str
    outcome: str
    reason: str
    allocations: tuple[PlannedAllocation, ...] = ()
    to_credit: Decimal = Decimal(0)
    # Whose customer gets ``to_credit``: the first invoice the payment named.
    credit_invoice_id: int | None = None
    suggestions: tuple[SuggestedInvoice, ...] = ()
    rate: Decimal | None = None
    converted: Decimal | None = None
    converted_currency: str = ""
    difference: Decimal | None = None


def plan_payments(
    session: Session,
    payments: Iterable[BankPayment],
    known: set[str],
    progress: Progress | None = None,
) -> list[ImportLine]:
    """One ImportLine per payment, in file order; ``known`` are identities already stored."""
    payments = list(payments)
    ledger = LedgerLookups(session)
    ledger.prefetch(
        [
            compact_reference(reference.value)
            for payment in payments
            for reference in payment.references
            if reference.kind in (ReferenceKind.OCR, ReferenceKind.RF)
        ]
    )
    lookups = ledger.lookups()
    lines = []
    for index, payment in enumerate(payments):
        if payment.identity in known:
            lines.append(
                _line(payment, "duplicate", msg("already imported (the same transaction)"))
            )
        else:
            lines.append(_planned(payment, match_payment(payment.for_matching(), lookups), ledger))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index / len(payments))
    if progress:
        progress(1.0)
    return lines


def _planned(payment: BankPayment, result, ledger: LedgerLookups) -> ImportLine:
    if payment.amount < 0:
        # Deductions and reversals wait for the clerk (see services.bank_import).
        named = ()
        if isinstance(result, Matched):
            named = tuple(Suggestion(a.invoice, ("reference",)) for a in result.allocations)
        what = msg("a deduction") if payment.kind == "deduction" else msg("a reversal")
        reason = msg("{what}: place it by hand", what=what)
        return _line(payment, "flagged", reason, suggested(named + _suggestions_of(result)))
    if isinstance(result, Matched):
        other = [a for a in result.allocations if a.invoice.currency != payment.currency]
        currencies = {a.invoice.currency for a in result.allocations}
        if other and len(currencies) == 1 and payment.rate_into(other[0].invoice.currency):
            return _converted(payment, result, ledger)
        if other:
            invoice = other[0].invoice
            reason = msg(
                "invoice {number} is in {currency}, the payment in {payment_currency}: "
                "{why}; place it by hand with the rate",
                number=invoice.number,
                currency=invoice.currency,
                payment_currency=payment.currency,
                why=_why_no_rate(payment, currencies),
            )
            suggestions = tuple(Suggestion(a.invoice, ("reference",)) for a in result.allocations)
            return _line(payment, "flagged", reason, suggested(suggestions))
        if not any(allocation.amount > 0 for allocation in result.allocations):
            # Its invoices are paid already: the customer may have paid twice. That is the
            # clerk's to decide (refund, credit, another invoice), never credit in silence.
            numbers = ", ".join(a.invoice.number for a in result.allocations)
            reason = msg(
                "invoice {numbers} is already paid: possibly paid twice; place it by hand",
                numbers=numbers,
            )
            suggestions = tuple(Suggestion(a.invoice, ("reference",)) for a in result.allocations)
            return _line(payment, "flagged", reason, suggested(suggestions))
        allocations = []
        for allocation in result.allocations:
            if allocation.amount > 0:
                invoice = allocation.invoice
                ledger.plan(invoice.id, to_minor(allocation.amount, invoice.currency))
                allocations.append(
                    PlannedAllocation(
                        invoice.id, invoice.number, allocation.amount, invoice.currency
                    )
                )
        reason = result.reason
        if result.unallocated > 0:
            reason = msg(
                "{reason}; {amount} {currency} overpaid, to customer credit",
                reason=reason,
                amount=str(result.unallocated),
                currency=payment.currency,
            )
        return _line(
            payment,
            "matched",
            reason,
            allocations=tuple(allocations),
            to_credit=result.unallocated,
            credit_invoice_id=result.allocations[0].invoice.id if result.unallocated else None,
        )
    if isinstance(result, Flagged):
        outcome = "flagged"
    else:
        outcome = "suggested" if result.suggestions else "unmatched"
    return _line(payment, outcome, result.reason, suggested(result.suggestions))


def _converted(payment: BankPayment, result: Matched, ledger: LedgerLookups) -> ImportLine:
    """The matched payment converted at the bank's rate into its invoices' currency, then
    spread over them as the matching rules spread any payment (a bank's split of the
    payment is in the payment's currency, so it is not used here)."""
    target = result.allocations[0].invoice.currency
    bank_rate = payment.rate_into(target)
    rate = bank_rate.factor(payment.currency, target)
    converted = round_money(payment.amount * rate, target)
    invoices = [(a.invoice, None) for a in result.allocations]
    due = sum((invoice.remaining for invoice, _ in invoices), Decimal(0))
    shares, unallocated = allocate(converted, invoices)
    allocations = []
    for share in shares:
        if share.amount > 0:
            invoice = share.invoice
            ledger.plan(invoice.id, to_minor(share.amount, target))
            allocations.append(PlannedAllocation(invoice.id, invoice.number, share.amount, target))
    difference = converted - due
    reason = msg(
        "{reason}; {amount} {currency} at the bank's rate ({rate}) is {converted} {target}, "
        "{difference} {target} against what was due",
        reason=result.reason,
        amount=str(payment.amount),
        currency=payment.currency,
        rate=str(bank_rate),
        converted=str(converted),
        target=target,
        difference=f"{difference:+}",
    )
    if unallocated > 0:
        reason = msg(
            "{reason}; {amount} {currency} overpaid, to customer credit",
            reason=reason,
            amount=str(unallocated),
            currency=target,
        )
    return _line(
        payment,
        "matched",
        reason,
        allocations=tuple(allocations),
        to_credit=unallocated,
        credit_invoice_id=result.allocations[0].invoice.id if unallocated else None,
        conversion=(rate, converted, target, difference),
    )


def _why_no_rate(payment: BankPayment, currencies: set[str]) -> str:
    if len(currencies) > 1:
        return msg("its invoices are in several currencies")
    if payment.rate_problem:
        return msg(
            "the file's exchange rate is not used ({problem})", problem=payment.rate_problem
        )
    if payment.exchange_rates:
        given = ", ".join(str(rate) for rate in payment.exchange_rates)
        return msg("the file's rate ({given}) is not between these two currencies", given=given)
    if payment.instructed_amount is not None and payment.instructed_currency != payment.currency:
        return msg(
            "the file gives no exchange rate (the payer ordered {amount} {currency})",
            amount=str(payment.instructed_amount),
            currency=payment.instructed_currency,
        )
    return msg("the file gives no exchange rate")


def _suggestions_of(result) -> tuple[Suggestion, ...]:
    return () if isinstance(result, Matched) else result.suggestions


def suggested(suggestions) -> tuple[SuggestedInvoice, ...]:
    """The domain's suggestions as plain values, each invoice once, in their order."""
    seen: set[int] = set()
    found = []
    for suggestion in suggestions:
        invoice = suggestion.invoice
        if invoice.id not in seen:
            seen.add(invoice.id)
            found.append(
                SuggestedInvoice(
                    invoice.id,
                    invoice.number,
                    invoice.remaining,
                    invoice.customer_name,
                    suggestion.reasons,
                )
            )
    return tuple(found)


def _line(
    payment: BankPayment,
    outcome: str,
    reason: str,
    suggestions: tuple[SuggestedInvoice, ...] = (),
    *,
    allocations: tuple[PlannedAllocation, ...] = (),
    to_credit: Decimal = Decimal(0),
    credit_invoice_id: int | None = None,
    conversion: tuple[Decimal, Decimal, str, Decimal] | None = None,
) -> ImportLine:
    matching = payment.for_matching()
    rate, converted, converted_currency, difference = conversion or (None, None, "", None)
    reference = payment.references[0].value if payment.references else payment.bank_reference
    return ImportLine(
        line=payment.line,
        identity=payment.identity,
        kind=str(payment.kind),
        date=payment.booking_date,
        amount=payment.amount,
        currency=payment.currency,
        payer_name=matching.payer_name,
        reference=reference,
        message=payment.message,
        outcome=outcome,
        reason=reason,
        allocations=allocations,
        to_credit=to_credit,
        credit_invoice_id=credit_invoice_id,
        suggestions=suggestions,
        rate=rate,
        converted=converted,
        converted_currency=converted_currency,
        difference=difference,
    )
