"""A Message is its English text and remembers how it was made."""

from __future__ import annotations

import pickle

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.domain.messages import Message, msg


def test_a_message_reads_as_its_english_text():
    text = msg("invoice {number} is already paid", number="2026-0001")
    assert text == "invoice 2026-0001 is already paid"
    assert isinstance(text, str)
    assert text.template == "invoice {number} is already paid"
    assert text.values == {"number": "2026-0001"}
    assert str(RuleViolation(text)) == "invoice 2026-0001 is already paid"


def test_braces_in_values_or_in_a_template_without_values_stay_as_they_are():
    assert (
        msg("pattern {shown} is invalid", shown="{year}-{seq") == "pattern {year}-{seq is invalid"
    )
    assert msg("use {year} in the pattern") == "use {year} in the pattern"


def test_a_message_survives_pickling_for_worker_processes():
    text = msg("{count} messages failed", count=3)
    copy = pickle.loads(pickle.dumps(text))
    assert isinstance(copy, Message)
    assert (copy, copy.template, copy.values) == (text, text.template, {"count": 3})
    error = pickle.loads(pickle.dumps(RuleViolation(text)))
    assert isinstance(error.args[0], Message) and error.args[0].values == {"count": 3}
