"""A reminder policy as a plain value: levels, fees, interest, texts and the send window.

A per-customer override is simply another ``ReminderPolicy``. Construction refuses a policy
the planner could not follow (levels out of order, unknown placeholders); things that are
legal to choose but risky, such as a fee above the 60 kr cap, are warnings from
``policy_warnings`` so the clerk decides.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from finqr_desktop.domain.errors import Problem, ValidationFailed
from finqr_desktop.domain.late_interest import (
    DEFAULT_REFERENCE_RATES,
    STATUTORY_MARGIN,
    DayCount,
    ReferenceRateTable,
)
from finqr_desktop.domain.money import MoneyError, to_minor
from finqr_desktop.domain.send_window import SendWindow

PLACEHOLDERS = ("invoice_number", "amount_due", "due_date", "company")
DEFAULT_FEE_SEK = Decimal(60)
# Lag (1981:739) 4 §: at most 60 kr per written reminder.
FEE_CAP_SEK = Decimal(60)
# Same law, 4 a §: flat förseningsersättning between businesses.
COMPENSATION_SEK = Decimal(450)


@dataclass(frozen=True)
class ReminderText:
    """One language's e-mail subject and body, with {named} placeholders."""

    language: str
    subject: str
    body: str


@dataclass(frozen=True)
class ReminderLevel:
    """Level 0 is a friendly notice ``-days_after_due`` days before the due date; levels 1 and
    up count days after it. ``fee`` is charged only where the customer agreed to fees."""

    level: int
    days_after_due: int
    min_days_since_previous: int = 0
    fee: Decimal = Decimal(0)
    charge_interest: bool = True
    texts: tuple[ReminderText, ...] = ()

    def text_for(self, language: str, fallback: str = "sv") -> ReminderText | None:
        by_language = {text.language: text for text in self.texts}
        return by_language.get(language) or by_language.get(fallback)

    def problems(self, currency: str) -> list[Problem]:
        where = f"level {self.level}"
        problems = []
        if self.level == 0 and self.days_after_due > 0:
            problems.append(Problem(where, "a friendly notice goes before the due date"))
        if self.level > 0 and self.days_after_due < 1:
            problems.append(Problem(where, "a reminder goes at least 1 day after the due date"))
        if self.min_days_since_previous < 0:
            problems.append(Problem(where, "the minimum gap cannot be negative"))
        problems += _fee_problems(self, where, currency)
        for text in self.texts:
            problems += _text_problems(text, where)
        return problems


def _fee_problems(level: ReminderLevel, where: str, currency: str) -> list[Problem]:
    if not isinstance(level.fee, Decimal) or not level.fee.is_finite() or level.fee < 0:
        return [Problem(where, f"the fee must be a non-negative amount, not {level.fee!r}")]
    if level.level == 0 and level.fee:
        # The fee law covers only measures after the due date.
        return [Problem(where, "a notice before the due date cannot carry a fee")]
    try:
        to_minor(level.fee, currency)
    except MoneyError as error:
        return [Problem(where, str(error))]
    return []


def _text_problems(text: ReminderText, where: str) -> list[Problem]:
    problems = []
    if "\n" in text.subject or "\r" in text.subject:
        problems.append(Problem(f"{where}, {text.language} subject", "must be one line"))
    for part in ("subject", "body"):
        for message in placeholder_errors(getattr(text, part)):
            problems.append(Problem(f"{where}, {text.language} {part}", message))
    return problems


def placeholder_errors(template: str) -> list[str]:
    """What is wrong with the placeholders in ``template``; empty when it renders safely.

    Only bare names from ``PLACEHOLDERS`` are allowed: no attribute access, index, format
    specification or conversion, so a template can never reach into the values it is given.
    """
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        return [f"broken braces ({error}); write {{{{ and }}}} for literal braces"]
    errors = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            errors.append(f"unknown placeholder {{{name}}}; use {known}")
        elif spec or conversion:
            errors.append(f"placeholder {{{name}}} takes no format or conversion")
    return errors


def render(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its placeholders filled from already formatted ``values``."""
    missing = [p for p in PLACEHOLDERS if p not in values]
    if missing:
        raise ValueError(f"values missing for {', '.join(missing)}")
    return template.format_map({p: values[p] for p in PLACEHOLDERS})


@dataclass(frozen=True)
class ReminderPolicy:
    """Everything the planner needs to decide what to send, when, and what it costs."""

    levels: tuple[ReminderLevel, ...]
    minimum_remaining: Decimal = Decimal(10)
    interest_margin: Decimal = STATUTORY_MARGIN
    reference_rates: ReferenceRateTable = DEFAULT_REFERENCE_RATES
    day_count: DayCount = DayCount.ACTUAL_365
    bank_day_rule: bool = True
    claim_compensation: bool = True
    compensation: Decimal = COMPENSATION_SEK
    fee_cap: Decimal = FEE_CAP_SEK
    window: SendWindow = field(default_factory=SendWindow)
    currency: str = "SEK"

    def __post_init__(self) -> None:
        problems = []
        numbers = [level.level for level in self.levels]
        if numbers != sorted(set(numbers)) or any(n < 0 for n in numbers):
            problems.append(Problem("levels", "levels must be distinct and in order from 0"))
        offsets = [level.days_after_due for level in self.levels]
        if offsets != sorted(set(offsets)):
            problems.append(Problem("levels", "each level must come later than the one before"))
        if self.minimum_remaining < 0 or self.compensation < 0:
            problems.append(Problem("policy", "amounts cannot be negative"))
        for level in self.levels:
            problems += level.problems(self.currency)
        if problems:
            raise ValidationFailed(problems)

    def level(self, number: int) -> ReminderLevel | None:
        return next((level for level in self.levels if level.level == number), None)


def policy_warnings(policy: ReminderPolicy) -> list[Problem]:
    """Legal but doubtful choices, for the clerk to confirm rather than to fix."""
    warnings = []
    for level in policy.levels:
        if level.fee > policy.fee_cap:
            warnings.append(
                Problem(
                    f"level {level.level}",
                    f"fee {level.fee} is above the legal cap of {policy.fee_cap} per reminder "
                    "(lag 1981:739 4 §); the customer need not pay the excess",
                )
            )
    return warnings
