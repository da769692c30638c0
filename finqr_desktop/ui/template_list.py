"""The ledger's templates with their current versions, and the actions on whole templates:
new, duplicate, export to a file and import from one. Each action is one transaction."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import RuleViolation, ValidationFailed
from ..domain.templates import Design
from ..services import templates as template_service
from . import messages
from .context import LedgerContext
from .message_text import error_text

logger = logging.getLogger(__name__)

TEMPLATES = "templates"  # what LedgerContext.announce says after a template changed
# Marked for lupdate here, translated where it is shown (TemplateList).
FILE_FILTER = QT_TRANSLATE_NOOP("TemplateList", "FINQR templates (*.json);;All files (*)")


class TemplateList(QWidget):
    chosen = Signal(int)  # template id

    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.ids: list[int] = []
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Template"), self.tr("Version")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumHeight(100)
        self.table.currentCellChanged.connect(self._on_cell)

        self.new_button = QPushButton(self.tr("New"))
        self.new_button.clicked.connect(self.new_template)
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.duplicate_button.clicked.connect(self.duplicate_template)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self.export_template)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.clicked.connect(self.import_template)
        self.default_button = QPushButton(self.tr("Make default"))
        self.default_button.setToolTip(self.tr("Print new documents with this template"))
        self.default_button.clicked.connect(self.make_default)
        buttons = QGridLayout()
        buttons.addWidget(self.new_button, 0, 0)
        buttons.addWidget(self.duplicate_button, 0, 1)
        buttons.addWidget(self.export_button, 0, 2)
        buttons.addWidget(self.import_button, 0, 3)
        buttons.addWidget(self.default_button, 0, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def reload(self, select: int | None = None) -> None:
        """Read the list again and select ``select`` (else the current, else the first)."""
        keep = select if select is not None else self.current_id()
        with self.context.writing() as session:
            template_service.ensure_default_template(session)
            summaries = template_service.list_templates(session)
        self.table.blockSignals(True)
        self.table.setRowCount(len(summaries))
        self.ids = [summary.id for summary in summaries]
        for row, summary in enumerate(summaries):
            name = summary.name + (self.tr(" (default)") if summary.is_default else "")
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(str(summary.version)))
        row = self.ids.index(keep) if keep in self.ids else 0
        self.table.setCurrentCell(row, 0)
        self.table.blockSignals(False)
        if self.ids:
            self.chosen.emit(self.ids[row])

    def make_default(self) -> bool:
        template_id = self.current_id()
        if template_id is None:
            return False
        with self.context.writing() as session:
            template_service.set_default_template(session, template_id)
        self.reload(select=template_id)
        return True

    def version_of(self, template_id: int) -> int:
        with self.context.reading() as session:
            summaries = template_service.list_templates(session)
        return next((s.version for s in summaries if s.id == template_id), 0)

    def _on_cell(self, row: int, _column: int, previous: int, _previous_column: int) -> None:
        if row != previous and 0 <= row < len(self.ids):
            self.chosen.emit(self.ids[row])

    def new_template(self) -> int | None:
        return self._add(Design(name=self.tr("New template")))

    def duplicate_template(self) -> int | None:
        template_id = self.current_id()
        if template_id is None:
            return None
        with self.context.reading() as session:
            _, design = template_service.current_design(session, template_id)
        return self._add(replace(design, name=self.tr("{name} (copy)").format(name=design.name)))

    def _add(self, design: Design) -> int | None:
        try:
            with self.context.writing() as session:
                template_service.save_design(session, None, design)
                # The new template is the one with the highest id.
                template_id = max(s.id for s in template_service.list_templates(session))
        except ValidationFailed as error:
            messages.warn(self, self.tr("Template"), error_text(error))
            return None
        self.context.announce(TEMPLATES)
        self.reload(select=template_id)
        return template_id

    def export_template(self) -> Path | None:
        template_id = self.current_id()
        if template_id is None:
            return None
        name = self.table.item(self.table.currentRow(), 0).text()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the template"), f"{name}.json", self.tr(FILE_FILTER)
        )
        if not path:
            return None
        with self.context.reading() as session:
            data = template_service.export_template(session, template_id)
        try:
            Path(path).write_bytes(data)
        except OSError as error:
            messages.warn(
                self,
                self.tr("Export"),
                self.tr("Could not write {path}: {error}").format(
                    path=path, error=error.strerror or error
                ),
            )
            return None
        logger.info("exported template %s to %s", template_id, path)
        return Path(path)

    def import_template(self) -> int | None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a template"), "", self.tr(FILE_FILTER)
        )
        if not path:
            return None
        try:
            data = Path(path).read_bytes()
            with self.context.writing() as session:
                template_id = template_service.import_template(session, data)
        except OSError as error:
            messages.warn(self, self.tr("Import"), str(error.strerror or error))
            return None
        except (ValidationFailed, RuleViolation) as error:
            problems = getattr(error, "problems", None) or [error]
            text = "\n".join(str(problem) for problem in problems)
            text = self.tr("The file was not imported:\n{problems}").format(problems=text)
            messages.warn(self, self.tr("Import"), text)
            return None
        self.context.announce(TEMPLATES)
        self.reload(select=template_id)
        return template_id
