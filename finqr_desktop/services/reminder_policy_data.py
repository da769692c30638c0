"""Reminder policies as plain JSON data and back, with every problem named by its place.

The same reading serves the stored setting, ``finqr reminders policy import`` and the GUI's
policy editor, so all three accept and refuse exactly the same things. Places read like the
file: ``levels[2].fee``, ``policies.Gentle.levels[0].texts[1].body``. Amounts and rates are
decimal strings (integers are fine), never floats. A key left out keeps the value of the
policy it is read over, so a named policy need only list what differs.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace
from decimal import Decimal

from ..domain.errors import Problem, ValidationFailed
from ..domain.late_interest import DayCount, ReferenceRateTable
from ..domain.messages import error_message, msg
from ..domain.reminder_policy import (
    CurrencyTerms,
    ReminderLevel,
    ReminderPolicy,
    ReminderText,
)
from ..domain.send_window import SendWindow
from .inputs import Fields, only_new_fields

logger = logging.getLogger(__name__)

POLICY_KEYS = {
    "levels", "minimum_remaining", "interest_margin", "claim_compensation", "compensation",
    "fee_cap", "other_currencies",
}  # fmt: skip
LEDGER_KEYS = {"reference_rates", "day_count", "bank_day_rule", "window", "currency"}
LEVEL_KEYS = {"level", "days_after_due", "min_days_since_previous", "fee", "charge_interest",
              "texts"}  # fmt: skip
TEXT_KEYS = {"language", "subject", "body"}
WINDOW_KEYS = {"start", "end", "timezone", "country"}
TERMS_KEYS = {"currency", "minimum_remaining", "fee"}
BODY_LENGTH = 5_000
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")


def policy_to_data(policy: ReminderPolicy, *, ledger_wide: bool = True) -> dict:
    """The policy as JSON-ready data; without ``ledger_wide`` only what a named policy sets."""
    data = {
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
        "claim_compensation": policy.claim_compensation,
        "compensation": str(policy.compensation),
        "fee_cap": str(policy.fee_cap),
        "other_currencies": [
            {
                "currency": t.currency,
                "minimum_remaining": str(t.minimum_remaining),
                "fee": str(t.fee),
            }
            for t in policy.other_currencies
        ],  # fmt: skip
    }
    if ledger_wide:
        data.update(ledger_settings_to_data(policy))
    return data


def ledger_settings_to_data(policy: ReminderPolicy) -> dict:
    window = policy.window
    return {
        "reference_rates": [[d.isoformat(), str(r)] for d, r in policy.reference_rates.entries],
        "day_count": policy.day_count.value,
        "bank_day_rule": policy.bank_day_rule,
        "window": {
            "start": window.start.isoformat(timespec="minutes"),
            "end": window.end.isoformat(timespec="minutes") if window.end else None,
            "timezone": window.timezone,
            "country": window.country,
        },
        "currency": policy.currency,
    }


def policy_from_data(
    data: object, *, base: ReminderPolicy, prefix: str = "", ledger_wide: bool = True
) -> ReminderPolicy:
    """The policy ``data`` describes over ``base``; ValidationFailed lists every problem.

    Without ``ledger_wide`` the ledger-wide keys are refused and taken from ``base``.
    """
    fields = Fields(data, prefix=prefix)
    fields.reject_unknown(POLICY_KEYS | (LEDGER_KEYS if ledger_wide else set()))
    changes: dict = {}
    if "levels" in fields.data:
        changes["levels"] = _levels(fields, base)
    for name in ("minimum_remaining", "interest_margin", "compensation", "fee_cap"):
        changes[name] = fields.decimal(name, getattr(base, name))
    changes["claim_compensation"] = fields.flag("claim_compensation", base.claim_compensation)
    if "other_currencies" in fields.data:
        changes["other_currencies"] = _other_currencies(fields)
    if ledger_wide:
        changes.update(_ledger_settings(fields, base))
    problems = fields.problems
    try:
        policy = replace(base, **changes)
    except ValidationFailed as failed:
        moved = [Problem(prefix + p.field, p.message) for p in failed.problems]
        raise ValidationFailed(problems + only_new_fields(problems, moved)) from None
    if problems:
        raise ValidationFailed(problems)
    return policy


def _levels(fields: Fields, base: ReminderPolicy) -> tuple[ReminderLevel, ...]:
    value = fields.data["levels"]
    if not isinstance(value, list):
        fields.fail("levels", msg("expected a list of levels"))
        return base.levels
    levels = []
    for index, item in enumerate(value):
        level = Fields(item, prefix=f"{fields.prefix}levels[{index}].")
        level.reject_unknown(LEVEL_KEYS)
        number = _integer(level, "level", index + 1)
        levels.append(
            ReminderLevel(
                level=number,
                days_after_due=_integer(level, "days_after_due", 1, required=True),
                min_days_since_previous=_integer(level, "min_days_since_previous", 0),
                fee=level.decimal("fee", Decimal(0)),
                charge_interest=level.flag("charge_interest", number > 0),
                texts=_texts(level),
            )
        )
        fields.problems += level.problems
    return tuple(levels)


def _texts(level: Fields) -> tuple[ReminderText, ...]:
    value = level.data.get("texts", [])
    if not isinstance(value, list):
        level.fail("texts", msg("expected a list of texts, one per language"))
        return ()
    texts = []
    for index, item in enumerate(value):
        text = Fields(item, prefix=f"{level.prefix}texts[{index}].")
        text.reject_unknown(TEXT_KEYS)
        texts.append(
            ReminderText(
                language=text.text("language", required=True, max_len=10),
                subject=text.text("subject", required=True, max_len=200),
                body=text.text("body", required=True, max_len=BODY_LENGTH, multiline=True),
            )
        )
        level.problems += text.problems
    return tuple(texts)


def _other_currencies(fields: Fields) -> tuple[CurrencyTerms, ...]:
    value = fields.data["other_currencies"]
    if not isinstance(value, list):
        fields.fail("other_currencies", msg("expected a list of currencies"))
        return ()
    terms = []
    for index, item in enumerate(value):
        entry = Fields(item, prefix=f"{fields.prefix}other_currencies[{index}].")
        entry.reject_unknown(TERMS_KEYS)
        currency = entry.text("currency", required=True, max_len=3).upper()
        if currency and not re.fullmatch(r"[A-Z]{3}", currency):
            entry.fail(
                "currency",
                msg("a three-letter currency code, not {currency}", currency=repr(currency)),
            )
        terms.append(
            CurrencyTerms(
                currency=currency,
                minimum_remaining=entry.decimal("minimum_remaining", Decimal(0)),
                fee=entry.decimal("fee", Decimal(0)),
            )
        )
        fields.problems += entry.problems
    return tuple(terms)


def _ledger_settings(fields: Fields, base: ReminderPolicy) -> dict:
    changes = {
        "bank_day_rule": fields.flag("bank_day_rule", base.bank_day_rule),
        "currency": fields.text("currency", base.currency, max_len=3).upper(),
    }
    if "day_count" in fields.data:
        try:
            changes["day_count"] = DayCount(fields.data["day_count"])
        except ValueError:
            known = ", ".join(d.value for d in DayCount)
            fields.fail(
                "day_count",
                msg(
                    "one of {known}, not {given}",
                    known=known,
                    given=repr(fields.data["day_count"]),
                ),
            )
    if "reference_rates" in fields.data:
        changes["reference_rates"] = _rates(fields, base.reference_rates)
    if "window" in fields.data:
        changes["window"] = _window(fields, base.window)
    return changes


def _rates(fields: Fields, default: ReferenceRateTable) -> ReferenceRateTable:
    value = fields.data["reference_rates"]
    if not isinstance(value, list) or not value:
        fields.fail("reference_rates", msg("expected a list of [date, percent] pairs, not empty"))
        return default
    entries = []
    for index, pair in enumerate(value):
        if not isinstance(pair, list) or len(pair) != 2:
            fields.fail(f"reference_rates[{index}]", msg("expected [date, percent]"))
            continue
        place = f"{fields.prefix}reference_rates[{index}]."
        entry = Fields({"from": pair[0], "rate": pair[1]}, prefix=place)
        day, rate = entry.date("from", required=True), entry.decimal("rate", required=True)
        fields.problems += entry.problems
        if day is not None and rate is not None:
            entries.append((day, rate))
    try:
        return ReferenceRateTable(tuple(entries))
    except ValueError as error:
        if len(entries) == len(value):
            fields.fail("reference_rates", error_message(error))
        return default


def _window(fields: Fields, default: SendWindow) -> SendWindow:
    window = fields.nested("window", WINDOW_KEYS) or Fields({}, prefix=f"{fields.prefix}window.")
    start = _time(window, "start", default.start)
    end = _time(window, "end", None) if window.has("end") else None
    timezone = window.text("timezone", default.timezone, max_len=60)
    country = window.text("country", default.country, max_len=2).upper()
    fields.problems += window.problems
    try:
        return SendWindow(start=start, end=end, timezone=timezone, country=country)
    except (ValueError, NotImplementedError, KeyError) as error:
        fields.fail("window", _window_error(error, country))
        return default


def _window_error(error: Exception, country: str) -> str:
    if isinstance(error, ValueError) and str(error):
        return error_message(error)
    return msg("no holiday calendar for country {country}", country=repr(country))


def _time(fields: Fields, key: str, default: dt.time | None) -> dt.time | None:
    value = fields.data.get(key)
    if value in (None, ""):
        return default
    if isinstance(value, str) and _TIME.fullmatch(value.strip()):
        try:
            return dt.time.fromisoformat(value.strip())
        except ValueError:
            pass
    fields.fail(key, msg("a time of day HH:MM, not {value}", value=repr(value)))
    return default


def _integer(fields: Fields, key: str, default: int, *, required: bool = False) -> int:
    value = fields.data.get(key)
    if value is None or value == "":
        if required:
            fields.fail(key, msg("is required"))
        return default
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,5}", value.strip()):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 100_000:
        return value
    fields.fail(key, msg("expected a whole number, not {value}", value=repr(value)))
    return default
