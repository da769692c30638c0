"""The human form of `finqr invoice show`: header, lines, VAT per rate, totals.

It is drawn from the same dictionary as ``--json`` so both forms always show the same
figures.
"""

from __future__ import annotations

import io
import logging
from contextlib import redirect_stdout
from decimal import Decimal

from .output import print_fields, print_table

logger = logging.getLogger(__name__)

TITLES = {"invoice": "Invoice", "credit_note": "Credit note"}


def render(shown: dict) -> str:
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        _header(shown)
        print()
        _lines(shown)
        if shown["vat_by_rate"]:
            print()
            print_table(
                ["VAT", "Net", "VAT amount"],
                [(_rate(g["vat_rate"], g["percent"], g["category"]), g["net"], g["vat"])
                 for g in shown["vat_by_rate"]],
                right=(0, 1, 2),
            )  # fmt: skip
        print()
        _totals(shown)
    return buffer.getvalue()


def _header(shown: dict) -> None:
    title = TITLES.get(shown["kind"], shown["kind"])
    if shown["number"]:
        print(f"{title} {shown['number']}  [{shown['status']}]")
    else:
        print(f"{title} draft {shown['id']} (not issued)")
    basis = "including VAT" if shown["prices_include_vat"] else "excluding VAT"
    print_fields(
        [
            ("Customer", f"{shown['customer']} {shown['customer_name']}"),
            ("Credits", shown["credits"]),
            ("Issue date", shown["issue_date"]),
            ("Delivery date", shown["delivery_date"]),
            ("Due date", shown["due_date"] if shown["kind"] == "invoice" else None),
            ("Payment terms", shown["payment_terms"] if shown["kind"] == "invoice" else None),
            ("OCR", shown["ocr"]),
            ("E-mailed", _emailed(shown)),
            ("Prices", f"in {shown['currency']}, {basis}"),
            ("Our reference", shown["our_reference"]),
            ("Your reference", shown["your_reference"]),
            ("Notes", shown["notes"]),
        ]
    )


def _lines(shown: dict) -> None:
    if not shown["lines"]:
        print("(no lines)")
        return
    print_table(
        ["#", "Description", "Quantity", "Unit", "Unit price", "Discount", "VAT", "Amount"],
        [
            (index, line["description"], line["quantity"], line["unit"], line["unit_price"],
             "" if Decimal(line["discount_percent"]) == 0 else f"{line['discount_percent']} %",
             _rate(line["vat_rate"], line["vat_percent"], line["vat_category"]), line["amount"])
            for index, line in enumerate(shown["lines"], start=1)
        ],
        right=(0, 2, 4, 5, 6, 7),
    )  # fmt: skip


def _totals(shown: dict) -> None:
    currency = shown["currency"]
    rows = [
        ("Invoice discount", _nonzero(shown["invoice_discount"])),
        ("Net total", shown["net_total"]),
        ("VAT", shown["vat_total"]),
        ("Rounding", _nonzero(shown["rounding"])),
        ("Total", shown["total"]),
    ]
    if shown["kind"] == "invoice" and shown["status"] != "draft":
        rows += [
            ("Credited", _nonzero(shown["credited"])),
            ("Paid", _nonzero(shown["paid"])),
            ("To customer credit", _nonzero(shown.get("to_customer_credit", "0"))),
            ("Remaining", shown["remaining"]),
        ]
    shown_rows = [(label, value) for label, value in rows if value is not None]
    width = max(len(value) for _, value in shown_rows)
    print_fields([(label, f"{value.rjust(width)} {currency}") for label, value in shown_rows])


def _nonzero(amount: str) -> str | None:
    return None if Decimal(amount) == 0 else amount


def _rate(code: str, percent: str, category: str) -> str:
    # Standard rates read best as "25 %"; zero-rated ones by their code (reverse_charge, …).
    return f"{Decimal(percent).normalize():f} %" if category == "S" else code


def _emailed(shown: dict) -> str | None:
    """When the document reached the mail server; "not yet" for an issued one (by post, or
    still waiting, or failed: `finqr invoice history` says which)."""
    if not shown["number"]:
        return None
    return shown.get("emailed_at") or "not yet"
