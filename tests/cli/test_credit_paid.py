"""The tester's scenarios through the real `finqr` command: crediting an invoice that was
already paid gives the paid part back as the customer's credit, which the credit balance,
a refund, the statement and the SIE file all see."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, text

from finqr_desktop.domain.sie_reader import read_sie

from ..banking.bgmax_builder import Payment, bgmax_file
from .test_invoices import create, draft_id

D = Decimal


def issue(finqr, write_json, customer: str, day: str, lines: list[dict]) -> dict:
    data = {"customer": customer, "issue_date": day, "lines": lines}
    result = finqr("invoice", "issue", draft_id(create(finqr, write_json, data)))
    assert result.code == 0, result.err
    number = result.out.split()[2]
    return finqr("invoice", "show", number, "--json").json()


def line(price: str, description: str = "Konsulttid") -> dict:
    return {"description": description, "quantity": "1", "unit_price": price, "vat_rate": "25"}


def ledger_rows(database_url: str, sql: str) -> list[tuple]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def statement_open_items(finqr, customer: str) -> list[tuple[str, str, str]]:
    today = dt.date.today().isoformat()
    result = finqr("report", "statement", "--customer", customer, "--from", "2026-01-01",
                   "--to", today, "--csv")  # fmt: skip
    assert result.code == 0, result.err
    reader = csv.DictReader(io.StringIO(result.out))
    return [(r["kind"], r["reference"], r["open"]) for r in reader if r["record"] == "open_item"]


def sie_sums(finqr, tmp_path: Path) -> tuple[dict[str, Decimal], list]:
    target = tmp_path / "books.se"
    result = finqr("export", "sie", "--from", "2026-01-01", "--to", dt.date.today().isoformat(),
                   "-o", str(target))  # fmt: skip
    assert result.code == 0, result.err
    document = read_sie(target.read_bytes())
    found: dict[str, Decimal] = defaultdict(Decimal)
    for verification in document.verifications:
        assert sum(t.amount for t in verification.transactions) == 0, verification
        for transaction in verification.transactions:
            found[transaction.account] += transaction.amount
    return dict(found), document.verifications


def test_a_paid_invoice_credited_in_full_becomes_refundable_credit(
    finqr, customers, write_json, tmp_path, database_url
):
    # 9 468.00 + 25 % = 11 835.00; then 400.00 + 25 % = 500.00 paid with 600.00, which
    # leaves customer 1001 the earlier 100.00 of credit.
    invoice = issue(finqr, write_json, "1001", "2026-09-28", [line("9468.00")])
    issue(finqr, write_json, "1001", "2026-10-01", [line("400.00")])
    assert (
        finqr("payments", "add", "2026-0002", "--amount", "600", "--date", "2026-10-05").code == 0
    )
    assert finqr("payments", "credit-balance", "1001").out.strip() == "SEK 100.00"

    paid = finqr("payments", "add", "2026-0001", "--amount", "5000", "--date", "2026-11-20")
    assert paid.code == 0, paid.err
    path = tmp_path / "bgmax.txt"
    path.write_bytes(bgmax_file([Payment(683500, reference=invoice["ocr"])]))
    imported = finqr("payments", "import", str(path))
    assert imported.code == 0, imported.err
    assert finqr("invoice", "show", "2026-0001", "--json").json()["status"] == "paid"

    result = finqr("invoice", "credit", "2026-0001", "--reason", "Fel pris")
    assert result.code == 0, result.err
    number = result.out.split()[3]
    assert result.out.splitlines() == [
        f"Issued credit note {number} for invoice 2026-0001",
        "  Credit total        -11835.00 SEK",
        "  Credited so far     11835.00 SEK",
        "  Left to pay         0.00 SEK",
        "  To customer credit  11835.00 SEK",
        "  Invoice status      credited",
        "11835.00 SEK already paid is now customer 1001's credit; use it with "
        "`finqr payments use-credit INVOICE` or pay it back with `finqr payments refund 1001`.",
    ]
    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    assert (shown["credited"], shown["paid"], shown["remaining"], shown["to_customer_credit"]) == (
        "11835.00", "0.00", "0.00", "11835.00",
    )  # fmt: skip
    assert "To customer credit  11835.00 SEK" in finqr("invoice", "show", "2026-0001").out
    assert finqr("payments", "credit-balance", "1001").out.strip() == "SEK 11935.00"
    assert ledger_rows(
        database_url,
        "SELECT c.kind, c.amount_minor, c.note, p.method, p.amount_minor, p.reference "
        "FROM customer_credit c JOIN payment p ON p.id = c.payment_id ORDER BY c.id",
    ) == [
        ("payment", 10000, "2026-0002", "manual", 60000, ""),
        ("credit_note", 1183500, number, "credit_note", -1183500, number),
    ]

    refund = finqr("payments", "refund", "1001", "--amount", "11835")
    assert refund.code == 0, refund.err
    assert refund.out.strip() == "Refunded 11835.00 SEK of customer 1001's credit."
    assert finqr("payments", "credit-balance", "1001").out.strip() == "SEK 100.00"
    assert statement_open_items(finqr, "1001") == [("customer_credit", "", "-100.00")]

    sums, verifications = sie_sums(finqr, tmp_path)
    # Both invoices settled: receivables back at zero; 2420 holds the 100.00 still owed to
    # the customer; the bank has the 12 435.00 in less the 11 835.00 paid back.
    assert sums["1510"] == D("0.00")
    assert sums["2420"] == D("-100.00")
    assert sums["1930"] == D("600.00")
    moved = [v for v in verifications if v.text.startswith("Kundkredit från")]
    assert [{t.account: t.amount for t in v.transactions} for v in moved] == [
        {"1510": D("11835.00"), "2420": D("-11835.00")}
    ]


def test_two_partial_credits_on_an_invoice_paid_in_full(finqr, customers, write_json,
                                                        database_url):  # fmt: skip
    # 1 287.56 + 25 % = 1 609.45 for customer 1002, due after 10 days: long overdue.
    issue(finqr, write_json, "1002", "2026-09-18",
          [line("500.00"), line("500.00"), line("287.56", "Material")])  # fmt: skip
    assert finqr("payments", "add", "2026-0001", "--amount", "1609.45", "--date",
                 "2026-10-01").code == 0  # fmt: skip

    for price in ("200.00", "87.56"):
        path = write_json("credit.json", [line(price)])
        result = finqr("invoice", "credit", "2026-0001", "--json", path)
        assert result.code == 0, result.err
    assert "  To customer credit  109.45 SEK" in result.out.splitlines()

    assert finqr("payments", "credit-balance", "1002", "--json").json() == {
        "customer": "1002", "credit": {"SEK": "359.45"},
    }  # fmt: skip
    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    assert (shown["status"], shown["credited"], shown["paid"], shown["remaining"]) == (
        "paid", "359.45", "1250.00", "0.00",
    )  # fmt: skip
    # No negative, overdue invoice among the open items: the 359.45 is the customer's.
    assert statement_open_items(finqr, "1002") == [("customer_credit", "", "-359.45")]
    assert ledger_rows(
        database_url,
        "SELECT kind, amount_minor FROM customer_credit WHERE customer_id = "
        "(SELECT id FROM customer WHERE number = '1002') ORDER BY id",
    ) == [("credit_note", 25000), ("credit_note", 10945)]


def test_a_credit_larger_than_what_is_left_on_a_part_paid_invoice(
    finqr, customers, write_json, tmp_path
):
    issue(finqr, write_json, "1001", "2026-09-28", [line("9468.00")])
    issue(finqr, write_json, "1001", "2026-10-02", [line("800.00")])
    assert finqr("payments", "add", "2026-0001", "--amount", "5000", "--date",
                 "2026-11-20").code == 0  # fmt: skip

    # 6 400.00 + 25 % = 8 000.00 off: 3 835.00 is owed, 5 000.00 was paid.
    result = finqr("invoice", "credit", "2026-0001", "--json",
                   write_json("credit.json", [line("6400.00")]))  # fmt: skip
    assert result.code == 0, result.err
    assert "  To customer credit  1165.00 SEK" in result.out.splitlines()
    assert "  Invoice status      paid" in result.out.splitlines()
    assert finqr("payments", "credit-balance", "1001").out.strip() == "SEK 1165.00"

    used = finqr("payments", "use-credit", "2026-0002")
    assert used.code == 0, used.err
    assert used.out.strip() == "1000.00 SEK of the customer's credit paid invoice 2026-0002."
    assert finqr("payments", "credit-balance", "1001").out.strip() == "SEK 165.00"
    assert statement_open_items(finqr, "1001") == [("customer_credit", "", "-165.00")]

    sums, _ = sie_sums(finqr, tmp_path)
    assert (sums["1510"], sums["2420"], sums["1930"]) == (D("0.00"), D("-165.00"), D("5000.00"))
