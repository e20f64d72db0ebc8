"""Every audio/video file of the shared corpus: played, or refused with a reason, per its
MANIFEST `expected` column — never a crash or a hang (each wait is bounded)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import shared_dir
from media_support import spin_until

from workstation.casefile.probe_media import probe_media
from workstation.ui.recordings.player_widget import PlayerWidget

pytestmark = pytest.mark.gui

PLAYABLE = ("ok", "repaired")  # the conditions recordings/timeline.py lets play


def _media_rows(corpus: Path) -> list[tuple[str, str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as table:
        rows = list(csv.DictReader(table, delimiter="\t"))
    return [(r["file"], r["kind"], r["expected"]) for r in rows if r["kind"] in ("audio", "video")]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "media_row" in metafunc.fixturenames:
        rows = _media_rows(shared_dir() / "corpus")
        metafunc.parametrize("media_row", rows, ids=[name for name, _, _ in rows])


def test_each_corpus_recording_plays_or_is_refused(qtbot, corpus_dir, media_row) -> None:  # noqa: ANN001
    name, kind, expected = media_row
    path = corpus_dir / name
    probe = probe_media(str(path))
    if expected == "must-reject":
        # stored and hashed, but the workstation never offers it for playback
        assert probe.condition not in PLAYABLE, probe
        assert probe.reason
        return
    assert probe.condition in PLAYABLE, probe
    widget = PlayerWidget()
    qtbot.addWidget(widget)
    widget.open_file(path)
    try:
        assert spin_until(widget.is_ready, 15), f"{name}: neither played nor refused"
        assert widget.player is not None, widget.view.message()
        if kind == "video":
            assert spin_until(lambda: widget.view.image() is not None, 10), name
            assert widget.view.image().width() > 0
        else:
            assert spin_until(lambda: widget.player.duration_ms() > 0, 5)
    finally:
        widget.close_file()


def test_a_recording_cut_before_its_index_is_refused_by_the_players_too(qtbot, corpus_dir) -> None:  # noqa: ANN001
    """Even when asked directly, no engine pretends to play a file with no moov."""
    widget = PlayerWidget()
    qtbot.addWidget(widget)
    widget.open_file(corpus_dir / "video_derived_realshort_no-moov.mp4")
    try:
        assert spin_until(widget.is_ready, 15)
        assert widget.player is None
        assert "video_derived_realshort_no-moov.mp4" in widget.view.message()
    finally:
        widget.close_file()
