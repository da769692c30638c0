"""Where a payment's message may name an invoice number, and how loosely numbers compare.

Pure text rules for domain.payment_matching (rule 2): the candidate words of a message, the
loose readings of them (numbers split by spaces), and the keys that let "20260042",
"2026 0042" and "2026-42" meet the invoice number "2026-0042".
"""

from __future__ import annotations

import re

from .identifiers import DIGITS

# Words payers put in front of an invoice number, glued on or not ("Faktura65581").
_INVOICE_WORDS = re.compile(
    r"^(?:faktura|fakturanr|fakturanummer|fakt|fnr|invoice|inv|nr|no|rechnung|lasku)[.:#]*",
    re.IGNORECASE,
)


def invoice_number_candidates(text: str) -> list[str]:
    """The words of ``text`` that could be an invoice number, in order and without repeats.

    A word is a run of letters, digits and inner hyphens or slashes ("2026-0042",
    "F/1001"); a word that starts with "Faktura", "Invoice", "nr" and the like also gives
    what follows it. A number glued to any other word ("Kundnr1233") is not taken, since
    it is more often a customer number than an invoice number.
    """
    candidates: list[str] = []
    for word in re.findall(r"[0-9A-Za-zÅÄÖåäöÆØæøÜü]+(?:[-/][0-9A-Za-zÅÄÖåäöÆØæøÜü]+)*", text):
        for candidate in (word, _INVOICE_WORDS.sub("", word)):
            if candidate and any(char in DIGITS for char in candidate):
                if candidate not in candidates:
                    candidates.append(candidate)
    return candidates


# "Faktura 2026-0009", "Fakturanr: 42", "Invoice no. 7", "Faktura65581": a number the
# payer calls an invoice number (a bare "nr" may as well be a customer number).
_CALLED_AN_INVOICE = re.compile(
    r"(?<![^\W\d_])(?:faktura|fakt|fnr|invoice|inv|rechnung|lasku)"
    r"(?:\s*(?:nr|no|nummer|number)(?![^\W\d_]))?[\s.:#]*"
    r"(?P<number>(?=[-/0-9A-Za-zÅÄÖåäö]*\d)[0-9A-Za-zÅÄÖåäö]+(?:[-/][0-9A-Za-zÅÄÖåäö]+)*)",
    re.IGNORECASE,
)


def numbers_called_invoices(text: str) -> list[str]:
    """The numbers ``text`` calls invoice numbers, in order and without repeats: what a
    payment that matched nothing can be said to have named."""
    found: list[str] = []
    for match in _CALLED_AN_INVOICE.finditer(text):
        if match["number"] not in found:
            found.append(match["number"])
    return found


# A loose reading needs this many digits: shorter numbers are too common in messages.
LOOSE_MIN_DIGITS = 4


def number_keys(text: str) -> tuple[str, ...]:
    """How an invoice number (or a reading of one) compares loosely: without separators or
    case (``c:`` "2026 0042" and "20260042" as "2026-0042"), and, for a number of several
    groups, also group by group with the leading zeros of all but the first dropped
    (``g:`` "2026-42" as "2026-0042"). Keys of different kinds never meet."""
    groups = re.findall(r"\d+|[^\W\d_]+", text.casefold())
    if not groups:
        return ()
    keys = ["c:" + "".join(groups)]
    if len(groups) > 1:
        tail = [(g.lstrip("0") or "0") if g.isdigit() else g for g in groups[1:]]
        keys.append("g:" + "-".join([groups[0], *tail]))
    return tuple(keys)


def loose_number_readings(text: str) -> list[str]:
    """What in ``text`` may be an invoice number written loosely: each candidate word, and
    two or three numbers separated only by spaces ("2026 0042"), that have at least
    ``LOOSE_MIN_DIGITS`` digits."""
    readings = invoice_number_candidates(text)
    for run in re.finditer(r"(?<![\w/-])\d+(?:[ \u00a0]+\d+)+(?![\w/-])", text):
        numbers = run.group().split()
        for size in (2, 3):
            for start in range(len(numbers) - size + 1):
                readings.append(" ".join(numbers[start : start + size]))
    wanted = []
    for reading in readings:
        if sum(char in DIGITS for char in reading) >= LOOSE_MIN_DIGITS:
            if reading not in wanted:
                wanted.append(reading)
    return wanted
