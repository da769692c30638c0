"""The VAT table in force: Sweden's by default, or the one stored in the ledger's settings."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..domain.vat import SWEDEN, VatTable
from . import settings_store

SETTING_KEY = "vat_table"


def vat_table(session: Session) -> VatTable:
    """The table in force, read once per session: a batch of invoices asks for it each time."""
    cached = session.info.get(SETTING_KEY)
    if cached is None:
        stored = settings_store.load(session, SETTING_KEY)
        cached = VatTable.from_data(stored) if stored else SWEDEN
        session.info[SETTING_KEY] = cached
    return cached


def set_vat_table(session: Session, data: dict) -> VatTable:
    """Store another table (validated by building it first); see resources/vat/*.json."""
    table = VatTable.from_data(data)
    settings_store.store(session, SETTING_KEY, data)
    session.info[SETTING_KEY] = table
    return table
