"""How `finqr payments` prints a registration and a bank file's import, for people and as
JSON for scripts (keys are a promise: add, never rename; amounts are decimal strings)."""

from __future__ import annotations

from ..services.bank_import import ImportPreview
from ..services.bank_import_plan import ImportLine
from ..services.payments import Registered
from .output import print_table, shorten


def registered_json(done: Registered) -> dict:
    return {
        "payment_id": done.payment_id,
        "invoice": done.invoice_number,
        "currency": done.currency,
        "applied": str(done.applied),
        "to_credit": str(done.to_credit),
        "remaining": str(done.remaining),
        "status": done.status,
        "converted": None if done.converted is None else str(done.converted),
        "difference": None if done.difference is None else str(done.difference),
        "cancelled_reminders": done.cancelled_reminders,
    }


def print_registered(done: Registered) -> None:
    print(
        f"Payment {done.payment_id}: {done.applied} {done.currency} to invoice "
        f"{done.invoice_number}, {done.remaining} left ({done.status})."
    )
    if done.converted is not None:
        # What is still owed or overpaid is said on the lines around this one; the
        # ``difference`` of the JSON is that same figure, not an exchange difference.
        print(
            f"Converted {done.paid} {done.paid_currency} at {done.rate} "
            f"{done.currency}/{done.paid_currency}: {done.converted} {done.currency}."
        )
    if done.to_credit:
        print(f"{done.to_credit} {done.currency} overpaid: now the customer's credit.")
    if done.cancelled_reminders:
        print(f"{done.cancelled_reminders} planned reminder(s) cancelled: the invoice is paid.")


def line_json(line: ImportLine) -> dict:
    return {
        "line": line.line,
        "identity": line.identity,
        "kind": line.kind,
        "date": line.date.isoformat(),
        "amount": str(line.amount),
        "currency": line.currency,
        "payer_name": line.payer_name,
        "reference": line.reference,
        "message": line.message,
        "outcome": line.outcome,
        "reason": line.reason,
        "allocations": [
            {"invoice": a.invoice_number, "amount": str(a.amount), "currency": a.currency}
            for a in line.allocations
        ],
        "to_credit": str(line.to_credit),
        "suggestions": [
            {
                "invoice": s.invoice_number,
                "remaining": str(s.remaining),
                "customer_name": s.customer_name,
                "reasons": list(s.reasons),
            }
            for s in line.suggestions
        ],  # fmt: skip
    }


def import_json(result: ImportPreview) -> dict:
    return {
        "file": result.file_name,
        "format": result.format,
        "digest": result.digest,
        "is_test": result.is_test,
        "import_id": result.import_id,
        "already_imported": (
            result.already_imported.isoformat() if result.already_imported else None
        ),
        "sums": result.sums,
        "warnings": list(result.warnings),
        "counts": {outcome: result.count(outcome) for outcome in _OUTCOMES},
        "payments": [line_json(line) for line in result.lines],
    }


_OUTCOMES = ("matched", "suggested", "unmatched", "flagged", "duplicate")


def print_import(result: ImportPreview, dry_run: bool) -> None:
    for warning in result.warnings:
        print(f"warning: {warning}")
    if not result.lines:
        print("The file holds no incoming payments.")
        return
    print_table(
        ["Line", "Date", "Amount", "Cur", "Payer", "Outcome", "Invoices", "Why"],
        [
            [
                line.line,
                line.date,
                line.amount,
                line.currency,
                shorten(line.payer_name, 24),
                line.outcome,
                ", ".join(a.invoice_number for a in line.allocations)
                or ", ".join(s.invoice_number for s in line.suggestions[:3]),
                shorten(line.reason, 60),
            ]
            for line in result.lines
        ],
        right=(0, 2),
    )
    counts = ", ".join(f"{result.count(o)} {o}" for o in _OUTCOMES)
    sums = ", ".join(f"{total} {currency}" for currency, total in result.sums.items())
    verb = "Would import" if dry_run else "Imported"
    noun = "payment" if len(result.lines) == 1 else "payments"
    print(f"{verb} {len(result.lines)} {noun} ({counts}); file total {sums or 'nothing'}.")
    if dry_run:
        print("Nothing was written (--dry-run).")
