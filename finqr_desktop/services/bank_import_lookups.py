"""The matching rules' lookups (domain.payment_matching.InvoiceLookups) backed by SQL.

A reference or an invoice number finds an issued invoice whether or not it is still open:
a second payment of a paid invoice is then matched, and what it overpays becomes the
customer's credit instead of waiting in the unmatched list. Amount and payer find open
invoices only; they are suggestions.

``planned`` holds what this import has already given each invoice, so two payments of one
file for the same invoice see the rest the first one left, in the preview as in the commit.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import false, select, text
from sqlalchemy.orm import Session

from ..domain.money import from_minor, to_minor
from ..domain.payment_matching import InvoiceLookups, OpenInvoice, names_resemble
from ..storage.models import OPEN_INVOICE_SQL, CustomerRow, InvoiceRow

logger = logging.getLogger(__name__)

SUGGESTION_LIMIT = 10


class LedgerLookups:
    """One import's lookups over the ledger in ``session``."""

    def __init__(self, session: Session):
        self.session = session
        self.planned: dict[int, int] = defaultdict(int)
        self._customers: list[tuple[int, str]] | None = None
        self._payers: dict[str, list[int]] = {}

    def lookups(self) -> InvoiceLookups:
        return InvoiceLookups(
            by_reference=self.by_reference,
            by_number=self.by_number,
            by_amount=self.by_amount,
            by_payer=self.by_payer,
        )

    def plan(self, invoice_id: int, minor: int) -> None:
        """Count ``minor`` as already given to the invoice by this import."""
        self.planned[invoice_id] += minor

    def by_reference(self, reference: str) -> OpenInvoice | None:
        return self._one(_issued().where(InvoiceRow.ocr == reference))

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
        remaining = InvoiceRow.total_minor - InvoiceRow.credited_minor - InvoiceRow.paid_minor
        query = (
            _columns()
            .where(text(OPEN_INVOICE_SQL), InvoiceRow.currency == currency, remaining == minor)
            .order_by(InvoiceRow.due_date, InvoiceRow.id)
            .limit(SUGGESTION_LIMIT)
        )
        found = [self._open(row) for row in self.session.execute(query)]
        return [invoice for invoice in found if invoice.remaining == amount]

    def by_payer(self, name: str) -> list[OpenInvoice]:
        customers = self._resembling(name)
        if not customers:
            return []
        query = (
            _columns()
            .where(text(OPEN_INVOICE_SQL), InvoiceRow.customer_id.in_(customers))
            .order_by(InvoiceRow.due_date, InvoiceRow.id)
            .limit(SUGGESTION_LIMIT)
        )
        return [self._open(row) for row in self.session.execute(query)]

    def _resembling(self, name: str) -> list[int]:
        # Customers are read once per import: a name's words cannot be searched by index,
        # and a ledger has thousands of customers, not millions.
        if self._customers is None:
            rows = self.session.execute(select(CustomerRow.id, CustomerRow.name))
            self._customers = [(row.id, row.name) for row in rows]
        if name not in self._payers:
            self._payers[name] = [cid for cid, cname in self._customers if names_resemble(cname, name)]
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


def _columns():
    return select(
        InvoiceRow.id,
        InvoiceRow.number,
        InvoiceRow.ocr,
        InvoiceRow.currency,
        InvoiceRow.total_minor,
        InvoiceRow.credited_minor,
        InvoiceRow.paid_minor,
        CustomerRow.name.label("customer_name"),
    ).join(CustomerRow, CustomerRow.id == InvoiceRow.customer_id)


def _issued():
    return _columns().where(InvoiceRow.is_draft == false(), InvoiceRow.kind == "invoice")
