"""Fixtures for the GUI tests: a ledger context on a fixed day, and answered message boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from finqr_desktop.ui import messages
from finqr_desktop.ui.context import LedgerContext


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory):
    """QSettings() goes to a fresh folder per test, never to the real user's settings."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def context(ledger, today, qapp):
    return LedgerContext(ledger, today=lambda: today)


class Boxes:
    """Stands in for the message boxes: records what was said and answers questions."""

    def __init__(self):
        self.answer = True
        self.save_answer = messages.DISCARD
        self.questions: list[str] = []
        self.said: list[tuple[str, str]] = []

    def confirm(self, _parent, _title, text):
        self.questions.append(text)
        return self.answer

    def inform(self, _parent, title, text):
        self.said.append((title, text))

    def warn(self, _parent, title, text):
        self.said.append((title, text))

    def ask_save(self, _parent, _title, text):
        self.questions.append(text)
        return self.save_answer


@pytest.fixture
def boxes(monkeypatch):
    fake = Boxes()
    monkeypatch.setattr(messages, "confirm", fake.confirm)
    monkeypatch.setattr(messages, "inform", fake.inform)
    monkeypatch.setattr(messages, "warn", fake.warn)
    monkeypatch.setattr(messages, "ask_save", fake.ask_save)
    return fake


@pytest.fixture(autouse=True)
def _no_blocking_save_question(monkeypatch):
    """A test that closes an editor with unsaved work and does not answer (the ``boxes``
    fixture) gets Discard, as a clerk would by closing on purpose, instead of a modal box
    that would wait for ever on the offscreen screen."""
    monkeypatch.setattr(messages, "ask_save", lambda *_args: messages.DISCARD)
