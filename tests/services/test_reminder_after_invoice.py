"""A reminder never reaches the customer with, or before, the invoice it reminds about: a
back-dated invoice issued long after its due date, sent to a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from finqr_desktop.services import outbox
from finqr_desktop.services.message_history import history
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.storage.models import InvoiceRow, OutboxRow

from ..mail.server import free_port
from .helpers import issue_new
from .test_mail_preview import configure
from .test_scheduler import NOW, STOCKHOLM, run

TODAY = NOW.date()  # Friday 4 December 2026
# The policy's gap after the invoice is 5 days: Wednesday 9 December at the window's opening.
FIVE_DAYS_ON = dt.datetime(2026, 12, 9, 9, 0, tzinfo=STOCKHOLM)


def issue_back_dated(database, customer="1001") -> str:
    """Dated 1 September (due 1 October), issued and queued for e-mail on 4 December."""
    return issue_new(database, customer=customer, issue_date="2026-09-01", email=True)


def invoice_id(database, number: str) -> int:
    with database.reading() as session:
        return session.scalar(select(InvoiceRow.id).where(InvoiceRow.number == number))


def the_item(database, number: str, today=TODAY):
    with database.reading() as session:
        (item,) = [i for i in queue(session, today) if i.invoice_number == number]
    return item


def approve(database, number: str, today=TODAY) -> None:
    item = the_item(database, number, today)
    with database.writing() as session:
        outbox.approve(session, [item])


def reminder_row(database, number: str):
    with database.reading() as session:
        return session.execute(
            select(OutboxRow.status, OutboxRow.planned_at)
            .where(OutboxRow.invoice_id == invoice_id(database, number))
            .where(OutboxRow.kind == "reminder")
        ).one()


def sent_kinds(database, number: str) -> list[str]:
    with database.reading() as session:
        entries = history(session, invoice_id(database, number))
    return [f"{e.kind} {e.level}" for e in reversed(entries) if e.sent]


def test_the_approved_reminder_waits_five_days_after_the_invoice_it_reminds_about(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port, mode="manual")
    number = issue_back_dated(ledger)

    item = the_item(ledger, number)
    assert item.send_at == FIVE_DAYS_ON
    assert "waits for the invoice e-mail, not sent yet, and then 5 days" in item.reason
    approve(ledger, number)

    report = run(ledger)

    assert (report.sent, report.failed, report.deferred) == (1, 0, 0)
    (invoice_mail,) = handler.received
    assert invoice_mail.message["Subject"].startswith(f"Faktura {number}")
    assert sent_kinds(ledger, number) == ["invoice 0"]
    assert reminder_row(ledger, number).status == "approved"
    # The days between: nothing more goes.
    assert run(ledger, NOW + dt.timedelta(days=4)).sent == 0

    assert run(ledger, FIVE_DAYS_ON + dt.timedelta(hours=1)).sent == 1
    reminder = handler.received[1].message
    assert reminder["Subject"].startswith(f"Påminnelse: faktura {number}")
    assert sent_kinds(ledger, number) == ["invoice 0", "reminder 1"]
    with ledger.reading() as session:
        went = [e.at for e in reversed(history(session, invoice_id(ledger, number)))]
    assert went[1] - went[0] >= dt.timedelta(days=5)


def test_an_invoice_e_mail_that_goes_late_moves_the_approved_reminder_on(ledger, smtp):
    port = free_port()
    configure(ledger, port, mode="manual")
    number = issue_back_dated(ledger)
    approve(ledger, number)
    assert reminder_row(ledger, number).planned_at == dt.datetime(2026, 12, 9, 8, 0)  # UTC

    # The server is down until Tuesday: the invoice waits, and so does its reminder.
    assert run(ledger).deferred == 1
    _, handler = smtp(port=port)
    tuesday = dt.datetime(2026, 12, 8, 16, 0, tzinfo=STOCKHOLM)
    assert run(ledger, tuesday).sent == 1

    # Five days from Tuesday is Sunday 13 December: Monday 14th, the next bank day.
    row = reminder_row(ledger, number)
    assert (row.status, row.planned_at) == ("approved", dt.datetime(2026, 12, 14, 8, 0))
    assert run(ledger, FIVE_DAYS_ON + dt.timedelta(hours=1)).sent == 0
    assert len(handler.received) == 1
    assert "6 days since the invoice" in the_item(ledger, number, dt.date(2026, 12, 9)).reason


def test_a_reminder_planned_before_the_invoice_e_mail_is_held_back_and_moved(ledger, smtp):
    """A row approved under the old planning (due at once) while the invoice still waits."""
    controller, handler = smtp()
    configure(ledger, controller.port, mode="manual")
    number = issue_back_dated(ledger)
    approve(ledger, number)
    with ledger.writing() as session:
        row = session.scalar(select(OutboxRow).where(OutboxRow.kind == "reminder"))
        row.planned_at = dt.datetime(2026, 12, 4, 8, 0)

    report = run(ledger)

    assert report.sent == 1 and len(handler.received) == 1
    assert sent_kinds(ledger, number) == ["invoice 0"]
    assert reminder_row(ledger, number).planned_at == dt.datetime(2026, 12, 9, 8, 0)


def test_automatic_mode_queues_no_reminder_until_the_invoice_has_gone(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port, mode="automatic")
    number = issue_back_dated(ledger)

    assert run(ledger).sent == 1
    with ledger.reading() as session:
        kinds = session.scalars(select(OutboxRow.kind).order_by(OutboxRow.id)).all()
    assert kinds == ["invoice"]
    assert run(ledger, FIVE_DAYS_ON + dt.timedelta(hours=1)).sent == 1
    assert sent_kinds(ledger, number) == ["invoice 0", "reminder 1"]


def test_an_invoice_that_is_not_e_mailed_is_reminded_from_its_dates_as_before(ledger):
    # Issued without an e-mail (printed and posted): nothing to wait for.
    number = issue_new(ledger, issue_date="2026-09-01", email=False)
    item = the_item(ledger, number)
    assert item.send_at == dt.datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM)
    assert "invoice e-mail" not in item.reason
