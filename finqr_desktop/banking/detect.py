"""Which reader a bank file needs, told from its content rather than its name."""

from __future__ import annotations

import logging

from finqr_desktop.domain.messages import msg

from .bgmax import read_bgmax
from .camt import read_camt
from .errors import BankFileError
from .model import BankFile, Progress

logger = logging.getLogger(__name__)


def read_bank_file(data: bytes, *, progress: Progress | None = None) -> BankFile:
    """A BgMax or camt.053/camt.054 file read and checked whole, or BankFileError.

    A BgMax file begins with its start record ``01BGMAX``; a camt file is XML. Anything
    else is refused with a message saying what was expected. ``progress``, if given, is
    told the share of the file read so far (model.Progress).
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"a bank file is read from bytes, not {type(data).__name__}")
    data = bytes(data)
    head = data.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if not head:
        raise BankFileError(msg("the file is empty"))
    if head.startswith(b"01BGMAX"):
        return read_bgmax(data, progress)
    if head.startswith(b"<"):
        return read_camt(data, progress)
    for marker in (b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(marker):
            raise BankFileError(
                msg(
                    "the file is UTF-16 text; bank files are ISO-8859-1 (BgMax) or UTF-8 XML "
                    "(camt)"
                )
            )
    raise BankFileError(
        msg(
            "this is not a bank file FINQR can read: a BgMax file begins with 01BGMAX, a "
            "camt.053 or camt.054 file is XML"
        )
    )
