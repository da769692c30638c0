"""Settings → Language: the window is rebuilt in the chosen language on the same ledger, and
the clerk's work survives (the open section, an open invoice draft); other unsaved work is
asked about first.

The tests bring their own tiny Swedish catalogue (compiled with lrelease into tmp_path), so
they do not depend on what the real catalogue says.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt

from finqr_desktop.services import ui_queries
from finqr_desktop.ui import app, translation
from finqr_desktop.ui.invoice_editor import InvoiceEditor
from finqr_desktop.ui.translation_catalogue import compile_catalogue

from .typing import type_into

TINY_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message><source>Invoices</source><translation>Fakturor</translation></message>
    <message><source>Settings</source><translation>Inställningar</translation></message>
</context>
<context>
    <name>InvoicesPage</name>
    <message><source>New invoice…</source><translation>Ny faktura…</translation></message>
</context>
</TS>
"""


@pytest.fixture
def tiny_swedish(tmp_path, monkeypatch, qapp):
    """The app's catalogue lookup answers with a two-context Swedish catalogue of our own;
    Qt's own translations stay out. The window is untranslated again afterwards."""
    source = tmp_path / "tiny_sv.ts"
    source.write_text(TINY_TS, encoding="utf-8")
    compiled = tmp_path / "tiny_sv.qm"
    compile_catalogue(source, compiled)
    data = compiled.read_bytes()
    monkeypatch.setattr(
        translation, "catalogue_bytes", lambda language: data if language == "sv" else None
    )
    monkeypatch.setattr(translation, "_qt_translator", lambda language: None)
    default = QLocale()
    yield
    translation.uninstall(default)


@pytest.fixture
def launcher(qtbot, ledger, database_url, tiny_swedish):
    translation.install("en")
    starter = app.Launcher(QSettings())
    window = starter.start(database_url)
    qtbot.addWidget(window)
    yield starter
    if starter.window is not None:
        starter.window.close()
    starter.context.database.dispose()


def _section_titles(window) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def _write_draft(editor: InvoiceEditor) -> None:
    editor.header.choose_customer("1001")
    type_into(editor.lines.widget(0, "description"), "Konsulttid i december")
    editor.lines.widget(0, "quantity").clear()
    type_into(editor.lines.widget(0, "quantity"), "3")
    type_into(editor.lines.widget(0, "unit_price"), "950")


def _choose(window, language: str, formats: str = "") -> None:
    form = window.settings.language
    form.language.setCurrentIndex(form.language.findData(language))
    form.formats.setCurrentIndex(form.formats.findData(formats))


def test_swedish_rebuilds_the_window_and_keeps_the_section_and_the_typed_draft(
    qtbot, launcher, ledger, today, boxes
):
    old = launcher.window
    assert old.invoices.new_button.text() == "New invoice…"
    editor = old.invoices.open_editor(None)
    _write_draft(editor)
    assert editor.has_unsaved_work()
    old.show_section("Settings")
    old.settings.tabs.setCurrentWidget(old.settings.language.parentWidget())
    _choose(old, "sv")

    qtbot.mouseClick(old.settings.language.apply_button, Qt.MouseButton.LeftButton)

    new = launcher.window
    assert new is not old and new.isVisible() and not old.isVisible()
    assert "Fakturor" in _section_titles(new) and "Inställningar" in _section_titles(new)
    assert new.invoices.new_button.text() == "Ny faktura…"
    # Still on the section the clerk was on, still on the same ledger.
    assert new.stack.currentWidget() is new.settings
    assert new.settings.tabs.currentWidget() is new.settings.language.parentWidget()
    assert new.context.database is old.context.database
    # The draft was saved and is open again, with what was typed.
    reopened = new.invoices.dialog
    assert isinstance(reopened, InvoiceEditor) and reopened.isVisible()
    assert reopened.lines.widget(0, "description").toPlainText() == "Konsulttid i december"
    assert reopened.header.draft().customer_number == "1001"
    assert not reopened.has_unsaved_work()
    with ledger.reading() as session:
        assert ui_queries.invoice_detail(session, reopened.invoice_id, today).is_draft
    # Nothing else was unsaved, so nothing was asked; the choice is kept for the next start.
    assert boxes.questions == []
    assert translation.chosen_language(QSettings()) == "sv"
    assert translation.current_language() == "sv"
    assert new.settings.language.language.currentData() == "sv"
    assert not new.settings.language.apply_button.isEnabled()


