"""Shared fixtures: a fresh, migrated database per test, and a company with customers.

Qt runs offscreen; the keyring is a null backend so no test ever talks to a desktop
keyring service.
"""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import pytest  # noqa: E402

from finqr_desktop.domain.parties import Address, Company, Customer  # noqa: E402
from finqr_desktop.services import company as company_service  # noqa: E402
from finqr_desktop.services import customers as customer_service  # noqa: E402
from finqr_desktop.services.ledger import open_ledger  # noqa: E402

# Set (by .ci/run) to run the whole suite against PostgreSQL instead of SQLite: each test
# then gets its own database, cloned from a migrated template database.
POSTGRES_ENV = "FINQR_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """Keep every test away from the real user data, log and config folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("FINQR_DATABASE_URL", raising=False)


def on_postgres() -> bool:
    return bool(os.environ.get(POSTGRES_ENV))


def pytest_collection_modifyitems(config, items):
    if not on_postgres():
        return
    skip = pytest.mark.skip(reason="checks SQLite itself; this run is on PostgreSQL")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def database_url(tmp_path, request) -> str:
    if not on_postgres():
        return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    from .postgres import fresh_database

    url, drop = fresh_database(os.environ[POSTGRES_ENV])
    request.addfinalizer(drop)
    return url


@pytest.fixture
def database(database_url):
    db = open_ledger(database_url)
    yield db
    db.dispose()


def sample_company() -> Company:
    return Company(
        legal_name="Exempel Handel AB",
        org_number="556677-8899",
        vat_number="SE556677889901",
        address=Address("Storgatan 1", "111 22", "Stockholm", "SE"),
        bankgiro="5402-9681",
        f_tax=True,
        contact_person="Eva Ek",
        phone="08-123 456",
        email="faktura@exempel.se",
        website="https://exempel.se",
    )


def sample_customers() -> list[Customer]:
    return [
        Customer(
            number="1001",
            name="Nilsson & Söner Bygg AB",
            org_number="556036-0793",
            address=Address("Byggvägen 5", "222 33", "Lund", "SE"),
            emails=["ekonomi@nilsson.example"],
        ),
        Customer(
            number="1002",
            name="Anna Andersson",
            kind="person",
            address=Address("Lilla gatan 2", "333 44", "Växjö", "SE"),
            emails=["anna@example.org"],
            language="en",
        ),
    ]


@pytest.fixture
def ledger(database):
    """A database with the sample company and two customers."""
    with database.writing() as session:
        company_service.save_company(session, sample_company())
        for customer in sample_customers():
            customer_service.add_customer(session, customer)
    return database


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 12, 4)


@pytest.fixture
def smtp():
    """Recording SMTP servers on loopback, all stopped afterwards:
    ``controller, handler = smtp(handler=None, port=None, **controller_options)``."""
    from .mail import server

    started = []

    def run(handler: server.RecordingHandler | None = None, **options):
        handler = handler or server.RecordingHandler()
        controller = server.start(handler, **options)
        started.append(controller)
        return controller, handler

    yield run
    for controller in started:
        controller.stop()
