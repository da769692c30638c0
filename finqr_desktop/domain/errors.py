"""Problems in user data are values with a place and a message, shown to the clerk."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """What is wrong (``message``) and where (``field``, and ``row`` for files and tables)."""

    field: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        place = self.field if self.row is None else f"row {self.row}, {self.field}"
        return f"{place}: {self.message}"


class ValidationFailed(ValueError):
    """Raised with every problem found, not just the first, so the clerk fixes them at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, message: str, row: int | None = None) -> ValidationFailed:
        return cls([Problem(field, message, row)])


class RuleViolation(ValueError):
    """An action the ledger's rules forbid (issuing twice, over-crediting, editing an issued
    invoice)."""
