"""MainWindow: the case list and one tab per open case, menus, import by drag and drop.

At start-up the window can be built from an `app.Opening` whose services are still loading:
it shows the newest cases at once and `attach`es the workstation when it is there. Until
then importing waits, and a case asked for opens as soon as it can.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from workstation.app import Opening
from workstation.security.login import SignedIn
from workstation.ui.case_list.case_list_model import CaseListModel
from workstation.ui.case_list.case_list_view import CaseListView
from workstation.ui.error_dialog import show_error
from workstation.ui.file_dialogs import IMPORT, open_file, open_folder
from workstation.ui.shell.about_dialog import show_about
from workstation.ui.shell.bundle_drops import dropped_urls, refuse_text_drops, take_drop
from workstation.ui.shell.case_export import CaseExport
from workstation.ui.shell.case_history import CaseHistory
from workstation.ui.shell.office_watch import watch_office
from workstation.ui.shell.shortcuts_dialog import ShortcutsDialog, action_shortcuts
from workstation.ui.shell.user_status import UserStatus
from workstation.ui.shell.verification import Verifications

if TYPE_CHECKING:  # the workspace (viewer, PyMuPDF, opinion) loads when a case opens
    from workstation.services import Workstation
    from workstation.ui.shell.import_dialog import ImportDialog
    from workstation.ui.workspace.case_workspace import CaseWorkspace

log = logging.getLogger(__name__)

GEOMETRY_KEY = "main/geometry"


class MainWindow(QMainWindow):
    """The workstation's main window for the logged-in user."""

    case_opened = Signal(str)  # emitted once a case's workspace is shown
    attached = Signal()  # the services are there (at once unless built from an Opening)

    def __init__(self, workstation: Workstation | Opening, login: str) -> None:
        super().__init__()
        ready = workstation.workstation if isinstance(workstation, Opening) else workstation
        self.workstation: Workstation | None = ready
        self.paths, self.login = workstation.paths, login
        self.signed_in: SignedIn | None = None  # name and roles, once the services are there
        self.import_refusal = ""  # why this user may not import, if they may not
        self._wanted_case = ""  # asked for before the services were there
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Legal Review Workstation"))
        self.setAcceptDrops(True)
        self.resize(1400, 860)
        self.workspaces: dict[str, CaseWorkspace] = {}  # case id (C3) → its workspace tab

        first = None
        if isinstance(workstation, Opening) and ready is None:  # read without the services
            first = workstation.first_cases(login, CaseListModel.PAGE)
        self.case_list = CaseListView(ready, login, first=first)
        self.case_list.case_opened.connect(self.open_case)
        self.list_stale = False  # a case moved on while the list was not on screen
        QShortcut(
            QKeySequence.StandardKey.Find,
            self.case_list,
            self.case_list.focus_search,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.addTab(self.case_list, self.tr("Cases"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)
        self.user_label = UserStatus(login)
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_menus()
        self.case_export = CaseExport(self)  # 文件 → 导出案卷包 / 审核档案
        self.verifications = Verifications(self)  # 文件 → 校验本案 / 核验意见书签名
        self.case_history = CaseHistory(self)  # 查看 → 案件流转记录
        geometry = QSettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        refuse_text_drops(self)
        self._know_user(ready)
        self.office_watch = watch_office(self, ready)  # colleagues' changes show here
        if ready is None:
            self.statusBar().showMessage(self.tr("Opening the data folder…"))

    def attach(self, workstation: Workstation) -> None:
        """The services have loaded (built from an Opening): the case list completes, importing
        works, and a case asked for meanwhile opens."""
        self.workstation = workstation
        self.case_list.attach(workstation)
        self._know_user(workstation)
        self.office_watch = watch_office(self, workstation)
        self.statusBar().clearMessage()
        self.attached.emit()
        if self._wanted_case:
            wanted, self._wanted_case = self._wanted_case, ""
            self.open_case(wanted)

    def _know_user(self, workstation: Workstation | None) -> None:
        """Name and roles in the status bar; importing only for roles that may (the service
        refuses the others anyway), with the reason on the greyed-out menu items."""
        if workstation is not None:
            self.signed_in = workstation.signed_in(self.login)
        who = self.signed_in
        self.user_label.show_user(self.login, who)
        self.import_refusal = (who.refusal("case.import") if who else None) or ""
        for action in (self.import_action, self.import_folder_action):
            action.setEnabled(workstation is not None and not self.import_refusal)
            action.setToolTip(self.import_refusal)  # empty: the menu shows no tooltip
            action.setStatusTip(self.import_refusal)

    @property
    def case_table(self) -> QWidget:
        """The case table (tests and screenshots reach it here)."""
        return self.case_list.table

    # menus ------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        keys: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever the focus is in this window
        return action

    def _build_menus(self) -> None:
        self.import_action = self._action(self.tr("&Import bundle…"), self.choose_import, "Ctrl+I")
        self.import_folder_action = self._action(
            self.tr("Import bundle &folder…"), self.choose_import_folder, "Ctrl+Shift+I"
        )
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh
        )
        self.cases_action = self._action(self.tr("Case &list"), self.show_case_list, "Ctrl+L")
        self.close_tab_action = self._action(
            self.tr("&Close case"), lambda: self.close_tab(self.tabs.currentIndex()), "Ctrl+W"
        )
        self.next_tab_action = self._action(self.tr("Next tab"), self.next_tab, "Ctrl+Tab")
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        self.about_action = self._action(self.tr("&About"), self.show_about)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.setToolTipsVisible(True)  # a greyed-out item says why
        for action in (self.import_action, self.import_folder_action, self.refresh_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        for action in (self.cases_action, self.next_tab_action, self.close_tab_action):
            view.addAction(action)
        view.addSeparator()
        self.panels_menu = view.addMenu(self.tr("&Panels"))
        self.panels_menu.aboutToShow.connect(self._fill_panels_menu)
        self.default_layout_action = self._action(
            self.tr("Restore the default &layout"), self.default_layout
        )
        view.addAction(self.default_layout_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    # cases ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the case list, and re-read the open case on screen (F5)."""
        self.case_list.refresh()
        self.list_stale = False
        current = self.current_workspace()
        if current is not None:
            current.refresh()

    def current_workspace(self) -> CaseWorkspace | None:
        """The case on screen, if a case tab is current."""
        widget = self.tabs.currentWidget()
        return self._workspace(widget)

    def _workspace(self, widget: QWidget | None) -> CaseWorkspace | None:
        return next((w for w in self.workspaces.values() if w is widget), None)

    def case_moved(self) -> None:
        """A case changed state: the list reloads now if shown, else when it is next shown."""
        if self.tabs.currentIndex() == 0:
            self.case_list.refresh()
        else:
            self.list_stale = True

    def _tab_changed(self, index: int) -> None:
        if index == 0 and self.list_stale:
            self.list_stale = False
            self.case_list.refresh()

    def _fill_panels_menu(self) -> None:
        self.panels_menu.clear()
        current = self.current_workspace()
        self.panels_menu.setEnabled(current is not None)
        if current is not None:
            for dock in current.docks:
                self.panels_menu.addAction(dock.toggleViewAction())

    def default_layout(self) -> None:
        """视图→恢复默认布局: every panel back in its place in the open case."""
        current = self.current_workspace()
        if current is not None:
            current.default_layout()

    def show_case_list(self) -> None:
        """Bring the case list to the front."""
        self.tabs.setCurrentIndex(0)

    def next_tab(self) -> None:
        """Cycle through the open cases."""
        if self.tabs.count() > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    def open_case(self, reference: str) -> CaseWorkspace | None:
        """Show the case's workspace, opening it in a new tab the first time (or, while the
        services are still loading at start-up, as soon as they are there)."""
        if self.workstation is None:
            self._wanted_case = reference
            self.statusBar().showMessage(
                self.tr("The case opens as soon as the data folder is open…")
            )
            return None
        from workstation.ui.workspace.case_workspace import CaseWorkspace

        key = reference.partition("@")[0]
        existing = self.workspaces.get(key)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            return existing
        try:
            workspace = CaseWorkspace(self.workstation, key, self.login, self)
        except Exception as exc:  # noqa: BLE001 - e.g. a trainee opening a real case
            show_error(self, exc)
            return None
        refuse_text_drops(workspace)
        workspace.part_built.connect(refuse_text_drops)  # its docks' panels come later
        workspace.state_changed.connect(self.case_moved)
        workspace.contents_loaded.connect(lambda: self._retitle(workspace))
        self.workspaces[key] = workspace
        self.tabs.addTab(workspace, workspace.title)
        self.tabs.setCurrentWidget(workspace)
        self.case_opened.emit(key)
        return workspace

    def _retitle(self, workspace: CaseWorkspace) -> None:
        index = self.tabs.indexOf(workspace)
        if index >= 0:
            self.tabs.setTabText(index, workspace.title)
            self.tabs.setTabToolTip(index, workspace.title)

    def close_tab(self, index: int) -> None:
        """Close an open case (the case list tab stays); typing being saved is kept."""
        widget = self._workspace(self.tabs.widget(index)) if index > 0 else None
        if widget is None:
            return
        self.tabs.removeTab(index)
        for key, workspace in list(self.workspaces.items()):
            if workspace is widget:
                del self.workspaces[key]
        widget.close_case()
        self._delete_when_saved(widget)

    def _delete_when_saved(self, workspace: CaseWorkspace, tries: int = 200) -> None:
        """Delete a closed workspace once its opinion wording is stored (at most ~20 s)."""
        if workspace.has_unsaved_text() and tries > 0:
            QTimer.singleShot(100, lambda: self._delete_when_saved(workspace, tries - 1))
            return
        workspace.deleteLater()

    # import -----------------------------------------------------------------------------

    def choose_import(self) -> None:
        """文件→导入: pick a ZIP bundle."""
        kinds = self.tr("Case bundles (*.zip);;All files (*)")
        path = open_file(self, self.tr("Import case bundle"), kinds, IMPORT)
        if path is not None:
            self.import_bundle(path)

    def choose_import_folder(self) -> None:
        """文件→导入文件夹: pick an unpacked bundle folder."""
        path = open_folder(self, self.tr("Import case bundle folder"), IMPORT)
        if path is not None:
            self.import_bundle(path)

    def import_bundle(self, location: Path) -> ImportDialog | None:
        """Import with a progress dialog; the case list refreshes when it is done. Nothing
        happens while the services are still loading at start-up (a second at most)."""
        if self.workstation is None:
            return None
        from workstation.ui.shell.import_dialog import ImportDialog

        dialog = ImportDialog(self.workstation, self.login, location, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._imported)
        dialog.setModal(True)
        dialog.show()
        dialog.start()
        return dialog

    def _imported(self, reference: str) -> None:
        """A new version of an open case shows at once; the list shows the new case."""
        self.case_list.refresh()
        open_case = self.workspaces.get(reference)
        if open_case is not None:
            open_case.reload_contents()
            open_case.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        # Any files: what is not a bundle is refused on the drop, with the reason.
        if self.workstation is not None and dropped_urls(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        if self.workstation is not None:
            location = take_drop(self, event, self.import_refusal)
            if location is not None:
                self.import_bundle(location)

    # help -------------------------------------------------------------------------------

    def shortcut_groups(self) -> dict[str, list[tuple[str, str]]]:
        """Every shortcut, grouped: the window's, the open case's, the document viewer's,
        the recordings' and the opinion editor's."""
        from workstation.ui.recordings.media_review_bar import MediaReviewBar
        from workstation.ui.recordings.transport_bar import TransportBar
        from workstation.ui.viewer.document_viewer import DocumentViewer
        from workstation.ui.workspace.workspace_shortcuts import listed_shortcuts

        return {
            self.tr("Window"): action_shortcuts(self.actions())
            + [
                (
                    QKeySequence(QKeySequence.StandardKey.Find).toString(),
                    self.tr("Search the case list"),
                )
            ],
            self.tr("Open case"): listed_shortcuts(),
            self.tr("Document viewer"): DocumentViewer.shortcuts(),
            self.tr("Recordings"): TransportBar.shortcuts() + MediaReviewBar.shortcuts(),
            self.tr("Written opinion"): [
                (
                    QKeySequence(QKeySequence.StandardKey.Save).toString(),
                    self.tr("Save the wording now"),
                )
            ],
        }

    def show_shortcuts(self) -> ShortcutsDialog:
        """帮助→快捷键."""
        dialog = ShortcutsDialog(self.shortcut_groups(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> None:
        """Version, where the data lives, and the office root's fingerprint."""
        show_about(self, self.workstation, self.paths.data_dir)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        if self.office_watch is not None:
            self.office_watch.stop()
        current = self.current_workspace()
        # The case on screen is saved last: its layout is the one the next start restores.
        for workspace in sorted(self.workspaces.values(), key=lambda w: w is current):
            workspace.close_case()
        super().closeEvent(event)
