"""The Templates section: the template list, the designer, and the live preview beside it.

Every edit is checked at once with the rules a save applies (``design_problems``); a design
with problems is marked field by field and not rendered. Save (also the Save key) adds a
template version in one transaction. Every edit is a step to undo (``template_undo``).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem, ValidationFailed
from ..domain.templates import Design
from ..services import templates as template_service
from ..services.template_data import design_problems
from . import messages
from .context import LedgerContext
from .field_errors import FieldErrors, error_label
from .scrolling import scrolled
from .shortcut_text import bind_button
from .template_blocks import BlockList
from .template_brand import BrandForm
from .template_list import TEMPLATES, TemplateList
from .template_preview import PreviewPane
from .template_sources import PreviewSources
from .template_undo import TemplateUndo

logger = logging.getLogger(__name__)


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(8, 8, 12, 8)
    layout.addWidget(widget)
    layout.addStretch(1)
    area.setWidget(inner)
    return area


class TemplatesPage(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.template_id: int | None = None
        self.saved: Design | None = None
        self.problems: list[Problem] = []

        title = QLabel(self.tr("Templates"))
        title.setObjectName("pageTitle")
        self.templates = TemplateList(context)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.brand = BrandForm(self.errors)
        self.blocks = BlockList(context.today())
        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(self.brand), self.tr("Brand"))
        self.tabs.addTab(_scrolled(self.blocks), self.tr("Message blocks"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        bind_button(self, self.save_button, QKeySequence.StandardKey.Save)
        self.saved_label = QLabel()
        self.undo = TemplateUndo(self)

        self.sources = PreviewSources(context)
        self.preview = PreviewPane()

        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.undo.history.undo_button)
        save_row.addWidget(self.undo.history.redo_button)
        save_row.addWidget(self.save_button)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 6, 0)
        editor_layout.addWidget(title)
        editor_layout.addWidget(self.templates)
        editor_layout.addWidget(self.tabs, 1)
        editor_layout.addWidget(self.general_error)
        editor_layout.addLayout(save_row)
        viewer = QWidget()
        viewer_layout = QVBoxLayout(viewer)
        viewer_layout.setContentsMargins(6, 0, 0, 0)
        viewer_layout.addWidget(self.sources)
        viewer_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        editor.setMinimumWidth(440)
        splitter.addWidget(scrolled(editor))
        splitter.addWidget(viewer)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.templates.chosen.connect(self.open_template)
        self.brand.changed.connect(self.edited)
        self.blocks.changed.connect(self.edited)
        self.sources.changed.connect(self.edited)
        self.undo.history.watch(self)
        self.templates.reload()

    def design(self) -> Design:
        """The design as the fields show it, checked or not."""
        return Design(**self.brand.values(), blocks=tuple(self.blocks.blocks))

    def has_unsaved_work(self) -> bool:
        return self.saved is not None and self.design() != self.saved

    def open_template(self, template_id: int) -> None:
        if template_id == self.template_id:
            return
        if (
            self.saved is not None
            and self.design() != self.saved
            and not messages.confirm(
                self, self.tr("Templates"), self.tr("Discard the changes to this template?")
            )
        ):
            self.templates.reload(select=self.template_id)
            return
        with self.context.reading() as session:
            _, design = template_service.current_design(session, template_id)
        self.template_id, self.saved = template_id, design
        self.brand.load(design)
        self.blocks.load(design.blocks)
        self.undo.reset()
        self.saved_label.clear()
        self.edited()

    def edited(self) -> None:
        """Check the design and either mark its problems or have it rendered."""
        design = self.design()
        self.problems = design_problems(design)
        self.errors.show([p for p in self.problems if not p.field.startswith("blocks[")])
        self.blocks.show_problems(self.problems)
        self.save_button.setEnabled(not self.problems and design != self.saved)
        if self.problems:
            self.preview.hold(self.tr("Not rendered: fix the marked fields."))
            return
        data = self.sources.document()
        if data is not None:
            self.preview.request(design, data)

    def save(self) -> int | None:
        """Save the design as the template's next version; returns that version's number."""
        if self.template_id is None:
            return None
        design = self.design()
        try:
            with self.context.writing() as session:
                template_service.save_design(session, self.template_id, design)
        except ValidationFailed as error:
            self.errors.show([p for p in error.problems if not p.field.startswith("blocks[")])
            self.blocks.show_problems(error.problems)
            return None
        self.saved = replace(design)
        self.undo.stack.setClean()
        version = self.templates.version_of(self.template_id)
        self.saved_label.setText(self.tr("Saved as version {n}").format(n=version))
        self.save_button.setEnabled(False)
        self.context.announce(TEMPLATES)
        self.templates.reload(select=self.template_id)
        logger.info("template %s saved as version %s", self.template_id, version)
        return version
