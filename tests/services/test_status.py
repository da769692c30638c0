"""The SQL status used by lists agrees with the domain rule for every status."""

import datetime as dt

from sqlalchemy import select

from finqr_desktop.domain.status import Status
from finqr_desktop.services import credits, invoices
from finqr_desktop.services.invoice_list import ListQuery, invoice_ids, list_rows
from finqr_desktop.services.invoice_views import status_of, status_sql
from finqr_desktop.storage.models import InvoiceRow

from .helpers import create_draft, issue_new

TODAY = dt.date(2027, 1, 10)


def make_every_status(ledger):
    create_draft(ledger)
    unpaid = issue_new(ledger, issue_date="2026-12-20")
    overdue = issue_new(ledger, issue_date="2026-11-01")
    partly = issue_new(ledger, issue_date="2026-12-20")
    paid = issue_new(ledger, issue_date="2026-12-20")
    credited = issue_new(ledger, issue_date="2026-12-20")
    with ledger.writing() as session:
        # Payments arrive with a later feature; their running sum is what status reads.
        invoices.get_by_number(session, partly).paid_minor = 100
        record = invoices.get_by_number(session, paid)
        record.paid_minor = record.total_minor
        credits.credit_invoice(
            session, invoices.get_by_number(session, credited).id, issue_date=TODAY
        )
    return {unpaid: "unpaid", overdue: "overdue", partly: "partially_paid", paid: "paid",
            credited: "credited"}  # fmt: skip


def test_sql_and_domain_agree_on_every_status(ledger):
    expected = make_every_status(ledger)
    with ledger.reading() as session:
        rows = session.execute(select(InvoiceRow, status_sql(TODAY))).all()
        seen = set()
        for record, sql_status in rows:
            assert status_of(record, TODAY).value == sql_status, record.number
            seen.add(sql_status)
            if record.number in expected:
                assert sql_status == expected[record.number]
    assert seen == {s.value for s in Status}


def test_list_filters_sorts_and_searches(ledger):
    expected = make_every_status(ledger)
    with ledger.reading() as session:
        overdue_ids = invoice_ids(session, ListQuery(status="overdue"), TODAY)
        rows = list_rows(session, overdue_ids, TODAY)
        assert [r.number for r in rows] == [n for n, s in expected.items() if s == "overdue"]

        by_number = invoice_ids(session, ListQuery(sort="number", descending=False), TODAY)
        numbers = [r.number for r in list_rows(session, by_number, TODAY)]
        issued = [n for n in numbers if n is not None]
        assert issued == sorted(issued) and len(issued) == 6  # five invoices, one credit note

        found = list_rows(session, invoice_ids(session, ListQuery(search="nilsson"), TODAY), TODAY)
        assert len(found) == 7  # all of the above (the draft too) are to Nilsson & Söner
        assert (
            list_rows(session, invoice_ids(session, ListQuery(search="zzz"), TODAY), TODAY) == []
        )


def test_search_folds_swedish_letters_and_takes_wildcards_literally(ledger):
    from finqr_desktop.domain.parties import Customer
    from finqr_desktop.services import customers

    with ledger.writing() as session:
        customers.add_customer(session, Customer("1003", "Åkesson Städ AB"))
        customers.add_customer(session, Customer("1004", "100% Öl_Kompaniet"))
    issue_new(ledger, customer="1003")
    with ledger.reading() as session:
        for search in ("Åkesson", "åKESSON", "STÄD"):
            found = customers.list_customers(session, search)
            assert [c.number for c in found] == ["1003"], search
        rows = list_rows(session, invoice_ids(session, ListQuery(search="ÅKES"), TODAY), TODAY)
        assert [r.customer_number for r in rows] == ["1003"]
        assert [c.number for c in customers.list_customers(session, "0% ö")] == ["1004"]
        assert [c.number for c in customers.list_customers(session, "l_k")] == ["1004"]
        assert customers.list_customers(session, "%") == [customers.find_customer(session, "1004")]


def test_the_open_filter_lists_everything_still_to_be_paid(ledger):
    expected = make_every_status(ledger)
    with ledger.reading() as session:
        rows = list_rows(session, invoice_ids(session, ListQuery(status="open"), TODAY), TODAY)
    still_open = {"unpaid", "overdue", "partially_paid"}
    assert sorted(r.number for r in rows) == sorted(
        n for n, s in expected.items() if s in still_open
    )
