"""Review actions on the reminder queue that the outbox does not cover: pausing a customer.

Pausing is a flag on the customer, not an outbox row, so it lasts for every later level and
every invoice of that customer until the clerk clears it in the customer editor.
"""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from ..storage.models import CustomerRow
from . import audit

logger = logging.getLogger(__name__)


def set_customer_paused(session: Session, customer_number: str, paused: bool) -> None:
    """Pause (or resume) every reminder to the customer with ``customer_number``."""
    result = session.execute(
        update(CustomerRow)
        .where(CustomerRow.number == customer_number)
        # The version moves, so a customer editor open meanwhile cannot undo the pause.
        .values(reminders_paused=paused, version=CustomerRow.version + 1)
        .returning(CustomerRow.id)
        .execution_options(synchronize_session=False)
    )
    customer_id = result.scalar()
    if customer_id is None:
        raise RuleViolation(msg("no customer with number {number}", number=customer_number))
    state = "paused" if paused else "resumed"
    detail = f"customer {customer_number}: reminders {state}"
    audit.record(session, audit.CUSTOMER, customer_id=customer_id, detail=detail)
    logger.info("customer %s reminders_paused=%s", customer_number, paused)
