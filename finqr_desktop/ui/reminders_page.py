"""The Reminders page: the clerk reviews the queue before anything goes out.

Every action is one transaction followed by an announcement; the table then reloads the
queue from the ledger, so what it shows is always what the worker would act on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import RuleViolation, ValidationFailed
from ..services import outbox, reminder_review, reminder_settings
from ..services.reminder_queue import QueueItem
from . import messages, reminder_widgets
from .context import CUSTOMERS, INVOICES, LedgerContext
from .mail_preview_dialog import MailPreviewDialog
from .message_history_view import MessageHistoryPanel
from .message_text import error_text
from .reminder_model import ReminderModel, status_filters
from .reminder_policy_dialog import ReminderPolicyDialog
from .reminder_widgets import ModeSwitch, queue_view
from .sending_panel import SendingPanel
from .sending_status import REMINDERS

logger = logging.getLogger(__name__)


class RemindersPage(QWidget):
    # Tests replace the factory to keep hold of the dialog without showing it.
    preview_dialog_factory = MailPreviewDialog

    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = ReminderModel(context, self)

        title = QLabel(self.tr("Reminders"))
        title.setObjectName("pageTitle")
        self.status_filter = QComboBox()
        for code, name in status_filters():
            self.status_filter.addItem(name, code)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.model.set_filter(status=self.status_filter.currentData())
        )
        self.level_filter = QComboBox()
        self.level_filter.currentIndexChanged.connect(
            lambda: self.model.set_filter(level=self.level_filter.currentData())
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search invoice or customer"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.model.set_filter(search=text))

        self.mode_switch = ModeSwitch()
        self.mode, self.mode_note = self.mode_switch.combo, self.mode_switch.note
        self.mode.activated.connect(self._change_mode)
        self.view = queue_view(self.model)

        self.buttons = {
            "approve": QPushButton(self.tr("Approve")),
            "approve_all": QPushButton(self.tr("Approve all")),
            "skip": QPushButton(self.tr("Skip…")),
            "postpone": QPushButton(self.tr("Postpone…")),
            "dispute": QPushButton(self.tr("Mark invoice disputed")),
            "pause": QPushButton(self.tr("Pause customer")),
        }
        handlers = (
            self.approve_selected,
            self.approve_all,
            self.skip_selected,
            self.postpone_selected,
            self.dispute_selected,
            self.pause_selected,
        )
        for button, handler in zip(self.buttons.values(), handlers, strict=True):
            button.clicked.connect(handler)
        self.count = QLabel()
        # The exact e-mail of the chosen item, and what was sent about its invoice before.
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.preview_button.clicked.connect(self.preview_selected)
        self.preview_dialog: MailPreviewDialog | None = None
        self.history = MessageHistoryPanel(context)
        # The worker's status, "Send due now" and the failed messages; the window attaches
        # the worker (``attach_scheduler``), a page on its own says how mail goes out.
        self.sending = SendingPanel(context)
        self.sending_note = self.sending.status

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.status_filter)
        top.addWidget(self.level_filter)
        top.addWidget(self.search, 2)
        self.policy_button = QPushButton(self.tr("Policy…"))
        self.policy_button.clicked.connect(self.open_policy)
        top.addWidget(self.policy_button)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addWidget(self.preview_button)
        actions.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mode_switch)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.history)
        layout.addLayout(bottom)
        layout.addWidget(self.sending)

        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._show_selected)
        self.model.modelReset.connect(self._show_selected)
        context.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        with self.context.reading() as session:
            mode = reminder_settings.reminder_mode(session)
        self.mode_switch.show_mode(mode)
        self.model.reload()
        self._fill_levels()

    def attach_scheduler(self, scheduler) -> None:
        self.sending.attach(scheduler)

    def selected(self) -> list[QueueItem]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.item_at(row) for row in rows]

    def select_rows(self, *rows: int) -> None:
        self.view.clearSelection()
        mode = self.view.selectionModel().SelectionFlag
        for row in rows:
            self.view.selectionModel().select(self.model.index(row, 0), mode.Select | mode.Rows)

    def approve_selected(self) -> None:
        self._run(REMINDERS, self.selected(), outbox.approve)

    def approve_all(self) -> None:
        waiting = [item for item in self.model.items() if item.status in (None, "pending")]
        self._run(REMINDERS, waiting, outbox.approve)

    def skip_selected(self) -> None:
        items = self.selected()
        reason = reminder_widgets.ask_reason(self) if items else None
        if reason:
            self._run_each(
                REMINDERS, items, lambda s, i: outbox.skip(s, i.invoice_id, i.level, reason)
            )

    def postpone_selected(self) -> None:
        items = self.selected()
        until = reminder_widgets.ask_date(self, self.context.today()) if items else None
        if until:
            self._run_each(
                REMINDERS, items, lambda s, i: outbox.postpone(s, i.invoice_id, i.level, until)
            )

    def dispute_selected(self) -> None:
        items = self.selected()
        numbers = ", ".join(item.invoice_number for item in items)
        question = self.tr(
            "Mark {numbers} as disputed? No reminders are sent until the dispute is cleared "
            "in the invoice's view."
        ).format(numbers=numbers)
        if items and messages.confirm(self, self.tr("Mark disputed"), question):
            self._run_each(
                INVOICES, items, lambda s, i: outbox.set_disputed(s, i.invoice_id, True)
            )

    def pause_selected(self) -> None:
        numbers = sorted({item.customer_number for item in self.selected()})
        self._run_each(
            CUSTOMERS, numbers, lambda s, n: reminder_review.set_customer_paused(s, n, True)
        )

    def _run_each(self, what: str, targets: list, action: Callable) -> None:
        self._run(what, targets, lambda session, chosen: [action(session, t) for t in chosen])

    def _run(self, what: str, targets: list, action: Callable) -> None:
        """One transaction for the whole action, then one reload; nothing chosen, nothing run."""
        if targets:
            self._write(what, lambda session: action(session, targets))

    def _write(self, what: str, action: Callable) -> None:
        try:
            with self.context.writing() as session:
                action(session)
        except (RuleViolation, ValidationFailed) as error:
            logger.info("reminder action refused: %s", error)
            messages.warn(self, self.tr("Reminders"), error_text(error))
        self.context.announce(what)

    def _change_mode(self) -> None:
        mode = self.mode.currentData()
        self._write(REMINDERS, lambda s: reminder_settings.set_reminder_mode(s, mode))

    def _fill_levels(self) -> None:
        current = self.level_filter.currentData()
        self.level_filter.blockSignals(True)
        self.level_filter.clear()
        self.level_filter.addItem(self.tr("All levels"), None)
        for level in self.model.levels():
            self.level_filter.addItem(self.tr("Level {level}").format(level=level), level)
        index = self.level_filter.findData(current)
        self.level_filter.setCurrentIndex(max(index, 0))
        self.level_filter.blockSignals(False)
        if index < 0 and current is not None:
            self.model.set_filter(level=None)

    def _after_reset(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_items)
        self.count.setText(
            self.tr("{shown} of {total} reminders").format(shown=shown, total=total)
        )
        # An empty table says nothing; the sentence says why it is empty and what next.
        if total == 0:
            self.empty.setText(
                self.tr("No reminder is due today or in the coming 14 days. An overdue "
                        "invoice shows up here when its next reminder level falls due; "
                        "Policy… sets the levels.")
            )  # fmt: skip
        else:
            self.empty.setText(self.tr("No reminder matches the filters and the search."))
        self.empty.setVisible(shown == 0)
        self.view.setVisible(shown > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.view.selectionModel().hasSelection()
        for name, button in self.buttons.items():
            button.setEnabled(chosen or name == "approve_all")

    def open_policy(self) -> None:
        """Levels, fees, texts and the send window; saving announces REMINDERS."""
        ReminderPolicyDialog(self.context, self).exec()

    def preview_selected(self) -> None:
        """Open the preview of the one chosen item; it builds itself off the GUI thread."""
        items = self.selected()
        if len(items) != 1:
            return
        self.preview_dialog = self.preview_dialog_factory(
            self.context.database, items[0], parent=self
        )
        self.preview_dialog.open()

    def _show_selected(self) -> None:
        items = self.selected()
        self.preview_button.setEnabled(len(items) == 1)
        self.history.show_invoice(items[0].invoice_id if len(items) == 1 else None)

    def _on_changed(self, what: str) -> None:
        if what in (REMINDERS, INVOICES, CUSTOMERS):
            self.reload()
