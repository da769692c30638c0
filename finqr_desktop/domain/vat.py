"""VAT rates as dated data.

A rate is looked up by its code and the date of supply, so a changed Swedish rate or
another country's set is a new table, not new code. Categories follow EN 16931 (UNCL 5305):
S standard, Z zero rated, E exempt, AE reverse charge, K intra-EU supply, G export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .messages import error_message, msg

CATEGORIES = {"S", "Z", "E", "AE", "K", "G", "O"}


class VatError(ValueError):
    pass


@dataclass(frozen=True)
class VatRate:
    """One rate as printed on an invoice line; ``note`` is the mandatory invoice text, if any."""

    code: str
    percent: Decimal
    category: str = "S"
    note: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise VatError(msg("unknown VAT category {category}", category=repr(self.category)))
        if self.percent < 0 or self.percent >= 100:
            raise VatError(msg("VAT percent out of range: {percent}", percent=self.percent))
        if self.category != "S" and self.percent != 0:
            raise VatError(
                msg(
                    "category {category} must have 0 %, not {percent}",
                    category=self.category,
                    percent=self.percent,
                )
            )

    def note_for(self, language: str) -> str:
        return self.note.get(language) or self.note.get("en") or ""


@dataclass(frozen=True)
class DatedRate:
    rate: VatRate
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None  # inclusive

    def covers(self, day: dt.date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day > self.valid_until)


@dataclass(frozen=True)
class VatTable:
    """All rates of one country; several entries may share a code with different dates."""

    country: str
    entries: tuple[DatedRate, ...]

    def codes(self, day: dt.date) -> list[str]:
        return [e.rate.code for e in self.entries if e.covers(day)]

    def rates(self, day: dt.date) -> list[VatRate]:
        return [e.rate for e in self.entries if e.covers(day)]

    def lookup(self, code: str, day: dt.date) -> VatRate:
        code = normalise_code(code)
        for entry in self.entries:
            if entry.rate.code == code and entry.covers(day):
                return entry.rate
        valid = ", ".join(self.codes(day)) or msg("none")
        raise VatError(
            msg(
                "VAT rate {code} is not valid in {country} on {day} (valid: {valid})",
                code=repr(code),
                country=self.country,
                day=day,
                valid=valid,
            )
        )

    @classmethod
    def from_data(cls, data: object) -> VatTable:
        """Build a table from plain data (a stored setting or a JSON file).

        Every mistake is a VatError that names the rate it is in.
        """
        if not isinstance(data, dict) or not isinstance(data.get("rates"), list):
            raise VatError(msg('expected {"country": "SE", "rates": [...]}'))
        country = data.get("country")
        if not isinstance(country, str) or len(country) != 2:
            raise VatError(
                msg("country must be a two-letter code, not {country}", country=repr(country))
            )
        entries = []
        for index, item in enumerate(data["rates"]):
            try:
                entries.append(_dated_rate(item))
            except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
                if isinstance(exc, KeyError):
                    detail = msg("missing {key}", key=repr(exc.args[0]))
                else:
                    detail = error_message(exc) or type(exc).__name__
                raise VatError(
                    msg("rates[{index}]: {detail}", index=index, detail=detail)
                ) from None
        if not entries:
            raise VatError(msg("the table has no rates"))
        return cls(country=country.upper(), entries=tuple(entries))


def _dated_rate(item: dict) -> DatedRate:
    if not isinstance(item, dict):
        raise TypeError(msg("each rate must be an object"))
    percent = Decimal(str(item["percent"]))
    if not percent.is_finite():
        raise ValueError(
            msg("percent must be a number, not {percent}", percent=repr(item["percent"]))
        )
    rate = VatRate(
        code=normalise_code(item["code"]),
        percent=percent,
        category=item.get("category", "S"),
        note=dict(item.get("note") or {}),
    )
    valid_from = _date_or_none(item.get("valid_from"))
    valid_until = _date_or_none(item.get("valid_until"))
    if valid_from and valid_until and valid_until < valid_from:
        raise ValueError(msg("valid_until is before valid_from"))
    return DatedRate(rate, valid_from, valid_until)


def normalise_code(code: object) -> str:
    """ "25", "25.0", 25 and "25 %" are all the code "25"; named codes are lower case."""
    text = str(code).strip().rstrip("%").strip().lower().replace(" ", "_")
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    if not number.is_finite():
        return text
    return format(number.normalize(), "f")


def _date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


REVERSE_CHARGE_NOTE = {
    "sv": "Omvänd betalningsskyldighet",
    "en": "Reverse charge",
}

# Sweden's rates. The food rate was cut to 6 % from 2026-04-01 to 2027-12-31 (the cut moves
# goods between the 12 and 6 % codes; both codes stay valid), so no dated split is needed
# for the codes themselves; a country whose code changes percent gets two dated entries.
SWEDEN = VatTable.from_data(
    {
        "country": "SE",
        "rates": [
            {"code": "25", "percent": "25"},
            {"code": "12", "percent": "12"},
            {"code": "6", "percent": "6"},
            {
                "code": "0",
                "percent": "0",
                "category": "E",
                "note": {
                    "sv": "Undantag från skatteplikt enligt 10 kap. mervärdesskattelagen",
                    "en": "VAT exempt",
                },
            },
            {
                "code": "reverse_charge",
                "percent": "0",
                "category": "AE",
                "note": REVERSE_CHARGE_NOTE,
            },
            {
                "code": "intra_eu",
                "percent": "0",
                "category": "K",
                "note": {
                    "sv": "Unionsintern leverans, artikel 138 mervärdesskattedirektivet",
                    "en": "Intra-community supply, Article 138 Council Directive 2006/112/EC",
                },
            },
            {
                "code": "export",
                "percent": "0",
                "category": "G",
                "note": {
                    "sv": "Export, varan levereras utanför EU",
                    "en": "Export outside the EU, exempt from VAT",
                },
            },
        ],
    }
)
