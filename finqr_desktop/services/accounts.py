"""The company's chart of accounts for the SIE export, kept in the ``setting`` table.

Only the accounts the clerk changed are stored (under ``sie.accounts``); the rest follow
the BAS defaults of ``domain.chart_of_accounts``, so a later change of a default reaches
every ledger that never chose otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sqlalchemy.orm import Session

from ..domain.chart_of_accounts import (
    BY_KEY,
    Chart,
    chart_from,
    check_account,
    shared_accounts,
)
from ..domain.errors import Problem, ValidationFailed
from ..domain.messages import error_message, msg
from . import settings_store

logger = logging.getLogger(__name__)

ACCOUNTS_KEY = "sie.accounts"


def chart(session: Session) -> Chart:
    stored = settings_store.load(session, ACCOUNTS_KEY, {})
    if not isinstance(stored, dict):
        logger.warning("ignoring a malformed %s setting: %r", ACCOUNTS_KEY, stored)
        stored = {}
    return chart_from(stored)


def set_accounts(session: Session, changes: Mapping[str, str]) -> Chart:
    """Change accounts by purpose (``{"bank": "1940"}``); all or none, each problem named.

    An account set back to its default is no longer stored as a change. A chart where
    two roles that meet in one verification share an account is refused as a whole.
    """
    problems = []
    checked = {}
    for key, value in changes.items():
        if key not in BY_KEY:
            known = ", ".join(BY_KEY)
            problems.append(
                Problem(key, msg("not an account setting; the settings are {known}", known=known))
            )
            continue
        try:
            checked[key] = check_account(value)
        except ValueError as error:
            problems.append(Problem(key, error_message(error)))
    if problems:
        raise ValidationFailed(problems)
    stored = settings_store.load(session, ACCOUNTS_KEY, {})
    stored = dict(stored) if isinstance(stored, dict) else {}
    for key, account in checked.items():
        if account == BY_KEY[key].default:
            stored.pop(key, None)
        else:
            stored[key] = account
    changed = chart_from(stored)
    conflicts = shared_accounts(changed)
    if conflicts:
        raise ValidationFailed(conflicts)
    settings_store.store(session, ACCOUNTS_KEY, stored)
    logger.info("SIE accounts changed: %s", checked)
    return changed
