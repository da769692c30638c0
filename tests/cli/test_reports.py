"""`finqr report ...` and `finqr export ...` on the hand-worked ledger: files written and
read back, and a clear one-line error for each kind of mistake."""

from __future__ import annotations

import csv
import io
import json

import pytest

from finqr_desktop.domain.sie_reader import read_sie

from ..conftest import on_postgres
from ..documents.reading import all_text, flat
from ..services import report_ledger

PERIOD = ["--from", "2026-10-01", "--to", "2026-11-30"]

needs_sqlite = pytest.mark.skipif(on_postgres(), reason="a server ledger has no local file")


@pytest.fixture
def books(ledger):
    return report_ledger.build(ledger)


def test_a_statement_pdf_is_written_to_the_file(finqr, books, tmp_path):
    target = tmp_path / "statement.pdf"
    result = finqr("report", "statement", "--customer", "1001", *PERIOD, "-o", str(target))

    assert result.code == 0, result.err
    assert f"to {target}" in result.out
    text = flat(all_text(target.read_bytes()))
    assert "Kontoutdrag" in text and "Utgående saldo" in text and "960,00" in text


def test_a_statement_as_csv_and_json_on_standard_output(finqr, books):
    result = finqr("report", "statement", "--customer", "1001", *PERIOD, "--csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert next(r for r in rows if r["record"] == "closing")["balance"] == "960.00"

    data = finqr("report", "statement", "--customer", "1001", *PERIOD, "--json").json()
    assert data["sections"][0]["opening_balance"] == "-100.00"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--customer", "9999", *PERIOD, "--json"], "error: no customer 9999"),
        (["--customer", "1001", *PERIOD], "error: a statement PDF needs -o FILE"),
        (
            ["--customer", "1001", "--from", "2026-12-01", "--to", "2026-11-01", "--json"],
            "error: to: 2026-11-01 is before the start 2026-12-01",
        ),
        (["--customer", "1001", "--from", "1/10", "--to", "2026-11-30"], "not a date"),
    ],
)
def test_statement_mistakes_are_one_line_each(finqr, books, arguments, message):
    result = finqr("report", "statement", *arguments)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_file_that_cannot_be_written_says_why(finqr, books, tmp_path):
    target = tmp_path / "missing" / "statement.pdf"
    result = finqr("report", "statement", "--customer", "1001", *PERIOD, "-o", str(target))
    assert result.code == 2
    assert result.err.strip() == f"error: {target}: No such file or directory"


def test_the_aging_report_as_table_json_csv_and_pdf(finqr, books, tmp_path):
    table = finqr("report", "aging", "--date", "2026-12-04")
    assert table.code == 0, table.err
    assert "1–30 days" in table.out and "62.50" in table.out

    data = finqr("report", "aging", "--date", "2026-12-04", "--json").json()
    bucket = next(b for b in data["buckets"] if b["bucket"] == "1-30")
    assert bucket["invoices"][0]["invoice"] == books["other"].number
    assert bucket["invoices"][0]["days_overdue"] == 25

    rows = list(csv.DictReader(io.StringIO(finqr("report", "aging", "--date", "2026-12-04",
                                                  "--csv").out)))  # fmt: skip
    assert [(r["bucket"], r["remaining"]) for r in rows] == [("1-30", "62.50")]

    own = finqr("report", "aging", "--date", "2026-12-04", "--customer", "1001", "--json")
    assert own.json()["total"] == "0.00"
    assert finqr("report", "aging", "--customer", "7777").err.strip() == "error: no customer 7777"

    target = tmp_path / "aging.pdf"
    result = finqr("report", "aging", "--date", "2026-12-04", "-o", str(target))
    assert result.code == 0, result.err
    text = flat(all_text(target.read_bytes()))
    assert "Åldersanalys kundfordringar" in text and "Anna Andersson" in text


def test_the_forecast_as_json(finqr, books):
    data = finqr("report", "forecast", "--date", "2026-12-04", "--weeks", "4", "--json").json()
    assert len(data["weeks"]) == 4
    assert data["weeks"][0]["start"] == "2026-11-30"
    assert data["weeks"][0]["expected"] == "62.50"
    assert data["method"]


def test_an_sie_file_is_written_and_reads_back(finqr, books, tmp_path):
    target = tmp_path / "books.se"
    result = finqr("export", "sie", *PERIOD, "-o", str(target))

    assert result.code == 0, result.err
    assert "Wrote 11 verifications" in result.out
    document = read_sie(target.read_bytes())
    assert len(document.verifications) == 11
    assert all(sum(t.amount for t in v.transactions) == 0 for v in document.verifications)


