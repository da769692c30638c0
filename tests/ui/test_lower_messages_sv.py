"""Errors from the domain and the bank file readers, shown in Swedish piece by piece."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from finqr_desktop.banking import BankFileError, read_bank_file
from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.domain.identifiers import IdentifierError, normalise_bankgiro
from finqr_desktop.domain.parties import Customer, normalise_customer
from finqr_desktop.ui.message_text import error_text
from finqr_desktop.ui.translation_catalogue import compile_catalogue

from ..banking import bgmax_builder as bg

# The Swedish of these templates as the lower layers' translations give it.
PAIRS = {
    "{label} {shown}: {problem}": "{label} {shown}: {problem}",
    "Bankgiro": "Bankgiro",
    "a bankgiro number has 7 or 8 digits, this has {count}": (
        "ett bankgironummer har 7 eller 8 siffror, detta har {count}"
    ),
    "{field}: {problem}": "{field}: {problem}",
    "not an e-mail address: {address} ({why})": "ingen e-postadress: {address} ({why})",
    "it needs name@domain": "den behöver namn@domän",
    "line {line}": "rad {line}",
    "{record} ({code}) outside a deposit: no opening record (05) before it": (
        "{record} ({code}) utanför en insättning: ingen öppningspost (05) före den"
    ),
    "a payment record": "en betalningspost",
}


def _ts() -> str:
    messages = "".join(
        f"<message><source>{source}</source><translation>{sv}</translation></message>"
        for source, sv in PAIRS.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS>'
        '<TS version="2.1" language="sv_SE" sourcelanguage="en">'
        f"<context><name></name>{messages}</context></TS>"
    )


@pytest.fixture
def swedish(tmp_path, qapp):
    source, compiled = tmp_path / "lower_sv.ts", tmp_path / "lower_sv.qm"
    source.write_text(_ts(), encoding="utf-8")
    compile_catalogue(source, compiled)
    translator = QTranslator()
    assert translator.load(str(compiled))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_an_identifier_error_is_swedish_in_every_piece(swedish):
    with pytest.raises(IdentifierError) as refused:
        normalise_bankgiro("123-4")

    assert error_text(refused.value) == (
        "Bankgiro 123-4: ett bankgironummer har 7 eller 8 siffror, detta har 4"
    )


def test_a_customers_e_mail_problem_is_swedish(swedish):
    problems = normalise_customer(Customer(number="K1", name="Kalle", emails=["kalle.se"]))

    assert error_text(ValidationFailed(problems)) == (
        "emails[0]: ingen e-postadress: 'kalle.se' (den behöver namn@domän)"
    )


def test_a_bank_file_error_is_swedish_with_its_line(swedish):
    lines = [bg.start(), bg.transaction("20", 10000), bg.end(1, 0, 0, 0)]

    with pytest.raises(BankFileError) as refused:
        read_bank_file(("\r\n".join(lines) + "\r\n").encode("iso-8859-1"))

    assert error_text(refused.value) == (
        "rad 2: en betalningspost (20) utanför en insättning: ingen öppningspost (05) före den"
    )
