"""The VAT table in force: Sweden's by default, or the one stored in the ledger's settings."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..domain.vat import SWEDEN, VatTable
from ..storage.models import SettingRow

SETTING_KEY = "vat_table"


def vat_table(session: Session) -> VatTable:
    stored = session.get(SettingRow, SETTING_KEY)
    if stored is None or not stored.value:
        return SWEDEN
    return VatTable.from_data(stored.value)


def set_vat_table(session: Session, data: dict) -> VatTable:
    """Store another table (validated by building it first); see resources/vat/*.json."""
    table = VatTable.from_data(data)
    row = session.get(SettingRow, SETTING_KEY) or SettingRow(key=SETTING_KEY)
    row.value = data
    session.add(row)
    session.flush()
    return table
