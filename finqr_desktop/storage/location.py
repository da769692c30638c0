"""Where FINQR keeps its files by default (platformdirs), and how a database is chosen."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url

APP_NAME = "FINQR Desktop"
APP_AUTHOR = "FINQR"
DATABASE_ENV = "FINQR_DATABASE_URL"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'finqr.sqlite3'}"


def demo_database_url() -> str:
    return f"sqlite:///{data_dir() / 'demo.sqlite3'}"


def resolve_database_url(explicit: str | None = None) -> str:
    """``--database`` wins over the environment variable, which wins over the default.

    A bare file path is accepted as a SQLite database.
    """
    url = explicit or os.environ.get(DATABASE_ENV) or default_database_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def sqlite_file(url: str | URL) -> Path | None:
    """The file a SQLite URL names; None for other databases, memory and ``file:`` URIs.

    A malformed URL raises SQLAlchemy's ArgumentError.
    """
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() != "sqlite" or url.query.get("uri"):
        return None
    if not url.database or url.database == ":memory:":
        return None
    return Path(url.database)
