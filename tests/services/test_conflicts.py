"""Two clerks editing the same draft or customer: the second save is refused and says who
saved first and when, and the first clerk's work is what stays."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.services import audit, conflicts, customers, invoices
from finqr_desktop.services.invoice_input import draft_from_data
from finqr_desktop.storage.models import InvoiceRow

from .helpers import create_draft, draft_data


def as_clerk(monkeypatch, user: str, workstation: str) -> None:
    monkeypatch.setattr(audit, "actor", lambda: audit.Actor(user, workstation))


def save(database, invoice_id: int, version: int, notes: str) -> None:
    with database.writing() as session:
        draft, _ = draft_from_data(session, draft_data(notes=notes))
        invoices.save_draft(session, draft, invoice_id=invoice_id, expected_version=version)


def test_the_second_save_of_a_draft_names_the_first_clerk_and_the_time(ledger, monkeypatch):
    invoice_id = create_draft(ledger)
    # Both clerks open the draft, each in a session of their own.
    with ledger.reading() as anna_session, ledger.reading() as bo_session:
        anna_version = anna_session.get(InvoiceRow, invoice_id).version
        bo_version = bo_session.get(InvoiceRow, invoice_id).version

    as_clerk(monkeypatch, "anna", "reception")
    save(ledger, invoice_id, anna_version, "Anna's notes")
    as_clerk(monkeypatch, "bo", "back-office")
    with pytest.raises(invoices.ConflictError) as refused:
        save(ledger, invoice_id, bo_version, "Bo's notes")

    clock = refused.value.by.at.astimezone().strftime("%H:%M")
    assert str(refused.value) == (
        f"anna on reception saved this draft at {clock} while you were editing; reload it "
        "to see their changes (yours are not saved)"
    )
    with ledger.reading() as session:
        assert session.get(InvoiceRow, invoice_id).notes == "Anna's notes"


def test_after_a_reload_the_second_clerk_can_save(ledger, monkeypatch):
    invoice_id = create_draft(ledger)
    with ledger.reading() as session:
        version = session.get(InvoiceRow, invoice_id).version
    save(ledger, invoice_id, version, "first")
    with ledger.reading() as session:
        reloaded = session.get(InvoiceRow, invoice_id).version
    save(ledger, invoice_id, reloaded, "second, after reloading")
    with ledger.reading() as session:
        assert session.get(InvoiceRow, invoice_id).notes == "second, after reloading"


def test_a_deleted_draft_cannot_be_saved_over(ledger):
    invoice_id = create_draft(ledger)
    with ledger.writing() as session:
        invoices.delete_draft(session, invoice_id)
    with pytest.raises(RuleViolation, match="does not exist"):
        save(ledger, invoice_id, 1, "too late")


def test_the_second_save_of_a_customer_is_refused_the_same_way(ledger, monkeypatch):
    with ledger.reading() as session:
        record = customers.find_customer(session, "1002")
        customer_id, version = record.id, record.version
        loaded = customers.to_domain(record)

    as_clerk(monkeypatch, "anna", "reception")
    with ledger.writing() as session:
        customers.update_customer(
            session,
            customer_id,
            dataclasses.replace(loaded, emails=["anna.new@example.org"]),
            expected_version=version,
        )
    as_clerk(monkeypatch, "bo", "back-office")
    with pytest.raises(
        conflicts.ConflictError, match=r"^anna on reception saved customer 1002 at"
    ):
        with ledger.writing() as session:
            customers.update_customer(
                session,
                customer_id,
                dataclasses.replace(loaded, language="sv"),
                expected_version=version,
            )
    with ledger.reading() as session:
        record = customers.find_customer(session, "1002")
        assert (record.emails, record.language) == (["anna.new@example.org"], "en")


def test_pausing_reminders_moves_the_customer_version(ledger):
    from finqr_desktop.services import reminder_review

    with ledger.reading() as session:
        record = customers.find_customer(session, "1001")
        customer_id, version, loaded = record.id, record.version, customers.to_domain(record)
    with ledger.writing() as session:
        reminder_review.set_customer_paused(session, "1001", True)
    with pytest.raises(conflicts.ConflictError, match="saved customer 1001"):
        with ledger.writing() as session:
            customers.update_customer(session, customer_id, loaded, expected_version=version)
    with ledger.reading() as session:
        assert customers.find_customer(session, "1001").reminders_paused is True


def test_a_save_on_another_day_names_the_day():
    at = dt.datetime(2026, 12, 3, 13, 5, tzinfo=dt.UTC)
    now = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
    local = at.astimezone()
    assert conflicts.when(at, now) == f"on {local.date()} at {local.strftime('%H:%M')}"
    assert conflicts.when(now, now) == f"at {now.astimezone().strftime('%H:%M')}"


def test_two_clerks_saving_at_the_same_moment_one_wins_one_is_told(ledger):
    invoice_id = create_draft(ledger)
    with ledger.reading() as session:
        version = session.get(InvoiceRow, invoice_id).version
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def clerk(name: str) -> None:
        start.wait()
        try:
            save(ledger, invoice_id, version, f"{name}'s notes")
            outcomes[name] = "saved"
        except Exception as exc:  # collected and asserted below
            outcomes[name] = exc

    threads = [threading.Thread(target=clerk, args=(name,)) for name in ("anna", "bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [name for name, outcome in outcomes.items() if outcome == "saved"]
    (loser,) = [outcome for outcome in outcomes.values() if outcome != "saved"]
    assert len(winners) == 1
    assert isinstance(loser, conflicts.ConflictError) and "while you were editing" in str(loser)
    with ledger.reading() as session:
        assert session.get(InvoiceRow, invoice_id).notes == f"{winners[0]}'s notes"
