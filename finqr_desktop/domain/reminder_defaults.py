"""The policy a new Swedish company starts with, texts in Swedish and English.

One fee per invoice, with the first reminder: DOMAIN.md 5.2 notes that repeated fees risk
failing the "reasonably necessary" test. Later levels add interest only.
"""

from __future__ import annotations

from finqr_desktop.domain.reminder_policy import (
    DEFAULT_FEE_SEK,
    ReminderLevel,
    ReminderPolicy,
    ReminderText,
)

_NOTICE = (
    ReminderText(
        "sv",
        "Snart förfallodag: faktura {invoice_number} från {company}",
        "Hej!\n\nEn vänlig påminnelse om att faktura {invoice_number} på {amount_due} "
        "förfaller {due_date}: {payment_details}. Har du redan betalat kan du bortse från "
        "detta.\n\n{company}",
    ),
    ReminderText(
        "en",
        "Due soon: invoice {invoice_number} from {company}",
        "Hello,\n\nA friendly note that invoice {invoice_number} for {amount_due} falls due on "
        "{due_date}: {payment_details}. If you have already paid, please ignore this "
        "message.\n\n{company}",
    ),
)

_REMINDER = (
    ReminderText(
        "sv",
        "Påminnelse: faktura {invoice_number} från {company}",
        "Hej!\n\nVi har ännu inte fått betalt för faktura {invoice_number}, som förföll "
        "{due_date}. Betala {amount_due} senast {pay_by} till {payment_details}. Har du "
        "redan betalat kan du bortse från detta.\n\n{company}",
    ),
    ReminderText(
        "en",
        "Reminder: invoice {invoice_number} from {company}",
        "Hello,\n\nWe have not yet received payment for invoice {invoice_number}, due on "
        "{due_date}. Please pay {amount_due} by {pay_by} to {payment_details}. If you have "
        "already paid, please ignore this message.\n\n{company}",
    ),
)


def swedish_default_policy(*, notice_days_before: int | None = None) -> ReminderPolicy:
    """Reminders 8 and 22 days after the due date, optionally a notice before it."""
    levels = []
    if notice_days_before is not None:
        levels.append(ReminderLevel(0, -notice_days_before, charge_interest=False, texts=_NOTICE))
    levels.append(ReminderLevel(1, 8, 5, fee=DEFAULT_FEE_SEK, texts=_REMINDER))
    levels.append(ReminderLevel(2, 22, 10, texts=_REMINDER))
    return ReminderPolicy(tuple(levels))
