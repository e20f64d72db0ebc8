"""The findings panel names what a finding refers to (issue 21): 当事人 name, 2026-02-26 现场检查,
执法人员 name, 文书《title》, 录像 device — and a click still opens the event, document or
recording."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import demo_office_folder
from PySide6.QtCore import Qt

from workstation.security.users import add_user
from workstation.ui.workspace.findings_panel import FindingsPanel

pytestmark = pytest.mark.gui

REVIEWER = "wang"
STAFF = (("admin", "管理员", ["administrator"]), (REVIEWER, "王审核", ["reviewer"]))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The demo office's rule pack, under which testers saw the ids."""
    return demo_office_folder(tmp_path)


@pytest.fixture
def panel(qtbot: Any, ws: Any, demo_root: Path, tmp_path: Path) -> FindingsPanel:
    """The findings of the demo environment case (枣环薛罚〔2026〕7号), as the reviewer sees them."""
    with ws.db.write("登记用户") as session:
        for login, name, roles in STAFF:
            add_user(
                session, login=login, display_name=name, roles=roles, by="admin", at=ws.clock()
            )
    bundle = tmp_path / "environment"
    shutil.copytree(next(demo_root.glob("demo-03-*")), bundle)
    ref = ws.import_bundle(bundle, actor="admin").short_id
    shown = FindingsPanel(ws, ref, REVIEWER)
    qtbot.addWidget(shown)
    shown.resize(1000, 320)
    shown.show()
    qtbot.waitUntil(lambda: bool(shown.findings()) and not shown.loading, timeout=30_000)
    return shown


def _refs_of(panel: FindingsPanel, rule: str) -> list[Any]:
    view = next(f for f in panel.findings() if f.finding.rule == rule)
    assert panel.select(view.fingerprint)
    items = [panel.refs.item(i) for i in range(panel.refs.count())]
    assert all(item is not None for item in items)
    return items


def _click(qtbot: Any, panel: FindingsPanel, item: Any) -> None:
    centre = panel.refs.visualItemRect(item).center()
    qtbot.mouseClick(panel.refs.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_references_read_as_names_titles_and_dates(qtbot: Any, panel: FindingsPanel) -> None:
    event, officer, document = _refs_of(panel, "OFF-01")
    assert [event.text(), officer.text(), document.text()] == [
        "2026-02-26 现场检查",
        "执法人员 田文博",
        "文书《现场检查（勘察）笔录》",
    ]
    assert [r.text() for r in _refs_of(panel, "SCOPE-01")] == ["当事人 枣庄恒通新材料科技有限公司"]
    assert [r.text() for r in _refs_of(panel, "PROC-11")] == ["录像 执法记录仪 C07"]
    rules = ("OFF-01", "SCOPE-01", "PROC-11", "PROC-02", "PROC-05")
    shown = " ".join(item.text() for rule in rules for item in _refs_of(panel, rule))
    for internal in ("party:", "officer:", "e2", "d04", "r1", "程序事项"):
        assert internal not in shown


def test_a_named_event_document_or_recording_still_opens(qtbot: Any, panel: FindingsPanel) -> None:
    event, officer, document = _refs_of(panel, "OFF-01")
    with qtbot.waitSignal(panel.ref_activated) as followed:
        _click(qtbot, panel, event)
    assert followed.args == ["event:e2"]
    event, officer, document = _refs_of(panel, "OFF-01")
    with qtbot.waitSignal(panel.ref_activated) as followed:
        _click(qtbot, panel, document)
    assert followed.args == ["document:d04"]
    assert "d04" in document.toolTip()  # the id is still there for whoever needs it
    [recording] = _refs_of(panel, "PROC-11")
    with qtbot.waitSignal(panel.ref_activated) as followed:
        _click(qtbot, panel, recording)
    assert followed.args == ["recording:r1"]
    # An officer is named in the case data: there is nothing to open.
    event, officer, document = _refs_of(panel, "OFF-01")
    with qtbot.assertNotEmitted(panel.ref_activated):
        _click(qtbot, panel, officer)
    assert officer.toolTip() == "执法人员 田文博：案卷记载的信息，没有可打开的文件"
