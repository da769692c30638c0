"""The PostgreSQL password of a shared ledger: in the system keyring, never in a stored URL.

A URL typed with a password (``postgresql+psycopg://eva:secret@db.office/finqr``) has it
moved into the keyring under "FINQR Desktop database", account ``eva@db.office/finqr``, and
only the URL without it is remembered (the app's settings, a script's environment). Opening
a URL without a password looks it up there. Without a usable keyring the CLI takes
FINQR_DB_PASSWORD (or libpq's own PGPASSWORD) and the app asks once per session; the
password then lives only in the running process. The keyring calls are mail.passwords',
which keeps the SMTP password the same way.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..domain.messages import msg
from ..mail import passwords
from ..mail.passwords import NoKeyring

logger = logging.getLogger(__name__)

SERVICE = "FINQR Desktop database"
PASSWORD_ENV = ("FINQR_DB_PASSWORD", "PGPASSWORD")
EXAMPLE = "postgresql+psycopg://eva@db.office.example/finqr"


class DatabasePasswordMissing(Exception):
    """The server needs a password that neither the keyring nor the environment holds."""


@dataclass(frozen=True)
class Remembered:
    """What to store after a URL was typed: ``url`` has no password; ``in_keyring`` says
    whether the typed password was kept (False: only for this session, no keyring)."""

    url: str
    in_keyring: bool
    keyring_problem: str | None = None


def is_server_url(url: str) -> bool:
    """True for a database on a server (PostgreSQL), where a password may belong."""
    try:
        return make_url(url).get_backend_name() == "postgresql"
    except (ArgumentError, ValueError):  # ValueError: what follows a ":" is no port
        return False


def account(url: str | URL) -> str:
    """The keyring account of a server URL: ``user@host/database`` (``host:port`` when a
    port is given), so two ledgers on one server keep two passwords."""
    parsed = make_url(url) if isinstance(url, str) else url
    return f"{parsed.username}@{_place(parsed)}"


def without_password(url: str) -> str:
    """The URL as it may be stored or shown: no password in it."""
    parsed = make_url(url)
    # URL.set(password=None) keeps the password (None means "unchanged" there).
    bare = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return bare.render_as_string(hide_password=False)


def url_problem(text: str) -> str | None:
    """Why ``text`` cannot be opened as a ledger, or None (a plain path is a SQLite file)."""
    if not text.strip():
        return msg("type a database URL or a file path first")
    if "://" not in text:
        return None
    try:
        parsed = make_url(text.strip())
    except ArgumentError:
        return msg("this is not a database URL; a PostgreSQL one reads {example}", example=EXAMPLE)
    except ValueError:
        # An unescaped @ : / in a password makes the rest of it look like a port.
        return msg(
            "the URL cannot be read: write @ : / in a password as %40 %3A %2F ({example})",
            example=EXAMPLE,
        )
    if parsed.get_backend_name() not in ("postgresql", "sqlite"):
        return msg("only PostgreSQL and SQLite ledgers can be opened")
    if parsed.get_backend_name() == "postgresql" and not (parsed.host and parsed.database):
        return msg("a PostgreSQL URL needs a host and a database: {example}", example=EXAMPLE)
    return None


def typed_password(url: str) -> tuple[str, str] | None:
    """(keyring account, password) when a server URL carries a password, else None."""
    if not is_server_url(url):
        return None
    parsed = make_url(url)
    return None if parsed.password is None else (account(parsed), str(parsed.password))


def remember(url: str) -> Remembered:
    """Move a typed password into the keyring; returns the URL to store, without it.

    Without a usable keyring nothing is kept and ``keyring_problem`` says why: the caller
    then holds the password for this session only (``with_password``'s ``ask``).
    """
    parsed = make_url(url)
    if not is_server_url(url) or parsed.password is None:
        return Remembered(url, in_keyring=False)
    stored = without_password(url)
    host, user = _keyring_parts(parsed)
    try:
        passwords.store_password(host, user, str(parsed.password), service=SERVICE)
    except NoKeyring:
        logger.info("no keyring: the database password for %s is not kept", account(parsed))
        return Remembered(stored, in_keyring=False, keyring_problem=_NO_KEYRING)
    logger.info("the database password for %s is in the keyring", account(parsed))
    return Remembered(stored, in_keyring=True)


def with_password(
    url: str,
    *,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str | None] | None = None,
    keyring: bool = True,
) -> str:
    """The URL to connect with: its own password, else the keyring's, else the
    environment's, else (when given) what ``ask(account)`` answers. Keep it in memory only.

    With nothing found and no ``ask`` the URL goes as it is: the server may trust the
    user, or libpq may find the password itself (~/.pgpass); ``needs_password`` then tells
    a refusal apart. DatabasePasswordMissing when ``ask`` gave nothing (cancelled).
    """
    if not is_server_url(url):
        return url
    parsed = make_url(url)
    if parsed.password is not None or not parsed.username:
        return url
    password = _from_keyring(parsed) if keyring else None
    if password is None:
        environ = os.environ if environ is None else environ
        password = next((environ[name] for name in PASSWORD_ENV if environ.get(name)), None)
    if password is None and ask is not None:
        password = ask(account(parsed))
        if password is None:
            raise DatabasePasswordMissing(
                msg("no password was given for {account}", account=account(parsed))
            )
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def needs_password(error: BaseException) -> bool:
    """Whether opening failed because the server wants a (different) password."""
    text = str(error).lower()
    return "no password supplied" in text or "password authentication failed" in text


def password_hint(url: str) -> str:
    """What to do when the server refused: for the command line."""
    return (
        f"the server wants a password for {account(url)}: give it once in the URL "
        f"(it is then kept in the system keyring) or set {PASSWORD_ENV[0]}"
    )


def forget(url: str) -> bool:
    """Remove the keyring's password for the URL's account; False when none was kept."""
    parsed = make_url(url)
    host, user = _keyring_parts(parsed)
    try:
        return passwords.delete_password(host, user, service=SERVICE)
    except NoKeyring:
        return False


_NO_KEYRING = msg(
    "No system keyring is available to keep the database password, so it is not kept."
)


def _from_keyring(parsed: URL) -> str | None:
    host, user = _keyring_parts(parsed)
    try:
        return passwords.load_password(host, user, service=SERVICE)
    except NoKeyring:
        return None


def _keyring_parts(parsed: URL) -> tuple[str, str]:
    # mail.passwords keys an entry "user@host"; the host part here carries the database.
    return _place(parsed), parsed.username or ""


def _place(parsed: URL) -> str:
    host = parsed.host or "localhost"
    if parsed.port:
        host = f"{host}:{parsed.port}"
    return f"{host}/{parsed.database or ''}"
