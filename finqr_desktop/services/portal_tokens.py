"""Each customer's portal token: the unguessable part of the address of their page.

A token is ``secrets.token_urlsafe(32)``: 256 random bits, far past the 128 the issue asks
for, in 43 URL-safe characters. It is made when first needed (the first build, or the
first document printed with a portal address) and replaced only by ``rotate_token``; the
next publish then removes the old page, because the old folder is no longer in the site.
"""

from __future__ import annotations

import logging
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..storage.models import CustomerRow
from .portal_settings import load_settings

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32


def new_token() -> str:
    """A fresh token. One that starts with "-" is drawn again: as a folder name it would
    read as an option to the shell tools (grep, rm, scp) a web host's admin uses, and
    leaving out 1 of 64 first characters costs under 0.03 of the 256 bits."""
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if not token.startswith("-"):
            return token


def ensure_token(session: Session, customer: CustomerRow) -> str:
    if not customer.portal_token:
        customer.portal_token = new_token()
        session.flush()
        logger.info("gave customer %s a portal token", customer.number)
    return customer.portal_token


def rotate_token(session: Session, customer_number: str) -> str:
    """A new token for the customer; the old address stops working at the next publish."""
    customer = session.scalar(select(CustomerRow).where(CustomerRow.number == customer_number))
    if customer is None:
        raise RuleViolation(msg("no customer with number {number}", number=repr(customer_number)))
    customer.portal_token = new_token()
    session.flush()
    logger.info("rotated the portal token of customer %s", customer.number)
    return customer.portal_token


def portal_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/{token}/" if base_url and token else ""


def customer_portal_url(session: Session, customer: CustomerRow, *, create: bool) -> str:
    """The customer's portal address, or "" when no portal address is set. Only a writing
    caller passes ``create``: a reading one (a reminder's preview) prints no address rather
    than one that its rolled-back transaction would forget."""
    base = load_settings(session).base_url
    if not base:
        return ""
    token = ensure_token(session, customer) if create else customer.portal_token
    return portal_url(base, token or "")
