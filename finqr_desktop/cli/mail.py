"""`finqr settings smtp`, `finqr mail test ADDRESS` and `finqr reminders send-due --once`.

The password goes to the system keyring only. It is read with a hidden prompt at a
terminal, else as one line of standard input, so a script can pipe it in; without a
keyring, sending commands ask for it (or read it) each time instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import socket
import sys

from ..domain.errors import ValidationFailed
from ..mail.addresses import parse_recipient
from ..mail.check import send_test_message
from ..mail.failures import MailFailure, TemporaryFailure
from ..mail.passwords import NoKeyring, load_password, store_password
from ..mail.settings import SECURITY_MODES, SmtpSettings
from ..services.company import require_company
from ..services.mail_settings import set_smtp_settings, smtp_settings
from ..services.scheduler import SendReport, send_due
from .errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_NOT_ALL_SENT,
    EXIT_OK,
    CliError,
    named_as_options,
)

logger = logging.getLogger(__name__)

# The settings' fields as `finqr settings smtp` takes them.
SMTP_OPTIONS = {
    "host": "--host",
    "port": "--port",
    "security": "--security",
    "username": "--user",
    "sender_address": "--from",
    "sender_name": "--name",
}


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser("settings", parents=[common], help="how mail is sent")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    smtp = actions.add_parser("smtp", parents=[common], help="set the SMTP server")
    smtp.add_argument("--host", required=True, help="the mail server's host name")
    smtp.add_argument("--port", type=int, required=True, help="587 starttls, 465 tls, 25 none")
    smtp.add_argument("--security", choices=SECURITY_MODES, required=True)
    smtp.add_argument("--user", default="", help="login user name (password is asked for)")
    smtp.add_argument("--from", dest="sender", metavar="ADDRESS",
                      help="sender address (default: the company's e-mail)")  # fmt: skip
    smtp.add_argument("--name", default="", help="sender name (default: the company name)")
    smtp.set_defaults(handler=run_smtp)

    mail = commands.add_parser("mail", parents=[common], help="check that e-mail works")
    mail_actions = mail.add_subparsers(dest="action", metavar="ACTION", required=True)
    test = mail_actions.add_parser("test", parents=[common], help="send a test e-mail")
    test.add_argument("address", metavar="ADDRESS", help="where to send it")
    test.set_defaults(handler=run_test)


def register_send_due(actions, common: argparse.ArgumentParser) -> None:
    """``send-due`` under the ``reminders`` group."""
    send = actions.add_parser("send-due", parents=[common], help="send what is due now")
    send.add_argument(
        "--once",
        action="store_true",
        required=True,
        help="one run, then exit (for cron); exit code 3 when some failed for good",
    )
    send.add_argument("--limit", type=int, help="send at most this many")
    send.set_defaults(handler=run_send_due)


def run_smtp(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        company = require_company(session)
        sender, name = args.sender or company.email, args.name or company.legal_name
    if not sender:
        raise CliError("give --from ADDRESS: the company has no e-mail address")
    try:
        settings = SmtpSettings(
            host=args.host, port=args.port, security=args.security, sender_address=sender,
            sender_name=name, username=args.user,
        )  # fmt: skip
    except ValidationFailed as error:
        raise named_as_options(error, SMTP_OPTIONS) from None
    password = _read_password(settings) if settings.username else None
    with database.writing() as session:
        set_smtp_settings(session, settings)
    if password is not None:
        try:
            store_password(settings.host, settings.username, password)
        except NoKeyring as error:
            # The settings are still worth keeping: sending commands ask for the password.
            print(f"note: {error} The sending commands will ask for it.", file=sys.stderr)
    print(f"Mail goes through {settings.host}:{settings.port} ({settings.security}).")
    return EXIT_OK


def run_test(args: argparse.Namespace, database) -> int:
    settings = _settings(database)
    try:
        parse_recipient(args.address)
    except ValueError as error:
        raise CliError(f"ADDRESS: {error}") from None
    try:
        message_id = send_test_message(settings, _password(settings), args.address)
    except MailFailure as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILURE if isinstance(error, TemporaryFailure) else EXIT_BAD_INPUT
    print(f"Sent a test message to {args.address} ({message_id}).")
    return EXIT_OK


def run_send_due(args: argparse.Namespace, database) -> int:
    """Exit 3 when an item failed for good, so cron or a timer notices; deferred ones
    (server unreachable for now) wait for the next run and still exit 0."""
    password = _password(_settings(database))
    owner = f"cli:{socket.gethostname()}:{os.getpid()}"
    report = send_due(database, now=now(), owner=owner, password=password, limit=args.limit)
    print_report(report)
    return EXIT_NOT_ALL_SENT if report.failed else EXIT_OK


def now() -> dt.datetime:
    """The moment a run counts as; one function so that tests can fix it."""
    return dt.datetime.now(dt.UTC)


def print_report(report: SendReport) -> None:
    print(f"Sent {report.sent}, failed {report.failed}, deferred {report.deferred}.")
    for problem in report.problems:
        print(f"  {problem.text()}")


def _settings(database) -> SmtpSettings:
    with database.reading() as session:
        settings = smtp_settings(session)
    if settings is None:
        raise CliError("no SMTP settings: set them with `finqr settings smtp`")
    return settings


def _password(settings: SmtpSettings) -> str | None:
    """The keyring's password; without a keyring or a stored one, asked for this once."""
    if not settings.username:
        return None
    try:
        stored = load_password(settings.host, settings.username)
    except NoKeyring as error:
        print(f"note: {error}", file=sys.stderr)
        stored = None
    return stored if stored is not None else _read_password(settings)


def _read_password(settings: SmtpSettings) -> str:
    if sys.stdin.isatty():
        password = getpass.getpass(f"Password for {settings.password_key}: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CliError(f"no password given for {settings.password_key}")
    return password