def test_unsaved_settings_are_asked_about_and_can_keep_the_old_language(qtbot, launcher, boxes):
    old = launcher.window
    old.settings.form.edits["phone"].setText("08-777 000")
    assert old.settings.has_unsaved_work()
    old.show_section("Settings")
    old.settings.tabs.setCurrentWidget(old.settings.language.parentWidget())
    _choose(old, "sv")
    boxes.answer = False

    qtbot.mouseClick(old.settings.language.apply_button, Qt.MouseButton.LeftButton)

    assert launcher.window is old
    assert "Settings: changes that are not saved" in boxes.questions[0]
    assert old.settings.form.edits["phone"].text() == "08-777 000"
    assert old.settings.language.status.text().startswith("Not changed")
    assert translation.chosen_language(QSettings()) == translation.SYSTEM
    assert old.invoices.new_button.text() == "New invoice…"

    boxes.answer = True
    qtbot.mouseClick(old.settings.language.apply_button, Qt.MouseButton.LeftButton)
    assert launcher.window is not old
    assert launcher.window.invoices.new_button.text() == "Ny faktura…"


def test_a_draft_that_cannot_be_saved_is_asked_about(qtbot, launcher, boxes):
    old = launcher.window
    editor = old.invoices.open_editor(None)
    editor.lines.widget(0, "quantity").clear()
    type_into(editor.lines.widget(0, "quantity"), "tre")  # not a number: cannot be saved
    _choose(old, "sv")
    boxes.answer = False

    assert launcher.change_language("sv", "") is False
    assert "cannot be saved as a draft" in boxes.questions[0]
    assert launcher.window is old and editor.isVisible()
    assert editor.lines.widget(0, "quantity").text() == "tre"


def test_the_formats_follow_the_choice_and_default_to_the_language(qtbot, launcher):
    launcher.change_language("sv", "")
    assert launcher.window.context.locale == "sv_SE"
    launcher.change_language("sv", "en_GB")
    assert launcher.window.context.locale == "en_GB"
    assert translation.chosen_formats(QSettings()) == "en_GB"
    launcher.change_language("en", "")
    assert launcher.window.context.locale == "en_GB"
    assert translation.chosen_formats(QSettings()) == translation.SYSTEM


def test_the_chosen_language_is_installed_before_the_first_window(tiny_swedish):
    settings = QSettings()
    translation.store_language(settings, "sv")
    assert translation.install_chosen(settings) == "sv"
    assert translation.ui_locale() == "sv_SE"
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("MainWindow", "Invoices") == "Fakturor"
    translation.store_language(settings, "en")
    translation.install_chosen(settings)
    assert QCoreApplication.translate("MainWindow", "Invoices") == "Invoices"


def test_no_change_while_long_work_runs_in_the_window(qtbot, launcher, boxes):
    from finqr_desktop.ui.progress_dialog import ProgressDialog

    old = launcher.window
    work = ProgressDialog("Issue invoices", "Cancel stops after this invoice.", old)
    work.follow(describe=lambda reported: (str(reported), None), report=lambda _r, _e: "")

    assert launcher.change_language("sv", "") is False
    assert launcher.window is old
    assert boxes.said[0][1].startswith("Work is still running")
    work.running = False  # the work "ends"; the language can change now
    work.close()
    assert launcher.change_language("sv", "") is True
