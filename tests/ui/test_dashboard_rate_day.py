"""The dashboard converts at the rate in force on its day and says which: a rate entered
for a later day waits for it (the figures of tests/services/as_of_ledger.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from ..services import as_of_ledger
from .test_dashboard import sek, shown


@pytest.fixture
def books(ledger):
    return as_of_ledger.build(ledger)


def test_the_cards_convert_at_todays_rate_and_name_its_day(qtbot, context, books):
    page = shown(qtbot, context)
    # Y 1000.00 + Z 1250.00 + 125.00 EUR at 11.20 (the 20.00 rate starts on a later day).
    assert page.cards["outstanding"].value.text() == sek("3650.00")
    assert page.cards["due_soon"].value.text() == sek("1400.00")
    note = page.cards["due_soon"].note.text()
    assert "converted at 11,2, the rate from 2026-11-15" in note
    page.grab().save("/tmp/dashboard_rate_day.png")

    dialog = page.open_rates()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("rate in force on the figures' day" in text for text in texts)
