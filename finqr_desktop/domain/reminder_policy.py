"""A reminder policy as a plain value: levels, fees, interest, texts and the send window.

A per-customer override is simply another ``ReminderPolicy`` that shares the ledger-wide
settings (``sharing_ledger_settings``). Construction refuses a policy
the planner could not follow (levels out of order, unknown placeholders); things that are
legal to choose but risky, such as a fee above the 60 kr cap, are warnings from
``policy_warnings`` so the clerk decides.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from finqr_desktop.domain.errors import Problem, ValidationFailed
from finqr_desktop.domain.late_interest import (
    DEFAULT_REFERENCE_RATES,
    STATUTORY_MARGIN,
    DayCount,
    ReferenceRateTable,
)
from finqr_desktop.domain.messages import error_message, msg
from finqr_desktop.domain.money import MoneyError, to_minor
from finqr_desktop.domain.send_window import SendWindow

# due_date is the invoice's; pay_by the day this message asks payment by (a reminder's new
# due date); payment_details the account and reference in one line; portal_url the
# customer's portal page (issue 6), empty when the portal has no address.
PLACEHOLDERS = (
    "invoice_number", "amount_due", "due_date", "pay_by", "payment_details", "company",
    "portal_url",
)  # fmt: skip
# Placeholders a caller may leave out; they render empty.
OPTIONAL_PLACEHOLDERS = ("portal_url",)
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

    def problems(self, currency: str, where: str | None = None) -> list[Problem]:
        """Every problem of this level; fields read ``levels[1].fee`` when ``where`` is the
        level's place in a file, ``level 2.fee`` otherwise."""
        where = where or f"level {self.level}"
        problems = []
        if self.level == 0 and self.days_after_due > 0:
            problems.append(
                Problem(
                    f"{where}.days_after_due", msg("a friendly notice goes before the due date")
                )
            )
        if self.level > 0 and self.days_after_due < 1:
            problems.append(
                Problem(f"{where}.days_after_due", msg("a reminder goes at least 1 day after due"))
            )
        if self.min_days_since_previous < 0:
            problems.append(
                Problem(
                    f"{where}.min_days_since_previous", msg("the minimum gap cannot be negative")
                )
            )
        problems += _fee_problems(self, f"{where}.fee", currency)
        languages = [text.language for text in self.texts]
        for index, text in enumerate(self.texts):
            place = f"{where}.texts[{index}]"
            if languages.count(text.language) > 1:
                problems.append(
                    Problem(
                        f"{place}.language", msg("{language} twice", language=repr(text.language))
                    )
                )
            problems += _text_problems(text, place)
        return problems


def _fee_problems(level: ReminderLevel, where: str, currency: str) -> list[Problem]:
    if not isinstance(level.fee, Decimal) or not level.fee.is_finite() or level.fee < 0:
        return [
            Problem(
                where, msg("the fee must be a non-negative amount, not {fee}", fee=repr(level.fee))
            )
        ]
    if level.level == 0 and level.fee:
        # The fee law covers only measures after the due date.
        return [Problem(where, msg("a notice before the due date cannot carry a fee"))]
    try:
        to_minor(level.fee, currency)
    except MoneyError as error:
        return [Problem(where, error_message(error))]
    return []


def _text_problems(text: ReminderText, where: str) -> list[Problem]:
    problems = []
    if "\n" in text.subject or "\r" in text.subject:
        problems.append(
            Problem(
                f"{where}.subject", msg("({language}) must be one line", language=text.language)
            )
        )
    for part in ("subject", "body"):
        for message in placeholder_errors(getattr(text, part)):
            problems.append(
                Problem(
                    f"{where}.{part}",
                    msg("({language}) {problem}", language=text.language, problem=message),
                )
            )
    return problems


def placeholder_errors(template: str) -> list[str]:
    """What is wrong with the placeholders in ``template``; empty when it renders safely.

    Only bare names from ``PLACEHOLDERS`` are allowed: no attribute access, index, format
    specification or conversion, so a template can never reach into the values it is given.
    """
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        # Python's own description of the broken brace stays in English.
        return [
            msg(
                "broken braces ({error}); write {{{{ and }}}} for literal braces", error=str(error)
            )
        ]
    errors = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            errors.append(
                msg("unknown placeholder {{{name}}}; use {known}", name=name, known=known)
            )
        elif spec or conversion:
            errors.append(msg("placeholder {{{name}}} takes no format or conversion", name=name))
    return errors


