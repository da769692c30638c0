"""Settings → Database: open another ledger by URL; a server password goes to the keyring
(or, without one, is asked for once per session) and never into the remembered URL."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import QSettings
from sqlalchemy.engine import make_url

from finqr_desktop.services import company as company_service
from finqr_desktop.services import database_passwords as dbp
from finqr_desktop.services import ui_queries
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.ui import app, database_settings
from finqr_desktop.ui.settings_page import SettingsPage

from ..conftest import on_postgres, sample_company
from ..mail.keyrings import MemoryKeyring

BARE = "postgresql+psycopg://eva@db.office.example/finqr"


@pytest.fixture(autouse=True)
def _fresh_session(monkeypatch):
    monkeypatch.setattr(
        database_settings, "session_passwords", database_settings.SessionPasswords()
    )


def test_the_database_tab_checks_the_url_and_asks_for_it_to_open(qtbot, context):
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert "Database" in [page.tabs.tabText(i) for i in range(page.tabs.count())]
    form = page.database
    assert form.current.text() == ui_queries.database_label(context.database.url)

    form.url.setText("mysql://eva@db/finqr")
    assert form.open_ledger() is None
    assert form.status.text() == "Not opened: only PostgreSQL and SQLite ledgers can be opened."

    typed = "postgresql+psycopg://eva:hemligt@db.office.example/finqr"
    form.url.setText(typed)
    with qtbot.waitSignal(form.open_requested) as requested:
        form.open_ledger()
    assert requested.args == [typed]
    assert form.url.text() == ""  # the password does not stay on screen


def test_without_a_keyring_the_clerk_is_asked_once_per_session(monkeypatch):
    asked = []

    def ask(_parent, account):
        asked.append(account)
        return "hemligt"

    monkeypatch.setattr(database_settings, "ask_password", ask)
    assert database_settings.connect_url(BARE) == BARE  # nothing known: try without
    first = database_settings.connect_url(BARE, ask=True)  # the server refused: ask
    again = database_settings.connect_url(BARE)
    assert first == again == "postgresql+psycopg://eva:hemligt@db.office.example/finqr"
    assert asked == ["eva@db.office.example/finqr"]


def test_a_password_that_let_the_app_in_is_kept_in_the_keyring(monkeypatch):
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    url = database_settings.keep_password("postgresql+psycopg://eva:hemligt@db/finqr")
    assert url == "postgresql+psycopg://eva@db/finqr"
    assert backend.items == {(dbp.SERVICE, "eva@db/finqr"): "hemligt"}
    assert database_settings.connect_url(url).endswith("eva:hemligt@db/finqr")


def test_switching_to_a_url_opens_it_and_remembers_it_without_a_password(
    qtbot, ledger, database_url, tmp_path, monkeypatch
):
    settings = QSettings(str(tmp_path / "finqr.ini"), QSettings.Format.IniFormat)
    launcher = app.Launcher(settings)
    first = launcher.start(database_url)
    qtbot.addWidget(first)

    other = tmp_path / "branch.sqlite3"
    other_url = f"sqlite:///{other}"
    database = open_ledger(other_url)
    with database.writing() as session:
        company_service.save_company(session, sample_company())
    database.dispose()
    target = other_url
    if on_postgres():
        # The same server ledger, with a password typed: it must not reach the settings.
        backend = MemoryKeyring()
        monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
        target = make_url(database_url).set(password="kassan").render_as_string(False)

    first.settings.database.url.setText(target)
    first.settings.database.open_ledger()
    second = launcher.window
    qtbot.addWidget(second)
    assert second is not first
    stored = settings.value(app.DATABASE_KEY)
    assert "kassan" not in stored
    assert stored == dbp.without_password(target)
    launcher.context.database.dispose()
