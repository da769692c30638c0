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
        self.questions: list[str] = []
        self.said: list[tuple[str, str]] = []

    def confirm(self, _parent, _title, text):
        self.questions.append(text)
        return self.answer

    def inform(self, _parent, title, text):
        self.said.append((title, text))

    def warn(self, _parent, title, text):
        self.said.append((title, text))


@pytest.fixture
def boxes(monkeypatch):
    fake = Boxes()
    monkeypatch.setattr(messages, "confirm", fake.confirm)
    monkeypatch.setattr(messages, "inform", fake.inform)
    monkeypatch.setattr(messages, "warn", fake.warn)
    return fake
