"""Whole e-invoice models for the builder tests: real parties, payment and hostile text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from finqr_desktop.domain.einvoice import Account, Attachment, EInvoice, Party

from ...domain.test_einvoice_sums import MIXED, einvoice_of

# Markup, entities, quotes, a CDATA end, control characters, direction marks and length.
HOSTILE = (
    "Åsa <b>&amp; \"Bygg\" 'AB' ]]> </cbc:Name><x/> \x00\x07\x1b[31m\ud800 \u202e" + "ä" * 3000
)


def seller(name: str = "Exempel Handel AB") -> Party:
    return Party(
        name=name, country="SE", street_lines=("Storgatan 1", "Box 12"), postal_code="111 22",
        city="Stockholm", org_number="5566778899", vat_number="SE556677889901",
        endpoint_scheme="0007", endpoint_id="5566778899", contact_name="Eva Ek",
        phone="08-123 456", email="faktura@exempel.se", f_tax=True,
    )  # fmt: skip


def buyer(name: str = "Nilsson & Söner Bygg AB", country: str = "SE") -> Party:
    return Party(
        name=name, country=country, street_lines=("Byggvägen 5",), postal_code="222 33",
        city="Lund", org_number="5560360793", vat_number="SE556036079301",
        endpoint_scheme="0007", endpoint_id="5560360793",
    )  # fmt: skip


def full(lines=MIXED, **options) -> EInvoice:
    """A complete invoice (or credit note with credit=True) around ``einvoice_of``'s figures."""
    credit = options.get("credit", False)
    base = einvoice_of(lines, **options)
    return dataclasses.replace(
        base,
        number="2026-0042",
        seller=seller(),
        buyer=buyer(),
        buyer_reference="Avd 12 / Eva",
        due_date=None if credit else base.issue_date.replace(day=31),
        payment_id="" if credit else "2026004206",
        accounts=()
        if credit
        else (
            Account("bankgiro", "54029681"),
            Account("plusgiro", "45674"),
            Account("iban", "SE4550000000058398257466", "ESSESESS"),
        ),  # fmt: skip
        payment_terms="30 dagar netto",
        note="Tack för beställningen",
        credited_number="2026-0041" if credit else "",
        credited_date=base.issue_date if credit else None,
        attachment=Attachment("Invoice_2026-0042.pdf", b"%PDF-1.4 fake"),
    )


def hostile(invoice: EInvoice) -> EInvoice:
    """Hostile text in every text field a clerk or customer can fill."""
    party = dataclasses.replace(
        invoice.buyer, name=HOSTILE, street_lines=(HOSTILE, HOSTILE), postal_code=HOSTILE[:20],
        city=HOSTILE, contact_name=HOSTILE, phone=HOSTILE, email=HOSTILE,
    )  # fmt: skip
    lines = tuple(
        dataclasses.replace(line, name=HOSTILE, description=HOSTILE + "\n" + HOSTILE)
        for line in invoice.lines
    )
    return dataclasses.replace(
        invoice, buyer=party, seller=dataclasses.replace(invoice.seller, name=HOSTILE),
        lines=lines, buyer_reference=HOSTILE, note=HOSTILE, payment_terms=HOSTILE,
        payment_id=HOSTILE[:30], number=HOSTILE[:40],
    )  # fmt: skip


SHARED_SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples" / "einvoice"


def shared_sample(name: str) -> bytes:
    """A published example file, read only; the test is skipped where it is not at hand."""
    path = SHARED_SAMPLES / name
    if not path.exists():
        pytest.skip(f"the sample {name} is not in {SHARED_SAMPLES}")
    return path.read_bytes()
