"""Which account of the chart each kind of booking goes to, with BAS defaults.

The SIE export books every invoice, payment and fee on the accounts named here; a company
whose bookkeeper uses other accounts changes them (``services.accounts``). The defaults
are the BAS chart's own, chosen for a company that mostly sells services: exempt sales on
3004, sales to other EU countries on 3308 and outside the EU on 3305, domestic reverse
charge (construction) on 3231. A company selling goods abroad sets 3106 and 3105 instead.
Reminder fees and the late-payment compensation are outside VAT and go to 3590; small
remainders written off are a confirmed bad debt, 6351.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .errors import Problem, ValidationFailed

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purpose:
    key: str
    default: str
    # The BAS name of the default account, written into the SIE file's #KONTO records.
    name: str


PURPOSES = (
    Purpose("receivables", "1510", "Kundfordringar"),
    Purpose("bank", "1930", "Företagskonto/checkkonto/affärskonto"),
    Purpose("customer_credit", "2420", "Förskott från kunder"),
    Purpose("sales_25", "3001", "Försäljning inom Sverige, 25 % moms"),
    Purpose("sales_12", "3002", "Försäljning inom Sverige, 12 % moms"),
    Purpose("sales_6", "3003", "Försäljning inom Sverige, 6 % moms"),
    Purpose("sales_exempt", "3004", "Försäljning inom Sverige, momsfri"),
    Purpose("sales_reverse_charge", "3231", "Försäljning inom byggsektorn, omvänd moms"),
    Purpose("sales_eu", "3308", "Försäljning tjänster till annat EU-land"),
    Purpose("sales_export", "3305", "Försäljning tjänster till land utanför EU"),
    Purpose("vat_25", "2611", "Utgående moms på försäljning inom Sverige, 25 %"),
    Purpose("vat_12", "2621", "Utgående moms på försäljning inom Sverige, 12 %"),
    Purpose("vat_6", "2631", "Utgående moms på försäljning inom Sverige, 6 %"),
    Purpose("rounding", "3740", "Öres- och kronutjämning"),
    Purpose("reminder_fees", "3590", "Övriga fakturerade kostnader"),
    Purpose("write_offs", "6351", "Konstaterade förluster på kundfordringar"),
    Purpose("exchange_gains", "3960", "Valutakursvinster på fordringar och skulder"),
    Purpose("exchange_losses", "7960", "Valutakursförluster på fordringar och skulder"),
)
BY_KEY = {purpose.key: purpose for purpose in PURPOSES}

# The sales and VAT accounts of an invoice's VAT code; other codes go by their percent.
SALES_BY_CODE = {
    "25": "sales_25",
    "12": "sales_12",
    "6": "sales_6",
    "0": "sales_exempt",
    "reverse_charge": "sales_reverse_charge",
    "intra_eu": "sales_eu",
    "export": "sales_export",
}
VAT_BY_PERCENT = {Decimal(25): "vat_25", Decimal(12): "vat_12", Decimal(6): "vat_6"}
SALES_BY_PERCENT = {Decimal(25): "sales_25", Decimal(12): "sales_12", Decimal(6): "sales_6"}


@dataclass(frozen=True)
class Chart:
    """Account number per purpose; every purpose has one."""

    accounts: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.accounts[key]

    def name(self, account: str) -> str:
        """The name written for ``account``: that of the first purpose using it."""
        for purpose in PURPOSES:
            if self.accounts[purpose.key] == account:
                return purpose.name
        return ""

    def sales_for(self, code: str, percent: Decimal) -> str | None:
        key = SALES_BY_CODE.get(code) or SALES_BY_PERCENT.get(percent)
        return self.accounts[key] if key else None

    def vat_for(self, percent: Decimal) -> str | None:
        key = VAT_BY_PERCENT.get(percent)
        return self.accounts[key] if key else None


def default_chart() -> Chart:
    return Chart({purpose.key: purpose.default for purpose in PURPOSES})


def chart_from(stored: Mapping[str, object]) -> Chart:
    """The defaults with the stored changes laid over them; unknown keys are ignored
    (a setting written by a later version), bad numbers are refused."""
    accounts = dict(default_chart().accounts)
    problems = []
    for key, value in stored.items():
        if key not in BY_KEY:
            logger.warning("ignoring unknown account setting %r", key)
            continue
        try:
            accounts[key] = check_account(value)
        except ValueError as error:
            problems.append(Problem(key, str(error)))
    if problems:
        raise ValidationFailed(problems)
    return Chart(accounts)


def check_account(value: object) -> str:
    """A BAS account number: four digits, 1000 to 8999."""
    text = str(value).strip()
    if not (len(text) == 4 and text.isdigit() and "1000" <= text <= "8999"):
        raise ValueError(f"an account number is four digits from 1000 to 8999, not {text!r}")
    return text
