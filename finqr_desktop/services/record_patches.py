"""What `customer update` and `invoice update` read from a JSON file, before it is checked.

A customer update is partial: the keys the file gives replace those fields and the rest
stay as stored, so a file with only a new name does not wipe the address and e-mails. A
draft update replaces the draft (its lines are one list; half a draft is no draft).

Both take back what `customer list --json` and `invoice show --json` print, so a script can
read a record, change a key and write it back: the keys those print that no file can set
(the version, the totals, the status...) are dropped here rather than refused as unknown.
The one exception is a customer's ``reminder_policy``: it has its own command, and a changed
value that was silently dropped would look like a change made.
"""

from __future__ import annotations

import logging

from ..domain.errors import Problem
from ..storage.models import CustomerRow
from .customers import customer_json

logger = logging.getLogger(__name__)

# Printed by `customer list --json`, set elsewhere.
CUSTOMER_OUTPUT_KEYS = {"version", "reminder_policy"}
# Printed by `invoice show --json` for a draft; computed, or given at issue.
DRAFT_OUTPUT_KEYS = {
    "id", "version", "kind", "number", "ocr", "status", "customer_name", "credits",
    "vat_by_rate", "net_total", "vat_total", "rounding", "total", "credited", "paid",
    "remaining", "emailed_at", "payments", "written_off", "to_customer_credit",
}  # fmt: skip
DRAFT_LINE_OUTPUT_KEYS = {"vat_percent", "vat_category", "amount"}
EMAIL_KEYS = ("emails", "email")


def customer_patch(record: CustomerRow, data: object) -> tuple[object, list[Problem]]:
    """The stored customer with the file's keys laid over it, for ``customer_from_data``.

    A key given as null or "" resets that field to its default, as in `customer add`.
    Anything but an object is handed on unchanged, for the reader to refuse.
    """
    if not isinstance(data, dict):
        return data, []
    given = dict(data)
    problems = _changed_policy(record, given)
    for key in CUSTOMER_OUTPUT_KEYS:
        given.pop(key, None)

    merged = {k: v for k, v in customer_json(record).items() if k not in CUSTOMER_OUTPUT_KEYS}
    stored_address = merged.pop("address")
    if isinstance(given.get("address"), dict):
        # Nested in the file: merged nested, so a problem is named address.city as given.
        merged["address"] = {**stored_address, **given.pop("address")}
    elif "address" not in given:
        merged.update(stored_address)
    if any(key in given for key in EMAIL_KEYS):
        merged.pop("emails")
    merged.update(given)
    return merged, problems


def draft_input(data: object) -> object:
    """A draft as `invoice show --json` printed it, without what no file sets."""
    if not isinstance(data, dict):
        return data
    cleaned = {k: v for k, v in data.items() if k not in DRAFT_OUTPUT_KEYS}
    lines = cleaned.get("lines")
    if isinstance(lines, list):
        cleaned["lines"] = [
            {k: v for k, v in line.items() if k not in DRAFT_LINE_OUTPUT_KEYS}
            if isinstance(line, dict)
            else line
            for line in lines
        ]
    return cleaned


def _changed_policy(record: CustomerRow, given: dict) -> list[Problem]:
    if "reminder_policy" not in given or given["reminder_policy"] == record.reminder_policy:
        return []
    return [
        Problem(
            "reminder_policy",
            "is not changed by `customer update`; use `finqr reminders policy assign`",
        )
    ]
