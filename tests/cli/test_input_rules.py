"""What the command line refuses and accepts in input: invisible marks, personal identity
numbers in 12 digits, true/false fields; and a refused `init` that leaves no ledger."""

from __future__ import annotations

import pytest

from finqr_desktop.cli.main import main
from finqr_desktop.cli.output import print_table

from .conftest import write_text

MARK = "(U+200E LEFT-TO-RIGHT MARK)"


def test_a_left_to_right_mark_is_refused_in_name_city_and_postal_code(finqr, company, write_json):
    data = {"name": "LRM\u200eName AB", "city": "Mal\u200emö", "postal_code": "211\u200e 22"}
    result = finqr("customer", "add", "--json", write_json("c.json", data))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"error: postal_code: contains an invisible character {MARK} at position 4",
        f"error: city: contains an invisible character {MARK} at position 4",
        f"error: name: contains an invisible character {MARK} at position 4",
    ]
    assert finqr("customer", "list", "--json").json() == []


def test_a_stored_mark_does_not_shift_the_table(capsys):
    # A ledger written before the rule may hold one; the columns still line up.
    print_table(["Name", "City"], [["A\u200eB", "Lund"], ["AB", "Umeå"], ["日本", "Kyoto"]])
    # The mark takes no column and each of 日本 two, so every city starts in column 7.
    assert capsys.readouterr().out.splitlines() == [
        "Name  City",
        "----  -----",
        "A\u200eB    Lund",
        "AB    Umeå",
        "日本  Kyoto",
    ]


def test_a_refused_init_leaves_no_ledger_file(tmp_path):
    ledger = tmp_path / "new" / "deeper" / "ledger.sqlite3"
    code = main(["init", "--org-number", "556677-8890", "--database", str(ledger)])
    assert code == 2
    assert not ledger.exists()
    assert not (tmp_path / "new").exists()


def test_a_refused_init_on_an_existing_empty_file_leaves_the_file(tmp_path):
    ledger = tmp_path / "ledger.sqlite3"
    ledger.write_bytes(b"")
    assert main(["init", "--org-number", "556677-8890", "--database", str(ledger)]) == 2
    assert ledger.exists()


def test_a_good_init_after_a_refused_one_works(tmp_path, capsys):
    ledger = tmp_path / "ledger.sqlite3"
    assert main(["init", "--name", "X AB", "--city", "\x07", "--database", str(ledger)]) == 2
    assert not ledger.exists()
    assert main(["init", "--name", "X AB", "--database", str(ledger)]) == 0
    assert ledger.exists()
    assert "Created X AB" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("19121212-1212", "19121212-1212"),
        ("191212121212", "19121212-1212"),
        ("121212-1212", "121212-1212"),
        ("121212+1212", "121212+1212"),
        ("19121272-1219", "19121272-1219"),  # a coordination number: day + 60
    ],
)
def test_a_person_may_be_given_a_12_digit_personal_number(
    finqr, company, write_json, written, stored
):
    data = {"number": "7", "name": "Tolvan Tolvansson", "kind": "person", "org_number": written}
    result = finqr("customer", "add", "--json", write_json("p.json", data))
    assert result.code == 0, result.err
    assert finqr("customer", "list", "--json").json()[0]["org_number"] == stored


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("19121312-1212", "19121312 is not a date of birth"),
        ("18121212-1212", "in 12 digits the number starts with the century, 19 or 20"),
        ("19121212-1213", "the check digit is wrong"),
        ("1913121212", "191312 is not a date of birth"),
        ("12121212", "it must have 10 or 12 digits, this has 8"),
    ],
)
def test_a_wrong_personal_number_says_what_is_wrong(finqr, company, write_json, written, why):
    data = {"number": "7", "name": "Tolvan", "kind": "person", "org_number": written}
    result = finqr("customer", "add", "--json", write_json("p.json", data))
    assert result.code == 2
    assert result.err.startswith(f"error: org_number: Personal identity number {written}: ")
    assert why in result.err


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("16556036-0793", "556036-0793"),  # Skatteverket's 12-digit form
        ("556036-0793", "556036-0793"),
        ("19121212-1212", "121212-1212"),  # a sole trader: the owner's personal number
    ],
)
def test_an_organisation_number_is_kept_in_10_digits(finqr, company, write_json, written, stored):
    data = {"number": "7", "name": "Bygg AB", "org_number": written}
    result = finqr("customer", "add", "--json", write_json("o.json", data))
    assert result.code == 0, result.err
    assert finqr("customer", "list", "--json").json()[0]["org_number"] == stored


