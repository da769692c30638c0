"""Entry point of `finqr`: global options, the command tree, and exit codes.

Each command module adds its own sub-commands (``register``) and does its work in one
function that gets the parsed arguments and the opened ledger.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import (
    backup,
    company,
    customers,
    demo,
    exchange_rates,
    export,
    invoices,
    ledger_settings,
    logs,
    mail,
    new_ledger,
    payments,
    portal,
    reminders,
    reports,
    scheduler,
    templates,
)
from .argument_text import is_surrogate_error, require_text_arguments, surrogate_refusal
from .errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_OK,
    INPUT_ERRORS,
    CliError,
    one_line,
    report_input_error,
)
from .opening import CREATING_COMMANDS as CREATING
from .opening import open_for
from .output_files import guarding

logger = logging.getLogger(__name__)

DESCRIPTION = "FINQR Desktop on the command line: company, customers, invoices, templates."
EPILOG = (
    "The database is --database URL, else $FINQR_DATABASE_URL, else finqr.sqlite3 in the "
    "user data folder. A plain file path means a SQLite file. Exit codes: 0 done, 1 "
    "unexpected error (see the log), 2 bad input."
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        require_text_arguments(sys.argv[1:] if argv is None else argv)
        args = parser.parse_args(argv)
    except CliError as exc:
        return report_input_error(exc)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_FAILURE
    log_file = logs.setup(verbose=args.verbose)
    # The command only: a --database URL may carry a password.
    logger.debug("finqr %s: %s %s", __version__, args.command, getattr(args, "action", ""))
    # A failed init, demo or restore takes away the ledger file it made (cli.new_ledger).
    created = new_ledger.about_to_create(args.database) if args.command in CREATING else None
    succeeded = False
    try:
        database = open_for(args.command, args.database, log_file)
        if database is None:
            return EXIT_FAILURE
        try:
            with guarding(getattr(database, "sqlite_path", None)):
                code = args.handler(args, database)
                succeeded = code == EXIT_OK
                return code
        finally:
            database.dispose()
    except INPUT_ERRORS as exc:
        return report_input_error(exc)
    except KeyboardInterrupt:
        print("interrupted; nothing was saved by the unfinished command", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (head, less) went away; that is not an error of ours.
        _silence_stdout()
        succeeded = True  # the output comes after the work: what was saved stands
        return 0
    except Exception as exc:
        if is_surrogate_error(exc):
            return report_input_error(surrogate_refusal(exc))
        logger.error("unexpected error", exc_info=True, extra=logs.FILE_ONLY)
        where = f" (details in {log_file})" if log_file else ""
        print(f"error: unexpected {one_line(exc)}{where}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        if created is not None and not succeeded:
            new_ledger.remove(created)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="finqr", description=DESCRIPTION, epilog=EPILOG)
    _global_options(parser, subcommand=False)
    # The same options on every sub-command; SUPPRESS keeps a sub-command from resetting
    # a value given before it (``finqr --database X invoice list``).
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, subcommand=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    backup.register(commands, common)
    company.register(commands, common)
    demo.register(commands, common)
    customers.register(commands, common)
    invoices.register(commands, common)
    ledger_settings.register(commands, common)
    mail.register(commands, common)
    payments.register(commands, common)
    portal.register(commands, common)
    reminders.register(commands, common)
    reports.register(commands, common)
    export.register(commands, common)
    exchange_rates.register(commands, common)
    scheduler.register(commands, common)
    templates.register(commands, common)
    return parser


def _global_options(parser: argparse.ArgumentParser, *, subcommand: bool) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS if subcommand else None,
        help="database URL or SQLite file (default: $FINQR_DATABASE_URL or the user data folder)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS if subcommand else False,
        help="log debug detail, and show tracebacks on stderr",
    )
    parser.add_argument("--version", action="version", version=f"finqr {__version__}")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
