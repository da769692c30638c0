"""Checks at issue that bookkeeping asks for: numbers in date order, and a due date to come.

Swedish bookkeeping (BFL 5 kap. 6 §) wants the documents of a number series in an unbroken
order, which readers of the books take to follow the dates: an invoice dated before one
already issued in its series would get a later number than an invoice of a later day. Such an
issue is refused; the way out is to date it today (``date_today``). A due date that has
already passed at issue is allowed, since it can be what was agreed, but the clerk is told.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import false
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import Message, msg
from ..storage.models import InvoiceRow
from . import numbering

logger = logging.getLogger(__name__)

# Per (series, counter year): the latest date issued so far in a batch not yet flushed.
BatchDates = dict[tuple[str, int], dt.date]


class OutOfDateOrder(RuleViolation):
    """The draft is dated before ``number``, issued on ``latest`` in the same series."""

    def __init__(self, message: Message, *, number: str, latest: dt.date, today: dt.date):
        super().__init__(message)
        self.number, self.latest, self.today = number, latest, today


def require_date_order(
    session: Session, record: InvoiceRow, today: dt.date, batch: BatchDates | None = None
) -> None:
    """Refuse to number ``record`` (a draft about to be issued) after a later-dated document
    of its series: the same counter, so the same year when the series restarts yearly.

    ``batch`` holds the dates a batch issued in this transaction without flushing them.
    """
    # Cached, and read without an autoflush: a batch keeps its single flush per block.
    pattern = numbering.cached_pattern(session, record.series_key)
    day = record.issue_date
    counter = pattern.counter_year(day.year)
    table = InvoiceRow.__table__.c
    later = (
        table.series_key == record.series_key,
        table.is_draft == false(),
        table.number.is_not(None),
        table.issue_date > day,
    )
    if pattern.yearly_restart:
        later += (table.issue_date <= dt.date(day.year, 12, 31),)
    # On the connection, through the issue-date index: no autoflush of a batch, and no
    # reading beyond the few documents dated after this one (normally none).
    query = (
        InvoiceRow.__table__.select()
        .with_only_columns(table.number, table.issue_date)
        .where(*later)
        .order_by(table.issue_date.desc(), table.id.desc())
        .limit(1)
    )
    found = session.connection().execute(query).first()
    latest = found.issue_date if found is not None else None
    number = found.number if found is not None else ""
    batch_latest = (batch or {}).get((record.series_key, counter))
    if (
        batch_latest is not None
        and batch_latest > day
        and (latest is None or batch_latest > latest)
    ):
        latest, number = batch_latest, msg("an invoice of this batch")
    if latest is not None:
        logger.info("draft %s dated %s refused: %s is dated %s", record.id, day, number, latest)
        raise OutOfDateOrder(
            _refusal(day, number, latest, today), number=str(number), latest=latest, today=today
        )
    if batch is not None:
        key = (record.series_key, counter)
        batch[key] = max(batch.get(key, day), day)


def _refusal(day: dt.date, number: str, latest: dt.date, today: dt.date) -> Message:
    values = {"date": day.isoformat(), "number": number, "latest": latest.isoformat()}
    if latest > today:
        # Dated ahead of today, the later invoice leaves no way out through today's date.
        return msg(
            "the invoice is dated {date}, but {number} of the same number series is already "
            "issued dated {latest}: numbers must follow the dates. Date it {latest} or later",
            **values,
        )
    return msg(
        "the invoice is dated {date}, but {number} of the same number series is already "
        "issued dated {latest}: numbers must follow the dates. Date it {latest} or later, "
        "or issue it with today's date, {today}",
        today=today.isoformat(),
        **values,
    )


def date_today(session: Session, invoice_id: int, today: dt.date) -> None:
    """Give a draft today's date before it is issued (the way out of a refusal above). A due
    date it already had stays; without one, issuing works it out from today."""
    record = session.get(InvoiceRow, invoice_id)
    if record is None or not record.is_draft:
        raise RuleViolation(msg("invoice {id} is not a draft that can be issued", id=invoice_id))
    logger.info("draft %s dated today (%s) instead of %s", invoice_id, today, record.issue_date)
    record.issue_date = today


def due_date_passed(due_date: dt.date | None, today: dt.date) -> Message | None:
    """A warning when ``due_date`` is already past on ``today``, the day of issue."""
    if due_date is None or due_date >= today:
        return None
    return msg(
        "the due date {due} has already passed on the day of issue, {today}: the customer "
        "is asked to pay by a day that is gone",
        due=due_date.isoformat(),
        today=today.isoformat(),
    )
