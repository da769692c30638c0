"""Issue selected…: the drafts chosen in the invoice list, issued one by one with progress.

Each invoice is its own transaction (``services.batch_issue``), so Cancel stops after the
invoice in progress and every invoice issued until then stays issued, numbered without
gaps; the dialog ends by saying how many were issued and how many are still drafts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from ..services.batch_issue import BatchIssued, issue_drafts
from ..services.cancelling import Step
from .context import INVOICES, LedgerContext
from .message_text import error_text
from .progress_dialog import ProgressDialog

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def issue_selected(context: LedgerContext, draft_ids: list[int], parent=None) -> ProgressDialog:
    """Open the progress dialog and start issuing ``draft_ids`` in that order."""
    dialog = ProgressDialog(
        _tr("Issue invoices"),
        _tr(
            "Cancel stops after the invoice in progress. Invoices issued until then stay "
            "issued; the others stay drafts."
        ),
        parent,
    )
    database = context.database

    def work(report, cancel) -> BatchIssued:
        return issue_drafts(database, draft_ids, cancel=cancel, progress=report)

    def finished(_result, _error) -> None:
        context.announce(INVOICES)

    dialog.completed.connect(finished)
    dialog.run(work, describe=describe_step, report=describe_result)
    return dialog


def describe_step(step: Step) -> tuple[str, float | None]:
    if step.done >= step.total:
        return _tr("Finishing…"), 1.0
    text = _tr("Issuing invoice {n} of {total}: {customer}").format(
        n=step.done + 1, total=step.total, customer=step.what
    )
    return text, step.share


def describe_result(result: BatchIssued | None, error: Exception | None) -> str:
    if error is not None:
        return _tr("Issuing stopped: {error}").format(error=error_text(error))
    parts = [
        _tr("{issued} of {total} invoices issued.").format(
            issued=len(result.numbers), total=result.total
        )
    ]
    if result.numbers:
        parts.append(
            _tr("First number {first}, last {last}.").format(
                first=result.numbers[0], last=result.numbers[-1]
            )
        )
    if result.failure:
        parts.append(_tr("A draft could not be issued: {reason}.").format(reason=result.failure))
    elif result.cancelled:
        parts.append(_tr("Cancelled."))
    if result.left:
        parts.append(_tr("{left} selected drafts stay drafts.").format(left=result.left))
    return " ".join(parts)
