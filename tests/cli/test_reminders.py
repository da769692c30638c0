"""`finqr reminders ...` in-process: the queue as scripts read it, and the clerk's actions."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_invoices import MIXED, create, draft_id

TODAY = "2026-12-04"
KEYS = {
    "invoice", "invoice_id", "customer", "customer_name", "level", "send_at", "currency",
    "amount_due", "fee", "compensation", "interest", "reason", "caught_up", "status",
    "outbox_id", "skip_reason", "customer_credit",
}  # fmt: skip


@pytest.fixture
def overdue(finqr, customers, write_json, monkeypatch):
    """Invoice 2026-0001, 653.00 SEK, due 1 April 2026: long overdue by December. It is
    issued on 4 December at 09:00, and its e-mail waits in the outbox: the reminder waits
    for it and then 5 days, to Wednesday 9 December."""
    monkeypatch.setattr("finqr_desktop.cli.invoices.now", lambda: dt.datetime(2026, 12, 4, 9))
    result = finqr("invoice", "issue", draft_id(create(finqr, write_json, MIXED)))
    assert result.code == 0, result.err
    return "2026-0001"


def queue_json(finqr, *extra):
    result = finqr("reminders", "queue", "--json", "--today", TODAY, *extra)
    assert result.code == 0, result.err
    return result.json()


def test_queue_json_has_exact_keys_and_decimal_strings(finqr, overdue):
    (item,) = queue_json(finqr)
    assert set(item) == KEYS
    assert item["invoice"] == overdue and item["customer"] == "1001"
    assert item["level"] == 1 and item["caught_up"] is True
    assert item["send_at"] == "2026-12-09T09:00:00+01:00"
    assert "waits for the invoice e-mail, not sent yet, and then 5 days" in item["reason"]
    assert (item["amount_due"], item["fee"], item["compensation"]) == ("653.00", "0.00", "450.00")
    assert item["customer_credit"] == "0.00"  # the customer holds no credit
    for key in ("amount_due", "fee", "compensation", "interest", "customer_credit"):
        assert isinstance(item[key], str) and item[key].count(".") == 1
        assert len(item[key].split(".")[1]) == 2
    assert item["status"] is None and item["outbox_id"] is None


def test_queue_as_a_table_and_when_empty(finqr, overdue):
    shown = finqr("reminders", "queue", "--today", TODAY)
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[0].split() == [
        "Invoice", "Customer", "Level", "Send", "Due", "Fee", "Interest", "Status", "Reason",
    ]  # fmt: skip
    assert overdue in shown.out
    empty = finqr("reminders", "queue", "--today", "2026-03-01")
    assert empty.out.strip() == "Nothing to remind in the coming days."


def test_approve_skip_postpone_and_dispute(finqr, overdue):
    assert finqr("reminders", "approve", overdue, "--today", TODAY).code == 0
    assert queue_json(finqr)[0]["status"] == "approved"

    skipped = finqr("reminders", "skip", overdue, "--reason", "called them", "--today", TODAY)
    assert skipped.code == 0, skipped.err
    (item,) = queue_json(finqr)
    assert (item["status"], item["skip_reason"]) == ("skipped", "called them")

    later = finqr("reminders", "postpone", overdue, "--until", "2026-12-09", "--today", TODAY)
    assert later.code == 0, later.err
    (item,) = queue_json(finqr)
    assert (item["status"], item["send_at"]) == ("postponed", "2026-12-09T09:00:00+01:00")

    assert finqr("reminders", "dispute", overdue).code == 0
    assert queue_json(finqr) == []
    assert finqr("reminders", "dispute", overdue, "--clear").code == 0
    assert len(queue_json(finqr)) == 1


def test_approve_all_leaves_a_skip_standing_until_the_item_is_named(finqr, overdue):
    skipped = finqr("reminders", "skip", overdue, "--reason", "called them", "--today", TODAY)
    assert skipped.code == 0, skipped.err
    assert finqr("reminders", "approve", "--all", "--today", TODAY).code == 0
    assert queue_json(finqr)[0]["status"] == "skipped"
    assert finqr("reminders", "approve", overdue, "--today", TODAY).code == 0
    assert queue_json(finqr)[0]["status"] == "approved"


def test_bad_calls_exit_2(finqr, overdue):
    assert finqr("reminders", "approve", "--today", TODAY).code == 2
    assert finqr("reminders", "approve", "9999", "--today", TODAY).code == 2
    assert finqr("reminders", "postpone", overdue, "--until", TODAY, "--today", TODAY).code == 2
    assert finqr("reminders", "dispute", "nope").code == 2


def test_mode_starts_manual(finqr, company):
    assert finqr("reminders", "mode").out.strip() == "manual"
    assert finqr("reminders", "mode", "automatic").code == 0
    assert finqr("reminders", "mode").out.strip() == "automatic"
