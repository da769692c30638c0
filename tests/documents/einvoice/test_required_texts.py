"""A mandatory text that XML would leave empty is missing: both builders refuse the file."""

from __future__ import annotations

import dataclasses

import pytest

from finqr_desktop.documents.einvoice.cii import build_cii
from finqr_desktop.documents.einvoice.ubl import build_ubl
from finqr_desktop.domain.errors import RuleViolation

from .samples import full

NOT_XML = "\ufffe\uffff\ud800\x00 "


def emptied(field: str):
    invoice = full()
    if field == "buyer_reference":
        return dataclasses.replace(invoice, buyer_reference=NOT_XML)
    if field == "buyer":
        return dataclasses.replace(invoice, buyer=dataclasses.replace(invoice.buyer, name=NOT_XML))
    if field == "seller":
        seller = dataclasses.replace(invoice.seller, name="\uffff")
        return dataclasses.replace(invoice, seller=seller)
    line = dataclasses.replace(invoice.lines[1], name="\ufffe")
    return dataclasses.replace(invoice, lines=(invoice.lines[0], line, *invoice.lines[2:]))


@pytest.mark.parametrize("build", [build_ubl, build_cii])
@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("buyer_reference", "the buyer reference ('your reference' or the customer's buyer "
                            "reference) (PEPPOL-EN16931-R003)"),
        ("buyer", "the buyer's name (BR-07)"),
        ("seller", "the seller's name (company settings) (BR-06)"),
        ("line", "the name of line 2 (BR-25)"),
    ],
)  # fmt: skip
def test_a_text_that_only_xml_illegal_characters_fill_is_refused(build, field, expected):
    with pytest.raises(RuleViolation) as refused:
        build(emptied(field))
    message = str(refused.value)
    assert message.startswith("e-invoice 2026-0042: ")
    assert expected in message and "U+FFFE" in message


@pytest.mark.parametrize("build", [build_ubl, build_cii])
def test_a_description_of_only_such_characters_is_left_out_not_written_empty(build):
    invoice = full()
    line = dataclasses.replace(invoice.lines[0], description="\ufffe\uffff")
    xml = build(dataclasses.replace(invoice, lines=(line, *invoice.lines[1:])))
    assert b"Description/>" not in xml and b"Description></" not in xml
