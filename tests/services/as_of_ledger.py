"""A ledger whose figures as of an earlier day (Tuesday 10 November 2026) and of today (4
December) are worked out by hand: what was open then, how late customers had paid by
then, and euro amounts converted at the rate in force on each day.

Every SEK invoice is 1000.00 + 25 % = 1250.00 (figures_ledger.invoice issues it 30 days
before its due date).

    P1  1001, due 10-01, paid 10-06: 5 days late
    P2  1001, due 10-11, paid 10-21: 10 days late
    P3  1001, due 10-21, 500.00 paid 11-01, the rest 11-20: 30 days late, so on 11-10 it
        was open with 750.00 and no settlement of it counts yet
    X   1001, due 11-20 (issued 10-21), credited in full today: open with 1250.00 on 11-10
    Y   1002, due 12-01 (issued 11-01), 250.00 paid 12-02: open with 1250.00 on 11-10
    Z   1001, due 12-20, issued 11-20: not yet issued on 11-10
    E   1002, 100.00 + 25 % = 125.00 EUR, due 12-08 (issued 11-08)

EUR rates: 11.50 from 10-01, 11.20 from 11-15 and 20.00 from FUTURE (a day to come, as
the wall clock goes, so the command line's "today" never reaches it). E is 1437.50 SEK on
11-10 and 1400.00 today.

On 11-10 the paid invoices are P1 and P2: delays [5, 10], so customer 1001 and the company
(which customer 1002 falls back on) have Delay(low 6, median 8, high 9). Today P3 counts
too: [5, 10, 30] gives Delay(7, 10, 20).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from finqr_desktop.services import exchange_rates

from .figures_ledger import credit, invoice, pay, pay_rest

DAY = dt.date(2026, 11, 10)
FUTURE = dt.date.today() + dt.timedelta(days=400)
OPEN_ON_DAY_SEK = Decimal("3250.00")  # P3 750.00 + X 1250.00 + Y 1250.00
EURO_ON_DAY = Decimal("1437.50")  # 125.00 EUR × 11.50
EURO_TODAY = Decimal("1400.00")  # 125.00 EUR × 11.20

day = dt.date


def build(ledger) -> dict[str, int]:
    """The invoices above by letter; the rates entered."""
    ids = {}
    ids["P1"] = invoice(ledger, "1001", day(2026, 10, 1))
    pay_rest(ledger, ids["P1"], day(2026, 10, 6))
    ids["P2"] = invoice(ledger, "1001", day(2026, 10, 11))
    pay_rest(ledger, ids["P2"], day(2026, 10, 21))
    ids["P3"] = invoice(ledger, "1001", day(2026, 10, 21))
    pay(ledger, ids["P3"], "500.00", day(2026, 11, 1))
    pay_rest(ledger, ids["P3"], day(2026, 11, 20))
    ids["X"] = invoice(ledger, "1001", day(2026, 11, 20))
    credit(ledger, ids["X"])
    ids["Y"] = invoice(ledger, "1002", day(2026, 12, 1))
    pay(ledger, ids["Y"], "250.00", day(2026, 12, 2))
    ids["Z"] = invoice(ledger, "1001", day(2026, 12, 20))
    ids["E"] = invoice(ledger, "1002", day(2026, 12, 8), net="100.00", currency="EUR")
    with ledger.writing() as session:
        exchange_rates.add_rate(session, "EUR", day(2026, 10, 1), "11.50")
        exchange_rates.add_rate(session, "EUR", day(2026, 11, 15), "11.20")
        exchange_rates.add_rate(session, "EUR", FUTURE, "20.00")
    return ids
