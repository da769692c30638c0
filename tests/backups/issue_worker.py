"""Run as a separate process by the crash tests: issue every draft of a ledger, the way the
app does, and say after each commit how many are issued.

    python issue_worker.py DATABASE_URL

Drafts go alternately one per transaction (an Issue click) and twenty per transaction (batch
issuing), so a kill can land inside either kind of transaction.
"""

from __future__ import annotations

import datetime as dt
import sys

from sqlalchemy import select

from finqr_desktop.services import invoices
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage.models import InvoiceRow

MOMENT = dt.datetime(2026, 12, 4, 9, 0)
BATCH = 20


def main(url: str) -> None:
    database = open_ledger(url)
    with database.reading() as session:
        drafts = list(
            session.scalars(
                select(InvoiceRow.id).where(InvoiceRow.is_draft).order_by(InvoiceRow.id)
            )
        )
    issued, single = 0, True
    while issued < len(drafts):
        block = drafts[issued : issued + (1 if single else BATCH)]
        with database.writing() as session:
            if single:
                invoices.issue_invoice(session, block[0], now=MOMENT, archive=issued % 50 == 0)
            else:
                for _record in invoices.issue_invoices(session, block, now=MOMENT):
                    pass
        issued += len(block)
        single = not single if issued % 10 == 0 or not single else single
        print(f"committed {issued}", flush=True)
    database.dispose()


if __name__ == "__main__":
    main(sys.argv[1])
