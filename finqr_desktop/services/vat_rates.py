"""The VAT table in force: Sweden's by default, or the one stored in the ledger's settings."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..domain.vat import SWEDEN, VatTable
from ..storage.models import SettingRow

SETTING_KEY = "vat_table"


def vat_table(session: Session) -> VatTable:
    """The table in force, read once per session: a batch of invoices asks for it each time."""
    cached = session.info.get(SETTING_KEY)
    if cached is None:
        with session.no_autoflush:
            stored = session.get(SettingRow, SETTING_KEY)
        cached = SWEDEN if stored is None or not stored.value else VatTable.from_data(stored.value)
        session.info[SETTING_KEY] = cached
    return cached


def set_vat_table(session: Session, data: dict) -> VatTable:
    """Store another table (validated by building it first); see resources/vat/*.json."""
    table = VatTable.from_data(data)
    row = session.get(SettingRow, SETTING_KEY) or SettingRow(key=SETTING_KEY)
    row.value = data
    session.add(row)
    session.flush()
    session.info[SETTING_KEY] = table
    return table
