"""The ledger's SMTP settings, stored in the ``setting`` table as JSON under "smtp".

Only where and how to connect is stored; the password never reaches the database, it
lives in the system keyring (``mail.passwords``) or, without one, in memory for a session.
"""

from __future__ import annotations

import dataclasses
import logging

from sqlalchemy.orm import Session

from ..domain.errors import Problem, ValidationFailed
from ..domain.messages import msg
from ..mail.settings import SmtpSettings
from . import settings_store

logger = logging.getLogger(__name__)

SMTP_KEY = "smtp"
_FIELDS = tuple(field.name for field in dataclasses.fields(SmtpSettings))


def smtp_settings(session: Session) -> SmtpSettings | None:
    """The stored settings, or None while the clerk has not set any."""
    stored = settings_store.load(session, SMTP_KEY)
    if not isinstance(stored, dict):
        return None
    try:
        return SmtpSettings(**{k: v for k, v in stored.items() if k in _FIELDS})
    except TypeError as error:
        problem = Problem(
            "smtp", msg("the stored SMTP settings are unreadable: {reason}", reason=str(error))
        )
        raise ValidationFailed([problem]) from error


def set_smtp_settings(session: Session, settings: SmtpSettings) -> None:
    settings_store.store(session, SMTP_KEY, dataclasses.asdict(settings))
    logger.info("SMTP settings: %s:%s (%s)", settings.host, settings.port, settings.security)
