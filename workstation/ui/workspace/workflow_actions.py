"""WorkflowActions: the bar of review workflow actions for one case and one user.

What is shown comes from `WorkflowService.options` (a dry run of the workflow's own checks):
an action the user's roles never allow, or the office's pack lacks, is hidden; one not
allowed now is disabled, its tooltip saying why. Taking an action asks for what it needs (a
written reason, the discussion's minutes, a confirmation) and runs off the UI thread.
Signing only asks the outside for its dialog (`sign_requested`). Issuing first asks its owner
(`issue_check`) to save what is typed and say what the reviewer sees: the confirmation shows
it, and the service refuses to issue anything else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from workstation.review.checklist import Checklist
from workstation.review.workflow_options import ActionOption, FlowOptions
from workstation.review.workflow_rules import OUTCOMES
from workstation.review.workflow_service import Minutes
from workstation.services import Workstation
from workstation.timefmt import office_time
from workstation.ui.error_dialog import error_text, show_error
from workstation.ui.latest_load import LatestLoad
from workstation.ui.workers import run_task
from workstation.ui.workspace.minutes_dialog import MinutesDialog
from workstation.ui.workspace.reason_dialog import ReasonDialog

log = logging.getLogger(__name__)

COLUMNS = 3  # buttons per row: the bar sits above the checklist in a narrow dock
_OPTIONAL_REASON = frozenset({"deny_extension", "refer"})  # a reason is recorded if given


@dataclass(frozen=True)
class IssueCheck:
    """What issuing needs from the checklist on screen, once its typing has been saved."""

    saved: bool  # every change on screen is stored (False: the service refused one)
    checklist: Checklist | None  # the checklist as last read
    outcome: tuple[str | None, str]  # the outcome code and reasons the reviewer sees


class WorkflowActions(QWidget):
    """The workflow's actions for `login` on case `reference`, as buttons."""

    changed = Signal()  # an action was taken: the case moved on
    sign_requested = Signal()  # the division head asked to sign (the sign dialog does it)
    loaded = Signal()  # the bar shows the latest options read from the service

    def __init__(
        self,
        workstation: Workstation,
        reference: str,
        login: str,
        parent: QWidget | None = None,
        *,
        loader: LatestLoad | None = None,
    ) -> None:
        """`loader`: the read of the options (`options_loader`) when its owner wants to say
        when the first read starts; by default the bar has its own and reads at once."""
        super().__init__(parent)
        self.setObjectName("workflow_actions")
        self._ws, self._reference, self._login = workstation, reference, login
        self._options: FlowOptions | None = None
        self._running = False
        # An action asked for from the keyboard, taken once the options are read again.
        self._wanted: tuple[str, Callable[[str], object]] | None = None
        # Set by the owner: saves the checklist's typing and says what is on screen.
        self.issue_check: Callable[[], IssueCheck] | None = None
        self.state_label = QLabel()
        self.state_label.setObjectName("workflow_state")
        self.buttons: dict[str, QPushButton] = {}
        for action, text in self._texts().items():
            button = QPushButton(text, self)  # in the bar from the start: Tab order needs it
            button.setObjectName(f"workflow_{action}")
            button.clicked.connect(lambda _checked=False, a=action: self.trigger(a))
            button.hide()
            self.buttons[action] = button
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.state_label)
        layout.addLayout(self._grid)
        self._loader = loader or options_loader(workstation, reference, login, self)
        self._loader.loaded.connect(self._show)
        self._loader.failed.connect(self._load_failed)
        if loader is None:
            self.refresh()

    # --- public API ----------------------------------------------------------------------

    @property
    def options(self) -> FlowOptions | None:
        """What the bar shows (None before the first read)."""
        return self._options

    @property
    def busy(self) -> bool:
        """Whether options are being read or an action is running."""
        return self._loader.busy or self._running

    def refresh(self) -> None:
        """Re-read the options from the service (off the UI thread)."""
        self._loader.request()

    def visible_actions(self) -> list[str]:
        """The actions shown, in order."""
        return [a for a, b in self.buttons.items() if not b.isHidden()]

    def focus_order(self) -> list[QWidget]:
        """The buttons in the order the bar shows them (Tab skips the hidden ones)."""
        return list(self.buttons.values())

    def trigger_current(self, action: str, refused: Callable[[str], object]) -> None:
        """Take `action` as its button would, judged on the options as they are now (a
        shortcut may follow an edit the bar has not read yet); when it may not be taken,
        `refused` hears why, as a disabled button's tooltip would say."""
        self._wanted = (action, refused)
        self.refresh()

    def _take_wanted(self) -> None:
        if self._wanted is None:
            return
        (action, refused), self._wanted = self._wanted, None
        option = self._option(action)
        label = option.label if option is not None else self.buttons[action].text().rstrip("…")
        if option is None or not option.offered:
            refused(self.tr("You may not take “{0}” on this case").format(label))
        elif self._running:
            refused(self.tr("{0}: the action before it is still being taken").format(label))
        elif not option.allowed:
            refused(self.tr("{0}: {1}").format(label, option.reason))
        else:
            self.trigger(action)

    def trigger(self, action: str) -> None:
        """Take `action` as its button would: ask for what it needs, then act."""
        option = self._option(action)
        if option is None or not option.allowed or self._running:
            return
        if action == "sign":
            self.sign_requested.emit()
            return
        reason, minutes, seen = "", None, None
        if action == "issue_opinion":
            check = self.issue_check() if self.issue_check is not None else None
            if check is not None and not check.saved:
                return  # the refusal of the edit was shown; nothing is issued
            if not self._confirm_issue(check):
                return
            seen = check.outcome if check is not None else None
        elif action == "record_minutes":
            minutes = MinutesDialog.ask(self, office_time(self._ws.clock()).date())
            if minutes is None:
                return
        elif option.needs_reason or action in _OPTIONAL_REASON:
            answer = ReasonDialog.ask(
                self,
                self.buttons[action].text().rstrip("…"),
                self._reason_prompt(option),
                required=option.needs_reason,
            )
            if answer is None:
                return
            reason = answer
        self._act(action, reason, minutes, seen)

    # --- showing what the service says ------------------------------------------------------

    def _texts(self) -> dict[str, str]:
        """Button texts in the order the bar shows them (the order of the workflow)."""
        return {
            "accept": self.tr("Accept for review"),
            "return_incomplete": self.tr("Return as incomplete…"),
            "request_extension": self.tr("Request extension…"),
            "approve_extension": self.tr("Approve extension"),
            "deny_extension": self.tr("Deny extension…"),
            "issue_opinion": self.tr("Issue opinion"),
            "sign": self.tr("Sign…"),
            "request_re_review": self.tr("Request re-review…"),
            "negotiate": self.tr("Negotiate…"),
            "refer": self.tr("Refer to collective discussion…"),
            "record_minutes": self.tr("Record minutes…"),
            "resubmit": self.tr("Resubmit"),
        }

    def _show(self, options: FlowOptions) -> None:
        self._options = options
        self.state_label.setText(
            self.tr("{0} · state: {1}").format(options.case_number, options.state_label)
        )
        while self._grid.count():
            self._grid.takeAt(0)
        shown = 0
        for action, button in self.buttons.items():
            option = self._option(action)
            if option is None or not option.offered:
                button.hide()
                continue
            button.setEnabled(option.allowed and not self._running)
            button.setToolTip(option.label if option.allowed else option.reason or "")
            self._grid.addWidget(button, shown // COLUMNS, shown % COLUMNS)
            button.show()
            shown += 1
        self.loaded.emit()
        if self._wanted is not None:  # after this read is delivered: it may open a dialog
            QTimer.singleShot(0, self, self._take_wanted)

    def _load_failed(self, exc: object) -> None:
        log.warning("workflow options of %s not read: %s", self._reference, exc)
        self._wanted = None  # the bar says why it has no actions
        self.state_label.setText(error_text(exc) if isinstance(exc, BaseException) else str(exc))
        for button in self.buttons.values():
            button.hide()

    def _option(self, action: str) -> ActionOption | None:
        if self._options is None:
            return None
        try:
            return self._options.get(action)
        except KeyError:
            return None

    def _reason_prompt(self, option: ActionOption) -> str:
        if option.needs_reason:
            return self.tr("{0}: the reason is required and is kept on record.").format(
                option.label
            )
        return self.tr("{0}: a reason may be recorded (optional).").format(option.label)

    def _confirm_issue(self, check: IssueCheck | None) -> bool:
        lines = []
        if check is not None:
            code, reasons = check.outcome
            lines.append(self.tr("Outcome: {0}").format(OUTCOMES.get(code or "", "—")))
            if reasons:
                lines.append(self.tr("Reasons: {0}").format(reasons))
            if check.checklist is not None:
                done, total = check.checklist.done, len(check.checklist.sections)
                lines.append(
                    self.tr("Checklist points with a verdict: {0}/{1}").format(done, total)
                )
        lines.append(
            self.tr(
                "Once the opinion is issued the checklist, the outcome and the opinion's wording "
                "can no longer be changed. Issue it now?"
            )
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Issue opinion"),
            "\n".join(lines),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirm_issue")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            box.deleteLater()

    # --- acting --------------------------------------------------------------------------

    def _act(
        self,
        action: str,
        reason: str,
        minutes: Minutes | None,
        seen: tuple[str | None, str] | None = None,
    ) -> None:
        self._set_running(True)
        workflow, reference, login = self._ws.workflow, self._reference, self._login

        def job(_progress: Any, _cancel: Any) -> str:
            return workflow.act(reference, action, login, reason=reason, minutes=minutes, seen=seen)

        run_task(job, on_finished=self._acted, on_failed=self._refused, context=self)

    def _acted(self, _state: object) -> None:
        self._set_running(False)
        self.refresh()
        self.changed.emit()

    def _refused(self, exc: object) -> None:
        self._set_running(False)
        if isinstance(exc, BaseException):
            show_error(self, exc)
        self.refresh()

    def _set_running(self, running: bool) -> None:
        self._running = running
        for action, button in self.buttons.items():
            option = self._option(action)
            button.setEnabled(not running and option is not None and option.allowed)


def options_loader(
    workstation: Workstation, reference: str, login: str, parent: QObject | None = None
) -> LatestLoad:
    """A read of what the workflow lets `login` do now on the case."""
    return LatestLoad(lambda: workstation.workflow.options(reference, login), parent)
