"""How the command reports failure: bad input exits 2 with a message per problem.

Exit codes are part of the scripting interface: 0 success, 1 an unexpected error (details
in the log), 2 input the ledger refused or a command called the wrong way (as argparse),
3 a sending run in which the server refused some messages for good (they wait for the clerk).
"""

from __future__ import annotations

import logging
import sys

from ..domain.errors import Problem, RuleViolation, ValidationFailed

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_NOT_ALL_SENT = 3


class CliError(Exception):
    """A mistake in how the command was called: a missing file, broken JSON, no such invoice."""


INPUT_ERRORS = (CliError, ValidationFailed, RuleViolation)


def report_input_error(exc: Exception) -> int:
    """Print one line per problem to stderr, each naming its field and row, as Problem does."""
    if isinstance(exc, ValidationFailed) and exc.problems:
        for problem in _without_echoes(exc.problems):
            print(f"error: {problem}", file=sys.stderr)
    else:
        print(f"error: {exc}", file=sys.stderr)
    logger.info("refused: %s", exc)
    return EXIT_BAD_INPUT


def named_as_options(error: ValidationFailed, options: dict[str, str]) -> ValidationFailed:
    """``error`` with each field that came from a command-line option named as that option
    (``sender_address`` as ``--from``): the user typed the option, never the field."""
    return ValidationFailed(
        [Problem(options.get(p.field, p.field), p.message, p.row) for p in error.problems]
    )


def _without_echoes(problems: list[Problem]) -> list[Problem]:
    """Drop what a field's "is required" already says: an empty field also fails the later
    checks (a name is required, then a name is needed), and twice is noise."""
    required = {(p.field, p.row) for p in problems if p.message == "is required"}
    return [p for p in problems if p.message == "is required" or (p.field, p.row) not in required]


def one_line(exc: BaseException, limit: int = 300) -> str:
    """The first line of an exception's text; database errors run to many lines of SQL."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
