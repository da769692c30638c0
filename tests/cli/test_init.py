"""`finqr init`: the company from options or a JSON file, refused a second time."""

from __future__ import annotations

from finqr_desktop.services.company import get_company, to_domain
from finqr_desktop.services.ledger import open_ledger

from .conftest import COMPANY_OPTIONS, write_text


def stored_company(database_url):
    database = open_ledger(database_url)
    try:
        with database.reading() as session:
            record = get_company(session)
            return None if record is None else to_domain(record)
    finally:
        database.dispose()


def test_init_from_options(finqr, database_url):
    result = finqr("init", *COMPANY_OPTIONS)
    assert result.code == 0, result.err
    assert "Created Exempel Handel AB" in result.out
    assert "5402-9681" in result.out
    company = stored_company(database_url)
    assert company.org_number == "556677-8899"
    assert company.vat_number == "SE556677889901"
    assert company.bankgiro == "54029681"
    assert company.f_tax is True
    assert company.address.lines() == ["Storgatan 1", "111 22 Stockholm"]


def test_init_from_json_file_with_options_overriding(finqr, write_json, database_url):
    path = write_json(
        "company.json",
        {"legal_name": "Filbolaget AB", "org_number": "5560360793", "f_tax": True,
         "address": {"street": "Gatan 2", "postal_code": "222 33", "city": "Lund"}},
    )  # fmt: skip
    result = finqr("init", "--json", path, "--city", "Malmö")
    assert result.code == 0, result.err
    company = stored_company(database_url)
    assert company.legal_name == "Filbolaget AB"
    assert company.org_number == "556036-0793"
    assert company.address.lines() == ["Gatan 2", "222 33 Malmö"]


def test_init_twice_is_refused(finqr, company, database_url):
    result = finqr("init", "--name", "Another AB")
    assert result.code == 2
    assert "already has a company (Exempel Handel AB)" in result.err
    assert stored_company(database_url).legal_name == "Exempel Handel AB"


def test_init_names_the_options_that_are_wrong(finqr, database_url):
    result = finqr("init", "--org-number", "556677-8898", "--bankgiro", "1234567")
    assert result.code == 2
    lines = result.err.splitlines()
    assert "error: --name: is required" in lines
    assert any(line.startswith("error: --org-number: ") for line in lines)
    assert any(line.startswith("error: --bankgiro: ") and "check digit" in line for line in lines)
    assert stored_company(database_url) is None


def test_init_without_anything_says_what_to_give(finqr):
    result = finqr("init")
    assert result.code == 2
    assert "--json FILE" in result.err and "--name" in result.err


def test_init_reports_broken_json_with_file_line_and_column(finqr, tmp_path):
    path = write_text(tmp_path / "company.json", '{\n  "legal_name": "X AB",\n  "f_tax": tru\n}')
    result = finqr("init", "--json", path)
    assert result.code == 2
    assert result.err.startswith(f"error: {path}: not valid JSON at line 3, column 12")


def test_init_reports_a_missing_file(finqr, tmp_path):
    result = finqr("init", "--json", str(tmp_path / "nope.json"))
    assert result.code == 2
    assert "nope.json: no such file" in result.err


def test_init_with_unknown_json_key(finqr, write_json):
    result = finqr("init", "--json", write_json("c.json", {"legal_name": "A AB", "colour": 1}))
    assert result.code == 2
    assert "error: colour: unknown field" in result.err
