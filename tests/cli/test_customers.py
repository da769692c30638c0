"""`finqr customer add | list | import`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import write_text

not_as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file"
)


def test_add_and_list(finqr, customers):
    result = finqr("customer", "list")
    assert result.code == 0, result.err
    header, rule, *rows = result.out.splitlines()
    assert header.split() == ["Number", "Name", "Kind", "Org", "number", "City", "Terms", "E-mail"]
    assert set(rule) == {"-", " "}
    assert rows[0].split("  ")[:1] == ["1001"]
    assert rows[0].split() == [
        "1001", "Nilsson", "&", "Söner", "Bygg", "AB", "company", "556036-0793", "Lund", "30",
        "ekonomi@nilsson.example",
    ]  # fmt: skip
    assert rows[1].split()[:4] == ["1002", "Anna", "Andersson", "person"]
    # The columns line up: every row starts its name where the header's Name starts.
    assert {row.index(row.split()[1]) for row in rows} == {header.index("Name")}


def test_list_json_and_search(finqr, customers):
    everyone = finqr("customer", "list", "--json").json()
    assert [c["number"] for c in everyone] == ["1001", "1002"]
    assert everyone[1]["kind"] == "person"
    assert everyone[1]["language"] == "en"
    assert everyone[0]["address"]["city"] == "Lund"
    assert everyone[0]["emails"] == ["ekonomi@nilsson.example"]
    found = finqr("customer", "list", "--search", "NILS", "--json").json()
    assert [c["number"] for c in found] == ["1001"]
    assert finqr("customer", "list", "--search", "zzz").out.strip() == "No customer matches 'zzz'."


def test_add_without_number_takes_the_next_free_one(finqr, customers, write_json):
    result = finqr("customer", "add", "--json", write_json("c.json", {"name": "Ny Kund AB"}))
    assert result.code == 0, result.err
    assert result.out.strip() == "Added customer 1003: Ny Kund AB"


def test_add_reports_every_problem_with_its_field(finqr, company, write_json):
    path = write_json(
        "c.json", {"number": "7", "name": "X AB", "org_number": "556036-0794", "emails": "nope"}
    )
    result = finqr("customer", "add", "--json", path)
    assert result.code == 2
    assert "error: org_number: " in result.err
    assert "error: emails[0]: not an e-mail address: 'nope'" in result.err
    assert finqr("customer", "list", "--json").json() == []


def test_add_refuses_a_taken_number(finqr, customers, write_json):
    result = finqr(
        "customer", "add", "--json", write_json("c.json", {"number": "1001", "name": "B"})
    )
    assert result.code == 2
    assert result.err.strip() == "error: number: customer number '1001' is already taken"


def test_import_good_csv(finqr, company, tmp_path):
    path = write_text(
        tmp_path / "kunder.csv",
        "number;name;kind;org_number;city;emails;payment_terms\n"
        "2001;Berg & Dal AB;company;556036-0793;Umeå;a@berg.example;20\n"
        "2002;Eva Ek;person;;Luleå;eva@example.org,eva.ek@example.org;10\n",
    )
    result = finqr("customer", "import", path)
    assert result.code == 0, result.err
    assert result.out.strip() == "Imported 2 customers from kunder.csv."
    imported = finqr("customer", "list", "--json").json()
    assert [(c["number"], c["payment_terms"]) for c in imported] == [
        ("2001", "20"),
        ("2002", "10"),
    ]
    assert imported[1]["emails"] == ["eva@example.org", "eva.ek@example.org"]


def test_import_with_errors_on_two_rows_adds_nothing(finqr, company, tmp_path):
    path = write_text(
        tmp_path / "kunder.csv",
        "number,name,org_number,emails\n"
        "3001,Rätt AB,556036-0793,ok@example.org\n"
        "3002,Fel AB,556036-0794,ok@example.org\n"
        "3003,Också Rätt AB,,ok@example.org\n"
        "3004,,,inte-en-adress\n",
    )
    result = finqr("customer", "import", path)
    assert result.code == 2
    lines = result.err.splitlines()
    assert any(line.startswith("error: row 3, org_number: ") for line in lines), lines
    assert "error: row 5, name: is required" in lines
    assert (
        "error: row 5, emails[0]: not an e-mail address: 'inte-en-adress' (it needs name@domain)"
        in lines
    )
    assert not any("row 2" in line or "row 4" in line for line in lines)
    assert finqr("customer", "list", "--json").json() == []


def test_a_row_of_the_wrong_shape_does_not_hide_the_other_problems(finqr, company, tmp_path):
    path = write_text(
        tmp_path / "kunder.csv",
        "number,name,org_number,emails\n"
        "3001,Rätt AB,556036-0793,ok@example.org,extra,värden\n"
        "3002,Fel AB,556036-0794,ok@example.org\n"
        "3003,Kort AB\n",
    )
    result = finqr("customer", "import", path)
    assert result.code == 2
    lines = result.err.splitlines()
    assert "error: row 2, row: 6 values for 4 columns" in lines
    assert any(line.startswith("error: row 3, org_number: ") for line in lines), lines
    assert "error: row 4, row: 2 values for 4 columns" in lines
    assert finqr("customer", "list", "--json").json() == []


def test_import_missing_file(finqr, company, tmp_path):
    result = finqr("customer", "import", str(tmp_path / "nope.csv"))
    assert result.code == 2
    assert result.err.strip() == f"error: {tmp_path / 'nope.csv'}: no such file"


def numbers(finqr) -> list[str]:
    return [c["number"] for c in finqr("customer", "list", "--json").json()]


@pytest.mark.parametrize("number", [None, ""])
def test_a_null_or_empty_number_takes_the_next_free_one(finqr, customers, write_json, number):
    path = write_json("c.json", {"number": number, "name": "Ny Kund AB"})
    result = finqr("customer", "add", "--json", path)
    assert result.code == 0, result.err
    assert result.out.strip() == "Added customer 1003: Ny Kund AB"


@pytest.mark.parametrize("number", [False, [], {}])
def test_a_number_of_the_wrong_type_is_refused_not_replaced(finqr, customers, write_json, number):
    result = finqr(
        "customer", "add", "--json", write_json("c.json", {"number": number, "name": "B"})
    )
    assert result.code == 2
    assert result.err.startswith("error: number: ")
    assert numbers(finqr) == ["1001", "1002"]


def test_a_zero_number_is_not_the_next_free_one(finqr, customers, write_json):
    result = finqr("customer", "add", "--json", write_json("c.json", {"number": 0, "name": "B"}))
    # The services take 0 as "0" or refuse it; either way 1003 was not asked for.
    if result.code == 0:
        assert result.out.strip() == "Added customer 0: B"
        assert numbers(finqr) == ["0", "1001", "1002"]
    else:
        assert result.code == 2
        assert result.err.startswith("error: number: ")
        assert numbers(finqr) == ["1001", "1002"]


def test_a_key_given_twice_is_refused(finqr, customers, tmp_path):
    path = write_text(tmp_path / "c.json", '{"name": "A", "address": {"city": "X", "city": "Y"}}')
    result = finqr("customer", "add", "--json", path)
    assert result.code == 2
    assert result.err.strip() == f"error: {path}: key 'city' is given twice in one object"
    path = write_text(tmp_path / "c.json", '{"name": "A", "name": "B"}')
    result = finqr("customer", "add", "--json", path)
    assert result.err.strip() == f"error: {path}: key 'name' is given twice in one object"
    assert numbers(finqr) == ["1001", "1002"]


def test_json_nested_too_deeply_is_refused(finqr, customers, tmp_path):
    depth = 100_000
    path = write_text(tmp_path / "deep.json", '{"name": ' + "[" * depth + "]" * depth + "}")
    result = finqr("customer", "add", "--json", path)
    assert result.code == 2
    assert result.err.strip() == f"error: {path}: nested too deeply"
    assert numbers(finqr) == ["1001", "1002"]


@not_as_root
@pytest.mark.parametrize("command", [("import",), ("add", "--json")])
def test_an_unreadable_file_is_permission_denied(finqr, customers, tmp_path, command):
    path = Path(write_text(tmp_path / "kunder.csv", "number,name\n3001,Rätt AB\n"))
    path.chmod(0)
    result = finqr("customer", *command, str(path))
    assert result.code == 2
    assert result.err.strip() == f"error: {path}: permission denied"
    assert numbers(finqr) == ["1001", "1002"]


def test_import_a_csv_the_system_will_not_let_us_read(finqr, customers, tmp_path, monkeypatch):
    # What chmod 000 does for a user who is not root, whatever user runs the tests.
    path = tmp_path / "kunder.csv"
    write_text(path, "number,name\n3001,Rätt AB\n")
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    result = finqr("customer", "import", str(path))
    assert result.code == 2
    assert result.err.strip() == f"error: {path}: permission denied"
    assert numbers(finqr) == ["1001", "1002"]


def test_import_a_folder(finqr, customers, tmp_path):
    result = finqr("customer", "import", str(tmp_path))
    assert result.code == 2
    assert result.err.strip() == f"error: {tmp_path}: is a folder, not a file"


def test_json_with_a_number_of_thousands_of_digits_is_bad_input(finqr, customers, tmp_path):
    path = write_text(tmp_path / "long.json", '{"name": "A", "number": ' + "9" * 5000 + "}")
    result = finqr("customer", "add", "--json", path)
    assert result.code == 2
    assert result.err.startswith(f"error: {path}: a number in it is too long")


def test_a_device_that_never_ends_is_refused_not_read_forever(finqr, customers, monkeypatch):
    from finqr_desktop.cli import files

    monkeypatch.setattr(files, "MAX_CHARACTERS", 1000)
    result = finqr("customer", "add", "--json", "/dev/zero")
    assert result.code == 2
    assert result.err.startswith("error: /dev/zero: larger than")
