"""Importing a bank file: a preview of what each payment would do, then the commit.

``preview_import`` reads the file and matches every payment without writing anything; the
GUI and ``finqr payments import --dry-run`` show it. ``import_bank_file`` plans the same
way inside the caller's transaction and then writes it all, so a file is taken whole or
not at all. Nothing is registered twice: a file whose SHA-256 was imported before is
refused as a whole, and a payment whose bank identity is already in the ledger (the same
transaction in another file) is shown as a duplicate and left out.

Decisions worth knowing:

* A matched payment is booked on its invoices at once; what it pays beyond them becomes
  the customer's credit.
* Deductions (BgMax TK21) and reversals (camt) are never placed automatically: they are
  stored in the unmatched list, with the invoice their reference names as a suggestion,
  for the clerk to place (taking money back from an invoice) or settle otherwise.
* A payment in another currency than the invoice it names is converted at the bank's rate
  when the file gives one between exactly those two currencies (camt CcyXchg; see
  bank_import_plan), and the difference from what was due is shown. Otherwise it waits in
  the unmatched list, saying why, for the clerk to place with the rate of the day.
* A file with Bankgirot's test mark is previewed with a warning and committed only when
  the caller says so (``allow_test``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..banking import BankFile, Progress, read_bank_file
from ..domain.errors import RuleViolation
from ..domain.identifiers import IdentifierError, format_bankgiro
from ..domain.messages import msg
from ..storage.models import BankImportRow, PaymentRow
from .bank_import_plan import ImportLine, plan_payments
from .bank_import_write import write_lines
from .cancelling import CancelToken, checking
from .company import get_company

logger = logging.getLogger(__name__)

CHUNK = 500


@dataclass(frozen=True)
class ImportPreview:
    """What importing the file would do, line by line; ``already_imported`` is when the
    very same file was imported before (then nothing would be)."""

    file_name: str
    digest: str
    format: str
    is_test: bool
    created: dt.datetime | None
    sums: dict[str, str]
    lines: tuple[ImportLine, ...]
    warnings: tuple[str, ...]
    already_imported: dt.datetime | None = None
    import_id: int | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def preview_import(
    session: Session,
    data: bytes,
    file_name: str = "",
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportPreview:
    """Read and match the file; write nothing. BankFileError for a broken file; Cancelled
    at the next progress step once ``cancel`` is requested."""
    progress = checking(progress, cancel)
    bank_file = read_bank_file(data, progress=_scaled(progress, 0.0, 0.5))
    return _plan(session, bank_file, data, file_name, _scaled(progress, 0.5, 1.0))


def import_bank_file(
    session: Session,
    data: bytes,
    file_name: str = "",
    *,
    allow_test: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportPreview:
    """Import the file in the caller's transaction; returns what was done (``import_id``).

    Refused (RuleViolation) when the same file was imported before, or when it is a test
    file and ``allow_test`` is false; BankFileError when it is broken. Nothing is written
    in any of those cases. ``cancel`` is checked at every progress step, reading, matching
    and booking alike: Cancelled then leaves the caller's transaction to roll back, so a
    cancelled import books nothing.
    """
    progress = checking(progress, cancel)
    bank_file = read_bank_file(data, progress=_scaled(progress, 0.0, 0.4))
    preview = _plan(session, bank_file, data, file_name, _scaled(progress, 0.4, 0.7))
    if preview.already_imported is not None:
        raise RuleViolation(
            msg(
                "this file was imported on {when}; nothing was registered again",
                when=f"{preview.already_imported:%Y-%m-%d %H:%M}",
            )
        )
    if preview.is_test and not allow_test:
        raise RuleViolation(
            msg(
                "this is a test file from Bankgirot (test mark T); not imported unless asked to "
                "(`finqr payments import --allow-test`, or the tick box in the app)"
            )
        )

    record = BankImportRow(
        file_name=file_name[:255],
        digest=preview.digest,
        format=preview.format,
        is_test=preview.is_test,
        payment_count=len(preview.lines) - preview.count("duplicate"),
        matched_count=preview.count("matched"),
        unmatched_count=sum(preview.count(o) for o in ("suggested", "unmatched", "flagged")),
        duplicate_count=preview.count("duplicate"),
        sums=preview.sums,
    )
    session.add(record)
    session.flush()
    import_id = record.id
    payments = {payment.identity: payment for payment in bank_file.payments}
    method = "bgmax" if bank_file.format == "bgmax" else "camt"
    write_lines(session, import_id, method, payments, preview.lines, _scaled(progress, 0.7, 1.0))
    if progress:
        progress(1.0)
    logger.info(
        "imported %s (%s): %d payments, %d matched, %d duplicates",
        file_name,
        preview.format,
        len(preview.lines),
        preview.count("matched"),
        preview.count("duplicate"),
    )
    return _with_id(preview, import_id)


def _plan(session, bank_file: BankFile, data, file_name, progress) -> ImportPreview:
    digest = hashlib.sha256(data).hexdigest()
    earlier = session.scalar(
        select(BankImportRow.imported_at).where(BankImportRow.digest == digest)
    )
    known = _known_identities(session, [p.identity for p in bank_file.payments])
    lines = plan_payments(session, bank_file.payments, known, progress)
    warnings = [
        note.text
        if note.line is None
        else msg("line {line}: {note}", line=note.line, note=note.text)
        for note in bank_file.notes
    ]
    warnings[:0] = _other_accounts(session, bank_file)
    if bank_file.is_test:
        warnings.insert(0, msg("this is a test file from Bankgirot (test mark T)"))
    if earlier is not None:
        warnings.insert(
            0, msg("this very file was imported on {when}", when=f"{earlier:%Y-%m-%d %H:%M}")
        )
    return ImportPreview(
        file_name=file_name,
        digest=digest,
        format=str(bank_file.format),
        is_test=bank_file.is_test,
        created=bank_file.created,
        sums={currency: str(total) for currency, total in bank_file.sums().items()},
        lines=tuple(lines),
        warnings=tuple(warnings),
        already_imported=earlier,
    )


def _other_accounts(session: Session, bank_file: BankFile) -> list[str]:
    """A warning per account in the file that is not the company's: a file downloaded for
    another company or account would otherwise book strangers' payments here."""
    company = get_company(session)
    if company is None:
        return []
    ours = {_digits(company.bankgiro), _digits(company.plusgiro), _compact(company.iban)} - {""}
    if not ours:
        return []
    warnings = []
    for report in bank_file.reports:
        account = report.account.strip()
        if account and {_digits(account), _compact(account)}.isdisjoint(ours):
            if bank_file.format == "bgmax":
                shown, own = _bankgiro(account), _bankgiro(company.bankgiro)
                what = msg("Bankgiro")
            else:
                shown, own, what = account, company.iban or company.bankgiro, msg("account")
            warnings.append(
                msg(
                    "line {line}: this part of the file is for {what} {shown}, "
                    "not the company's {own}: check that it is your file",
                    line=report.line,
                    what=what,
                    shown=shown,
                    own=own,
                )
            )
    return warnings


def _bankgiro(number: str) -> str:
    try:
        return format_bankgiro(number)
    except IdentifierError:  # shown as the file has it
        return number


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit()).lstrip("0")


def _compact(text: str) -> str:
    return "".join(text.split()).replace("-", "").upper()


def _known_identities(session: Session, identities: list[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(identities), CHUNK):
        chunk = identities[start : start + CHUNK]
        query = select(PaymentRow.bank_identity).where(PaymentRow.bank_identity.in_(chunk))
        known.update(session.scalars(query))
    return known


def _with_id(preview: ImportPreview, import_id: int) -> ImportPreview:
    return replace(preview, import_id=import_id)


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda share: progress(start + (end - start) * share)
