"""The ledger's small settings (JSON values in the `setting` table), read and written once.

Each setting module (VAT table, reminder policy and mode, SMTP) owns its key and its
meaning; this module only stores and fetches the raw value.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.models import SettingRow
from . import audit

MISSING = object()
SETTING = SettingRow.__table__


def load(session: Session, key: str, default: object = None) -> object:
    """The stored value, or ``default`` when nothing is stored under ``key``.

    No autoflush: a batch reads settings between writes, and flushing each time is waste.
    """
    with session.no_autoflush:
        stored = session.get(SettingRow, key)
    return default if stored is None else stored.value


def peek(session: Session, key: str, default: object = None) -> object:
    """As load(), read with a plain query instead of loading a SettingRow: read-only
    figures (the dashboard's rates) then need none of the ORM's set-up. It sees what is
    flushed, which is all store() leaves."""
    stored = session.execute(select(SETTING.c.value).where(SETTING.c.key == key)).first()
    return default if stored is None else stored[0]


def store(session: Session, key: str, value: object) -> None:
    """Store ``value``; a change is recorded in the audit trail (services.audit)."""
    row = session.get(SettingRow, key)
    changed = row is None or row.value != value
    row = row or SettingRow(key=key)
    row.value = value
    session.add(row)
    session.flush()
    if changed:
        audit.record(session, audit.SETTINGS, detail=f"setting {key} changed")
