"""SMTP servers on loopback and SMTP settings for the GUI's sending tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select

from finqr_desktop.mail.settings import SmtpSettings
from finqr_desktop.services.mail_settings import set_smtp_settings
from finqr_desktop.storage.models import InvoiceRow

from ..mail import server
from ..services.helpers import issue_new

# The fixture day (4 December 2026) at ten in the morning, inside the send window.
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def settings_for(port: int, **changes) -> SmtpSettings:
    values = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "sender_address": "faktura@exempel.se",
        "sender_name": "Exempel Handel AB",
        "timeout": 10,
    }
    return SmtpSettings(**(values | changes))


def configure(database, port: int, **changes) -> SmtpSettings:
    settings = settings_for(port, **changes)
    with database.writing() as session:
        set_smtp_settings(session, settings)
    return settings


def overdue(database, customer: str = "1001", due: str = "2026-10-23") -> str:
    """An issued invoice whose first reminder is due on the fixture day."""
    number = issue_new(database, customer=customer, issue_date="2026-09-01")
    with database.writing() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        record.due_date = dt.date.fromisoformat(due)
    return number


def reminders_received(handler: server.RecordingHandler, number: str) -> list:
    """The reminder e-mails about invoice ``number`` that the server accepted."""
    return [
        received
        for received in handler.received
        if received.message["Subject"].startswith(("Påminnelse", "Reminder"))
        and number in received.message["Subject"]
    ]
