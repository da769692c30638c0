"""Pages that a later release fills; each says plainly what it will do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def later_pages() -> list[tuple[str, str]]:
    """(title, what the section will do) for every section still to come: none now that
    the Dashboard is built; the page stays for the next section announced ahead."""
    return []


class LaterPage(QWidget):
    def __init__(self, title: str, description: str, parent=None):
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.notice = QLabel(self.tr("This section arrives in a later release."))
        self.notice.setStyleSheet("font-weight: 600;")
        self.description = QLabel(description)
        self.description.setWordWrap(True)
        self.description.setMaximumWidth(640)
        self.description.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(12)
        layout.addWidget(self.notice)
        layout.addWidget(self.description)
        layout.addStretch(1)
