"""Reading an SIE 4 file back: records, accounts and verifications.

Small on purpose: enough to check a file this program wrote (every verification balances,
the sums per account) the way a receiving accounting program would parse it, not a
reader for every record type of the format. Text fields follow the format's rules: in
quotes when they hold spaces, a backslash escaping the next character.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .messages import error_message, msg
from .sie import ENCODING, Transaction, Verification

logger = logging.getLogger(__name__)


class SieReadError(ValueError):
    """A line the reader cannot make sense of, with its line number."""


@dataclass
class SieDocument:
    # Every record outside the verifications as its fields, by label ("#FNAMN": [[...]]).
    records: dict[str, list[list[str]]] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    verifications: list[Verification] = field(default_factory=list)

    def first(self, label: str) -> list[str]:
        """The fields of the first record with ``label``; empty when there is none."""
        found = self.records.get(label)
        return found[0] if found else []


def fields(line: str) -> list[str]:
    """One record split into its fields; ``{...}`` object lists stay one field."""
    found: list[str] = []
    index, end = 0, len(line)
    while index < end:
        char = line[index]
        if char in " \t":
            index += 1
        elif char == '"':
            text, index = _quoted(line, index + 1)
            found.append(text)
        elif char == "{":
            close = line.find("}", index)
            if close < 0:
                raise SieReadError(msg("an object list without its closing brace"))
            found.append(line[index : close + 1])
            index = close + 1
        else:
            start = index
            while index < end and line[index] not in " \t":
                index += 1
            found.append(line[start:index])
    return found


def read_sie(data: bytes) -> SieDocument:
    """The document in ``data`` (code page 437); SieReadError names the line it fails on."""
    text = data.decode(ENCODING)
    document = SieDocument()
    open_verification: tuple[list[str], list[Transaction]] | None = None
    inside = False
    for number, line in enumerate(text.split("\r\n"), start=1):
        if not line.strip():
            continue
        try:
            # The braces around a verification's rows stand alone on their lines.
            parts = [line.strip()] if line.strip() in "{}" else fields(line)
        except SieReadError as error:
            raise SieReadError(
                msg("line {line}: {problem}", line=number, problem=error_message(error))
            ) from None
        label = parts[0]
        if label == "{":
            if open_verification is None:
                raise SieReadError(msg("line {line}: a brace without a #VER", line=number))
            inside = True
        elif label == "}":
            if not inside or open_verification is None:
                raise SieReadError(
                    msg("line {line}: a closing brace without its opening one", line=number)
                )
            document.verifications.append(_verification(*open_verification, number))
            open_verification, inside = None, False
        elif label == "#TRANS":
            if not inside or open_verification is None:
                raise SieReadError(msg("line {line}: #TRANS outside a verification", line=number))
            open_verification[1].append(_transaction(parts, number))
        elif label == "#VER":
            open_verification = (parts, [])
        elif label == "#KONTO":
            document.accounts[parts[1]] = parts[2] if len(parts) > 2 else ""
        else:
            document.records.setdefault(label, []).append(parts[1:])
    if open_verification is not None:
        raise SieReadError(msg("the file ends inside a verification"))
    return document


def _quoted(line: str, index: int) -> tuple[str, int]:
    out = []
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            out.append(line[index + 1])
            index += 2
        elif char == '"':
            return "".join(out), index + 1
        else:
            out.append(char)
            index += 1
    raise SieReadError(msg("a quoted field without its closing quote"))


def _transaction(parts: list[str], number: int) -> Transaction:
    if len(parts) < 4:
        raise SieReadError(
            msg("line {line}: #TRANS needs an account, objects and an amount", line=number)
        )
    # After the amount come the row's date and its text, both optional.
    text = parts[5] if len(parts) > 5 else ""
    try:
        return Transaction(parts[1], Decimal(parts[3]), text)
    except InvalidOperation:
        raise SieReadError(
            msg("line {line}: not an amount: {text}", line=number, text=repr(parts[3]))
        ) from None


def _verification(parts: list[str], rows: list[Transaction], number: int) -> Verification:
    if len(parts) < 4:
        raise SieReadError(
            msg("line {line}: #VER needs a series, a number and a date", line=number)
        )
    try:
        day = dt.datetime.strptime(parts[3], "%Y%m%d").date()
    except ValueError:
        raise SieReadError(
            msg("line {line}: not a date: {text}", line=number, text=repr(parts[3]))
        ) from None
    text = parts[4] if len(parts) > 4 else ""
    return Verification(parts[1], int(parts[2] or 0), day, text, tuple(rows))
