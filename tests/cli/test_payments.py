"""`finqr payments ...` in-process: registering, importing, placing, crediting, writing off."""

from __future__ import annotations

from ..banking.bgmax_builder import Payment, bgmax_file
from .test_invoices import MIXED, create, draft_id

PAYMENT_KEYS = {
    "id", "date", "kind", "amount", "currency", "method", "reference", "message",
    "payer_name", "bank_identity", "import_id", "rate", "converted", "booking_currency",
    "unallocated", "note", "allocations",
}  # fmt: skip


def issued(finqr, write_json) -> dict:
    result = finqr("invoice", "issue", draft_id(create(finqr, write_json, MIXED)))
    assert result.code == 0, result.err
    shown = finqr("invoice", "show", "2026-0001", "--json")
    return shown.json()


def test_add_list_and_invoice_json(finqr, customers, write_json):
    invoice = issued(finqr, write_json)  # 653.00 SEK
    result = finqr("payments", "add", invoice["number"], "--amount", "200", "--date",
                   "2026-12-01", "--reference", "x1", "--json")  # fmt: skip
    assert result.code == 0, result.err
    assert result.json()["applied"] == "200.00" and result.json()["remaining"] == "453.00"

    (payment,) = finqr("payments", "list", "--json").json()
    assert set(payment) == PAYMENT_KEYS
    assert payment["allocations"] == [
        {"invoice": "2026-0001", "invoice_id": invoice["id"], "amount": "200.00",
         "currency": "SEK"}
    ]  # fmt: skip
    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    assert (shown["paid"], shown["status"]) == ("200.00", "overdue")
    assert shown["payments"][0]["amount"] == "200.00"

    done = finqr("payments", "mark-paid", "2026-0001", "--json").json()
    assert (done["applied"], done["status"]) == ("453.00", "paid")


def test_overpayment_credit_and_its_use(finqr, customers, write_json):
    issued(finqr, write_json)
    result = finqr("payments", "add", "2026-0001", "--amount", "700")
    assert result.code == 0 and "47.00 SEK overpaid" in result.out
    balance = finqr("payments", "credit-balance", "1001", "--json").json()
    assert balance == {"customer": "1001", "credit": {"SEK": "47.00"}}
    refund = finqr("payments", "refund", "1001", "--amount", "47")
    assert refund.code == 0, refund.err
    assert finqr("payments", "credit-balance", "1001").out.strip() == (
        "Customer 1001 has no credit."
    )


def test_import_dry_run_then_import_then_again(finqr, customers, write_json, tmp_path):
    invoice = issued(finqr, write_json)
    path = tmp_path / "bgmax.txt"
    path.write_bytes(
        bgmax_file([Payment(65300, reference=invoice["ocr"]), Payment(999, reference_code="1")])
    )

    dry = finqr("payments", "import", str(path), "--dry-run", "--json")
    assert dry.code == 0, dry.err
    assert dry.json()["counts"] == {
        "matched": 1, "suggested": 0, "unmatched": 1, "flagged": 0, "duplicate": 0,
    }  # fmt: skip
    assert finqr("payments", "list", "--json").json() == []

    done = finqr("payments", "import", str(path))
    assert done.code == 0, done.err
    assert "Imported 2 payments (1 matched, 0 suggested, 1 unmatched" in done.out
    assert finqr("invoice", "show", "2026-0001", "--json").json()["status"] == "paid"

    again = finqr("payments", "import", str(path))
    assert again.code == 2 and "imported on" in again.err
    assert len(finqr("payments", "list", "--json").json()) == 2


def test_a_broken_file_exits_2_with_the_line_and_writes_nothing(finqr, customers, tmp_path):
    path = tmp_path / "broken.txt"
    good = bgmax_file([Payment(1000), Payment(2000)])
    path.write_bytes(good.replace(b"000000000000001000", b"000000000000001001", 1))

    result = finqr("payments", "import", str(path))
    assert result.code == 2
    assert "line" in result.err and "nothing was imported" in result.err
    assert finqr("payments", "list", "--json").json() == []


def test_unmatched_is_placed_by_hand_split_and_the_rest_credited(finqr, customers, write_json,
                                                                  tmp_path):  # fmt: skip
    issued(finqr, write_json)
    path = tmp_path / "bgmax.txt"
    path.write_bytes(bgmax_file([Payment(80000, reference_code="1")]))
    assert finqr("payments", "import", str(path)).code == 0
    (waiting,) = finqr("payments", "unmatched", "--json").json()
    assert waiting["unallocated"] == "800.00"

    placed = finqr("payments", "match", str(waiting["id"]), "2026-0001:600")
    assert placed.code == 0, placed.err
    assert "600.00 SEK to invoice 2026-0001; 53.00 left on it." in placed.out
    too_much = finqr("payments", "match", str(waiting["id"]), "2026-0001:100")
    assert too_much.code == 2 and "53.00 left" in too_much.err

    credited = finqr("payments", "credit", str(waiting["id"]))
    assert credited.code == 0, credited.err
    assert finqr("payments", "unmatched", "--json").json() == []
    assert finqr("payments", "credit-balance", "1001", "--json").json()["credit"] == {
        "SEK": "200.00"
    }
    used = finqr("payments", "use-credit", "2026-0001")
    assert used.code == 0 and "53.00 SEK" in used.out


def test_write_off_within_the_limit(finqr, customers, write_json):
    issued(finqr, write_json)
    finqr("payments", "add", "2026-0001", "--amount", "640")
    assert finqr("payments", "write-off", "2026-0001").code == 2
    assert finqr("payments", "write-off-limit", "15").out.strip() == "SEK 15"
    result = finqr("payments", "write-off", "2026-0001", "--reason", "öre")
    assert result.code == 0 and "13.00 SEK" in result.out
    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    assert (shown["status"], shown["written_off"]) == ("paid", "13.00")


def test_a_payment_in_euro_needs_a_rate(finqr, customers, write_json):
    issued(finqr, write_json)
    refused = finqr("payments", "add", "2026-0001", "--amount", "50", "--currency", "EUR")
    assert refused.code == 2 and "rate: is required" in refused.err
    done = finqr("payments", "add", "2026-0001", "--amount", "50", "--currency", "EUR",
                 "--rate", "11.40", "--json").json()  # fmt: skip
    assert (done["converted"], done["applied"], done["difference"]) == (
        "570.00",
        "570.00",
        "-83.00",
    )


def test_a_dry_run_of_a_test_file_says_the_import_needs_allow_test(finqr, customers, tmp_path):
    from ..banking.bgmax_builder import deposit, end, opening, start, transaction

    lines = [start("T"), opening(), transaction("20", 100), deposit(100, 1), end(1, 0, 0, 1)]
    path = tmp_path / "test.txt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("iso-8859-1"))
    dry = finqr("payments", "import", str(path), "--dry-run")
    assert dry.code == 0 and "imported only with --allow-test" in dry.err
    refused = finqr("payments", "import", str(path))
    assert refused.code == 2 and "--allow-test" in refused.err
    assert finqr("payments", "import", str(path), "--allow-test").code == 0
