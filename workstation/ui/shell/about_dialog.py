"""Help → About: the program, where this PC keeps its data, and which office it belongs to.

The office root's fingerprint is what a court or another agency compares before trusting a
signed opinion (`workstation opinion verify FILE --root …`): an administrator or head reads it
here, as the CLI's `office-root show` prints it, without a terminal. Read off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from workstation import __version__
from workstation.ui.error_dialog import show_error
from workstation.ui.workers import run_task

if TYPE_CHECKING:
    from workstation.services import Workstation


@dataclass(frozen=True)
class OfficeFacts:
    data_dir: Path
    database: str  # the URL without its password
    evidence: Path
    root: tuple[str, str] | None  # (office name, fingerprint)


def office_facts(workstation: Workstation) -> OfficeFacts:
    return OfficeFacts(
        data_dir=workstation.paths.data_dir,
        database=workstation.db.shown_url,
        evidence=workstation.store.root,
        root=workstation.office_root(),
    )


class AboutDialog(QDialog):
    """What `OfficeFacts` says, selectable so the fingerprint can be copied."""

    def __init__(self, facts: OfficeFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About"))
        if facts.root is None:
            root = self.tr(
                "No office root key yet (an administrator creates it: office-root create)"
            )
        else:
            office, fingerprint = facts.root
            root = self.tr("%1\nFingerprint: %2").replace("%1", office).replace("%2", fingerprint)
        lines = [
            self.tr("Legal Review Workstation %1").replace("%1", __version__),
            self.tr("Data folder: %1").replace("%1", str(facts.data_dir)),
            self.tr("Database: %1").replace("%1", facts.database),
            self.tr("Evidence folder: %1").replace("%1", str(facts.evidence)),
            self.tr("Office root key: %1").replace("%1", root),
        ]
        self.text = QLabel("\n\n".join(lines))
        self.text.setObjectName("about_text")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def show_about(parent: QWidget, workstation: Workstation | None, data_dir: Path) -> None:
    """Open the dialog once the facts are read (before the services are there: the data
    folder and version only)."""
    if workstation is None:
        AboutDialog(OfficeFacts(data_dir, "", data_dir, None), parent).open()
        return
    run_task(
        lambda _progress, _cancel: office_facts(workstation),
        on_finished=lambda facts: AboutDialog(facts, parent).open(),
        on_failed=lambda exc: show_error(parent, exc),
        context=parent,
    )
