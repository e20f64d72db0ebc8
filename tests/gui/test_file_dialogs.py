"""File dialogs: they start in the documents folder, remember the last folder, and Qt's own
dialog reads Chinese throughout (labels, sizes, dates), whatever the system's locale."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from modal_dialogs import DialogAnswer
from PySide6.QtCore import QDateTime, QLibraryInfo, QLocale, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QTreeView

pytestmark = pytest.mark.gui


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with its documents folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    located = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(located) == home / "Documents"
    return home / "Documents"


@pytest.fixture
def window(qtbot: Any, ws: Any) -> Any:
    from workstation.ui.shell.main_window import MainWindow

    main = MainWindow(ws, "t")  # before the first user: the set-up mode imports for anyone
    qtbot.addWidget(main)
    main.show()
    return main


def _row(qtbot: Any, dialog: QFileDialog, name: str) -> list[str]:
    """The detail view's cells for `name`, once the folder has been read."""
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()

    def cells() -> list[str]:
        root = view.rootIndex()
        for row in range(model.rowCount(root)):
            if model.index(row, 0, root).data() == name:
                return [str(model.index(row, c, root).data()) for c in range(4)]
        return []

    qtbot.waitUntil(lambda: bool(cells()), timeout=10_000)
    return cells()


def _choose(qtbot: Any, dialog: QFileDialog, folder: Path, name: str) -> None:
    """Go to `folder`, type `name` and press the dialog's Open/Choose button."""
    dialog.setDirectory(str(folder))
    _row(qtbot, dialog, name)
    dialog.findChild(QLineEdit, "fileNameEdit").setText(name)
    dialog.accept()


def test_importing_starts_in_documents_reads_chinese_and_remembers_the_folder(
    qtbot: Any, window: Any, documents: Path, tmp_path: Path, make_bundle: Any
) -> None:
    from workstation.ui.shell.import_dialog import ImportDialog

    usb = tmp_path / "U盘"
    usb.mkdir()
    bundle = Path(shutil.make_archive(str(usb / "案卷"), "zip", make_bundle()))
    seen: dict[str, Any] = {}

    def pick(dialog: QFileDialog) -> None:
        seen["start"] = Path(dialog.directory().absolutePath())
        seen["labels"] = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        dialog.setDirectory(str(usb))  # the person goes to the USB stick
        seen["row"] = _row(qtbot, dialog, "案卷.zip")
        view = dialog.findChild(QTreeView, "treeView")
        seen["header"] = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        _choose(qtbot, dialog, usb, "案卷.zip")

    answer = DialogAnswer(pick, wanted=QFileDialog)
    window.import_action.trigger()  # 文件→导入案卷包
    answer.check()
    assert seen["start"] == documents
    assert seen["labels"]["lookInLabel"] == "查找范围："
    assert seen["labels"]["fileTypeLabel"] == "文件类型："
    assert seen["header"] == ["名称", "大小", "类型", "修改日期"]
    modified = QDateTime.fromSecsSinceEpoch(int(bundle.stat().st_mtime))
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    name, size, _kind, date = seen["row"]
    assert name == "案卷.zip"
    assert size == chinese.formattedDataSize(bundle.stat().st_size)
    assert date == chinese.toString(modified, QLocale.FormatType.ShortFormat)  # e.g. 2026/3/12
    dialog = window.findChild(ImportDialog)
    qtbot.waitUntil(lambda: dialog.ended, timeout=60_000)
    assert dialog.outcome is not None
    assert dialog.outcome.outcome == "imported"

    # The next time, the dialog opens where the bundle was; cancelling imports nothing.
    def cancel(dialog: QFileDialog) -> None:
        seen["again"] = Path(dialog.directory().absolutePath())
        dialog.reject()

    answer = DialogAnswer(cancel, wanted=QFileDialog)
    window.import_action.trigger()
    answer.check()
    assert seen["again"] == usb
    assert len(window.findChildren(ImportDialog)) == 1


def test_a_folder_import_remembers_where_the_bundle_folder_was(
    qtbot: Any, window: Any, documents: Path, tmp_path: Path, make_bundle: Any
) -> None:
    bundle = make_bundle(name="卷宗/薛市监罚12号")
    starts: list[Path] = []

    def choose(dialog: QFileDialog) -> None:
        starts.append(Path(dialog.directory().absolutePath()))
        folders = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        assert folders["lookInLabel"] == "查找范围："
        _choose(qtbot, dialog, bundle.parent, bundle.name)

    imported: list[Path] = []
    window.import_bundle = imported.append
    for _ in range(2):
        answer = DialogAnswer(choose, wanted=QFileDialog)
        window.import_folder_action.trigger()  # 文件→导入案卷包文件夹
        answer.check()
    assert imported == [bundle, bundle]
    assert starts == [documents, tmp_path / "卷宗"]


def test_saving_suggests_the_name_in_documents_then_in_the_last_folder(
    qtbot: Any, documents: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QWidget

    from workstation.ui.file_dialogs import EXPORT, save_file

    parent = QWidget()
    qtbot.addWidget(parent)
    elsewhere = tmp_path / "送审材料"
    elsewhere.mkdir()
    offered: list[tuple[Path, str]] = []

    def save_elsewhere(dialog: QFileDialog) -> None:
        offered.append((Path(dialog.directory().absolutePath()), dialog.selectedFiles()[0]))
        dialog.setDirectory(str(elsewhere))
        dialog.findChild(QLineEdit, "fileNameEdit").setText("意见书.docx")
        dialog.accept()

    answer = DialogAnswer(save_elsewhere, wanted=QFileDialog)
    chosen = save_file(parent, "导出", "C1 审核意见书.docx", "Word 文档 (*.docx)", EXPORT)
    answer.check()
    assert chosen == elsewhere / "意见书.docx"

    def cancel(dialog: QFileDialog) -> None:
        offered.append((Path(dialog.directory().absolutePath()), ""))
        dialog.reject()

    answer = DialogAnswer(cancel, wanted=QFileDialog)
    assert save_file(parent, "导出", "C1 审核意见书.docx", "Word 文档 (*.docx)", EXPORT) is None
    answer.check()
    assert offered[0] == (documents, str(documents / "C1 审核意见书.docx"))
    assert offered[1][0] == elsewhere


def test_qt_own_words_and_dates_follow_the_chinese_ui(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from workstation.ui.i18n import install_translations

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_zh_CN.qm").is_file()  # shipped in the PySide6 wheel
    assert install_translations(qapp, "zh_CN")
    assert QLocale().language() == QLocale.Language.Chinese
    assert QLocale().territory() == QLocale.Country.China
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："
