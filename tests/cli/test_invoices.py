"""`finqr invoice create | issue | list | show | credit`, with figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import write_text

# 1 × 55.55 and 1 × 11.11 at 25 %, 3 × 199.00 at 6 % less 10 %, rounded to whole kronor.
MIXED = {
    "customer": "1001",
    "issue_date": "2026-03-02",
    "round_to_whole": True,
    "our_reference": "Eva Ek",
    "lines": [
        {"description": "Konsulttid", "quantity": "1", "unit_price": "55.55", "vat_rate": "25"},
        {"description": "Material", "quantity": 1, "unit_price": "11.11", "vat_rate": 25,
         "unit": "st"},
        {"description": "Bok", "quantity": "3", "unit_price": "199.00", "vat_rate": "6",
         "discount_percent": "10"},
    ],
}  # fmt: skip


def create(finqr, write_json, data, *extra):
    result = finqr("invoice", "create", "--json", write_json("draft.json", data), *extra)
    assert result.code == 0, result.err
    return result


def draft_id(result) -> str:
    # "Saved draft 3 for customer 1001: ..."
    return result.out.split()[2]


def credit_number(result) -> str:
    # "Issued credit note 2026-0002 for invoice 2026-0001"; it takes today's number series.
    return result.out.split()[3]


def test_create_issue_show_with_exact_figures(finqr, customers, write_json):
    created = create(finqr, write_json, MIXED)
    assert created.out.startswith("Saved draft 1 for customer 1001: total 653.00 SEK.")

    issued = finqr("invoice", "issue", draft_id(created))
    assert issued.code == 0, issued.err
    # Base 20260001, length digit 0 (10 digits), Luhn check digit 5.
    assert issued.out.splitlines() == [
        "Issued invoice 2026-0001 to 1001 Nilsson & Söner Bygg AB",
        "  Number    2026-0001",
        "  OCR       2026000105",
        "  Due date  2026-04-01",
        "  Total     653.00 SEK",
    ]

    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    assert shown["number"] == "2026-0001"
    assert shown["ocr"] == "2026000105"
    assert shown["status"] == ("overdue" if dt.date.today() > dt.date(2026, 4, 1) else "unpaid")
    assert shown["due_date"] == "2026-04-01"
    assert [line["amount"] for line in shown["lines"]] == ["55.55", "11.11", "537.30"]
    # 25 %: 66.66 × 0.25 = 16.665 -> 16.67; 6 %: 537.30 × 0.06 = 32.238 -> 32.24.
    assert [(g["vat_rate"], g["net"], g["vat"]) for g in shown["vat_by_rate"]] == [
        ("25", "66.66", "16.67"),
        ("6", "537.30", "32.24"),
    ]
    assert shown["net_total"] == "603.96"
    assert shown["vat_total"] == "48.91"
    assert shown["rounding"] == "0.13"  # 652.87 -> 653
    assert shown["total"] == "653.00"
    assert shown["remaining"] == "653.00"
    assert shown["lines"][2]["discount_percent"] == "10"
    assert shown["lines"][1]["quantity"] == "1"


def test_show_human_form_has_lines_vat_summary_and_totals(finqr, customers, write_json):
    create(finqr, write_json, MIXED, "--issue")
    result = finqr("invoice", "show", "2026-0001")
    assert result.code == 0, result.err
    text = result.out
    assert text.startswith("Invoice 2026-0001  [")
    assert "OCR            2026000105" in text
    line = next(row for row in text.splitlines() if " Bok " in row)
    assert line.split() == ["3", "Bok", "3", "199.00", "10", "%", "6", "%", "537.30"]
    assert any(row.split() == ["25", "%", "66.66", "16.67"] for row in text.splitlines())
    assert any(row.split() == ["6", "%", "537.30", "32.24"] for row in text.splitlines())
    assert "Net total  603.96 SEK" in text
    assert "Rounding     0.13 SEK" in text
    assert "Total      653.00 SEK" in text


def test_prices_including_vat_and_invoice_discount(finqr, customers, write_json):
    gross = {
        "customer": "1002",
        "issue_date": "2026-03-02",
        "prices_include_vat": True,
        "lines": [
            {"description": "Kurs", "quantity": "1", "unit_price": "125.00", "vat_rate": "25"},
            {"description": "Logi", "quantity": "1", "unit_price": "99.99", "vat_rate": "12"},
        ],
    }
    create(finqr, write_json, gross, "--issue")
    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    # 125.00 × 25/125 = 25.00; 99.99 × 12/112 = 10.7132... -> 10.71.
    assert [(g["net"], g["vat"]) for g in shown["vat_by_rate"]] == [
        ("100.00", "25.00"),
        ("89.28", "10.71"),
    ]
    assert (shown["net_total"], shown["vat_total"], shown["total"]) == (
        "189.28", "35.71", "224.99",
    )  # fmt: skip

    discounted = {
        "customer": "1001",
        "issue_date": "2026-03-02",
        "invoice_discount": "150.00",
        "lines": [
            {"description": "Tjänst", "quantity": "10", "unit_price": "100", "vat_rate": "25"},
            {"description": "Logi", "quantity": "1", "unit_price": "500", "vat_rate": "12"},
        ],
    }
    create(finqr, write_json, discounted, "--issue")
    shown = finqr("invoice", "show", "2026-0002", "--json").json()
    # The discount is spread 2:1 like the lines: 100.00 off the 25 % base, 50.00 off 12 %.
    assert [(g["net"], g["vat"]) for g in shown["vat_by_rate"]] == [
        ("900.00", "225.00"),
        ("450.00", "54.00"),
    ]
    assert (shown["invoice_discount"], shown["total"]) == ("150.00", "1629.00")


def test_json_numbers_are_read_exactly(finqr, customers, tmp_path):
    path = write_text(
        tmp_path / "draft.json",
        '{"customer": "1001", "issue_date": "2026-03-02", "lines": [{"description": "Tid", '
        '"quantity": 1.1, '
        '"unit_price": 0.1, "vat_rate": 25}]}',
    )
    assert finqr("invoice", "create", "--json", path, "--issue").code == 0
    shown = finqr("invoice", "show", "2026-0001", "--json").json()
    assert shown["lines"][0]["quantity"] == "1.1"
    assert shown["lines"][0]["amount"] == "0.11"
    assert shown["total"] == "0.14"  # 0.11 + 0.0275 -> 0.03


def test_show_a_draft_by_its_id(finqr, customers, write_json):
    created = create(finqr, write_json, MIXED)
    result = finqr("invoice", "show", draft_id(created))
    assert result.code == 0, result.err
    assert result.out.startswith("Invoice draft 1 (not issued)")
    shown = finqr("invoice", "show", draft_id(created), "--json").json()
    assert (shown["status"], shown["number"], shown["total"]) == ("draft", None, "653.00")
    # Named the way the list shows it.
    assert finqr("invoice", "show", f"draft {draft_id(created)}").out == result.out


def test_list_filters_by_status(finqr, customers, write_json):
    old = dict(MIXED, issue_date=(dt.date.today() - dt.timedelta(days=60)).isoformat())
    create(finqr, write_json, old, "--issue")
    create(finqr, write_json, dict(MIXED, issue_date=dt.date.today().isoformat()), "--issue")
    create(finqr, write_json, dict(MIXED, customer="1002"))

    everything = finqr("invoice", "list", "--json").json()
    assert len(everything) == 3
    assert {row["status"] for row in everything} == {"overdue", "unpaid", "draft"}
    overdue = finqr("invoice", "list", "--status", "overdue", "--json").json()
    old_number = f"{old['issue_date'][:4]}-0001"
    assert [(row["number"], row["total"], row["remaining"]) for row in overdue] == [
        (old_number, "653.00", "653.00")
    ]
    drafts = finqr("invoice", "list", "--status", "draft", "--json").json()
    assert [(row["number"], row["customer"]) for row in drafts] == [(None, "1002")]
    assert finqr("invoice", "list", "--search", "anna", "--json").json()[0]["status"] == "draft"

    table = finqr("invoice", "list", "--status", "unpaid")
    header, rule, row, blank, summary = table.out.splitlines()
    assert header.split() == [
        "Number",
        "Customer",
        "Issued",
        "Due",
        "Total",
        "Remaining",
        "Status",
    ]
    assert row.split()[-3:] == ["653.00", "653.00", "unpaid"]
    assert summary == "1 invoice; remaining to pay 653.00 SEK"
    assert finqr("invoice", "list", "--status", "paid").out.strip() == "No invoices match."


def test_full_credit(finqr, customers, write_json):
    create(finqr, write_json, MIXED, "--issue")
    result = finqr("invoice", "credit", "2026-0001", "--reason", "Fel kund")
    assert result.code == 0, result.err
    number = credit_number(result)
    assert result.out.splitlines()[0] == f"Issued credit note {number} for invoice 2026-0001"
    assert "Credit total     -653.00 SEK" in result.out
    note = finqr("invoice", "show", number, "--json").json()
    assert (note["kind"], note["credits"], note["status"]) == (
        "credit_note",
        "2026-0001",
        "credit_note",
    )
    assert (note["net_total"], note["vat_total"], note["rounding"], note["total"]) == (
        "-603.96", "-48.91", "-0.13", "-653.00",
    )  # fmt: skip
    assert note["notes"] == "Fel kund"
    original = finqr("invoice", "show", "2026-0001", "--json").json()
    assert (original["status"], original["credited"], original["remaining"]) == (
        "credited", "653.00", "0.00",
    )  # fmt: skip
    again = finqr("invoice", "credit", "2026-0001")
    assert again.code == 2
    assert "already fully credited" in again.err


def test_partial_credit_from_a_lines_file(finqr, customers, write_json):
    data = dict(MIXED, round_to_whole=False)
    create(finqr, write_json, data, "--issue")  # total 652.87
    lines = [
        {"description": "Konsulttid", "quantity": "1", "unit_price": "55.55", "vat_rate": "25"}
    ]
    result = finqr("invoice", "credit", "2026-0001", "--json", write_json("credit.json", lines))
    assert result.code == 0, result.err
    note = finqr("invoice", "show", credit_number(result), "--json").json()
    # 55.55 × 25 % = 13.8875 -> 13.89.
    assert (note["net_total"], note["vat_total"], note["total"]) == ("-55.55", "-13.89", "-69.44")
    assert note["lines"][0]["quantity"] == "-1"
    original = finqr("invoice", "show", "2026-0001", "--json").json()
    assert (original["credited"], original["remaining"]) == ("69.44", "583.43")
    # A credit without lines now takes off what is left, and the invoice ends at zero.
    rest = finqr("invoice", "credit", "2026-0001")
    assert rest.code == 0, rest.err
    assert finqr("invoice", "show", credit_number(rest), "--json").json()["total"] == "-583.43"
    original = finqr("invoice", "show", "2026-0001", "--json").json()
    assert (original["status"], original["remaining"]) == ("credited", "0.00")


def test_credit_lines_file_problems_name_the_line(finqr, customers, write_json):
    create(finqr, write_json, MIXED, "--issue")
    path = write_json("credit.json", {"lines": [{"description": "X", "quantity": "x"}], "why": 1})
    result = finqr("invoice", "credit", "2026-0001", "--json", path)
    assert result.code == 2
    lines = result.err.splitlines()
    assert "error: why: unknown field" in lines
    assert "error: lines[0].quantity: not a decimal number: 'x'" in lines
    assert "error: lines[0].unit_price: is required" in lines
    assert finqr("invoice", "list", "--status", "credit_note", "--json").json() == []


def test_bad_draft_reports_field_and_line(finqr, customers, write_json):
    data = {
        "customer": "9999",
        "colour": "red",
        "lines": [
            {"description": "Bra", "quantity": "1", "unit_price": "1", "vat_rate": "25"},
            {"description": "Dålig", "quantity": "abc", "unit_price": "1", "vat_rate": "23"},
        ],
    }
    result = finqr("invoice", "create", "--json", write_json("draft.json", data))
    assert result.code == 2
    lines = result.err.splitlines()
    assert "error: colour: unknown field" in lines
    assert "error: customer: no customer with number '9999'" in lines
    assert "error: lines[1].quantity: not a decimal number: 'abc'" in lines
    assert any(
        line.startswith("error: lines[1].vat_rate: VAT rate '23' is not valid") for line in lines
    )
    assert finqr("invoice", "list", "--json").json() == []


def test_broken_json_names_file_line_and_column(finqr, customers, tmp_path):
    path = write_text(tmp_path / "draft.json", '{"customer": "1001",\n "lines": [}\n')
    result = finqr("invoice", "create", "--json", path)
    assert result.code == 2
    assert (
        result.err.strip()
        == f"error: {path}: not valid JSON at line 2, column 12: Expecting value"
    )


def test_create_and_issue_is_one_transaction(finqr, database, write_json, tmp_path):
    # A customer but no company: the issue fails, and the draft is not left behind either.
    assert finqr("customer", "add", "--json", write_json("c.json", {"name": "K AB"})).code == 0
    result = finqr("invoice", "create", "--json", write_json("d.json", dict(MIXED)), "--issue")
    assert result.code == 2
    assert "finqr init" in result.err
    assert finqr("invoice", "list", "--json").json() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("invoice", "issue", "99"), "error: invoice 99 does not exist"),
        (("invoice", "show", "2026-9999"), "error: no invoice with number '2026-9999'"),
        (("invoice", "credit", "2026-9999"), "error: no invoice with number '2026-9999'"),
    ],
)
def test_unknown_invoices(finqr, customers, args, message):
    result = finqr(*args)
    assert result.code == 2
    assert result.err.strip() == message


def test_issuing_twice_is_refused(finqr, customers, write_json):
    created = create(finqr, write_json, MIXED)
    assert finqr("invoice", "issue", draft_id(created)).code == 0
    again = finqr("invoice", "issue", draft_id(created))
    assert again.code == 2
    assert "is issued and cannot change" in again.err


def test_usage_errors_exit_2(finqr, customers):
    assert finqr("invoice", "list", "--status", "lost").code == 2
    assert finqr("invoice", "issue", "abc").code == 2
    assert finqr("invoice").code == 2


@pytest.mark.parametrize("text", ["99999999999999999999999", "9223372036854775808", "²"])
@pytest.mark.parametrize("action", ["show", "issue"])
def test_an_id_the_ledger_cannot_hold_is_no_invoice(finqr, customers, write_json, action, text):
    created = create(finqr, write_json, MIXED)
    result = finqr("invoice", action, text)
    assert result.code == 2
    assert result.err.strip() == f"error: no invoice with number or id {text!r}"
    shown = finqr("invoice", "show", draft_id(created), "--json").json()
    assert shown["status"] == "draft"


def test_issue_takes_only_ascii_digits(finqr, customers, write_json):
    # int() reads "٣" (Arabic-Indic three) as 3: issuing must not reach draft 3 that way.
    for _ in range(3):
        create(finqr, write_json, MIXED)
    result = finqr("invoice", "issue", "٣")
    assert result.code == 2
    assert result.err.strip() == "error: no invoice with number or id '٣'"
    drafts = finqr("invoice", "list", "--status", "draft", "--json").json()
    assert sorted(row["id"] for row in drafts) == [1, 2, 3]


def test_the_largest_id_is_looked_up(finqr, customers):
    largest = str(2**31 - 1)
    show = finqr("invoice", "show", largest)
    assert show.code == 2
    assert (
        show.err.strip() == f"error: no invoice with number {largest!r} (nor a draft with that id)"
    )
    issue = finqr("invoice", "issue", largest)
    assert issue.code == 2
    assert issue.err.strip() == f"error: invoice {largest} does not exist"


@pytest.mark.parametrize("reason", [0, False, ["Fel"], {"sv": "Fel"}])
def test_a_credit_reason_that_is_not_text_is_refused(finqr, customers, write_json, reason):
    create(finqr, write_json, MIXED, "--issue")
    lines = [{"description": "Bok", "quantity": "1", "unit_price": "199.00", "vat_rate": "6"}]
    path = write_json("credit.json", {"lines": lines, "reason": reason})
    result = finqr("invoice", "credit", "2026-0001", "--json", path)
    assert result.code == 2
    assert result.err.strip() == "error: reason: expected text"
    assert finqr("invoice", "list", "--status", "credit_note", "--json").json() == []


def test_a_credit_reason_from_the_file_is_printed(finqr, customers, write_json):
    create(finqr, write_json, MIXED, "--issue")
    lines = [{"description": "Bok", "quantity": "1", "unit_price": "199.00", "vat_rate": "6"}]
    path = write_json("credit.json", {"lines": lines, "reason": "Trasig"})
    result = finqr("invoice", "credit", "2026-0001", "--json", path)
    assert result.code == 0, result.err
    assert finqr("invoice", "show", credit_number(result), "--json").json()["notes"] == "Trasig"


def test_create_and_issue_print_json_for_scripts(finqr, customers, write_json):
    path = write_json("d.json", MIXED)
    created = finqr("invoice", "create", "--json", path, "--print-json")
    assert created.code == 0, created.err
    draft = created.json()
    assert (draft["status"], draft["number"]) == ("draft", None)
    issued = finqr("invoice", "issue", str(draft["id"]), "--json").json()
    assert issued["number"] == "2026-0001"
    assert issued["status"] == finqr("invoice", "show", "2026-0001", "--json").json()["status"]
    assert issued["total"] == draft["total"]
    listed = finqr("invoice", "list", "--status", "open", "--json").json()
    assert [row["number"] for row in listed] == ["2026-0001"]
