"""The texts an e-invoice must carry, checked as the XML will hold them.

``xml_text.clean`` leaves out what XML 1.0 cannot hold (U+FFFE, U+FFFF, lone surrogates,
control characters). The ledger refuses those on input now, but rows stored before, or
a text made only of them, would come out as an empty mandatory element: the receiver's
validator rejects the file (BR-07, BR-25, …), and an empty buyer reference would even
slip past the check that one is given (PEPPOL-EN16931-R003). So a text that is empty once
cleaned counts as missing, and the builders refuse the file, naming the rule and field.
"""

from __future__ import annotations

import logging

from ...domain.einvoice import EInvoice
from ...domain.errors import RuleViolation
from ...domain.messages import joined, msg
from .xml_text import clean

logger = logging.getLogger(__name__)


def require_texts(invoice: EInvoice) -> None:
    """RuleViolation listing every mandatory text of ``invoice`` that XML would leave empty."""
    required = [
        ("BR-02", msg("the document number"), invoice.number),
        ("BR-06", msg("the seller's name (company settings)"), invoice.seller.name),
        ("BR-07", msg("the buyer's name"), invoice.buyer.name),
        ("PEPPOL-EN16931-R003", msg("the buyer reference ('your reference' or the customer's "
         "buyer reference)"), invoice.buyer_reference),
    ]  # fmt: skip
    required += [
        ("BR-25", msg("the name of line {line}", line=line.line_id), line.name)
        for line in invoice.lines
    ]
    missing = [
        msg("{what} ({rule})", what=what, rule=rule)
        for rule, what, text in required
        if not clean(text)
    ]
    if missing:
        logger.info("e-invoice %r refused: empty %s", invoice.number, missing)
        raise RuleViolation(
            msg(
                "e-invoice {number}: {missing} would be empty: it is missing, or holds only "
                "characters an e-invoice cannot carry (control characters, U+FFFE, U+FFFF, "
                "lone surrogates); correct it",
                number=clean(invoice.number) or msg("(no number)"),
                missing=joined(missing),
            )
        )
