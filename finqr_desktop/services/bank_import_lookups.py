"""The matching rules' lookups (domain.payment_matching.InvoiceLookups) backed by SQL.

A reference or an invoice number finds an issued invoice whether or not it is still open:
a second payment of a paid invoice is then matched, and what it overpays becomes the
customer's credit instead of waiting in the unmatched list. Amount and payer find open
invoices only; they are suggestions. So does a number read loosely (``by_number_key``): it
may match, but only an invoice that is still open.

``planned`` holds what this import has already given each invoice, so two payments of one
file for the same invoice see the rest the first one left, in the preview as in the commit.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import false, select, text
from sqlalchemy.orm import Session

from ..domain.invoice_numbers_in_text import number_keys
from ..domain.money import from_minor, to_minor
from ..domain.payment_matching import InvoiceLookups, OpenInvoice, names_resemble
from ..storage.models import OPEN_INVOICE_SQL, CustomerRow, InvoiceRow

logger = logging.getLogger(__name__)

SUGGESTION_LIMIT = 10
PREFETCH_CHUNK = 500


class LedgerLookups:
    """One import's lookups over the ledger in ``session``."""

    def __init__(self, session: Session):
        self.session = session
        self.planned: dict[int, int] = defaultdict(int)
        self._customers: list[tuple[int, str]] | None = None
        self._payers: dict[str, list[int]] = {}
        # Rows by OCR as read (None: no invoice has it); paid sums move only through
        # ``planned`` while the import runs, so the rows stay right.
        self._by_ocr: dict[str, object] = {}
        self._open_cache: _OpenRows | None = None

    def lookups(self) -> InvoiceLookups:
        return InvoiceLookups(
            by_reference=self.by_reference,
            by_number=self.by_number,
            by_amount=self.by_amount,
            by_payer=self.by_payer,
            by_number_key=self.by_number_key,
        )

    def plan(self, invoice_id: int, minor: int) -> None:
        """Count ``minor`` as already given to the invoice by this import."""
        self.planned[invoice_id] += minor

    def prefetch(self, references: list[str]) -> None:
        """Read the invoices of many OCR references at once (a file's worth): one query per
        few hundred payments instead of one each."""
        wanted = sorted({r for r in references if r} - set(self._by_ocr))
        connection = self.session.connection()
        for start in range(0, len(wanted), PREFETCH_CHUNK):
            chunk = wanted[start : start + PREFETCH_CHUNK]
            self._by_ocr.update(dict.fromkeys(chunk))
            query = _issued().where(InvoiceRow.ocr.in_(chunk)).order_by(InvoiceRow.id.desc())
            for row in connection.execute(query):
                self._by_ocr[row.ocr] = row

    def by_reference(self, reference: str) -> OpenInvoice | None:
        if reference not in self._by_ocr:
            self.prefetch([reference])
        row = self._by_ocr[reference]
        return None if row is None else self._open(row)

    def by_number(self, number: str) -> OpenInvoice | None:
        number = number.strip()
        if not number:
            return None
        found = self._one(_issued().where(InvoiceRow.number == number))
        if found is None and number.upper() != number:
            found = self._one(_issued().where(InvoiceRow.number == number.upper()))
        return found

    def by_amount(self, amount: Decimal, currency: str) -> list[OpenInvoice]:
        try:
            minor = to_minor(amount, currency)
        except ValueError:
            return []
        rows = self._open_rows().by_amount.get((currency, minor), [])
        found = [self._open(row) for row in rows[:SUGGESTION_LIMIT]]
        return [invoice for invoice in found if invoice.remaining == amount]

    def by_number_key(self, key: str) -> list[OpenInvoice]:
        rows = self._open_rows().by_number_key().get(key, [])
        return [self._open(row) for row in rows[:SUGGESTION_LIMIT]]

    def by_payer(self, name: str) -> list[OpenInvoice]:
        by_customer = self._open_rows().by_customer
        rows = [row for cid in self._resembling(name) for row in by_customer.get(cid, [])]
        rows.sort(key=lambda row: (row.due_date, row.id))
        return [self._open(row) for row in rows[:SUGGESTION_LIMIT]]

    def _open_rows(self) -> _OpenRows:
        # The open invoices are read once per import for the suggestions: a query per
        # unmatched payment would scan them each time, since neither an amount left to pay
        # nor a name's words can be looked up by index. They are the ledger's open
        # invoices, a few tens of thousands at most, not all of it.
        if self._open_cache is None:
            query = _columns().where(_open_where()).order_by(InvoiceRow.due_date, InvoiceRow.id)
            self._open_cache = _OpenRows(self.session.connection().execute(query))
        return self._open_cache

    def _resembling(self, name: str) -> list[int]:
        # Customers are read once per import: a name's words cannot be searched by index,
        # and a ledger has thousands of customers, not millions.
        if self._customers is None:
            rows = self.session.execute(select(CustomerRow.id, CustomerRow.name))
            self._customers = [(row.id, row.name) for row in rows]
        if name not in self._payers:
            self._payers[name] = [
                cid for cid, cname in self._customers if names_resemble(cname, name)
            ]
        return self._payers[name]

    def _one(self, query) -> OpenInvoice | None:
        row = self.session.execute(query.order_by(InvoiceRow.id).limit(1)).first()
        return None if row is None else self._open(row)

    def _open(self, row) -> OpenInvoice:
        left = row.total_minor - row.credited_minor - row.paid_minor - self.planned[row.id]
        return OpenInvoice(
            id=row.id,
            number=row.number,
            ocr=row.ocr or "",
            remaining=from_minor(max(left, 0), row.currency),
            customer_name=row.customer_name,
            currency=row.currency,
        )


class _OpenRows:
    """Open invoice rows by (currency, remaining minor units) and by customer."""

    def __init__(self, rows):
        self.by_amount: dict[tuple[str, int], list] = defaultdict(list)
        self.by_customer: dict[int, list] = defaultdict(list)
        self._by_key: dict[str, list] | None = None
        for row in rows:
            left = row.total_minor - row.credited_minor - row.paid_minor
            self.by_amount[(row.currency, left)].append(row)
            self.by_customer[row.customer_id].append(row)

    def by_number_key(self) -> dict[str, list]:
        """Rows by the domain's loose number keys, made on first use: most imports match
        every payment by OCR and never need them."""
        if self._by_key is None:
            self._by_key = defaultdict(list)
            for rows in self.by_customer.values():
                for row in rows:
                    for key in number_keys(row.number or ""):
                        self._by_key[key].append(row)
        return self._by_key


def _columns():
    return select(
        InvoiceRow.id,
        InvoiceRow.number,
        InvoiceRow.ocr,
        InvoiceRow.currency,
        InvoiceRow.total_minor,
        InvoiceRow.credited_minor,
        InvoiceRow.paid_minor,
        InvoiceRow.customer_id,
        InvoiceRow.due_date,
        CustomerRow.name.label("customer_name"),
    ).join(CustomerRow, CustomerRow.id == InvoiceRow.customer_id)


def _open_where(*conditions):
    """Open invoices meeting ``conditions``, found in a subquery over ``invoice`` alone so
    the partial index's own text stays unambiguous (as in services.reminder_queue)."""
    return InvoiceRow.id.in_(select(InvoiceRow.id).where(text(OPEN_INVOICE_SQL), *conditions))


def _issued():
    return _columns().where(InvoiceRow.is_draft == false(), InvoiceRow.kind == "invoice")
