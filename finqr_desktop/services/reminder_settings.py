"""The ledger's reminder policies and sending mode, stored in the ``setting`` table as JSON.

The ledger has its own policy (key ``reminder_policy``) and may define named ones
(``reminder_policies``), such as "Gentle" or "Strict", that a customer can name in
``customer.reminder_policy``. A named policy sets levels, fees, texts and thresholds; the
send window, reference rates, day count and currency are the ledger's, stored with its own
policy only, so changing them once changes them for every policy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import Problem, RuleViolation, ValidationFailed
from ..domain.messages import error_message, msg
from ..domain.reminder_defaults import swedish_default_policy
from ..domain.reminder_policy import ReminderPolicy, sharing_ledger_settings
from ..storage.models import CustomerRow
from . import audit, settings_store
from .reminder_policy_data import policy_from_data, policy_to_data

logger = logging.getLogger(__name__)

POLICY_KEY = "reminder_policy"
NAMED_KEY = "reminder_policies"
MODE_KEY = "reminder_mode"
MODES = ("manual", "automatic")
# New companies review every reminder before it goes; automatic is a choice the clerk makes.
DEFAULT_MODE = "manual"
_BOOK = "reminder_policy_book"


@dataclass(frozen=True)
class PolicyBook:
    """The ledger's policy and its named ones, each already sharing the ledger settings."""

    default: ReminderPolicy
    named: dict[str, ReminderPolicy] = field(default_factory=dict)

    def get(self, name: str | None) -> ReminderPolicy:
        """The policy called ``name``; the ledger's own for None or a name no longer defined.

        A name can only go missing behind the services' back (a hand-edited database): the
        ledger's policy is the safe reading of it, and the log says so.
        """
        if name is None:
            return self.default
        found = self.named.get(name)
        if found is None:
            logger.warning("reminder policy %r is not defined; using the ledger's own", name)
            return self.default
        return found

    def with_default(self, default: ReminderPolicy) -> PolicyBook:
        """The same named policies over another ledger policy (a what-if or a test)."""
        named = {n: sharing_ledger_settings(p, default) for n, p in self.named.items()}
        return PolicyBook(default, named)


def policy_book(session: Session) -> PolicyBook:
    """Every policy of the ledger, read once per session."""
    cached = session.info.get(_BOOK)
    if cached is None:
        stored = settings_store.load(session, POLICY_KEY)
        base = swedish_default_policy()
        default = base if stored is None else _stored(stored, base, ledger_wide=True)
        named = {
            name: _stored(data, default, ledger_wide=False)
            for name, data in (settings_store.load(session, NAMED_KEY) or {}).items()
        }
        cached = session.info[_BOOK] = PolicyBook(default, named)
    return cached


def reminder_policy(session: Session, name: str | None = None) -> ReminderPolicy:
    """The ledger's policy, or the named policy a customer follows (``name``)."""
    return policy_book(session).get(name)


def policy_for_customer(session: Session, customer: CustomerRow) -> ReminderPolicy:
    return reminder_policy(session, customer.reminder_policy)


def set_reminder_policy(session: Session, policy: ReminderPolicy) -> None:
    """Store the ledger's own policy; the named ones follow its ledger-wide settings."""
    book = policy_book(session)
    save_policy_book(session, PolicyBook(policy, book.named))


def save_policy_book(session: Session, book: PolicyBook) -> None:
    """Store every policy at once; a name customers still follow cannot disappear."""
    missing = sorted(set(assigned_policies(session)) - set(book.named))
    if missing:
        raise ValidationFailed(
            [
                Problem(
                    f"policies.{name}",
                    msg("customers {numbers} follow it", numbers=_numbers(session, name)),
                )
                for name in missing
            ]
        )
    book = book.with_default(book.default)
    settings_store.store(session, POLICY_KEY, policy_to_data(book.default))
    named = {n: policy_to_data(p, ledger_wide=False) for n, p in sorted(book.named.items())}
    settings_store.store(session, NAMED_KEY, named)
    session.info[_BOOK] = book
    logger.info("reminder policies saved: ledger's own and %d named", len(named))


def assign_policy(session: Session, customer: str | CustomerRow, name: str | None) -> CustomerRow:
    """Let a customer (number or row) follow the named policy ``name``, or the ledger's own
    (None)."""
    if isinstance(customer, str):
        number = customer
        customer = session.scalar(select(CustomerRow).where(CustomerRow.number == number))
        if customer is None:
            raise RuleViolation(msg("no customer {number}", number=number))
    if name is not None and name not in policy_book(session).named:
        known = ", ".join(sorted(policy_book(session).named)) or msg("none defined yet")
        raise ValidationFailed.single(
            "policy",
            msg("no policy {name} (named policies: {known})", name=repr(name), known=known),
        )
    if customer.reminder_policy == name:
        return customer
    customer.reminder_policy = name
    session.flush()
    audit.record(
        session,
        audit.CUSTOMER,
        customer_id=customer.id,
        detail=f"customer {customer.number} follows reminder policy {name or 'the default'}",
    )
    logger.info("customer %s follows reminder policy %s", customer.number, name or "default")
    return customer


def customer_policy_name(session: Session, customer_id: int) -> str | None:
    return session.scalar(select(CustomerRow.reminder_policy).where(CustomerRow.id == customer_id))


def assigned_policies(session: Session) -> dict[str, int]:
    """How many customers follow each named policy."""
    rows = session.execute(
        select(CustomerRow.reminder_policy).where(CustomerRow.reminder_policy.is_not(None))
    ).scalars()
    counts: dict[str, int] = {}
    for name in rows:
        counts[name] = counts.get(name, 0) + 1
    return counts


def reminder_mode(session: Session) -> str:
    stored = settings_store.load(session, MODE_KEY)
    return stored if stored in MODES else DEFAULT_MODE


def set_reminder_mode(session: Session, mode: str) -> None:
    if mode not in MODES:
        raise ValidationFailed(
            [Problem("mode", msg("must be one of {modes}", modes=", ".join(MODES)))]
        )
    settings_store.store(session, MODE_KEY, mode)
    logger.info("reminder mode set to %s", mode)


def _stored(data: object, base: ReminderPolicy, *, ledger_wide: bool) -> ReminderPolicy:
    try:
        return policy_from_data(data, base=base, ledger_wide=ledger_wide)
    except ValidationFailed as failed:
        problem = Problem(
            "reminder policy",
            msg("the stored policy is unreadable: {reason}", reason=error_message(failed)),
        )
        raise ValidationFailed([problem]) from failed


def _numbers(session: Session, name: str) -> str:
    numbers = session.scalars(
        select(CustomerRow.number).where(CustomerRow.reminder_policy == name).limit(6)
    ).all()
    shown = ", ".join(numbers[:5])
    return msg("{numbers} and more", numbers=shown) if len(numbers) > 5 else shown
