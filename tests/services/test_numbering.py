"""Gapless numbers under concurrency: threads in one process and several processes."""

import multiprocessing
import threading

import pytest
from sqlalchemy import select

from finqr_desktop.domain.numbering import NumberPattern, PatternError
from finqr_desktop.services import invoices, numbering
from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage.models import InvoiceRow

from .helpers import create_draft


def issued_numbers(database) -> list[str]:
    with database.reading() as session:
        return sorted(session.scalars(select(InvoiceRow.number).where(~InvoiceRow.is_draft)))


def test_twenty_drafts_issued_from_twenty_threads_get_consecutive_numbers(ledger):
    ids = [create_draft(ledger) for _ in range(20)]
    start = threading.Barrier(len(ids))
    errors = []

    def issue(invoice_id):
        try:
            start.wait()
            with ledger.writing() as session:
                invoices.issue_invoice(session, invoice_id)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=issue, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert issued_numbers(ledger) == [f"2026-{n:04d}" for n in range(1, 21)]


def _issue_in_process(url: str, invoice_ids: list[int], start) -> None:
    database = open_ledger(url, migrate_schema=False)
    start.wait()
    for invoice_id in invoice_ids:
        with database.writing() as session:
            invoices.issue_invoice(session, invoice_id)
    database.dispose()


def test_four_processes_issuing_at_once_get_unique_gapless_numbers(ledger, database_url):
    ids = [create_draft(ledger) for _ in range(80)]
    ledger.dispose()
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(4)
    workers = [
        context.Process(target=_issue_in_process, args=(database_url, ids[i::4], start))
        for i in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert issued_numbers(ledger) == [f"2026-{n:04d}" for n in range(1, 81)]


def test_a_rolled_back_issue_gives_its_number_back(ledger):
    first = create_draft(ledger)
    second = create_draft(ledger)
    with pytest.raises(RuntimeError), ledger.writing() as session:
        invoices.issue_invoice(session, first)
        raise RuntimeError("the machine lost power")
    with ledger.writing() as session:
        assert invoices.issue_invoice(session, second).number == "2026-0001"


def test_custom_pattern_without_yearly_restart(ledger):
    with ledger.writing() as session:
        numbering.set_pattern(session, "invoice", NumberPattern("F{seq:05}", yearly_restart=False))
    from .helpers import issue_new

    assert issue_new(ledger, issue_date="2026-12-31") == "F00001"
    assert issue_new(ledger, issue_date="2027-01-02") == "F00002"


@pytest.mark.parametrize(
    "pattern, restart, message",
    [
        ("{year}-0001", True, "needs {seq}"),
        ("F{seq:04}", True, "restarts every year"),
        ("{year}-{seq:04}-{day}", True, "unknown field"),
        ("{year}-{seq:x}", True, "digit width"),
    ],
)
def test_bad_patterns_are_explained(pattern, restart, message):
    with pytest.raises(PatternError, match=message):
        NumberPattern(pattern, restart)


def test_batch_issue_is_all_or_nothing(ledger):
    good = [create_draft(ledger) for _ in range(5)]
    empty = create_draft(ledger, lines=[])
    with pytest.raises(Exception, match="at least one line"), ledger.writing() as session:
        list(invoices.issue_invoices(session, [*good[:3], empty, *good[3:]]))
    assert issued_numbers(ledger) == []

    with ledger.writing() as session:
        numbers = [r.number for r in invoices.issue_invoices(session, good)]
    assert numbers == [f"2026-{n:04d}" for n in range(1, 6)]
    assert issued_numbers(ledger) == numbers


def _set(ledger, pattern: str, restart: bool) -> None:
    with ledger.writing() as session:
        numbering.set_pattern(session, "invoice", NumberPattern(pattern, yearly_restart=restart))


def test_a_changed_pattern_continues_after_the_numbers_it_could_have_printed(ledger):
    from .helpers import issue_new

    assert [issue_new(ledger) for _ in range(3)] == ["2026-0001", "2026-0002", "2026-0003"]
    # Same shape, other counter: without moving it on, the next number would be 2026-0001.
    _set(ledger, "2026-{seq:04}", restart=False)
    with ledger.reading() as session:
        upcoming = numbering.preview_next(
            session, "invoice", NumberPattern("2026-{seq:04}", False), 2026
        )
    assert upcoming == "2026-0004"
    assert issue_new(ledger) == "2026-0004"

    _set(ledger, "{year}-{seq:04}", restart=True)
    assert issue_new(ledger) == "2026-0005"


def test_a_pattern_that_prints_other_numbers_starts_at_one(ledger):
    from .helpers import issue_new

    issue_new(ledger)
    _set(ledger, "F{seq}", restart=False)
    assert issue_new(ledger) == "F1"


def test_a_number_taken_some_other_way_is_refused_clearly(ledger):
    from finqr_desktop.domain.errors import RuleViolation

    from .helpers import issue_new

    issue_new(ledger)
    with ledger.writing() as session:
        session.get(InvoiceRow, create_draft(ledger)).number = "2026-0002"
    with pytest.raises(RuleViolation, match="2026-0002 is already taken"):
        issue_new(ledger)


@pytest.mark.parametrize(
    "pattern, number, parsed",
    [
        ("{year}-{seq:04}", "2026-0042", (42, 2026)),
        ("{year}-{seq:04}", "2026-12345", (12345, 2026)),
        ("F{yy}{seq:03}", "F26007", (7, None)),
        ("F{seq}", "2026-0001", None),
        ("{seq}/{year}", "3/2026", (3, 2026)),
        ("A.{seq}", "AX1", None),
    ],
)
def test_a_pattern_reads_back_the_numbers_it_prints(pattern, number, parsed):
    assert NumberPattern(pattern, yearly_restart=False).parse(number) == parsed
