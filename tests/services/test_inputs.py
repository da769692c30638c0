"""Bad input is refused with the field it is in, and nothing half-valid is stored."""

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.services import company as company_service
from finqr_desktop.services import customers
from finqr_desktop.services.invoice_input import draft_from_data

from .helpers import draft_data


def problems_of(data) -> dict[str, str]:
    _customer, problems = customers.customer_from_data(data)
    return {p.field: p.message for p in problems}


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"number": "1001\u200b", "name": "A"}, "number", "invisible"),
        ({"number": "10\x0004", "name": "A"}, "number", "control character (U+0000)"),
        ({"number": "7", "name": "Evil \u202eAB"}, "name", "(U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ({"number": "7", "name": "Bell\x07"}, "name", "control character (U+0007)"),
        ({"number": "7", "name": "A", "currency": "QQQ"}, "currency", "ISO 4217"),
        ({"number": "7", "name": "A", "currency": "12"}, "currency", "ISO 4217"),
        ({"number": "7", "name": "A", "country": "XX"}, "address.country", "ISO 3166"),
        ({"number": "7", "name": "A", "language": "zz"}, "language", "language code"),
        ({"number": "7", "name": "A", "address": {"streeet": "x"}}, "address.streeet", "unknown"),
        ({"number": "7", "name": "A", "address": "Storgatan 1"}, "address", "expected an object"),
        (
            {"number": "7", "name": "A", "street": "x", "address": {"street": "y"}},
            "address",
            "not both",
        ),
        ({"number": "7", "name": "A", "emails": ["a\x00@b.se"]}, "emails[0]", "U+0000"),
        ({"number": "7", "name": "A", "kind": "person", "org_number": "junk"}, "org_number", ""),
    ],
)
def test_customer_input_problems_name_their_field(data, field, message):
    found = problems_of(data)
    assert field in found, found
    assert message in found[field]


def test_a_too_long_name_is_one_message_not_two():
    found = problems_of({"number": "7", "name": "x" * 201})
    assert found == {"name": "longer than 200 characters"}


def test_non_text_values_are_not_turned_into_text():
    from decimal import Decimal

    found = problems_of({"number": Decimal("1E+3"), "name": Decimal("NaN")})
    assert found == {
        "number": "expected text, got a number",
        "name": "expected text, got a number",
    }


def test_company_address_given_as_text_is_refused():
    with pytest.raises(ValidationFailed, match="address: expected an object"):
        company_service.company_from_data({"legal_name": "A", "address": "Storgatan 1"})


@pytest.mark.parametrize(
    "change, field",
    [
        ({"issue_date": "2026-W10-1"}, "issue_date"),
        ({"issue_date": "20260302"}, "issue_date"),
        ({"issue_date": "9999-12-31"}, "issue_date"),
        ({"invoice_discount": "99999999999999999999"}, "invoice_discount"),
        ({"invoice_discount": "10", "lines": []}, "invoice_discount"),
        ({"currency": "QQQ"}, "currency"),
        ({"notes": "line one\nline two\x1b[31m"}, "notes"),
    ],
)
def test_draft_problems_name_their_field(ledger, change, field):
    with ledger.writing() as session, pytest.raises(ValidationFailed) as caught:
        draft_from_data(session, draft_data(**change))
    assert field in {p.field for p in caught.value.problems}, caught.value


def test_a_too_long_unit_is_reported(ledger):
    data = draft_data()
    data["lines"][0]["unit"] = "a very long unit name here"
    with ledger.writing() as session, pytest.raises(ValidationFailed, match=r"lines\[0\]\.unit"):
        draft_from_data(session, data)


def test_a_huge_line_amount_is_refused(ledger):
    data = draft_data()
    data["lines"][0].update(quantity="999999999", unit_price="999999999")
    with ledger.writing() as session, pytest.raises(ValidationFailed, match="unreasonably large"):
        draft_from_data(session, data)


def test_csv_with_duplicate_columns_nul_bytes_or_broken_quotes_adds_nothing(ledger, tmp_path):
    cases = {
        "dup.csv": "number,name,number\n3301,First,3302\n",
        "nul.csv": "number,name\n33\x0001,First\n",
        "quote.csv": 'number,name\n3301,"First\n',
        "ragged.csv": "number,name\n3301,First,extra\n",
        "address.csv": "number,name,address\n3301,First,Storgatan 1\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with ledger.writing() as session, pytest.raises(ValidationFailed):
            customers.import_csv(session, path)
    with ledger.reading() as session:
        assert [c.number for c in customers.list_customers(session)] == ["1001", "1002"]


def test_csv_problems_come_in_row_order(ledger, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("number,name\n1001,Taken\n3302,\n3303,\n", encoding="utf-8")
    with ledger.writing() as session, pytest.raises(ValidationFailed) as caught:
        customers.import_csv(session, path)
    assert [p.row for p in caught.value.problems] == [2, 3, 4]
