"""The unit a clerk types ("tim", "st", "kg") as a UN/ECE Recommendation 20 code.

EN 16931 wants a coded unit on every line. Units this table does not know become C62
("one"), the code Peppol's own examples use for a piece; the typed unit still prints on
the PDF, which is attached to the e-invoice.
"""

from __future__ import annotations

UNIT_CODES = {
    "HUR": ("h", "tim", "timme", "timmar", "hour", "hours", "hr", "hrs", "t"),
    "MIN": ("min", "minut", "minuter", "minute", "minutes"),
    "DAY": ("dag", "dagar", "day", "days", "d"),
    "WEE": ("vecka", "veckor", "week", "weeks", "v"),
    "MON": ("mån", "månad", "månader", "month", "months", "mo"),
    "ANN": ("år", "year", "years", "yr"),
    "H87": ("st", "st.", "styck", "stycken", "pcs", "pc", "piece", "pieces", "ea"),
    "KGM": ("kg",),
    "GRM": ("g",),
    "TNE": ("ton",),
    "MTR": ("m", "meter"),
    "KMT": ("km",),
    "MTK": ("m2", "m²", "kvm"),
    "MTQ": ("m3", "m³"),
    "LTR": ("l", "liter", "litre", "litres", "liters"),
    "KWH": ("kwh",),
    "SET": ("set",),
    "PK": ("paket", "pack", "förp"),
}
_LOOKUP = {word: code for code, words in UNIT_CODES.items() for word in words}
DEFAULT_UNIT = "C62"


def unit_code(unit: str) -> str:
    return _LOOKUP.get(unit.strip().lower(), DEFAULT_UNIT)
