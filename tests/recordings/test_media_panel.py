"""The media panel on the demo food case: real players in step, and every review action
through the widgets lands in the store and the audit log."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case
from media_support import on_screen, settle, shown_number, spin_until
from PySide6.QtCore import QCoreApplication, Qt
from recording_office import CLERK, REVIEWER, audit_rows

from workstation.demo.barcode_clip import write_clip
from workstation.ui.recordings.media_panel import MediaPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot: Any, ws: Any, food: str) -> MediaPanel:
    widget = MediaPanel(ws, food, REVIEWER)
    on_screen(qtbot, widget, 1100, 700)
    assert spin_until(lambda: widget.group is not None, 20), widget.status.text()
    yield widget
    widget.close_panel()


def test_the_playable_recordings_open_in_step_after_their_hash_check(
    panel: MediaPanel, ws: Any, food: str
) -> None:
    timeline = ws.recordings.timeline(food, REVIEWER)
    playable = [r.key for r in timeline.recordings if r.playable][:4]
    assert panel.chosen_keys() == playable
    group = panel.group
    assert group is not None
    # every pane is placed where the case clock says, offsets (A02: −2 s) included
    for index, key in enumerate(panel._group_keys):
        span = timeline.recording(key)
        assert group.placement(index).start_ms == round(span.start.timestamp() * 1000)
    first = timeline.recording(panel._group_keys[0])
    target = first.start.timestamp() * 1000 + 3_000
    group.seek(int(target))
    settle(0.3)
    for index, key in enumerate(panel._group_keys):
        player = panel._tiles[key].player
        expected = group.placement(index).media_time(int(target))
        if expected is None:
            assert not group.has_footage(index)
            assert "无录像" in panel._tiles[key].view.message()
        else:
            assert abs(player.position_ms() - expected) <= player.frame_ms()


def test_a_clock_nudge_moves_the_pane_and_is_audited(panel: MediaPanel, ws: Any, food: str) -> None:
    group = panel.group
    key = panel._group_keys[group.master]
    before = group.placement(group.master).start_ms
    panel.tools.nudge(100)
    assert spin_until(
        lambda: panel.group.placement(panel.group.master).start_ms == before + 100, 10
    )
    rows = audit_rows(ws, "recording.clock_correction")
    assert rows
    assert rows[-1].details["recording"] == key
    assert rows[-1].details["new_ms"] == rows[-1].details["old_ms"] + 100


def test_mark_in_out_makes_a_bookmark_that_cites_into_the_checklist(
    panel: MediaPanel, ws: Any, food: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = panel.group
    group.seek_media(5_000)
    assert spin_until(lambda: abs(group.media_position() - 5_000) < 100, 5)
    panel.tools.mark_in()
    group.seek_media(12_000)
    assert spin_until(lambda: abs(group.media_position() - 12_000) < 100, 5)
    monkeypatch.setattr(
        "workstation.ui.recordings.media_review_bar.QInputDialog.getText",
        lambda *args, **kwargs: ("当事人拒绝签字", True),
    )
    panel.tools.mark_out()
    assert spin_until(lambda: panel.tools.bookmarks.count() == 1, 10)
    assert "当事人拒绝签字" in panel.tools.bookmarks.item(0).text()
    panel.tools.bookmarks.setCurrentRow(0)
    monkeypatch.setattr(
        "workstation.ui.recordings.media_review_bar.CiteDialog.ask",
        lambda *args, **kwargs: ("procedure", ""),
    )
    panel.tools.cite_selected()  # saved off the UI thread

    def cited() -> list[str]:
        checklist = ws.review.checklist(food, REVIEWER)
        return next(s for s in checklist.sections if s.section == "procedure").cited

    assert spin_until(lambda: any("00:00:05–00:00:12" in text for text in cited()), 10)


def test_a_snapshot_becomes_a_figure_of_the_opinion(panel: MediaPanel, ws: Any, food: str) -> None:
    panel.group.seek_media(4_000)
    assert spin_until(lambda: panel.master_image() is not None, 5)
    settle(0.2)
    panel.tools.snapshot()  # saved off the UI thread
    assert spin_until(lambda: len(ws.recordings.figures(food, REVIEWER)) == 1, 10)
    said = QCoreApplication.translate("MediaReviewBar", "Snapshot added to the opinion")
    assert spin_until(lambda: panel.tools.mark_label.text() == said, 10)
    figures = ws.recordings.figures(food, REVIEWER)
    assert figures[0].text.startswith("图1 ")


def test_a_tampered_recording_is_refused_before_it_plays(qtbot: Any, ws: Any, food: str) -> None:
    timeline = ws.recordings.timeline(food, REVIEWER)
    span = next(r for r in timeline.recordings if r.playable)
    os.chmod(span.file, stat.S_IRUSR | stat.S_IWUSR)
    with open(span.file, "r+b") as evidence:
        evidence.seek(100)
        evidence.write(b"tampered")
    widget = MediaPanel(ws, food, REVIEWER)
    qtbot.addWidget(widget)
    tile_message = lambda: widget._tiles.get(span.key) and widget._tiles[span.key].view.message()  # noqa: E731
    assert spin_until(lambda: bool(tile_message()) and span.device in widget.status.text(), 20)
    assert widget._tiles[span.key].player is None
    assert audit_rows(ws, "recording.playback_refused")
    widget.close_panel()


def test_aligning_a_mark_in_two_recordings_sets_the_second_clock(
    panel: MediaPanel, ws: Any, food: str
) -> None:
    group = panel.group
    assert len(panel._group_keys) >= 2
    group.seek_media(5_000)
    assert spin_until(lambda: panel.tools._position == 5_000, 5)
    panel.tools.align_mark()
    panel.master.setCurrentIndex(1)
    group.seek_media(4_000)
    assert spin_until(lambda: panel.tools._key == panel._group_keys[1], 5)
    assert spin_until(lambda: panel.tools._position == 4_000, 5)
    panel.tools.align_mark()
    assert spin_until(
        lambda: (
            panel.group.placement(1).wall_time(4_000) == panel.group.placement(0).wall_time(5_000)
        ),
        10,
    )
    row = audit_rows(ws, "recording.clock_correction")[-1]
    assert row.details["how"] == "align"
    assert row.details["recording"] == panel._group_keys[1]


def test_a_citation_jump_shows_that_moment_even_before_the_grid_is_ready(
    qtbot: Any, ws: Any, food: str
) -> None:
    timeline = ws.recordings.timeline(food, REVIEWER)
    key = [r.key for r in timeline.recordings if r.playable][-1]
    widget = MediaPanel(ws, food, REVIEWER)
    qtbot.addWidget(widget)
    widget.show_recording(key, 7_000)  # asked at once, as a click on a citation would
    assert spin_until(lambda: widget.group is not None, 20)
    index = widget._group_keys.index(key)
    placement = widget.group.placement(index)
    target = placement.wall_time(7_000)
    frame = widget._tiles[widget._group_keys[widget.group.master]].player.frame_ms()
    # the clock follows the heard recording's shown frame: within one of its frames
    assert spin_until(lambda: abs(widget.group.instant() - target) <= frame, 5)
    widget.close_panel()


def test_only_the_heard_recording_draws_its_sound(panel: MediaPanel) -> None:
    tiles, keys = panel._tiles, panel._group_keys
    heard = keys[panel.group.master]
    assert spin_until(lambda: bool(tiles[heard].lane._peaks), 10)
    assert tiles[heard].lane.isVisible()
    assert not any(tiles[k].lane.isVisible() or tiles[k].lane._peaks for k in keys if k != heard)
    panel.master.setCurrentIndex(1)  # another recording heard: its sound is read and drawn
    assert spin_until(lambda: bool(tiles[keys[1]].lane._peaks), 10)
    assert tiles[keys[1]].lane.isVisible()
    assert not tiles[heard].lane.isVisible()


def test_a_group_replaced_by_another_choice_no_longer_hears_the_players(
    qtbot: Any, panel: MediaPanel
) -> None:
    """Unticking a recording builds a new group over the same players: a frame shown after
    the old group is deleted must reach only the new one."""
    import shiboken6

    old = panel.group
    dropped = panel._group_keys[-1]
    item = panel.recordings._item(dropped)
    item.setCheckState(Qt.CheckState.Unchecked)  # as the reviewer unticks it
    assert spin_until(lambda: panel.group is not None and panel.group is not old, 20)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old), timeout=5_000)
    heard = panel._tiles[panel._group_keys[panel.group.master]].player
    heard.seek(6_000)  # the player goes on showing frames
    assert spin_until(lambda: abs(heard.position_ms() - 6_000) <= heard.frame_ms(), 5)
    settle(0.2)
    placement = panel.group.placement(panel.group.master)
    assert panel.group.instant() == placement.wall_time(heard.position_ms())


@pytest.fixture
def two_cameras(ws: Any, staff: None, make_bundle: Any, tmp_path: Path) -> str:
    """A case with two barcode cameras started together: the first (heard) runs 2 s, the
    second 4 s. Its reference, accepted for review."""
    clips = {}
    for name, seconds in (("short", 2), ("long", 4)):
        clips[f"media/{name}.mp4"] = tmp_path / f"{name}.mp4"
        write_clip(clips[f"media/{name}.mp4"], seconds=seconds)
    recordings = [
        {
            "id": rid,
            "path": path,
            "device": device,
            "started_at": "2026-03-01T10:00:00+08:00",
            "archived_at": "2026-03-01T11:00:00+08:00",
        }
        for rid, path, device in (
            ("r1", "media/short.mp4", "执法记录仪 C01"),
            ("r2", "media/long.mp4", "执法记录仪 C02"),
        )
    ]
    result = ws.import_bundle(make_bundle(minimal_case(recordings=recordings), clips), actor=CLERK)
    assert ws.workflow.act(result.short_id, "accept", REVIEWER) == "under_review"
    return str(result.short_id)


def _play_text(playing: bool) -> str:
    return QCoreApplication.translate("TransportBar", "Pause" if playing else "Play")


def test_play_runs_to_the_end_of_the_longest_recording_and_then_starts_again(
    qtbot: Any, ws: Any, two_cameras: str
) -> None:
    widget = MediaPanel(ws, two_cameras, REVIEWER)
    on_screen(qtbot, widget, 1100, 700)
    assert spin_until(lambda: widget.group is not None, 20), widget.status.text()
    group, button = widget.group, widget.transport.play_button
    heard, longer = (widget._tiles[k] for k in widget._group_keys)
    assert widget._group_keys[group.master] == widget._group_keys[0]
    assert group.placement(1).end_ms - group.placement(0).end_ms == 2_000
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.text() == _play_text(True)
    # the heard camera ends after 2 s and says so; the other plays on
    assert spin_until(lambda: "无录像" in heard.view.message(), 10)
    assert button.text() == _play_text(True)
    assert group.is_playing()
    # …to its own end, where the bar offers to play again
    assert spin_until(lambda: button.text() == _play_text(False), 10)
    assert not group.is_playing()

    def last_frame_of_longer() -> bool:
        image = longer.view.image()
        return image is not None and shown_number(image) == 99

    assert spin_until(last_frame_of_longer, 5)
    # the bar's time is the heard recording's, which stays at its end
    assert widget.transport.time_label.text() == "00:00:02.000 / 00:00:02.000"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # play at the end: from the start
    assert button.text() == _play_text(True)
    assert group.is_playing()
    assert group.instant() < group.placement(0).start_ms + 1_000

    def heard_plays_from_its_start() -> bool:
        image = heard.view.image()
        number = shown_number(image) if image is not None else None
        return number is not None and number < 25

    assert spin_until(heard_plays_from_its_start, 5)
    widget.close_panel()
