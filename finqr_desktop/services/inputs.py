"""Reading plain data (JSON objects, CSV rows, form fields) into domain objects.

Every problem is collected with the field it belongs to, so a file or a form reports all of
its mistakes at once. Amounts must be decimal strings (or integers): a JSON float such as
0.1 is not exact and is refused.

True/false fields take JSON's true and false only: "yes", 1 or "true" in quotes are refused
with the field and the value named, never guessed. A CSV cell is text by nature, so there
(``text_cells``) the words in ``CELL_TRUE`` and ``CELL_FALSE`` are read, in any case.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..domain.due_dates import PaymentTerms
from ..domain.errors import Problem
from ..domain.messages import error_message, msg
from ..domain.money import MoneyError, parse_decimal_text
from ..domain.text_rules import text_problem


class Fields:
    """Typed access to one input object that records a Problem instead of raising."""

    def __init__(
        self,
        data: object,
        prefix: str = "",
        row: int | None = None,
        *,
        text_cells: bool = False,
    ):
        self.problems: list[Problem] = []
        self.prefix = prefix
        self.row = row
        self.text_cells = text_cells
        if not isinstance(data, dict):
            self.data: dict = {}
            self.fail("", msg("expected an object, got {kind}", kind=_kind(data)))
        else:
            self.data = data

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}" if key else self.prefix.rstrip(".") or "input"

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.name(key), message, self.row))

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] not in (None, "")

    def text(
        self,
        key: str,
        default: str = "",
        *,
        required: bool = False,
        max_len: int = 200,
        multiline: bool = False,
        whole_number: bool = False,
    ) -> str:
        """Text as given. With ``whole_number`` a JSON integer is taken as its digits (a
        customer number 1001); anywhere else a number is refused, not stored as its digits
        (``{"city": 12}`` is a mistake in the file, not a city).

        A value that is too long is still returned, so later checks of the same field do not
        add a second, misleading message ("is required") to the first.
        """
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.fail(key, msg("is required"))
            return default
        if whole_number and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail(key, msg("expected text, got {kind}", kind=_kind(value)))
            return default
        if len(value) > max_len:
            self.fail(key, msg("longer than {count} characters", count=max_len))
        elif why := text_problem(value, multiline=multiline):
            self.fail(key, why)
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        """A true/false field; absent, null or "" is ``default`` (a record update's way of
        resetting it)."""
        value = self.data.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        if self.text_cells and isinstance(value, str):
            word = value.strip().lower()
            if word in CELL_TRUE | CELL_FALSE:
                return word in CELL_TRUE
            self.fail(
                key,
                msg(
                    "expected true or false (or yes/no, ja/nej, sant/falskt, 1/0), got {value}",
                    value=repr(value),
                ),
            )
            return default
        if isinstance(value, str):
            message = msg("expected true or false without quotes, got {value}", value=repr(value))
        else:
            message = msg("expected true or false, got {value}", value=_shown_value(value))
        self.fail(key, message)
        return default

    def decimal(self, key: str, default: Decimal | None = None, *, required: bool = False):
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.fail(key, msg("is required"))
            return default
        if isinstance(value, float):
            self.fail(
                key,
                msg(
                    "write the number as a string ({value}), floats are not exact",
                    value=repr(str(value)),
                ),
            )
            return default
        try:
            return parse_decimal_text(value)
        except MoneyError as exc:
            self.fail(key, error_message(exc))
            return default

    def date(self, key: str, default: dt.date | None = None, *, required: bool = False):
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.fail(key, msg("is required"))
            return default
        if isinstance(value, dt.date):
            return value
        # Only the documented form: fromisoformat also takes "20260302" and "2026-W10-1".
        text = value.strip() if isinstance(value, str) else ""
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(key, msg("not a date in the form YYYY-MM-DD: {value}", value=_shown(value)))
            return default

    def terms(self, key: str, default: PaymentTerms) -> PaymentTerms:
        value = self.data.get(key)
        if value is None or value == "":
            return default
        try:
            return PaymentTerms.parse(str(value))
        except ValueError as exc:
            self.fail(key, error_message(exc))
            return default

    def text_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            items = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            items = list(value)
        else:
            self.fail(key, msg("expected a list of texts"))
            return []
        for index, item in enumerate(items):
            if why := text_problem(item):
                self.fail(f"{key}[{index}]", why)
        return items

    def nested(self, key: str, known: set[str]) -> Fields | None:
        """The object under ``key`` (an address), checked for unknown keys; None if absent."""
        value = self.data.get(key)
        if value is None or value == "":
            return None
        inner = Fields(
            value, prefix=f"{self.prefix}{key}.", row=self.row, text_cells=self.text_cells
        )
        if isinstance(value, dict):
            inner.reject_unknown(known)
            doubled = sorted(k for k in known if k in self.data)
            if doubled:
                self.fail(
                    key,
                    msg(
                        "give {fields} either in {key} or beside it, not both",
                        fields=", ".join(doubled),
                        key=key,
                    ),
                )
        return inner

    def reject_unknown(self, known: set[str]) -> None:
        for key in self.data:
            if key not in known:
                self.fail(key, msg("unknown field"))


def only_new_fields(found: list[Problem], more: list[Problem]) -> list[Problem]:
    """``more`` without the fields ``found`` already has a problem for: one field, one
    message (an unreadable name is not also "missing")."""
    seen = {p.field for p in found}
    return [p for p in more if p.field not in seen]


def _kind(value: object) -> str:
    """A JSON value's kind as the person who wrote the file knows it."""
    if isinstance(value, bool):  # before int: True is an int to Python
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return msg("a number")
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _shown_value(value: object) -> str:
    # A number as written (3, 1.5), anything else by its kind ("a list").
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    return _kind(value)


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else _kind(value)


_JSON_KINDS = {list: msg("a list"), dict: msg("an object"), str: msg("text")}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A spreadsheet's own words for a checked box are TRUE/FALSE (SANT/FALSKT in Swedish Excel).
CELL_TRUE = frozenset({"true", "yes", "ja", "sant", "1"})
CELL_FALSE = frozenset({"false", "no", "nej", "falskt", "0"})