def test_a_12_digit_organisation_number_with_another_prefix_is_refused(finqr, company, write_json):
    data = {"number": "7", "name": "Bygg AB", "org_number": "175560360793"}
    result = finqr("customer", "add", "--json", write_json("o.json", data))
    assert result.code == 2
    assert "in 12 digits an organisation number starts with 16" in result.err


def test_init_takes_an_organisation_number_with_the_16_prefix(finqr, database_url):
    result = finqr("init", "--name", "X AB", "--org-number", "16556677-8899")
    assert result.code == 0, result.err
    assert "556677-8899" in result.out


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("reminders_paused", "yes", "expected true or false without quotes, got 'yes'"),
        ("reminders_paused", "true", "expected true or false without quotes, got 'true'"),
        ("reminder_fee_agreed", 3, "expected true or false, got 3"),
        ("reminder_fee_agreed", 1, "expected true or false, got 1"),
        ("reminders_paused", [True], "expected true or false, got a list"),
    ],
)
def test_a_true_false_field_takes_json_true_or_false_only(
    finqr, company, write_json, key, value, message
):
    data = {"number": "7", "name": "Bygg AB", key: value}
    result = finqr("customer", "add", "--json", write_json("b.json", data))
    assert result.code == 2
    assert result.err.splitlines() == [f"error: {key}: {message}"]
    assert finqr("customer", "list", "--json").json() == []


def test_json_true_and_false_are_taken(finqr, company, write_json):
    data = {"number": "7", "name": "Bygg AB", "reminders_paused": True,
            "reminder_fee_agreed": False}  # fmt: skip
    assert finqr("customer", "add", "--json", write_json("b.json", data)).code == 0
    stored = finqr("customer", "list", "--json").json()[0]
    assert (stored["reminders_paused"], stored["reminder_fee_agreed"]) == (True, False)


def test_a_csv_cell_takes_the_documented_words(finqr, company, tmp_path):
    path = write_text(
        tmp_path / "c.csv",
        "number;name;reminders_paused;reminder_fee_agreed\n"
        "1;Ett AB;ja;NEJ\n2;Två AB;TRUE;0\n3;Tre AB;kanske;yes\n",
    )
    result = finqr("customer", "import", path)
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: row 4, reminders_paused: expected true or false "
        "(or yes/no, ja/nej, sant/falskt, 1/0), got 'kanske'"
    ]
    path = write_text(
        tmp_path / "c.csv",
        "number;name;reminders_paused;reminder_fee_agreed\n1;Ett AB;ja;NEJ\n2;Två AB;SANT;0\n",
    )
    assert finqr("customer", "import", path).code == 0
    stored = {c["number"]: c for c in finqr("customer", "list", "--json").json()}
    assert (stored["1"]["reminders_paused"], stored["1"]["reminder_fee_agreed"]) == (True, False)
    assert (stored["2"]["reminders_paused"], stored["2"]["reminder_fee_agreed"]) == (True, False)


def test_invoice_and_company_flags_follow_the_same_rule(finqr, customers, write_json):
    draft = {"customer": "1001", "prices_include_vat": "yes", "round_to_whole": 1,
             "lines": [{"description": "A", "quantity": "1", "unit_price": "10",
                        "vat_rate": "25"}]}  # fmt: skip
    result = finqr("invoice", "create", "--json", write_json("i.json", draft))
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: prices_include_vat: expected true or false without quotes, got 'yes'",
        "error: round_to_whole: expected true or false, got 1",
    ]


def test_invoice_create_reports_every_mistake_of_the_file_at_once(finqr, customers, write_json):
    draft = {
        "customer": "1001", "currency": "SEK", "invoice_discount": "-5",
        "lines": [
            {"description": "A", "quantity": "abc", "unit_price": "1.999", "vat_rate": "25"},
            {"description": "B", "quantity": "1.00001", "unit_price": "1", "vat_rate": "24",
             "discount_percent": "101"},
        ],
    }  # fmt: skip
    result = finqr("invoice", "create", "--json", write_json("ib.json", draft))
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[:4] == [
        "error: invoice_discount: a discount cannot be negative",
        "error: lines[0].quantity: not a decimal number: 'abc'",
        "error: lines[0].unit_price: more than 2 decimals for SEK",
        "error: lines[1].quantity: at most 4 decimals",
    ]
    assert lines[4].startswith("error: lines[1].vat_rate: VAT rate '24' is not valid")
    assert lines[5:] == ["error: lines[1].discount_percent: must be between 0 and 100"]
    assert finqr("invoice", "list", "--json").json() == []
