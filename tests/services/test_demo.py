"""The demo ledger: believable, consistent with the rules, deterministic, and quick."""

from __future__ import annotations

import collections
import datetime as dt
import time

import pytest
from sqlalchemy import select

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.domain.identifiers import is_luhn_valid, normalise_orgnr, normalise_se_vat
from finqr_desktop.domain.money import to_minor
from finqr_desktop.services import company as company_service
from finqr_desktop.services import customers as customer_service
from finqr_desktop.services.demo import build_demo
from finqr_desktop.services.invoice_views import status_of
from finqr_desktop.services.invoices import draft_of
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage.models import InvoiceRow, PaymentAllocationRow, PaymentRow


def build(database, today: dt.date, seed: int = 2026) -> float:
    started = time.perf_counter()
    with database.writing() as session:
        build_demo(session, today=today, seed=seed)
    return time.perf_counter() - started


TODAY = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One demo ledger for the read-only checks below: building it is the slow part."""
    database = open_ledger(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}")
    seconds = build(database, TODAY)
    yield database, seconds
    database.dispose()


def all_invoices(session) -> list[InvoiceRow]:
    return list(session.scalars(select(InvoiceRow).order_by(InvoiceRow.id)))


def test_demo_is_quick(demo):
    _, seconds = demo
    assert seconds < 10


def test_company_is_a_valid_swedish_f_tax_company(demo):
    database, _ = demo
    with database.reading() as session:
        company = company_service.get_company(session)
        assert normalise_orgnr(company.org_number) == company.org_number
        assert normalise_se_vat(company.vat_number) == company.vat_number
        assert company.vat_number == "SE" + company.org_number.replace("-", "") + "01"
        assert company.bankgiro == "54029681"
        assert company.f_tax is True


def test_customers_are_mixed_and_valid(demo):
    database, _ = demo
    with database.reading() as session:
        customers = customer_service.list_customers(session)
        assert 18 <= len(customers) <= 22
        kinds = collections.Counter(c.kind for c in customers)
        assert kinds["company"] >= 10 and kinds["person"] >= 3
        assert sum(c.language == "en" for c in customers) >= 2
        for customer in customers:
            assert customer.city and customer.postal_code and customer.emails
            if customer.org_number:
                assert is_luhn_valid(customer.org_number.replace("-", ""))
                assert normalise_orgnr(customer.org_number) == customer.org_number
            if customer.vat_number:
                assert normalise_se_vat(customer.vat_number) == customer.vat_number


def test_about_two_hundred_invoices_over_six_months(demo):
    today = TODAY
    database, _ = demo
    with database.reading() as session:
        rows = all_invoices(session)
        invoices = [r for r in rows if r.kind == "invoice"]
        assert 190 <= len(invoices) <= 210
        assert all(not r.is_draft for r in rows)
        assert min(r.issue_date for r in rows) >= today - dt.timedelta(days=190)
        assert max(r.issue_date for r in rows) <= today
        statuses = collections.Counter(status_of(r, today).value for r in rows)
        assert statuses["overdue"] >= 5
        assert statuses["paid"] >= 100
        assert statuses["unpaid"] >= 5
        assert statuses["credit_note"] >= 2
        for row in rows:
            if status_of(row, today).value == "overdue":
                assert row.due_date < today and row.paid_minor < row.total_minor


def test_lines_are_varied(demo):
    database, _ = demo
    with database.reading() as session:
        rows = all_invoices(session)
        lines = [line for row in rows for line in row.lines]
        assert {line.vat_code for line in lines} == {"25", "12", "6"}
        assert any(line.discount_percent > 0 for line in lines)
        assert any(line.quantity != line.quantity.to_integral_value() for line in lines)
        assert any(row.round_to_whole and row.rounding_minor != 0 for row in rows)
        assert any(row.prices_include_vat for row in rows)
        assert any(row.invoice_discount_minor > 0 for row in rows)
        assert any(len(row.vat_groups) > 1 for row in rows)


def test_numbers_are_gapless_and_in_date_order(demo):
    database, _ = demo
    with database.reading() as session:
        rows = all_invoices(session)
        by_year = collections.defaultdict(list)
        for row in rows:
            year, seq = row.number.split("-")
            by_year[int(year)].append((int(seq), row.issue_date))
        for year, numbers in by_year.items():
            numbers.sort()
            assert [seq for seq, _ in numbers] == list(range(1, len(numbers) + 1)), year
            dates = [day for _, day in numbers]
            assert dates == sorted(dates)


def test_stored_totals_equal_recomputed_totals(demo):
    database, _ = demo
    with database.reading() as session:
        for row in all_invoices(session):
            totals = draft_of(row).totals()
            assert row.total_minor == to_minor(totals.total, "SEK"), row.number
            assert row.net_minor == to_minor(totals.net_total, "SEK"), row.number
            assert row.vat_minor == to_minor(totals.vat_total, "SEK"), row.number
            assert row.rounding_minor == to_minor(totals.rounding, "SEK"), row.number
            assert [g.vat_minor for g in row.vat_groups] == [
                to_minor(g.vat, "SEK") for g in totals.groups
            ]
            assert sum(line.amount_minor for line in row.lines) == to_minor(
                totals.lines_total, "SEK"
            )


def test_credit_notes_refer_to_their_invoice_and_add_up(demo):
    database, _ = demo
    with database.reading() as session:
        rows = all_invoices(session)
        notes = [r for r in rows if r.kind == "credit_note"]
        assert notes
        credited = collections.Counter()
        for note in notes:
            original = note.credited_invoice
            assert original.kind == "invoice"
            assert note.total_minor < 0
            assert note.issue_date >= original.issue_date
            credited[original.id] += -note.total_minor
        # Every paid sum is made of dated payments, none after the demo's today.
        allocated = collections.Counter()
        for invoice_id, amount, day in session.execute(
            select(PaymentAllocationRow.invoice_id, PaymentAllocationRow.amount_minor,
                   PaymentRow.payment_date)
            .join(PaymentRow, PaymentRow.id == PaymentAllocationRow.payment_id)
        ):  # fmt: skip
            allocated[invoice_id] += amount
            assert day <= TODAY
        for row in rows:
            if row.kind == "invoice":
                assert row.credited_minor == credited.get(row.id, 0)
                assert 0 <= row.paid_minor <= row.total_minor - row.credited_minor
                assert row.paid_minor == allocated.get(row.id, 0)


def test_demo_refuses_a_ledger_with_a_company(ledger, today):
    with pytest.raises(RuleViolation, match="already has a company"):
        with ledger.writing() as session:
            build_demo(session, today=today)
    with ledger.reading() as session:
        assert len(customer_service.list_customers(session)) == 2


def fingerprint(url: str, today: dt.date, seed: int) -> list[tuple]:
    database = open_ledger(url)
    try:
        build(database, today, seed)
        with database.reading() as session:
            return [
                (r.number, r.issue_date, r.customer.number, r.total_minor, r.paid_minor)
                for r in all_invoices(session)
            ]
    finally:
        database.dispose()


def test_same_seed_same_demo_other_seed_other_demo(tmp_path, today):
    first = fingerprint(f"sqlite:///{tmp_path / 'a.sqlite3'}", today, 2026)
    again = fingerprint(f"sqlite:///{tmp_path / 'b.sqlite3'}", today, 2026)
    other = fingerprint(f"sqlite:///{tmp_path / 'c.sqlite3'}", today, 7)
    assert first == again
    assert first != other


def test_a_period_across_new_year_numbers_each_year_from_one(database):
    build(database, dt.date(2026, 3, 1))
    with database.reading() as session:
        numbers = [r.number for r in all_invoices(session)]
    years = collections.Counter(number[:4] for number in numbers)
    assert set(years) == {"2025", "2026"}
    assert "2025-0001" in numbers and "2026-0001" in numbers


def test_the_demo_sends_reminders_automatically_a_new_company_does_not(demo, ledger):
    from finqr_desktop.services import reminder_settings

    database, _ = demo
    with database.reading() as session:
        assert reminder_settings.reminder_mode(session) == "automatic"
    with ledger.reading() as session:
        assert reminder_settings.reminder_mode(session) == "manual"
