"""`finqr vat` and `finqr series`: configuration that changes what new invoices get."""

DRAFT = {
    "customer": "1001",
    "issue_date": "2026-12-04",
    "lines": [{"description": "Mat", "quantity": "1", "unit_price": "100.00", "vat_rate": "12"}],
}


def test_a_changed_rate_is_a_new_table_not_new_code(finqr, customers, write_json):
    table = {
        "country": "SE",
        "rates": [
            {"code": "25", "percent": "25"},
            {"code": "12", "percent": "12", "valid_until": "2026-11-30"},
            {"code": "12", "percent": "10", "valid_from": "2026-12-01"},
        ],
    }
    assert finqr("vat", "set", write_json("vat.json", table)).code == 0
    listed = finqr("vat", "list", "--date", "2026-12-04", "--json").json()
    assert [(r["code"], r["percent"]) for r in listed["rates"]] == [("25", "25"), ("12", "10")]

    created = finqr("invoice", "create", "--json", write_json("d.json", DRAFT), "--issue")
    assert created.code == 0, created.err
    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    assert shown["vat_by_rate"][0]["percent"] == "10"
    assert shown["total"] == "110.00"


def test_a_broken_vat_table_is_refused_and_the_old_one_kept(finqr, customers, write_json):
    broken = {"country": "SE", "rates": [{"code": "25", "percent": "abc"}]}
    result = finqr("vat", "set", write_json("vat.json", broken))
    assert result.code == 2
    assert "rates[0]" in result.err
    codes = [r["code"] for r in finqr("vat", "list", "--json").json()["rates"]]
    assert "reverse_charge" in codes


def test_number_pattern_can_count_on_across_years(finqr, customers, write_json):
    result = finqr("series", "set", "--pattern", "F{seq:05}", "--no-yearly-restart")
    assert result.code == 0, result.err
    assert "F00001" in result.out
    finqr("invoice", "create", "--json", write_json("d.json", DRAFT), "--issue")
    # digits 00001, length digit 7, Luhn check digit 4
    assert finqr("invoice", "show", "F00001", "--json").json()["ocr"] == "0000174"


def test_a_bad_pattern_is_explained(finqr, customers):
    result = finqr("series", "set", "--pattern", "F{seq:04}")
    assert result.code == 2
    assert "restarts every year" in result.err
