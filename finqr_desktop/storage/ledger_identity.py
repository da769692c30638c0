"""A short, stable name for one ledger, which its backup files start with.

Two ledgers may share a name and a backup folder: ``finqr.sqlite3`` and ``finqr.db`` side by
side, ``Bäck AB`` and ``Böck AB`` (both ``B_ck_AB`` once made safe for a file name), the
default SQLite ledger and a PostgreSQL database called finqr. Their backups must not mix,
or pruning one ledger's would delete the other's. So the name carries 8 hex digits of a hash
of what tells the ledgers apart: the resolved path of a SQLite file, or the server, port and
database of PostgreSQL (never the password, nor the user: the same database is the same
ledger whoever opens it).
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)

KEY_LENGTH = 8
DEFAULT_PG_PORT = 5432


def readable_name(url: str) -> str:
    """The file's stem or the database's name, made safe for a file name."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        name = Path(parsed.database or "memory").stem
    else:
        name = parsed.database or "postgres"
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


def key(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        identity = "sqlite:" + str(Path(parsed.database or ":memory:").expanduser().resolve())
    else:
        host = (parsed.host or "").lower()
        identity = f"postgresql:{host}:{parsed.port or DEFAULT_PG_PORT}:{parsed.database or ''}"
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def backup_stem(url: str) -> str:
    """What every backup file of this ledger starts with, e.g. ``finqr-3f9a0c21``."""
    return f"{readable_name(url)}-{key(url)}"