def test_a_reversed_sie_period_is_refused(finqr, books, tmp_path):
    result = finqr("export", "sie", "--from", "2026-12-01", "--to", "2026-01-01",
                   "-o", str(tmp_path / "x.se"))  # fmt: skip
    assert result.code == 2
    assert "before the start" in result.err
    assert not (tmp_path / "x.se").exists()


def test_accounts_are_shown_and_changed(finqr, ledger):
    shown = finqr("export", "accounts", "--json").json()
    assert (shown["receivables"], shown["bank"], shown["write_offs"]) == ("1510", "1930", "6351")

    changed = finqr("export", "accounts", "--set", "bank=1940", "--set", "rounding=3741")
    assert changed.code == 0, changed.err
    assert "1940" in changed.out
    assert finqr("export", "accounts", "--json").json()["rounding"] == "3741"

    wrong = finqr("export", "accounts", "--set", "bank=12", "--set", "rounding=3740")
    assert wrong.code == 2
    assert "error: bank: an account number is four digits" in wrong.err
    # All or none: the valid change beside the wrong one was not saved either.
    assert finqr("export", "accounts", "--json").json()["rounding"] == "3741"

    unknown = finqr("export", "accounts", "--set", "nosuch=1234")
    assert unknown.code == 2
    assert "unknown key 'nosuch'" in unknown.err
    assert json.loads(finqr("export", "accounts", "--json").out)["bank"] == "1940"


@needs_sqlite
@pytest.mark.parametrize(
    "command",
    [
        ["export", "sie", *PERIOD],
        ["report", "aging", "--date", "2026-12-04"],
        ["report", "aging", "--date", "2026-12-04", "--csv"],
        ["report", "statement", "--customer", "1001", *PERIOD, "--json"],
        ["report", "forecast", "--date", "2026-12-04", "--csv"],
    ],
)
def test_no_report_or_export_overwrites_the_open_ledger(finqr, books, tmp_path, command):
    ledger = tmp_path / "ledger.sqlite3"
    before = ledger.read_bytes()
    result = finqr(*command, "-o", str(ledger))
    assert result.code == 2
    assert "the ledger's own database file" in result.err
    assert ledger.read_bytes() == before
    assert finqr("report", "aging", "--date", "2026-12-04", "--json").code == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("bank=1510", "error: bank: account 1510 is also the receivables account"),
        ("sales_25=2611", "error: vat_25: account 2611 is also the sales_25 account"),
    ],
)
def test_one_account_for_two_roles_is_refused_and_nothing_saved(finqr, ledger, change, message):
    result = finqr("export", "accounts", "--set", change, "--set", "rounding=3741")
    assert result.code == 2
    assert message in result.err
    shown = finqr("export", "accounts", "--json").json()
    assert (shown["bank"], shown["sales_25"], shown["rounding"]) == ("1930", "3001", "3740")


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["report", "aging", "--date", "9999-12-31"], "9999-12-31: a date from 1990 to 2199"),
        (["report", "aging", "--date", "0001-01-01"], "0001-01-01: a date from 1990 to 2199"),
        (["report", "forecast", "--date", "9999-12-31"], "a date from 1990 to 2199"),
        (
            [
                "report",
                "statement",
                "--customer",
                "1001",
                "--from",
                "0001-01-01",
                "--to",
                "9999-12-31",
                "--json",
            ],
            "0001-01-01: a date from 1990 to 2199",
        ),  # fmt: skip
        (
            ["export", "sie", "--from", "9999-01-01", "--to", "9999-12-31", "-o", "-"],
            "a date from 1990 to 2199",
        ),  # fmt: skip
        (
            [
                "report",
                "statement",
                "--customer",
                "1001",
                "--from",
                "20260101",
                "--to",
                "2026-12-31",
                "--json",
            ],
            "not a date (YYYY-MM-DD): '20260101'",
        ),  # fmt: skip
        (["report", "aging", "--date", "2026-W49-5"], "not a date (YYYY-MM-DD)"),
    ],
)
def test_dates_outside_the_ledgers_years_or_spelling_are_one_line(finqr, books, command, message):
    result = finqr(*command)
    assert result.code == 2
    # As for every usage mistake: the usage, then one line that says what is wrong.
    assert message in result.err.strip().splitlines()[-1]
    assert "Traceback" not in result.err


def test_an_account_key_given_twice_is_refused(finqr, ledger):
    result = finqr("export", "accounts", "--set", "bank=1940", "--set", "bank=1941")
    assert result.code == 2
    assert "error: --set bank is given twice" in result.err
    assert finqr("export", "accounts", "--json").json()["bank"] == "1930"


def test_the_aging_as_of_an_earlier_day_on_the_command_line(finqr, books):
    # A was 750.00 open after its first payment; today it is paid.
    data = finqr("report", "aging", "--date", "2026-10-15", "--customer", "1001", "--json").json()
    assert data["total"] == "750.00"
