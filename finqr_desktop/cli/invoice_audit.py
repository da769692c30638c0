"""`finqr invoice audit NUMBER [--json]`: who did what to one invoice, and when.

The rows come from the audit trail (services.audit): drafting, issue, credit notes,
payments, write-offs, reminders held and e-mails sent, each with the operating-system user
and the workstation that acted. Times print in UTC, as `invoice history` prints them.
"""

from __future__ import annotations

import argparse
import logging

from ..services import audit
from ..services.invoices import get_by_number, get_draft
from .errors import EXIT_OK, CliError
from .output import print_json, print_table

logger = logging.getLogger(__name__)


def register(actions, common: argparse.ArgumentParser) -> None:
    trail = actions.add_parser(
        "audit",
        parents=[common],
        help="who did what to an invoice, and when",
        description="Every recorded action on an invoice, oldest first: when (UTC), the "
        "operating-system user and workstation, the action and what it did. Credit notes "
        "of the invoice are included.",
    )
    trail.add_argument("number", metavar="NUMBER", help="the invoice number (or a draft's id)")
    trail.add_argument("--json", action="store_true", help="print JSON for scripts")
    trail.set_defaults(handler=run_audit)


def run_audit(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        record = _find(session, args.number)
        name = record.number or f"draft {record.id}"
        entries = audit.invoice_events(session, record.id)
    if args.json:
        print_json([entry.to_json() for entry in entries])
        return EXIT_OK
    if not entries:
        print(f"Nothing is recorded about {name}.")
        return EXIT_OK
    print_table(
        ["When (UTC)", "User", "Workstation", "Action", "Invoice", "Detail"],
        [
            (e.at.strftime("%Y-%m-%d %H:%M:%S"), e.user, e.workstation, e.action,
             e.invoice_number or "", e.detail)
            for e in entries
        ],
    )  # fmt: skip
    return EXIT_OK


def _find(session, text: str):
    """An issued invoice by number, else a draft by its id, as `invoice show` finds them."""
    from .invoices import draft_id_of

    record = get_by_number(session, text.strip())
    if record is None and (draft_id := draft_id_of(text)) is not None:
        record = get_draft(session, draft_id)
    if record is None:
        raise CliError(f"no invoice with number {text!r}")
    return record
