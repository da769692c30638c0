"""First run creates the company; the window has every section; the chosen ledger is kept."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from finqr_desktop.services import company as company_service
from finqr_desktop.services import ui_queries
from finqr_desktop.ui import app
from finqr_desktop.ui.context import LedgerContext
from finqr_desktop.ui.first_run import CREATED, FirstRunDialog
from finqr_desktop.ui.main_window import MainWindow

from .typing import type_into


def _first_run(qtbot, database, today) -> FirstRunDialog:
    dialog = FirstRunDialog(LedgerContext(database, today=lambda: today))
    qtbot.addWidget(dialog)
    return dialog


def test_first_run_creates_the_company(qtbot, database, today):
    dialog = _first_run(qtbot, database, today)
    edits = dialog.form.edits
    type_into(edits["legal_name"], "Ny Firma i Sverige AB")
    qtbot.keyClicks(edits["org_number"], "5560360793")
    qtbot.keyClicks(edits["bankgiro"], "54029681")
    type_into(edits["city"], "Malmö")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.choice == CREATED
    with database.reading() as session:
        company = ui_queries.company_details(session)
    assert company.legal_name == "Ny Firma i Sverige AB"
    assert company.org_number == "556036-0793"
    assert company.bankgiro.replace("-", "") == "54029681"
    assert company.address.city == "Malmö"


def test_first_run_shows_problems_beside_their_fields(qtbot, database, today):
    dialog = _first_run(qtbot, database, today)
    qtbot.keyClicks(dialog.form.edits["org_number"], "12345")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.choice is None
    assert dialog.form.errors.message("legal_name") == "is required"
    assert dialog.form.errors.message("org_number") != ""
    assert dialog.form.edits["org_number"].property("invalid") is True
    with database.reading() as session:
        assert company_service.get_company(session) is None


def test_main_window_has_every_section_and_says_what_comes_later(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    titles = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    assert titles == ["Invoices", "Customers", "Reminders", "Payments", "Templates",
                      "Portal", "Dashboard", "Settings"]  # fmt: skip
    assert window.windowTitle() == "FINQR Desktop — Exempel Handel AB"
    assert window.show_section("Payments") is window.payments
    page = window.show_section("Dashboard")
    assert window.stack.currentWidget() is page is window.dashboard


def test_settings_page_saves_the_company(qtbot, context, ledger):
    window = MainWindow(context)
    qtbot.addWidget(window)
    settings = window.show_section("Settings")
    assert settings.form.edits["legal_name"].text() == "Exempel Handel AB"
    settings.form.edits["phone"].setText("08-999 000")
    settings.form.edits["legal_name"].setText("Exempel Handel & Co AB")
    assert settings.save() is True
    assert window.windowTitle() == "FINQR Desktop — Exempel Handel & Co AB"
    with ledger.reading() as session:
        assert ui_queries.company_details(session).phone == "08-999 000"


def test_an_explicit_ledger_is_for_this_run_only(qtbot, ledger, database_url, tmp_path):
    from finqr_desktop.services import ui_queries

    settings = QSettings(str(tmp_path / "finqr.ini"), QSettings.Format.IniFormat)
    settings.setValue(app.DATABASE_KEY, ui_queries.demo_database_url())
    launcher = app.Launcher(settings)
    window = launcher.start(database_url)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.context.database.url == database_url
    # The app's own choice (the demo, chosen earlier) is still what a plain start opens.
    assert settings.value(app.DATABASE_KEY) == ui_queries.demo_database_url()
    launcher.context.database.dispose()


def test_a_mistyped_ledger_path_is_not_created_unasked(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    settings = QSettings(str(tmp_path / "finqr.ini"), QSettings.Format.IniFormat)
    typo = tmp_path / "ledgr.sqlite3"
    asked = []

    def refuse(*args):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    assert app.Launcher(settings).start(str(typo)) is None
    assert str(typo) in asked[0] and not typo.exists()

    # Said yes, then the first-run dialog cancelled: the new empty file goes again.
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app.Launcher(settings).start(str(typo)) is None
    assert list(tmp_path.glob("ledgr*")) == []


def test_version_option_answers_without_a_window(capsys):
    assert app.main(["--version"]) == 0
    assert "finqr-desktop 0.1.0" in capsys.readouterr().out


def test_unexpected_errors_are_logged_and_shown(monkeypatch, caplog, qapp):
    from finqr_desktop.ui import crash

    try:
        raise RuntimeError("the printer caught fire")
    except RuntimeError as exc:
        crash.handle_exception(RuntimeError, exc, exc.__traceback__)
    dialog = crash.open_dialog()
    try:
        assert dialog is not None and dialog.isVisible()
        assert "RuntimeError: the printer caught fire" in dialog.details
        assert "Traceback" in dialog.details
        assert "unexpected error" in caplog.text
    finally:
        if dialog is not None:
            dialog.reject()
