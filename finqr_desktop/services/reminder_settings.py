"""The ledger's reminder policy and sending mode, stored in the ``setting`` table as JSON.

One policy for the whole ledger for now: a per-customer override is a second
``ReminderPolicy`` that the queue could take per case, but nothing stores one yet.
Amounts and rates are written as decimal strings, never floats.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.errors import Problem, ValidationFailed
from ..domain.late_interest import DayCount, ReferenceRateTable
from ..domain.reminder_defaults import swedish_default_policy
from ..domain.reminder_policy import ReminderLevel, ReminderPolicy, ReminderText
from ..domain.send_window import SendWindow
from . import settings_store

logger = logging.getLogger(__name__)

POLICY_KEY = "reminder_policy"
MODE_KEY = "reminder_mode"
MODES = ("manual", "automatic")
# New companies review every reminder before it goes; automatic is a choice the clerk makes.
DEFAULT_MODE = "manual"


def reminder_policy(session: Session) -> ReminderPolicy:
    """The stored policy, or the Swedish default while none is stored."""
    cached = session.info.get(POLICY_KEY)
    if cached is None:
        stored = settings_store.load(session, POLICY_KEY)
        cached = swedish_default_policy() if stored is None else policy_from_data(stored)
        session.info[POLICY_KEY] = cached
    return cached


def set_reminder_policy(session: Session, policy: ReminderPolicy) -> None:
    settings_store.store(session, POLICY_KEY, policy_to_data(policy))
    session.info[POLICY_KEY] = policy


def reminder_mode(session: Session) -> str:
    stored = settings_store.load(session, MODE_KEY)
    return stored if stored in MODES else DEFAULT_MODE


def set_reminder_mode(session: Session, mode: str) -> None:
    if mode not in MODES:
        raise ValidationFailed([Problem("mode", f"must be one of {', '.join(MODES)}")])
    settings_store.store(session, MODE_KEY, mode)
    logger.info("reminder mode set to %s", mode)


def policy_to_data(policy: ReminderPolicy) -> dict:
    window = policy.window
    return {
        "levels": [
            {
                "level": level.level,
                "days_after_due": level.days_after_due,
                "min_days_since_previous": level.min_days_since_previous,
                "fee": str(level.fee),
                "charge_interest": level.charge_interest,
                "texts": [
                    {"language": t.language, "subject": t.subject, "body": t.body}
                    for t in level.texts
                ],
            }
            for level in policy.levels
        ],
        "minimum_remaining": str(policy.minimum_remaining),
        "interest_margin": str(policy.interest_margin),
        "reference_rates": [[d.isoformat(), str(r)] for d, r in policy.reference_rates.entries],
        "day_count": policy.day_count.value,
        "bank_day_rule": policy.bank_day_rule,
        "claim_compensation": policy.claim_compensation,
        "compensation": str(policy.compensation),
        "fee_cap": str(policy.fee_cap),
        "window": {
            "start": window.start.isoformat(),
            "end": window.end.isoformat() if window.end else None,
            "timezone": window.timezone,
            "country": window.country,
        },
        "currency": policy.currency,
    }


def policy_from_data(data: dict) -> ReminderPolicy:
    """The policy ``policy_to_data`` wrote; a damaged setting is a ValidationFailed."""
    try:
        window = data["window"]
        return ReminderPolicy(
            levels=tuple(
                ReminderLevel(
                    level=int(level["level"]),
                    days_after_due=int(level["days_after_due"]),
                    min_days_since_previous=int(level["min_days_since_previous"]),
                    fee=Decimal(level["fee"]),
                    charge_interest=bool(level["charge_interest"]),
                    texts=tuple(ReminderText(**text) for text in level["texts"]),
                )
                for level in data["levels"]
            ),
            minimum_remaining=Decimal(data["minimum_remaining"]),
            interest_margin=Decimal(data["interest_margin"]),
            reference_rates=ReferenceRateTable(
                tuple((dt.date.fromisoformat(d), Decimal(r)) for d, r in data["reference_rates"])
            ),
            day_count=DayCount(data["day_count"]),
            bank_day_rule=bool(data["bank_day_rule"]),
            claim_compensation=bool(data["claim_compensation"]),
            compensation=Decimal(data["compensation"]),
            fee_cap=Decimal(data["fee_cap"]),
            window=SendWindow(
                start=dt.time.fromisoformat(window["start"]),
                end=dt.time.fromisoformat(window["end"]) if window["end"] else None,
                timezone=window["timezone"],
                country=window["country"],
            ),
            currency=data["currency"],
        )
    except ValidationFailed:
        raise
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        problem = Problem("reminder policy", f"the stored policy is unreadable: {error}")
        raise ValidationFailed([problem]) from error
