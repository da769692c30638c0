"""All of a ledger's reminder policies as one JSON document, for export, import and editing.

The document is the ledger's own policy with its ledger-wide settings (send window,
reference rates, currency) at the top level, and the named policies under ``policies``,
each listing only what a named policy may set. The GUI's editor saves through
``save_policy_data`` too, so the command line and the form check the same things and
store the same way: everything or, with any problem, nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.errors import Problem, ValidationFailed
from ..domain.messages import msg
from ..domain.reminder_defaults import swedish_default_policy
from ..domain.reminder_policy import policy_name_problems, policy_warnings
from .reminder_policy_data import policy_from_data, policy_to_data
from .reminder_settings import PolicyBook, policy_book, save_policy_book

logger = logging.getLogger(__name__)

FORMAT = "finqr-reminder-policies"
VERSION = 1


def book_to_data(book: PolicyBook) -> dict:
    data = {"format": FORMAT, "version": VERSION, **policy_to_data(book.default)}
    data["policies"] = {
        name: policy_to_data(policy, ledger_wide=False)
        for name, policy in sorted(book.named.items())
    }
    return data


def book_from_data(data: object) -> PolicyBook:
    """The policies ``data`` describes; ValidationFailed lists every problem with its place.

    Keys left out take the Swedish defaults (for the ledger's policy) or the ledger's
    policy (for a named one), so a short file is enough to change one thing.
    """
    if not isinstance(data, dict):
        raise ValidationFailed.single("file", msg("expected a JSON object with the policies"))
    rest = dict(data)
    problems = _header_problems(rest)
    named_data = rest.pop("policies", None) or {}
    default = swedish_default_policy()
    try:
        default = policy_from_data(rest, base=default)
    except ValidationFailed as failed:
        problems += failed.problems
    if not isinstance(named_data, dict):
        problems.append(Problem("policies", msg("expected an object of named policies")))
        named_data = {}
    named = {}
    for name, part in named_data.items():
        name_problems = policy_name_problems(name, f"policies.{name}")
        problems += name_problems
        try:
            policy = policy_from_data(
                part, base=default, prefix=f"policies.{name}.", ledger_wide=False
            )
        except ValidationFailed as failed:
            problems += failed.problems
            continue
        if not name_problems:
            named[name] = policy
    if problems:
        raise ValidationFailed(problems)
    return PolicyBook(default, named)


def book_warnings(book: PolicyBook) -> list[Problem]:
    """Doubtful choices in any policy, named by the place in the document."""
    warnings = list(policy_warnings(book.default))
    for name, policy in sorted(book.named.items()):
        for warning in policy_warnings(policy):
            warnings.append(Problem(f"policies.{name}.{warning.field}", warning.message))
    return warnings


def save_policy_data(session: Session, data: object) -> list[Problem]:
    """Replace every policy with what ``data`` describes; returns the warnings to show."""
    book = book_from_data(data)
    save_policy_book(session, book)
    return book_warnings(book)


def policy_data(session: Session) -> dict:
    return book_to_data(policy_book(session))


def add_reference_rate(session: Session, start: dt.date, rate: Decimal) -> bool:
    """Add (or correct) the reference rate in force from ``start``; True if it was new."""
    entries = dict(policy_book(session).default.reference_rates.entries)
    new = start not in entries
    entries[start] = rate
    _store_rates(session, entries)
    logger.info("reference rate %s%% from %s", rate, start)
    return new


def remove_reference_rate(session: Session, start: dt.date) -> None:
    entries = dict(policy_book(session).default.reference_rates.entries)
    if start not in entries:
        raise ValidationFailed.single(
            "date", msg("no reference rate starts on {day}", day=start.isoformat())
        )
    if len(entries) == 1:
        raise ValidationFailed.single("date", msg("the table needs at least one rate"))
    del entries[start]
    _store_rates(session, entries)


def _store_rates(session: Session, entries: dict[dt.date, Decimal]) -> None:
    data = policy_data(session)
    data["reference_rates"] = [[d.isoformat(), str(r)] for d, r in sorted(entries.items())]
    save_policy_data(session, data)


def _header_problems(data: dict) -> list[Problem]:
    problems = []
    kind = data.pop("format", FORMAT)
    version = data.pop("version", VERSION)
    if kind != FORMAT:
        problems.append(
            Problem(
                "format",
                msg("expected {expected}, not {given}", expected=repr(FORMAT), given=repr(kind)),
            )
        )
    if version != VERSION:
        problems.append(
            Problem("version", msg("this version reads version {version} only", version=VERSION))
        )
    return problems
