"""What a statement or aging report PDF shows, as plain values: the renderers' whole input.

As with invoices (``model``), the figures arrive finished from the services layer; the
renderers only lay them out and put them into the reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .model import Buyer, Seller


@dataclass(frozen=True)
class Movement:
    """One statement line; ``kind`` is a movement key ("invoice", "payment", "fee"...)."""

    date: dt.date
    kind: str
    reference: str
    amount: Decimal | None
    balance: Decimal
    info: Decimal | None = None


@dataclass(frozen=True)
class OpenEntry:
    kind: str  # "invoice", "fee" or "customer_credit"
    reference: str
    date: dt.date | None
    due_date: dt.date | None
    days_overdue: int
    amount: Decimal
    open: Decimal


@dataclass(frozen=True)
class StatementSection:
    currency: str
    opening: Decimal
    movements: tuple[Movement, ...]
    closing: Decimal
    open_items: tuple[OpenEntry, ...]


@dataclass(frozen=True)
class StatementDocument:
    seller: Seller
    buyer: Buyer
    language: str
    start: dt.date
    end: dt.date
    sections: tuple[StatementSection, ...]

    @property
    def number(self) -> str:
        """The running head of later pages names the customer, as an invoice its number."""
        return self.buyer.customer_number

    @property
    def currency(self) -> str:
        return self.sections[0].currency if self.sections else "SEK"


@dataclass(frozen=True)
class AgingRow:
    number: str
    customer: str
    due_date: dt.date | None
    days_overdue: int
    remaining: Decimal
    currency: str
    converted: Decimal | None


@dataclass(frozen=True)
class AgingGroup:
    """One bucket: ``key`` of services.aging's BUCKETS, its total in the company currency."""

    key: str
    total: Decimal
    rows: tuple[AgingRow, ...]


@dataclass(frozen=True)
class AgingDocument:
    seller: Seller
    language: str
    today: dt.date
    currency: str
    groups: tuple[AgingGroup, ...]
    total: Decimal
    missing_rates: tuple[str, ...] = ()

    @property
    def buyer(self) -> Buyer:
        return Buyer(name="")

    @property
    def number(self) -> str:
        return self.today.isoformat()
