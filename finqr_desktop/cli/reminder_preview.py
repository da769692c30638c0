"""`finqr reminders preview NUMBER --out DIR`: the exact e-mail and PDF that will go out.

The .eml file is the message the worker would send (``services.mail_preview``), Date and
Message-ID aside; any mail program opens it. The PDF beside it is the attachment's bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from pathlib import Path

from ..services.mail_preview import MailPreview, preview_number
from ..services.reminder_mail import NotSendable
from .errors import EXIT_OK, CliError
from .files import write_file
from .output import print_fields

logger = logging.getLogger(__name__)


def register(actions, common: argparse.ArgumentParser) -> None:
    preview = actions.add_parser(
        "preview",
        parents=[common],
        help="write the exact e-mail and PDF that will go out for an invoice",
        description="Write the next e-mail about an invoice (its reminder in the queue, or "
        "its own e-mail still waiting) as an .eml file, and its PDF, into DIR. Only the "
        "Date and Message-ID headers will differ from what is sent.",
    )
    preview.add_argument("number", metavar="NUMBER", help="the invoice number")
    preview.add_argument("--out", metavar="DIR", required=True, type=Path,
                         help="the folder to write into (made if missing)")  # fmt: skip
    preview.set_defaults(handler=run_preview)


def now() -> dt.datetime:
    """The moment the preview is built for; one function so that tests can fix it."""
    return dt.datetime.now(dt.UTC)


def run_preview(args: argparse.Namespace, database) -> int:
    with database.reading() as session:
        try:
            shown = preview_number(session, args.number, now())
        except NotSendable as error:
            raise CliError(f"{args.number.strip()} cannot be e-mailed: {error}") from None
    folder = _folder(args.out)
    name, pdf = shown.attachment
    name = Path(name.replace("/", "-")).name
    eml = folder / f"{_stem(shown)}.eml"
    write_file(str(eml), shown.message.as_bytes())
    write_file(str(folder / name), pdf)
    print(f"Wrote {eml} and {folder / name}")
    print_fields(
        [
            ("Subject", shown.subject),
            ("To", shown.to),
            ("Reply-To", shown.reply_to),
            ("Goes at", shown.at.isoformat(timespec="minutes")),
        ],
        indent="  ",
    )
    return EXIT_OK


def _folder(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CliError(f"{path}: is a file, not a folder") from None
    except OSError as error:
        raise CliError(f"{path}: {error.strerror or error}") from None
    return path


def _stem(shown: MailPreview) -> str:
    what = f"reminder-{shown.level}" if shown.kind == "reminder" else shown.kind
    # Numbers come from the series pattern; a slash in one must not make a subfolder.
    return f"{shown.invoice_number.replace('/', '-')}-{what}"
