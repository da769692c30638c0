"""Display names for the ledger's codes (statuses, VAT rates, customer kinds), translatable.

Codes stay in English in the database; the clerk sees these names through Qt's
translation mechanism, so a catalogue can rename them without touching code.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..domain.number_text import format_percent
from ..domain.status import Status
from ..domain.vat import VatRate
from ..services.invoice_list import OPEN


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def status_name(code: str) -> str:
    names = {
        Status.DRAFT: _tr("Draft"),
        Status.UNPAID: _tr("Unpaid"),
        Status.PARTIALLY_PAID: _tr("Partially paid"),
        Status.PAID: _tr("Paid"),
        Status.OVERDUE: _tr("Overdue"),
        Status.CREDITED: _tr("Credited"),
        Status.ISSUED_CREDIT: _tr("Credit note"),
    }
    try:
        return names[Status(code)]
    except ValueError:
        return code


def statuses() -> list[tuple[str, str]]:
    """(code, display name) for every filter: "open" first, then every status."""
    return [(OPEN, _tr("Open (not yet paid)"))] + [
        (status.value, status_name(status.value)) for status in Status
    ]


def vat_rate_name(rate: VatRate, locale: str = "sv_SE") -> str:
    percent = format_percent(rate.percent, locale)
    named = {
        "0": _tr("{percent} (exempt)"),
        "reverse_charge": _tr("Reverse charge ({percent})"),
        "intra_eu": _tr("Intra-EU supply ({percent})"),
        "export": _tr("Export ({percent})"),
    }
    pattern = named.get(rate.code)
    if pattern is None:
        return percent if rate.category == "S" else f"{rate.code} ({percent})"
    return pattern.format(percent=percent)


def customer_kinds() -> list[tuple[str, str]]:
    return [("company", _tr("Company")), ("person", _tr("Private person"))]


def languages() -> list[tuple[str, str]]:
    return [("sv", _tr("Swedish")), ("en", _tr("English"))]


CURRENCIES = ("SEK", "EUR", "NOK", "DKK", "USD", "GBP")


def invoice_count(count: int) -> str:
    """ "1 invoice", "3 invoices": Swedish and English both tell one from the rest."""
    return _tr("1 invoice") if count == 1 else _tr("{count} invoices").format(count=count)
