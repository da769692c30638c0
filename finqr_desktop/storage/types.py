"""Column types that keep exact values on every database.

SQLite has no exact decimal type (its NUMERIC goes through float), so rates and
quantities are stored as their canonical decimal text.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator


class ExactDecimal(TypeDecorator):
    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"ExactDecimal takes Decimal, not {type(value).__name__}")
        return format(value, "f")

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)
