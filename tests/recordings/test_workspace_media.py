"""The recordings dock of the case workspace on the demo food case: built only when wanted,
opened from the navigator, a recording citation and a finding's reference, and a clock
correction made in it re-reads the checklist and findings."""

from __future__ import annotations

from typing import Any

import pytest
from media_support import on_screen, spin_until
from recording_office import REVIEWER, audit_rows

from workstation.review.checklist import CitationSpec
from workstation.ui.recordings.media_panel import MediaPanel
from workstation.ui.workspace.case_workspace import CaseWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(qtbot: Any, ws: Any, food: str) -> CaseWorkspace:
    window = CaseWorkspace(ws, food, REVIEWER)
    on_screen(qtbot, window, 1400, 900)
    qtbot.waitUntil(lambda: not window.loading, timeout=30_000)
    yield window
    window.close_case()


def _playable(ws: Any, food: str) -> list[str]:
    return [r.key for r in ws.recordings.timeline(food, REVIEWER).recordings if r.playable]


def _in_step(workspace: CaseWorkspace) -> bool:
    return workspace.media.is_built and workspace.media.panel.group is not None


def _shown_in_step(qtbot: Any, workspace: CaseWorkspace, key: str) -> MediaPanel:
    """Ask the workspace for recording `key`; its panel once the panes are in step."""
    workspace.show_recording(key)
    qtbot.waitUntil(lambda: _in_step(workspace), timeout=30_000)
    return workspace.media.panel


def _shows(workspace: CaseWorkspace, key: str, media_ms: int) -> bool:
    """Whether recording `key`'s pane shows media time `media_ms`, within one frame."""
    panel = workspace.media.panel
    player = panel._tiles[key].player
    return player is not None and abs(player.position_ms() - media_ms) <= player.frame_ms()


def test_opening_a_case_leaves_the_recordings_dock_unbuilt_until_its_tab_is_chosen(
    qtbot: Any, workspace: CaseWorkspace
) -> None:
    dock = workspace.media.dock
    assert dock in workspace.docks
    assert dock in workspace.tabifiedDockWidgets(workspace.findings_dock)
    assert not workspace.media.on_screen  # the findings' tab is in front
    assert not workspace.media.is_built
    assert not workspace.findChildren(MediaPanel)

    dock.raise_()  # the reviewer clicks the dock's tab
    qtbot.waitUntil(lambda: workspace.media.is_built, timeout=5_000)
    assert workspace.findChildren(MediaPanel) == [workspace.media.panel]
    qtbot.waitUntil(lambda: dock.height() >= 320, timeout=5_000)  # room for a grid of pictures
    qtbot.waitUntil(lambda: _in_step(workspace), timeout=30_000)


def test_a_recording_chosen_in_the_navigator_plays_in_the_dock(
    qtbot: Any, workspace: CaseWorkspace, ws: Any, food: str
) -> None:
    key = _playable(ws, food)[-1]
    workspace.navigator.recording_chosen.emit(key)
    qtbot.waitUntil(lambda: _in_step(workspace), timeout=30_000)
    qtbot.waitUntil(lambda: workspace.media.on_screen, timeout=5_000)
    assert key in workspace.media.panel.chosen_keys()
    assert spin_until(lambda: _shows(workspace, key, 0), 10)


def test_a_recording_citation_in_the_checklist_opens_the_cited_moment(
    qtbot: Any, workspace: CaseWorkspace, ws: Any, food: str
) -> None:
    from PySide6.QtCore import Qt

    key = _playable(ws, food)[0]
    spec = CitationSpec("recording", key, start_ms=6_000, end_ms=9_000, note="现场告知")
    ws.review.add_citation(food, "procedure", spec, REVIEWER)
    checklist = workspace.checklist
    with qtbot.waitSignal(checklist.loaded, timeout=30_000):
        workspace.refresh()
    section = checklist.model.section_index("procedure")
    row = next(
        checklist.model.index(i, 0, section)
        for i in range(checklist.model.rowCount(section))
        if "现场告知" in checklist.model.index(i, 0, section).data()
    )
    checklist.tree.scrollTo(row)
    centre = checklist.tree.visualRect(row).center()
    qtbot.mouseClick(checklist.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(checklist.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    qtbot.waitUntil(lambda: _in_step(workspace), timeout=30_000)
    assert spin_until(lambda: _shows(workspace, key, 6_000), 10)
    assert workspace.media.on_screen


def test_a_findings_reference_to_a_recording_opens_it(
    qtbot: Any, workspace: CaseWorkspace, ws: Any, food: str
) -> None:
    key = _playable(ws, food)[1]
    workspace.findings.ref_activated.emit(f"recording:{key}")
    qtbot.waitUntil(lambda: _in_step(workspace), timeout=30_000)
    assert key in workspace.media.panel.chosen_keys()
    assert spin_until(lambda: _shows(workspace, key, 0), 10)


def test_a_clock_correction_in_the_dock_reads_the_checklist_again(
    qtbot: Any, workspace: CaseWorkspace, ws: Any, food: str
) -> None:
    panel = _shown_in_step(qtbot, workspace, _playable(ws, food)[0])
    with qtbot.waitSignal(workspace.checklist.loaded, timeout=30_000):
        panel.tools.nudge(100)  # PROC-10/11 run again with the corrected clock
    row = audit_rows(ws, "recording.clock_correction")[-1]
    assert row.details["new_ms"] == row.details["old_ms"] + 100


def test_closing_the_case_stops_every_player(
    qtbot: Any, workspace: CaseWorkspace, ws: Any, food: str
) -> None:
    panel = _shown_in_step(qtbot, workspace, _playable(ws, food)[0])
    panel.group.toggle_play()
    qtbot.waitUntil(panel.group.is_playing, timeout=10_000)
    workspace.close_case()
    assert panel.group is None
    assert panel._tiles == {}
