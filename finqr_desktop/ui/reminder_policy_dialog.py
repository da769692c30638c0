"""The clerk's reminder policies: the ledger's own and named ones such as "Gentle".

The dialog edits a copy of the policy document (services.reminder_policy_file) and saves
all of it in one transaction through the same check an imported file meets; each problem
is shown where it is, and a problem in another policy than the one shown names it.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem, ValidationFailed
from ..domain.reminder_policy import policy_name_problems
from ..services import reminder_policy_file as policy_file
from ..services import reminder_settings
from ..services.reminder_policy_data import LEDGER_KEYS, POLICY_KEYS
from . import messages
from .context import LedgerContext
from .field_errors import FieldErrors, error_label
from .message_text import localized
from .reminder_policy_ledger import LedgerSettingsForm
from .reminder_policy_levels import LevelsEditor, amount_data, amount_text
from .sending_status import REMINDERS

logger = logging.getLogger(__name__)

AMOUNTS = ("minimum_remaining", "interest_margin", "compensation")


class ReminderPolicyDialog(QDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Reminder policies"))
        self.setMinimumWidth(760)
        with context.reading() as session:
            self.document = policy_file.policy_data(session)
            self.followers = reminder_settings.assigned_policies(session)
        self.shown: str | None = None

        self.policy = QComboBox()
        self.new_button = QPushButton(self.tr("New policy…"))
        self.delete_button = QPushButton(self.tr("Delete policy"))
        self.new_button.clicked.connect(self.new_policy)
        self.delete_button.clicked.connect(self.delete_policy)
        self.followers_note = error_label()
        self.followers_note.setStyleSheet("")

        self.general = error_label()
        self.errors = FieldErrors(self.general)
        self.amounts = {name: QLineEdit() for name in AMOUNTS}
        self.claim_compensation = QCheckBox(
            self.tr("Claim the flat late-payment compensation from businesses")
        )
        self.levels = LevelsEditor()
        self.ledger = LedgerSettingsForm()

        chooser = QHBoxLayout()
        chooser.addWidget(self.policy, 1)
        chooser.addWidget(self.new_button)
        chooser.addWidget(self.delete_button)
        wrap = self.errors.wrap
        form = QFormLayout()
        form.addRow(
            self.tr("Do not remind below"),
            wrap("minimum_remaining", self.amounts["minimum_remaining"]),
        )
        form.addRow(
            self.tr("Interest margin (percentage points)"),
            wrap("interest_margin", self.amounts["interest_margin"]),
        )
        form.addRow("", wrap("claim_compensation", self.claim_compensation))
        form.addRow(self.tr("Compensation"), wrap("compensation", self.amounts["compensation"]))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )  # fmt: skip
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        policies = QWidget()
        page = QVBoxLayout(policies)
        page.addLayout(chooser)
        page.addWidget(self.followers_note)
        page.addLayout(form)
        page.addWidget(self.levels, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(policies, self.tr("Policies"))
        self.tabs.addTab(self.ledger, self.tr("Send window and rates"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        self.ledger.set_data(self.document)
        self._fill_chooser(None)
        self.policy.currentIndexChanged.connect(lambda _: self._switch(self.policy.currentData()))
        self._show(None)

    def new_policy(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New policy"), self.tr("Name"))
        if ok:
            self.add_policy(name)

    def add_policy(self, name: str) -> bool:
        """A new named policy, starting as a copy of the one shown."""
        problems = policy_name_problems(name)
        if not problems and name in self.document["policies"]:
            problems = [Problem("name", self.tr("there is already a policy %r") % name)]
        if problems:
            messages.warn(
                self, self.tr("New policy"), "\n".join(localized(p.message) for p in problems)
            )
            return False
        self._keep()
        shown = self._policy_data(self.shown)
        self.document["policies"][name] = {k: v for k, v in shown.items() if k in POLICY_KEYS}
        self._fill_chooser(name)
        return True

    def delete_policy(self) -> None:
        name = self.shown
        if name is None:
            return
        if self.followers.get(name):
            messages.warn(self, self.tr("Delete policy"),
                          self.tr("%d customers follow %r; give them another policy first.")
                          % (self.followers[name], name))  # fmt: skip
            return
        if not messages.confirm(self, self.tr("Delete policy"), self.tr("Delete %r?") % name):
            return
        del self.document["policies"][name]
        self.shown = None
        self._fill_chooser(None)

    def save(self) -> bool:
        self._keep()
        self.ledger.apply_to(self.document)
        try:
            with self.context.writing() as session:
                warnings = policy_file.save_policy_data(session, self.document)
        except ValidationFailed as failed:
            self._show_problems(failed.problems)
            return False
        logger.info("reminder policies saved from the editor")
        self.context.announce(REMINDERS)
        if warnings:
            messages.inform(self, self.tr("Saved, but please check"),
                            "\n".join(str(w) for w in warnings))  # fmt: skip
        self.accept()
        return True

    def _fill_chooser(self, select: str | None) -> None:
        self.policy.blockSignals(True)
        self.policy.clear()
        self.policy.addItem(self.tr("The ledger's policy"), None)
        for name in sorted(self.document["policies"]):
            self.policy.addItem(name, name)
        self.policy.setCurrentIndex(max(self.policy.findData(select), 0))
        self.policy.blockSignals(False)
        self._show(select)

    def _switch(self, name: str | None) -> None:
        self._keep()
        self._show(name)

    def _policy_data(self, name: str | None) -> dict:
        return self.document if name is None else self.document["policies"][name]

    def _show(self, name: str | None) -> None:
        self.shown = name
        data = self._policy_data(name)
        fallback = self.document
        for key, edit in self.amounts.items():
            edit.setText(amount_text(data.get(key, fallback[key])))
        self.claim_compensation.setChecked(
            bool(data.get("claim_compensation", fallback["claim_compensation"]))
        )
        self.levels.set_levels(data.get("levels", fallback["levels"]))
        self.delete_button.setEnabled(name is not None)
        count = self.followers.get(name, 0) if name else None
        self.followers_note.setText(
            "" if name is None else self.tr("%d customers follow this policy.") % count
        )
        self.followers_note.setVisible(name is not None)

    def _keep(self) -> None:
        """Put the form's values back into the document for the policy shown."""
        data = self._policy_data(self.shown)
        for key, edit in self.amounts.items():
            data[key] = amount_data(edit.text())
        data["claim_compensation"] = self.claim_compensation.isChecked()
        data["levels"] = self.levels.levels()

    def _show_problems(self, problems: list[Problem]) -> None:
        """Each problem where it is; when none is in the policy shown, the first policy
        that has one is brought up."""
        shared = [p for p in problems if p.field.split(".")[0].split("[")[0] in LEDGER_KEYS]
        own = [p for p in problems if p not in shared]
        if own and not any(_policy_of(p) == self.shown for p in own):
            self.policy.setCurrentIndex(max(self.policy.findData(_policy_of(own[0])), 0))
        prefix = "" if self.shown is None else f"policies.{self.shown}."
        here = [Problem(p.field.removeprefix(prefix), localized(p.message))
                for p in own if _policy_of(p) == self.shown]  # fmt: skip
        elsewhere = [p for p in own if _policy_of(p) != self.shown]
        left = self.levels.show_problems(here) + self.ledger.show_problems(shared)
        self.errors.show(left + elsewhere)
        self.tabs.setCurrentIndex(1 if shared and not own else 0)


def _policy_of(problem: Problem) -> str | None:
    if problem.field.startswith("policies."):
        return problem.field.split(".", 2)[1]
    return None
