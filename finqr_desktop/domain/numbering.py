"""Invoice number patterns.

A series has a pattern such as ``{year}-{seq:04}`` and either counts on forever or restarts
every year. The sequence value itself is handed out by storage inside the issuing
transaction; this module only says what a number looks like.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from .messages import msg

_ALLOWED_FIELDS = {"year", "yy", "seq", "prefix"}
_FORMATTER = string.Formatter()


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class NumberPattern:
    pattern: str = "{year}-{seq:04}"
    yearly_restart: bool = True

    def __post_init__(self) -> None:
        fields = set()
        try:
            for _literal, name, spec, _conv in _FORMATTER.parse(self.pattern):
                if name is None:
                    continue
                if name not in _ALLOWED_FIELDS:
                    raise PatternError(
                        msg("unknown field {{{name}}} in number pattern", name=name)
                    )
                if spec and not re.fullmatch(r"0?\d{1,2}d?", spec):
                    raise PatternError(
                        msg(
                            "format {spec} of {{{name}}} is not a digit width",
                            spec=repr(spec),
                            name=name,
                        )
                    )
                fields.add(name)
        except ValueError as exc:
            if isinstance(exc, PatternError):
                raise
            # Python's own description of the format error stays in English.
            raise PatternError(
                msg(
                    "number pattern {pattern}: {error}", pattern=repr(self.pattern), error=str(exc)
                )
            ) from None
        if "seq" not in fields:
            raise PatternError(msg("a number pattern needs {seq}"))
        if self.yearly_restart and not fields & {"year", "yy"}:
            # Without the year in the number, a yearly restart would reuse numbers.
            raise PatternError(msg("a series that restarts every year needs {year} or {yy}"))

    def counter_year(self, year: int) -> int:
        """The counter a number is drawn from: one per year, or the single counter 0."""
        return year if self.yearly_restart else 0

    def parse(self, number: str) -> tuple[int, int | None] | None:
        """(seq, year) of a number this pattern could have made, or None.

        The year is None when the pattern does not print it. Used to find the numbers
        already taken before a changed pattern hands out its first one.
        """
        found = self._matcher().fullmatch(number)
        if found is None:
            return None
        groups = found.groupdict()
        seq = int(groups["seq"])
        if groups.get("year"):
            return seq, int(groups["year"])
        return seq, None

    def _matcher(self) -> re.Pattern[str]:
        parts = []
        seen: set[str] = set()
        for literal, name, _spec, _conv in _FORMATTER.parse(self.pattern):
            parts.append(re.escape(literal))
            if name is None:
                continue
            regex = {"year": r"\d{4}", "yy": r"\d{2}", "seq": r"\d+", "prefix": r".*?"}[name]
            # A field printed twice must read the same both times: a back-reference.
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{regex})")
            seen.add(name)
        return re.compile("".join(parts))

    def format(self, seq: int, year: int, prefix: str = "") -> str:
        spec_fixed = re.sub(r"\{seq:(0?)(\d+)\}", r"{seq:0\2d}", self.pattern)
        return spec_fixed.format(seq=seq, year=year, yy=f"{year % 100:02d}", prefix=prefix)
