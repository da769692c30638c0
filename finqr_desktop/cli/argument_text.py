"""Arguments and input that are not text: invalid UTF-8 bytes and lone surrogates.

Python hands a command-line byte that is not UTF-8 over as a lone surrogate (U+DC80 to
U+DCFF), and a JSON file may spell one as ``\\ud800``. Neither can be stored, looked up or
printed on an invoice; left alone, the first database query fails with a
UnicodeEncodeError deep inside, reported as "unexpected". Here they become a plain refusal.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .errors import CliError

logger = logging.getLogger(__name__)


def require_text_arguments(argv: Sequence[str]) -> None:
    """CliError naming the first argument that is not valid UTF-8 text, and where."""
    for number, argument in enumerate(argv, start=1):
        for index, char in enumerate(argument):
            code = ord(char)
            if 0xDC80 <= code <= 0xDCFF:
                raise CliError(
                    f"argument {number} is not valid UTF-8 (byte 0x{code - 0xDC00:02X} at "
                    f"position {index + 1}); give every argument as UTF-8 text"
                )
            if 0xD800 <= code <= 0xDFFF:
                raise CliError(
                    f"argument {number} holds a lone surrogate (U+{code:04X}) at position "
                    f"{index + 1}, which is not a character"
                )


def is_surrogate_error(exc: BaseException) -> bool:
    """A lone surrogate reached an encoder (a query, a file): input, not a bug of ours."""
    return isinstance(exc, UnicodeEncodeError) and exc.reason == "surrogates not allowed"


def surrogate_refusal(exc: UnicodeEncodeError) -> CliError:
    code = ord(exc.object[exc.start])
    logger.info("refused text with a lone surrogate U+%04X", code)
    return CliError(
        f"the input holds a lone surrogate (U+{code:04X}), which is not a character: "
        "a JSON escape such as \\ud800 without its pair, or a byte that is not UTF-8; "
        "correct the file or argument"
    )
