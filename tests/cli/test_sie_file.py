"""`finqr export sie` and its file: an existing file is kept unless --force, warnings for
texts code page 437 cannot hold go to stderr, and the accounts know the compensation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from finqr_desktop.domain.parties import Customer
from finqr_desktop.domain.sie_reader import read_sie
from finqr_desktop.services import customers
from finqr_desktop.storage.models import OutboxRow

from ..services.report_ledger import issue, line

PERIOD = ["--from", "2026-12-01", "--to", "2026-12-31"]


def test_an_existing_file_is_kept_unless_forced(finqr, ledger, tmp_path):
    with ledger.writing() as session:
        issue(session, "1001", "2026-12-05", [line("100.00", "25")])
    target = tmp_path / "books.se"
    target.write_bytes(b"last month's file")

    refused = finqr("export", "sie", *PERIOD, "-o", str(target))

    assert refused.code == 2
    assert refused.err == f"error: {target}: the file already exists; give --force to replace it\n"
    assert target.read_bytes() == b"last month's file"

    forced = finqr("export", "sie", *PERIOD, "-o", str(target), "--force")

    assert forced.code == 0, forced.err
    assert len(read_sie(target.read_bytes()).verifications) == 1


def test_a_new_file_needs_no_force(finqr, ledger, tmp_path):
    target = tmp_path / "new.se"
    result = finqr("export", "sie", *PERIOD, "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(b"#FLAGGA 0\r\n")


def test_texts_written_inexactly_are_warned_about_on_stderr(finqr, ledger, tmp_path):
    with ledger.writing() as session:
        customers.add_customer(session, Customer(number="3001", name="Ærø – “Ø” Ltd"))
        invoice = issue(session, "3001", "2026-12-05", [line("100.00", "25")])

    result = finqr("export", "sie", *PERIOD, "-o", str(tmp_path / "books.se"))

    assert result.code == 0
    assert result.out.startswith("Wrote 1 verifications")
    assert result.err == (
        f'warning: verification A1: "Faktura {invoice.number}, Ærø – “Ø” Ltd" is written as '
        f'"Faktura {invoice.number}, Æro - "O" Ltd": the SIE file\'s code page 437 lacks some '
        "of its characters\n"
    )


def test_the_file_on_standard_output_holds_only_the_file(ledger, database_url, capsysbinary):
    from finqr_desktop.cli.main import main

    with ledger.writing() as session:
        customers.add_customer(session, Customer(number="3001", name="Łódź – AB"))
        issue(session, "3001", "2026-12-05", [line("100.00", "25")])

    assert main(["export", "sie", *PERIOD, "-o", "-", "--database", database_url]) == 0
    captured = capsysbinary.readouterr()

    document = read_sie(captured.out)
    assert document.verifications[0].text.endswith("Lódz - AB")
    assert b"warning:" in captured.err and b"warning:" not in captured.out


def test_the_accounts_know_the_late_payment_compensation(finqr, ledger, tmp_path):
    shown = finqr("export", "accounts", "--json").json()
    assert (shown["reminder_fees"], shown["late_compensation"]) == ("3590", "3990")

    table = finqr("export", "accounts").out.splitlines()
    (row,) = [line.split(maxsplit=3) for line in table if line.startswith("late_compensation")]
    assert row == ["late_compensation", "3990", "3990", "Övriga ersättningar och intäkter"]

    changed = finqr("export", "accounts", "--set", "late_compensation=3591")
    assert changed.code == 0, changed.err
    with ledger.writing() as session:
        invoice = issue(session, "1001", "2026-11-01", [line("1000.00", "25")])
        sent = dt.datetime(2026, 12, 11, 8)
        session.add(
            OutboxRow(
                invoice_id=invoice.id, kind="reminder", level=1, planned_at=sent,
                status="sent", sent_at=sent, fee_minor=6000, compensation_minor=39000,
            )
        )  # fmt: skip
    target = tmp_path / "fees.se"
    assert finqr("export", "sie", *PERIOD, "-o", str(target)).code == 0

    verification = read_sie(target.read_bytes()).verifications[-1]
    assert {t.account: str(t.amount) for t in verification.transactions} == {
        "1510": "450.00",
        "3590": "-60.00",
        "3591": "-390.00",
    }
    with ledger.reading() as session:
        assert session.scalar(select(OutboxRow.compensation_minor)) == 39000
