"""From the bytes of a BgMax file to its 80-character records, with the noise removed.

What is noise and what is an error follows DOMAIN.md 3.1 and the public sample files:

* Encoding: ISO-8859-1 as Bankgirot writes it, or UTF-8 when a copy was re-encoded (the
  file decodes as UTF-8 and holds non-ASCII text; Latin-1 Swedish text never does).
* Line ends: CR LF, LF or CR; or none at all, the records back to back in 80-character
  slices.
* Trailing blanks may have been stripped: short records are padded to 80 again.
* Tabs are expanded to the next multiple of eight columns, which is how the one in the
  noisy sample ended up in place of blanks (it puts the reference back in its columns).
* Blank lines carry nothing and are skipped.

A record still longer than 80 characters, or one holding control characters, is an error:
its fields cannot be placed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import NamedTuple

from finqr_desktop.domain.messages import msg

from .errors import BankFileError
from .model import Note

logger = logging.getLogger(__name__)

RECORD_LENGTH = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RawRecord(NamedTuple):
    # A named tuple rather than a dataclass: a file has hundreds of thousands of records.
    line: int
    text: str
    # Characters before padding: a record shorter than its fields may be a cut file.
    length: int = RECORD_LENGTH

    @property
    def code(self) -> str:
        return self.text[:2]


def decode_bgmax(data: bytes) -> str:
    """The text of the file: UTF-8 if it is valid UTF-8 beyond ASCII, else ISO-8859-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return data.decode("iso-8859-1")


def split_records(text: str, notes: list[Note]) -> Iterator[RawRecord]:
    """The records of the file, each padded to 80 characters, with its line number; what
    was tolerated is added to ``notes``.

    A generator, so that a large file's records are not all held at once (which also
    spares the garbage collector scanning them again and again).
    """
    if "\n" in text or "\r" in text:
        lines = enumerate(re.split(r"\r\n|\n|\r", text), start=1)
    else:
        # No line ends: the records follow each other in 80-character slices, and the
        # "line" of a record is its number.
        lines = (
            (number, text[start : start + RECORD_LENGTH])
            for number, start in enumerate(range(0, len(text), RECORD_LENGTH), start=1)
        )
        if len(text) > RECORD_LENGTH:
            notes.append(
                Note(None, msg("the file has no line ends; read as 80-character records"))
            )
    tabs = 0
    # Most files hold neither tabs nor control characters: looking once over the whole text
    # spares the per-line checks.
    has_tabs = "\t" in text
    has_control = _CONTROL.search(text.replace("\r", "").replace("\n", "").replace("\t", ""))
    for number, line in lines:
        if has_tabs and "\t" in line:
            tabs += 1
            line = line.expandtabs(8)
        line = line.rstrip(" ")
        if not line:
            continue
        if has_control:
            if line.endswith("\x1a") and not line[:-1].strip():
                continue  # the DOS end-of-file mark some old systems append
            control = _CONTROL.search(line)
            if control:
                raise BankFileError(
                    msg(
                        "a control character ({code}) at position {position}; a BgMax record "
                        "holds only text",
                        code=f"{ord(control.group()):#04x}",
                        position=control.start() + 1,
                    ),
                    line=number,
                )
        length = len(line)
        if length > RECORD_LENGTH:
            raise BankFileError(
                msg(
                    "the record is {length} characters long; a BgMax record has {expected}",
                    length=length,
                    expected=RECORD_LENGTH,
                ),
                line=number,
            )
        if length < RECORD_LENGTH:
            line = line.ljust(RECORD_LENGTH)
        yield RawRecord(number, line, length)
    if tabs:
        notes.append(Note(None, msg("tabs on {count} line(s) were read as blanks", count=tabs)))
