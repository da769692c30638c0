"""Text an SIE file cannot hold as it is: spelled in code page 437, read back as bytes,
and every text so changed named in a warning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finqr_desktop.domain.cp437_text import exact, one_line
from finqr_desktop.domain.sie import Header, Transaction, Verification, sie_file
from finqr_desktop.domain.sie_reader import read_sie

DAY = dt.date(2026, 12, 11)
YEAR = ((dt.date(2026, 1, 1), dt.date(2026, 12, 31)),)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Bolag – “Citat” \\ AB", 'Bolag - "Citat" \\ AB'),
        ("Łódź — ‘Q’ ‐ 5−3", "Lódz - 'Q' - 5-3"),
        ("Pris 5 € …", "Pris 5 EUR ..."),
        ("Ærø Øresund", "Æro Oresund"),
        ("Đakovo, Œuvre, Þór, ẞ", "Dakovo, OEuvre, Thór, SS"),
        ("Őrs, Şişli, ﬁl, ¾", "Ors, Sisli, fil, 3/4"),
        ("1\u00a0000\u202fkr\u2009netto", "1 000 kr netto"),
        ("av\u00adgift\u200b", "avgift"),
        ("✓ 中", "? ?"),
        # What code page 437 has stays as it is, ß and « » among it.
        (
            "Åsa Öberg, Ärlig Smörgås, café, Müller, Æbleø",
            "Åsa Öberg, Ärlig Smörgås, café, Müller, Æbleo",
        ),  # fmt: skip
        ("Straße «Grün» ½ ±5 °C", "Straße «Grün» ½ ±5 °C"),
    ],
)
def test_characters_code_page_437_lacks_are_spelled_plainly(text, written):
    assert one_line(text) == written
    assert one_line(text).encode("cp437").decode("cp437") == written


def test_only_a_changed_visible_character_makes_a_text_inexact():
    assert exact('Åsa Öberg "Kvist" AB \\ {x}')
    # Line breaks, tabs, odd spaces and invisible marks are not characters lost.
    assert exact("rad ett\r\nrad\ttvå\u00a0kr av\u00adgift")
    assert not exact("Bolag – AB")
    assert not exact("Ærø")
    assert not exact("中")


def test_the_file_holds_the_spelled_text_and_names_each_inexact_text():
    header = Header("FINQR Desktop", "1", DAY, "Bolag – “Citat” \\ AB", "", YEAR)
    rows = (
        Transaction("1510", Decimal("450.00")),
        Transaction("3590", Decimal("-60.00"), "Påminnelseavgift 2026-0009"),
        Transaction("3990", Decimal("-390.00"), "Förseningsersättning 2026-0009 ✓"),
    )
    invoice = (Transaction("1510", Decimal("60.00")), Transaction("3590", Decimal("-60.00")))
    verifications = [
        Verification("A", 1, DAY, 'Faktura 2026-0001, Łódź – "Q" € Ærø', invoice),
        Verification("A", 2, DAY, "Påminnelse 2026-0009, Åsa Öberg AB", rows),
    ]
    accounts = {"1510": "Kundfordringar", "3590": "Övriga – avgifter", "3990": "Övrigt"}

    written = sie_file(header, accounts, verifications)

    data = written.data
    assert '#FNAMN "Bolag - \\"Citat\\" \\\\ AB"\r\n'.encode("cp437") in data
    assert 'Faktura 2026-0001, Lódz - \\"Q\\" EUR Æro"\r\n'.encode("cp437") in data
    assert (
        '#TRANS 3590 {} -60.00 20261211 "Påminnelseavgift 2026-0009"\r\n'.encode("cp437") in data
    )
    assert "Ø".encode() not in data and "–".encode() not in data
    document = read_sie(data)
    assert document.first("#FNAMN") == ['Bolag - "Citat" \\ AB']
    assert [t.text for t in document.verifications[1].transactions] == [
        "",
        "Påminnelseavgift 2026-0009",
        "Förseningsersättning 2026-0009 ?",
    ]
    assert [str(w).split(":")[0] for w in written.inexact] == [
        "the company name",
        "the name of account 3590",
        "verification A1",
        "verification A2, account 3990",
    ]
    assert written.inexact[0] == (
        'the company name: "Bolag – “Citat” \\ AB" is written as "Bolag - "Citat" \\ AB": '
        "the SIE file's code page 437 lacks some of its characters"
    )
    assert written.inexact[0].template.startswith('{place}: "{text}" is written as')


def test_a_file_of_plain_texts_has_no_warnings():
    header = Header("FINQR Desktop", "1", DAY, "Åkesson & Dotter AB", "", YEAR)
    rows = (Transaction("1510", Decimal("1.00")), Transaction("3001", Decimal("-1.00")))
    verification = Verification("A", 1, DAY, "Faktura 1, Nilsson\n& Söner", rows)
    written = sie_file(header, {"1510": "Kundfordringar", "3001": "Försäljning"}, [verification])
    assert written.inexact == ()
    assert read_sie(written.data).verifications[0].text == "Faktura 1, Nilsson & Söner"
