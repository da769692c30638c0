"""The invoice view's "Export e-invoice…": the issued document as UBL or Factur-X, saved
where the clerk chooses. The file dialog's filter chooses the format."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain.errors import RuleViolation, ValidationFailed
from ..services.einvoice import FACTURX, UBL, export_file
from ..services.file_output import is_ledger_file, write_atomically
from . import messages
from .context import LedgerContext
from .message_text import error_text

logger = logging.getLogger(__name__)

DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def filters() -> dict[str, str]:
    """File-dialog filter → export format; the first is the default."""
    return {
        _tr("Peppol BIS 3 UBL (*.xml)"): UBL,
        _tr("Factur-X PDF/A-3 (*.pdf)"): FACTURX,
    }


def export_einvoice(parent: QWidget, context: LedgerContext, number: str) -> str | None:
    """Ask where to save, build the file and write it; the path, or None if not saved."""
    choices = filters()
    start = str(Path(QStandardPaths.writableLocation(DOCUMENTS)) / f"{number}.xml")
    path, chosen = QFileDialog.getSaveFileName(
        parent, _tr("Export e-invoice"), start, ";;".join(choices)
    )
    if not path:
        return None
    file_format = choices.get(chosen) or (FACTURX if path.lower().endswith(".pdf") else UBL)
    try:
        # Writing: a document issued in a batch archives its PDF on first use.
        with context.writing() as session:
            made = export_file(session, number, file_format)
    except (RuleViolation, ValidationFailed) as error:
        messages.warn(parent, _tr("No e-invoice"), error_text(error))
        return None
    suffix = ".pdf" if file_format == FACTURX else ".xml"
    target = Path(path) if Path(path).suffix else Path(path).with_suffix(suffix)
    try:
        if is_ledger_file(target, context.database.sqlite_path):
            messages.warn(parent, _tr("Not saved"),
                          _tr("{path} is the ledger's own database file; choose another "
                              "file.").format(path=target))  # fmt: skip
            return None
        write_atomically(target, made.content)
    except OSError as error:
        messages.warn(parent, _tr("Not saved"), f"{target}: {error.strerror or error}")
        return None
    logger.info("exported %s as %s to %s", number, file_format, target)
    return str(target)
