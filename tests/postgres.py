"""A fresh PostgreSQL database per test, cloned from one migrated template (fast)."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TEMPLATE = "finqr_test_template"
_template_ready: set[str] = set()


def fresh_database(admin_url: str) -> tuple[str, callable]:
    """(url of a new, migrated, empty database, a function that drops it)."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    if admin_url not in _template_ready:
        _build_template(admin, admin_url)
        _template_ready.add(admin_url)
    name = f"finqr_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def _build_template(admin, admin_url: str) -> None:
    from finqr_desktop.services.ledger import open_ledger

    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {TEMPLATE}"))
    url = make_url(admin_url).set(database=TEMPLATE).render_as_string(hide_password=False)
    open_ledger(url).dispose()
