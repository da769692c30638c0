"""Errors from the services are shown in the clerk's language where they were written so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from finqr_desktop.banking.errors import BankFileError
from finqr_desktop.domain.errors import Problem, RuleViolation, ValidationFailed
from finqr_desktop.domain.messages import msg
from finqr_desktop.ui.message_text import error_text, localized
from finqr_desktop.ui.translation_catalogue import compile_catalogue

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name></name>
    <message><source>invoice {number} is already paid</source>
        <translation>faktura {number} är redan betald</translation></message>
    <message><source>is required</source><translation>måste anges</translation></message>
    <message><source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation></message>
    <message><source>not {what}</source><translation>inte {what}</translation></message>
    <message><source>a payment</source><translation>en betalning</translation></message>
    <message><source>amount {amount} is too large</source>
        <translation>beloppet {belopp} är för stort</translation></message>
    <message><source>line {line}</source><translation>rad {line}</translation></message>
    <message><source>the amount is not a number</source>
        <translation>beloppet är inget tal</translation></message>
</context>
</TS>
"""


@pytest.fixture
def swedish(tmp_path, qapp):
    source, compiled = tmp_path / "test_sv.ts", tmp_path / "test_sv.qm"
    source.write_text(TS, encoding="utf-8")
    compile_catalogue(source, compiled)
    translator = QTranslator()
    assert translator.load(str(compiled))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_a_rule_violation_is_shown_translated_with_its_values(swedish):
    error = RuleViolation(msg("invoice {number} is already paid", number="2026-0007"))
    assert error_text(error) == "faktura 2026-0007 är redan betald"
    assert str(error) == "invoice 2026-0007 is already paid"  # the CLI and the log


def test_problems_values_inside_values_and_plain_text(swedish):
    failed = ValidationFailed([Problem("customer_number", msg("is required"))])
    assert error_text(failed) == "customer_number: måste anges"
    assert localized(msg("not {what}", what=msg("a payment"))) == "inte en betalning"
    assert localized("written without msg") == "written without msg"
    assert error_text(ValueError("plain")) == "plain"


def test_a_translation_whose_placeholders_do_not_fit_falls_back_to_english(swedish):
    text = msg("amount {amount} is too large", amount="12,00")
    assert localized(text) == "amount 12,00 is too large"


def test_a_bank_file_error_keeps_its_place(swedish):
    error = BankFileError(msg("the amount is not a number"), line=12)
    assert error_text(error) == "rad 12: beloppet är inget tal"
    assert str(error) == "line 12: the amount is not a number"


def test_without_a_catalogue_the_english_text_is_shown(qapp):
    assert error_text(RuleViolation(msg("invoice {number} is already paid", number="1"))) == (
        "invoice 1 is already paid"
    )
