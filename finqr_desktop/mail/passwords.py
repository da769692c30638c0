"""The SMTP password, kept only in the system keyring and nowhere else.

Without a usable keyring (a server without a desktop session, or keyring configured to the
fail or null backend) every function raises ``NoKeyring``; the app then asks for the
password once per session and keeps it in memory only. Passwords are never logged.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from ..domain.messages import msg

logger = logging.getLogger(__name__)

SERVICE = "FINQR Desktop SMTP"


class NoKeyring(Exception):
    """No system keyring can keep the password; ask for it each session instead."""


def password_key(host: str, username: str) -> str:
    if not username:
        raise ValueError(msg("a password belongs to a user name; this server has none"))
    return f"{username}@{host}"


def store_password(host: str, username: str, password: str, *, service: str = SERVICE) -> None:
    """``service`` names whose password it is: the SMTP one by default, the portal's SFTP
    password (services.portal_settings) is kept the same way under its own name."""
    backend = _usable_backend()
    try:
        backend.set_password(service, password_key(host, username), password)
    except keyring.errors.KeyringError as error:
        raise _no_keyring(error) from error
    logger.info(
        "stored the %s password for %s in %s",
        service,
        password_key(host, username),
        _name(backend),
    )


def load_password(host: str, username: str, *, service: str = SERVICE) -> str | None:
    """The stored password, or None when none is stored for this user and host."""
    backend = _usable_backend()
    try:
        return backend.get_password(service, password_key(host, username))
    except keyring.errors.KeyringError as error:
        raise _no_keyring(error) from error


def delete_password(host: str, username: str, *, service: str = SERVICE) -> bool:
    """Forget the password; False when there was none to forget."""
    backend = _usable_backend()
    try:
        backend.delete_password(service, password_key(host, username))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as error:
        raise _no_keyring(error) from error
    logger.info("deleted the SMTP password for %s", password_key(host, username))
    return True


def _usable_backend() -> KeyringBackend:
    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError as error:
        raise _no_keyring(error) from error
    # The fail and null backends accept calls but keep nothing, and a chainer with no
    # backends behind it is the same thing in disguise.
    empty_chain = isinstance(backend, chainer.ChainerBackend) and not backend.backends
    if isinstance(backend, fail.Keyring | null.Keyring) or empty_chain:
        raise NoKeyring(
            msg(
                "No system keyring is available to keep the SMTP password safely, so it is not "
                "saved; enter it once each session instead."
            )
        )
    return backend


def _no_keyring(error: Exception) -> NoKeyring:
    logger.warning("the system keyring failed: %s", type(error).__name__)
    return NoKeyring(
        msg(
            "The system keyring could not be used (it may be locked or missing), so the SMTP "
            "password is not saved; enter it once each session instead."
        )
    )


def _name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"
