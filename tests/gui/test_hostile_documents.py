"""A document the import could not parse is never opened in the desktop (issue 17, H2)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hostile_pdf import nested_forms_pdf

pytestmark = pytest.mark.gui

REVIEWER = "zhaomin"


@pytest.fixture
def hostile_case(qtbot: Any, ws: Any, demo_root: Path, tmp_path: Path) -> Any:
    """The demo case with its first document replaced by a PDF that hangs MuPDF, imported
    with a short probe time limit: the import marks it 解析超时."""
    from workstation.demo.accounts import add_demo_accounts
    from workstation.ui.shell.main_window import MainWindow

    add_demo_accounts(ws)
    bundle = tmp_path / "food"
    shutil.copytree(next(demo_root.glob("demo-01-*")), bundle)
    manifest = json.loads((bundle / "case.json").read_text("utf-8"))
    entry = manifest["case"]["documents"][0]
    hostile = nested_forms_pdf()
    (bundle / entry["path"]).write_bytes(hostile)
    entry["sha256"] = hashlib.sha256(hostile).hexdigest()
    (bundle / "case.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    ws.importer.limits = dataclasses.replace(ws.importer.limits, probe_timeout_s=2)
    ws.import_bundle(bundle, actor="sunli")
    main = MainWindow(ws, REVIEWER)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    return main, entry


def test_the_viewer_refuses_a_document_the_import_marked_timed_out(
    qtbot: Any, hostile_case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workstation.documents import worker_process

    window, entry = hostile_case
    started: list[object] = []
    monkeypatch.setattr(worker_process, "take_worker", lambda: started.append(1))
    workspace = window.open_case("C1")
    qtbot.waitUntil(lambda: workspace.contents is not None, timeout=30_000)
    listed = workspace.contents.document(entry["id"])
    assert listed.probe_failure == "timeout"
    with qtbot.waitSignal(workspace.viewer.failed, timeout=10_000) as failed:
        workspace.open_document(entry["id"])
    message = failed.args[0]
    assert entry["title"] in message
    assert "导入时解析超时" in message
    assert "恶意构造" in message
    assert "不在工作站中打开" in message
    assert workspace.viewer.message.text() == message
    assert workspace.viewer.shown_kind == ""
    assert started == []  # no worker was asked to open it
