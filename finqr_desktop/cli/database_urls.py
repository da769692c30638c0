"""A --database the user can correct, told as such (exit 2) before or after connecting.

Before: an empty value, a URL SQLAlchemy cannot split (a password with an unescaped ``@``,
``:`` or ``/`` makes the rest of it look like a port), a database FINQR does not run on, a
PostgreSQL URL without a database name or with a port no server listens on. After: what
the server said about the URL itself (no such database or role, a refused password). A
server that does not answer is not the URL's fault and stays exit 1.
"""

from __future__ import annotations

import logging
import os
import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from ..services import database_passwords
from .errors import CliError

logger = logging.getLogger(__name__)

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
ESCAPES = "write @ : / in a password as %40 %3A %2F"
# Up to the last "@": a password may itself hold "@", and none of it may be shown.
_PASSWORD = re.compile(r"(://[^:/@]*:).*@")
# What libpq says when the URL names something the server does not have.
_URL_REFUSALS = ("does not exist", "invalid port", "invalid integer value")
_WRONG_PASSWORD = "password authentication failed"


def shown(url: str) -> str:
    """The URL as it may be printed: any password replaced by ***."""
    return _PASSWORD.sub(r"\1***@", url)


def shown_database(given: str) -> str:
    """A --database value to print in a hint: a server URL without its password."""
    if database_passwords.is_server_url(given):
        return database_passwords.without_password(given)
    return given


def check_url(given: str | None, resolved: str) -> None:
    """CliError when the database URL is wrong in a way no connection is needed to see."""
    if given is not None and not given.strip():
        raise CliError("the database URL is empty: give a SQLite file or a PostgreSQL URL")
    try:
        parsed = make_url(resolved)
    except ArgumentError:
        return  # said by the caller, as before, with SQLAlchemy's reason
    except ValueError:
        raise CliError(
            f"the database URL cannot be read: {shown(resolved)} has something other than "
            f"a port number after a colon ({ESCAPES})"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise CliError(
            f"cannot open the database {shown(resolved)}: only SQLite files and PostgreSQL "
            "URLs are supported"
        )
    if backend != "postgresql":
        return
    if not parsed.database:
        raise CliError(
            f"the database URL {shown(resolved)} names no database: "
            f"{database_passwords.EXAMPLE} ({ESCAPES})"
        )
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise CliError(
            f"the database URL {shown(resolved)} has port {parsed.port}: a port is 1 to 65535"
        )


def server_refusal(exc: BaseException, resolved: str, connected_with: str) -> str | None:
    """What to tell the user when the server refused the URL, or None for other failures.

    ``connected_with`` is the URL with the password found for it (never printed).
    """
    if not database_passwords.is_server_url(resolved):
        return None
    reason = _libpq_message(exc)
    if _WRONG_PASSWORD in reason.lower() and make_url(connected_with).password is not None:
        return (
            f"the server refused the password for {database_passwords.account(resolved)} "
            f"({_password_source(resolved)})"
        )
    if database_passwords.needs_password(exc):
        return database_passwords.password_hint(resolved)
    # OperationalError only: a ProgrammingError's "relation ... does not exist" while
    # migrating is no fault of the URL.
    if isinstance(exc, OperationalError) and any(r in reason for r in _URL_REFUSALS):
        return f"cannot open the database {shown(resolved)}: {reason}"
    return None


def _libpq_message(exc: BaseException) -> str:
    # SQLAlchemy wraps the driver's error; libpq's own words are the driver's first line,
    # after psycopg's "connection failed: connection to server at ... failed:".
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()[0] if str(original).strip() else ""
    if "FATAL:" in text:
        text = text.split("FATAL:", 1)[1]
    elif "connection is bad:" in text:
        text = text.split("connection is bad:", 1)[1]
    return text.strip()


def _password_source(resolved: str) -> str:
    if make_url(resolved).password is not None:
        return "the one in the URL"
    for name in database_passwords.PASSWORD_ENV:
        if os.environ.get(name):
            return f"the one in {name}"
    return "the one kept in the system keyring; give the right one once in the URL"
