"""Which account of the chart each kind of booking goes to, with BAS defaults.

The SIE export books every invoice, payment and fee on the accounts named here; a company
whose bookkeeper uses other accounts changes them (``services.accounts``). The defaults
are the BAS chart's own, chosen for a company that mostly sells services: exempt sales on
3004, sales to other EU countries on 3308 and outside the EU on 3305, domestic reverse
charge (construction) on 3231. A company selling goods abroad sets 3106 and 3105 instead.
Reminder fees and the late-payment compensation are both outside VAT and booked apart:
the fee on 3590 and the compensation on 3990 (see ``PURPOSES``); small remainders written
off are a confirmed bad debt, 6351.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .errors import Problem, ValidationFailed
from .messages import error_message, msg

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purpose:
    key: str
    default: str
    # The BAS name of the default account, written into the SIE file's #KONTO records.
    name: str
    # What the account is for, written as its name when the clerk chose another account:
    # the BAS name belongs to the default number, and would mislabel any other.
    role: str


PURPOSES = (
    Purpose("receivables", "1510", "Kundfordringar", "Kundfordringar"),
    Purpose("bank", "1930", "Företagskonto/checkkonto/affärskonto", "Bank, inbetalningar"),
    Purpose("customer_credit", "2420", "Förskott från kunder", "Kundkrediter och förskott"),
    Purpose("sales_25", "3001", "Försäljning inom Sverige, 25 % moms", "Försäljning, 25 % moms"),
    Purpose("sales_12", "3002", "Försäljning inom Sverige, 12 % moms", "Försäljning, 12 % moms"),
    Purpose("sales_6", "3003", "Försäljning inom Sverige, 6 % moms", "Försäljning, 6 % moms"),
    Purpose("sales_exempt", "3004", "Försäljning inom Sverige, momsfri", "Försäljning, momsfri"),
    Purpose(
        "sales_reverse_charge",
        "3231",
        "Försäljning inom byggsektorn, omvänd moms",
        "Försäljning, omvänd moms",
    ),
    Purpose("sales_eu", "3308", "Försäljning tjänster till annat EU-land", "Försäljning inom EU"),
    Purpose(
        "sales_export",
        "3305",
        "Försäljning tjänster till land utanför EU",
        "Försäljning utanför EU",
    ),
    Purpose(
        "vat_25", "2611", "Utgående moms på försäljning inom Sverige, 25 %", "Utgående moms 25 %"
    ),
    Purpose(
        "vat_12", "2621", "Utgående moms på försäljning inom Sverige, 12 %", "Utgående moms 12 %"
    ),
    Purpose(
        "vat_6", "2631", "Utgående moms på försäljning inom Sverige, 6 %", "Utgående moms 6 %"
    ),
    Purpose("rounding", "3740", "Öres- och kronutjämning", "Öresutjämning"),
    Purpose("reminder_fees", "3590", "Övriga fakturerade kostnader", "Påminnelseavgifter"),
    # The förseningsersättning of lag (1981:739) 4 a § is a flat compensation the law
    # grants for collection costs, not a charge for something sold, and not interest
    # (8313 is for dröjsmålsränta): BAS's account for other compensations among the other
    # operating income fits it, and keeps it apart from the fees the clerk charged.
    Purpose(
        "late_compensation",
        "3990",
        "Övriga ersättningar och intäkter",
        "Förseningsersättning",
    ),
    Purpose(
        "write_offs",
        "6351",
        "Konstaterade förluster på kundfordringar",
        "Avskrivna kundfordringar",
    ),
    Purpose(
        "exchange_gains",
        "3960",
        "Valutakursvinster på fordringar och skulder",
        "Valutakursvinster",
    ),
    Purpose(
        "exchange_losses",
        "7960",
        "Valutakursförluster på fordringar och skulder",
        "Valutakursförluster",
    ),
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

SALES_KEYS = tuple(p.key for p in PURPOSES if p.key.startswith("sales_"))
VAT_KEYS = tuple(VAT_BY_PERCENT.values())
EXCHANGE_KEYS = ("exchange_gains", "exchange_losses")
# A company that books the compensation with its fees gives both one account.
FEE_KEYS = ("reminder_fees", "late_compensation")
# The roles that meet in one verification, per kind of verification. Two of them on one
# account would sum into one row: a payment booked on the receivables account as its bank
# cancels to nothing, a sale on its VAT account hides the VAT. Roles of one family (two
# sales rates, two VAT rates, gain and loss, fee and compensation) may share an account:
# their amounts add up.
MEETINGS = {
    "an invoice": ("receivables", *SALES_KEYS, *VAT_KEYS, "rounding"),
    "a payment": ("receivables", "bank", "customer_credit", *EXCHANGE_KEYS),
    "a refund": ("customer_credit", "bank"),
    "a reminder fee": ("receivables", *FEE_KEYS),
    "a write-off": ("receivables", "write_offs", *VAT_KEYS),
}
FAMILIES = (
    frozenset(SALES_KEYS),
    frozenset(VAT_KEYS),
    frozenset(EXCHANGE_KEYS),
    frozenset(FEE_KEYS),
)


@dataclass(frozen=True)
class Chart:
    """Account number per purpose; every purpose has one."""

    accounts: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.accounts[key]

    def name(self, account: str) -> str:
        """The name written for ``account``: the BAS name when it is a purpose's default
        number, else the role of the first purpose using it."""
        for purpose in PURPOSES:
            if self.accounts[purpose.key] == account == purpose.default:
                return purpose.name
        for purpose in PURPOSES:
            if self.accounts[purpose.key] == account:
                return purpose.role
        return ""

    def sales_for(self, code: str, percent: Decimal) -> str | None:
        key = SALES_BY_CODE.get(code) or SALES_BY_PERCENT.get(percent)
        return self.accounts[key] if key else None

    def vat_for(self, percent: Decimal) -> str | None:
        key = VAT_BY_PERCENT.get(percent)
        return self.accounts[key] if key else None


def shared_accounts(chart: Chart) -> list[Problem]:
    """Each pair of roles that share an account and can meet in one verification.

    Such a chart books wrongly without an error: the export refuses it, and so does a
    change of accounts that would make one.
    """
    problems, seen = [], set()
    for kind, keys in MEETINGS.items():
        for index, first in enumerate(keys):
            for second in keys[index + 1 :]:
                pair = frozenset((first, second))
                if chart[first] != chart[second] or pair in seen or _one_family(pair):
                    continue
                seen.add(pair)
                problems.append(
                    Problem(
                        second,
                        msg(
                            "account {account} is also the {role} account; both meet in "
                            "{kind}'s verification, so they need two accounts",
                            account=chart[second],
                            role=first,
                            kind=kind,
                        ),
                    )
                )
    return problems


def _one_family(pair: frozenset[str]) -> bool:
    return any(pair <= family for family in FAMILIES)


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
            problems.append(Problem(key, error_message(error)))
    if problems:
        raise ValidationFailed(problems)
    return Chart(accounts)


def check_account(value: object) -> str:
    """A BAS account number: four digits, 1000 to 8999."""
    text = str(value).strip()
    if not (len(text) == 4 and text.isdigit() and "1000" <= text <= "8999"):
        raise ValueError(
            msg("an account number is four digits from 1000 to 8999, not {text}", text=repr(text))
        )
    return text
