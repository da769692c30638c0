"""How to reach the SMTP server: host, port, security and who the mail is from.

The password is not part of the settings; it lives in the system keyring (``passwords``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..domain.errors import Problem, ValidationFailed
from ..domain.messages import error_message, msg
from .addresses import check_display_name, normalise_address

logger = logging.getLogger(__name__)

SECURITY_MODES = ("none", "starttls", "tls")


@dataclass(frozen=True, kw_only=True)
class SmtpSettings:
    """``security``: "starttls" (usually port 587), "tls" (implicit, usually 465) or "none"
    (only for a relay on the local machine or network)."""

    host: str
    port: int
    security: str
    sender_address: str
    sender_name: str = ""
    username: str = ""
    reply_to: str = ""
    timeout: float = 30

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ValidationFailed(problems)

    @property
    def password_key(self) -> str:
        return f"{self.username}@{self.host}"


def _problems(settings: SmtpSettings) -> list[Problem]:
    problems = []
    host = settings.host
    if not host or host != host.strip() or any(c.isspace() for c in host):
        problems.append(Problem("host", msg("not a host name: {host}", host=repr(host))))
    port = settings.port
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        problems.append(
            Problem(
                "port",
                msg("a port is a whole number from 1 to 65535, not {port}", port=repr(port)),
            )
        )
    if settings.security not in SECURITY_MODES:
        problems.append(
            Problem(
                "security",
                msg(
                    "choose one of {choices}, not {chosen}",
                    choices=", ".join(SECURITY_MODES),
                    chosen=repr(settings.security),
                ),
            )
        )
    if any(c.isspace() for c in settings.username):
        problems.append(Problem("username", msg("a user name has no spaces or line breaks")))
    for name in ("sender_address", "reply_to"):
        value = getattr(settings, name)
        if name == "reply_to" and not value:
            continue
        try:
            normalise_address(value)
        except ValueError as error:
            problems.append(Problem(name, error_message(error)))
    try:
        check_display_name(settings.sender_name)
    except ValueError as error:
        problems.append(Problem("sender_name", error_message(error)))
    timeout = settings.timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= 600:
        problems.append(
            Problem("timeout", msg("a timeout is more than 0 and at most 600 seconds"))
        )
    return problems