def render(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its placeholders filled from already formatted ``values``."""
    missing = [p for p in PLACEHOLDERS if p not in values and p not in OPTIONAL_PLACEHOLDERS]
    if missing:
        raise ValueError(f"values missing for {', '.join(missing)}")
    return template.format_map({p: values.get(p, "") for p in PLACEHOLDERS})


@dataclass(frozen=True)
class CurrencyTerms:
    """What a policy charges on invoices in another currency than its own.

    The policy's fees, compensation and threshold are amounts in its own currency (the
    Swedish ones are SEK by law), so they do not carry over: an invoice in ``currency``
    gets ``fee`` with each level that has a fee of its own, no flat compensation, and is
    reminded from ``minimum_remaining`` up. Interest is a percentage and runs as usual.
    """

    currency: str
    minimum_remaining: Decimal = Decimal(0)
    fee: Decimal = Decimal(0)


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
    other_currencies: tuple[CurrencyTerms, ...] = ()

    def __post_init__(self) -> None:
        problems = []
        numbers = [level.level for level in self.levels]
        if numbers != sorted(set(numbers)) or any(n < 0 for n in numbers):
            problems.append(Problem("levels", msg("levels must be distinct and in order from 0")))
        offsets = [level.days_after_due for level in self.levels]
        if offsets != sorted(set(offsets)):
            problems.append(
                Problem("levels", msg("each level must come later than the one before"))
            )
        if self.minimum_remaining < 0:
            problems.append(Problem("minimum_remaining", msg("cannot be negative")))
        if self.compensation < 0:
            problems.append(Problem("compensation", msg("cannot be negative")))
        for index, level in enumerate(self.levels):
            problems += level.problems(self.currency, f"levels[{index}]")
        problems += _currency_problems(self)
        if problems:
            raise ValidationFailed(problems)

    def level(self, number: int) -> ReminderLevel | None:
        return next((level for level in self.levels if level.level == number), None)

    def terms_for(self, currency: str) -> CurrencyTerms:
        """This policy's terms for ``currency``: no fee and no threshold unless listed."""
        found = (t for t in self.other_currencies if t.currency == currency)
        return next(found, CurrencyTerms(currency))


def _currency_problems(policy: ReminderPolicy) -> list[Problem]:
    problems = []
    seen = set()
    for index, terms in enumerate(policy.other_currencies):
        where = f"other_currencies[{index}]"
        if terms.currency == policy.currency or terms.currency in seen:
            problems.append(
                Problem(
                    f"{where}.currency",
                    msg("{currency} is already covered", currency=terms.currency),
                )
            )
        seen.add(terms.currency)
        for name in ("minimum_remaining", "fee"):
            amount = getattr(terms, name)
            try:
                if amount < 0:
                    raise MoneyError(msg("cannot be negative"))
                to_minor(amount, terms.currency)
            except MoneyError as error:
                problems.append(Problem(f"{where}.{name}", error_message(error)))
    return problems


def for_currency(policy: ReminderPolicy, currency: str) -> ReminderPolicy:
    """``policy`` as it applies to an invoice in ``currency`` (see ``CurrencyTerms``)."""
    if currency == policy.currency:
        return policy
    terms = policy.terms_for(currency)
    levels = tuple(
        replace(level, fee=terms.fee if level.fee else Decimal(0)) for level in policy.levels
    )
    return replace(
        policy,
        levels=levels,
        minimum_remaining=terms.minimum_remaining,
        claim_compensation=False,
        compensation=Decimal(0),
        currency=currency,
        other_currencies=(),
    )


# What one ledger shares among all its policies: a customer's policy changes levels, fees,
# texts and thresholds, never when mail may go out, the rates the law sets, or the currency.
LEDGER_WIDE = ("reference_rates", "day_count", "bank_day_rule", "window", "currency")
POLICY_NAME_LENGTH = 40


def sharing_ledger_settings(policy: ReminderPolicy, ledger: ReminderPolicy) -> ReminderPolicy:
    """``policy`` with the ledger-wide settings taken from the ledger's own ``ledger``."""
    return replace(policy, **{name: getattr(ledger, name) for name in LEDGER_WIDE})


def policy_name_problems(name: str, where: str = "name") -> list[Problem]:
    """A named policy needs a short one-line name that is not the word for the default."""
    if not name.strip():
        return [Problem(where, msg("a policy needs a name"))]
    # Letters, digits, spaces, - and _ only: a name is part of a place such as
    # ``policies.Gentle.levels[0].fee``, where a dot or bracket would be ambiguous.
    plain = all(char.isalnum() or char in " -_" for char in name)
    if name != name.strip() or len(name) > POLICY_NAME_LENGTH or not plain:
        message = msg(
            "at most {most} letters, digits, spaces, - or _, no spaces around",
            most=POLICY_NAME_LENGTH,
        )
        return [Problem(where, message)]
    if name.casefold() == "default":
        return [
            Problem(where, msg('"default" means the ledger\'s own policy; choose another name'))
        ]
    return []


def policy_warnings(policy: ReminderPolicy) -> list[Problem]:
    """Legal but doubtful choices, for the clerk to confirm rather than to fix."""
    warnings = []
    for index, level in enumerate(policy.levels):
        if level.fee > policy.fee_cap:
            warnings.append(
                Problem(
                    f"levels[{index}].fee",
                    msg(
                        "fee {fee} is above the legal cap of {cap} per reminder "
                        "(lag 1981:739 4 §); the customer need not pay the excess",
                        fee=level.fee,
                        cap=policy.fee_cap,
                    ),
                )
            )
    return warnings
