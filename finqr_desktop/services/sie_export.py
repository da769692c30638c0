"""The SIE 4 export of a period: the file a Swedish accounting program imports.

The verifications come from ``sie_verifications``; this module numbers them (series "A",
from 1, in date order), adds the company and the accounts used, and hands the whole to
the domain's writer, which refuses any verification that does not balance to the öre.
Financial years are taken to be calendar years: the ledger keeps no other financial year.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from .. import __version__
from ..domain.chart_of_accounts import shared_accounts
from ..domain.errors import ValidationFailed
from ..domain.messages import Message, msg
from ..domain.sie import Header, Verification, sie_file
from . import accounts
from .company import require_company
from .sie_verifications import entries

logger = logging.getLogger(__name__)

SERIES = "A"
PROGRAM = "FINQR Desktop"
# Ten years is far more than a bookkeeper moves at once, and keeps a typo from a long run.
MAX_DAYS = 3660


@dataclass(frozen=True)
class SieExport:
    data: bytes
    verifications: int
    start: dt.date
    end: dt.date
    # Each text the file could not hold exactly (code page 437), naming where it is.
    warnings: tuple[Message, ...] = ()


def export_sie(
    session: Session, start: dt.date, end: dt.date, *, today: dt.date | None = None
) -> SieExport:
    """The SIE file of every verification dated ``start`` to ``end`` (both included)."""
    if end < start:
        raise ValidationFailed.single(
            "to",
            msg("{end} is before the start {start}", end=end.isoformat(), start=start.isoformat()),
        )
    if (end - start).days > MAX_DAYS:
        raise ValidationFailed.single("to", msg("a period of at most ten years"))
    company = require_company(session)
    chart = accounts.chart(session)
    conflicts = shared_accounts(chart)
    if conflicts:
        # A chart stored before this rule existed: its entries would cancel or mix.
        raise ValidationFailed(conflicts)
    found = entries(session, chart, company.currency, start, end)
    verifications = [
        Verification(SERIES, number, entry.date, entry.text, entry.transactions)
        for number, entry in enumerate(found, start=1)
    ]
    used = sorted({t.account for v in verifications for t in v.transactions})
    header = Header(
        program=PROGRAM,
        version=__version__,
        generated=today or dt.date.today(),
        company_name=company.legal_name,
        org_number=company.org_number,
        years=tuple(
            (dt.date(year, 1, 1), dt.date(year, 12, 31))
            for year in range(end.year, start.year - 1, -1)
        ),
        currency=company.currency,
    )
    written = sie_file(header, {number: chart.name(number) for number in used}, verifications)
    logger.info(
        "SIE export %s to %s: %d verifications, %d inexact texts",
        start,
        end,
        len(verifications),
        len(written.inexact),
    )
    return SieExport(written.data, len(verifications), start, end, written.inexact)
