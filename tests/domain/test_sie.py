"""SIE text fields, amounts and balance checks, and the chart of accounts' rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.domain.chart_of_accounts import (
    chart_from,
    check_account,
    default_chart,
    shared_accounts,
)
from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.domain.sie import (
    Header,
    SieError,
    Transaction,
    Verification,
    amount_text,
    quoted,
    sie_bytes,
)
from finqr_desktop.domain.sie_reader import SieReadError, fields, read_sie

DAY = dt.date(2026, 12, 4)
HEADER = Header("FINQR Desktop", "1.0", DAY, "Åkesson & Dotter AB", "556677-8899",
                ((dt.date(2026, 1, 1), dt.date(2026, 12, 31)),))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Säg "hej"', 'Säg "hej"'),
        ("C:\\mapp\\fil", "C:\\mapp\\fil"),
        ('slut med \\"', 'slut med \\"'),
        ("rad ett\nrad två\r\ntre\tfyra", "rad ett rad två  tre fyra"),
        ("", ""),
        ("{} #VER", "{} #VER"),
    ],
)
def test_a_quoted_field_reads_back_as_its_text(text, expected):
    line = f"#VER A 1 20261204 {quoted(text)} 20261204"
    assert fields(line) == ["#VER", "A", "1", "20261204", expected, "20261204"]


def test_characters_cp437_lacks_are_spelled_plainly():
    # More cases, and the warnings, in test_sie_text.py.
    assert quoted("Őrs — 5 €") == '"Ors - 5 EUR"'
    assert quoted("Ærø Öl é").encode("cp437") == '"Æro Öl é"'.encode("cp437")


def test_amounts_have_a_point_and_two_decimals():
    assert [amount_text(Decimal(v)) for v in ("1250", "-0.4", "-0.00", "1234567.891")] == [
        "1250.00",
        "-0.40",
        "0.00",
        "1234567.89",
    ]


def test_a_verification_that_does_not_balance_is_refused():
    rows = (Transaction("1510", Decimal("100.00")), Transaction("3001", Decimal("-99.99")))
    verification = Verification("A", 1, DAY, "Faktura 1", rows)
    with pytest.raises(SieError, match="does not balance: off by 0.01"):
        sie_bytes(HEADER, {"1510": "", "3001": ""}, [verification])


def test_an_account_outside_the_chart_or_a_part_of_an_ore_is_refused():
    rows = (Transaction("1510", Decimal("1.005")), Transaction("3001", Decimal("-1.005")))
    with pytest.raises(SieError, match="whole öre"):
        sie_bytes(HEADER, {"1510": "", "3001": ""}, [Verification("A", 1, DAY, "x", rows)])
    rows = (Transaction("1510", Decimal("1")), Transaction("3001", Decimal("-1")))
    with pytest.raises(SieError, match="3001 is not in the chart"):
        sie_bytes(HEADER, {"1510": ""}, [Verification("A", 1, DAY, "x", rows)])


def test_a_written_file_reads_back_whole():
    rows = (Transaction("1510", Decimal("125.00")), Transaction("3001", Decimal("-125.00")))
    data = sie_bytes(HEADER, {"1510": "Kundfordringar", "3001": "Försäljning"},
                     [Verification("A", 7, DAY, 'Faktura "7"\\', rows)])  # fmt: skip
    document = read_sie(data)
    assert document.first("#FNAMN") == ["Åkesson & Dotter AB"]
    assert document.accounts == {"1510": "Kundfordringar", "3001": "Försäljning"}
    (verification,) = document.verifications
    assert (verification.number, verification.text) == (7, 'Faktura "7"\\')
    assert verification.transactions == rows


def test_the_reader_names_the_line_it_cannot_read():
    with pytest.raises(SieReadError, match="line 2: a quoted field without its closing quote"):
        read_sie(b'#FLAGGA 0\r\n#FNAMN "open\r\n')
    with pytest.raises(SieReadError, match="ends inside a verification"):
        read_sie(b"#VER A 1 20260101\r\n{\r\n")


def test_account_numbers_are_four_digits_of_the_bas_range():
    assert check_account(" 1930 ") == "1930"
    for bad in ("193", "19300", "0930", "9100", "19a0", ""):
        with pytest.raises(ValueError, match="four digits"):
            check_account(bad)


def test_stored_accounts_lie_over_the_defaults():
    chart = chart_from({"bank": "1940", "unknown_key": "1234"})
    assert chart["bank"] == "1940"
    assert chart["receivables"] == default_chart()["receivables"] == "1510"
    assert chart.sales_for("25", Decimal(25)) == "3001"
    assert chart.sales_for("export", Decimal(0)) == "3305"
    assert chart.sales_for("other", Decimal(19)) is None
    with pytest.raises(ValidationFailed, match="bank: an account number"):
        chart_from({"bank": "x"})


@pytest.mark.parametrize(
    ("changes", "field", "other"),
    [
        ({"bank": "1510"}, "bank", "receivables"),
        ({"sales_25": "2611"}, "vat_25", "sales_25"),
        ({"customer_credit": "1930"}, "customer_credit", "bank"),
        ({"rounding": "3001"}, "rounding", "sales_25"),
        ({"write_offs": "1510"}, "write_offs", "receivables"),
        ({"vat_6": "3004"}, "vat_6", "sales_exempt"),
    ],
)
def test_one_account_for_two_roles_that_meet_is_named(changes, field, other):
    problems = shared_accounts(chart_from(changes))
    assert [p.field for p in problems] == [field]
    assert f"is also the {other} account" in problems[0].message


def test_roles_of_one_family_or_that_never_meet_may_share_an_account():
    chart = chart_from({"sales_eu": "3305", "vat_12": "2611", "exchange_losses": "3960",
                        "reminder_fees": "3001"})  # fmt: skip
    assert shared_accounts(chart) == []
    assert shared_accounts(default_chart()) == []


def test_a_changed_account_is_named_by_its_role_not_by_the_defaults_bas_name():
    chart = chart_from({"bank": "1940", "sales_eu": "3305"})
    assert chart.name("1940") == "Bank, inbetalningar"
    assert chart.name("1510") == "Kundfordringar"
    # 3305 is still the default of sales_export: its BAS name fits the number.
    assert chart.name("3305") == "Försäljning tjänster till land utanför EU"


def test_a_verification_that_cancels_to_nothing_is_refused():
    rows = (Transaction("1510", Decimal("0.00")),)
    with pytest.raises(SieError, match="cancel to nothing on account 1510"):
        sie_bytes(HEADER, {"1510": ""}, [Verification("A", 1, DAY, "Inbetalning", rows)])
