"""Before a recording first plays, its stored bytes are re-hashed against the store."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from recording_office import CLERK, REVIEWER, WAV, audit_rows, seizure_case

from workstation.errors import CancelledError, IllegalActionError
from workstation.recordings import playback


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the playback check hashes, in order (the real hashing still runs)."""
    seen: list[Path] = []
    real = playback.hash_file

    def counting(path: Path, **kwargs: Any) -> str:
        seen.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(playback, "hash_file", counting)
    return seen


def stored_file(ws: Any, ref: str, key: str) -> Path:
    span = ws.recordings.timeline(ref, REVIEWER).recording(key)
    assert span is not None
    assert span.file is not None
    return Path(span.file)


def test_the_first_play_hashes_the_file_and_the_next_does_not(
    ws: Any, food: str, hashes: list[Path]
) -> None:
    progress: list[tuple[float, str]] = []
    path = ws.recordings.check_playable(
        food, "r1", REVIEWER, progress=lambda f, m: progress.append((f, m))
    )
    assert path == stored_file(ws, food, "r1")
    assert hashes == [path]
    assert progress[0] == (0.0, "正在核对执法记录仪 A01（media/执法记录仪A01.mp4）的哈希值")
    assert progress[-1][0] == 1.0
    assert ws.recordings.check_playable(food, "r1", CLERK) == path  # anyone who may read
    assert hashes == [path]  # remembered for the process
    assert audit_rows(ws, "recording.playback_refused") == []


def test_an_altered_file_is_refused_with_a_message_and_an_audit_entry(
    ws: Any, food: str, hashes: list[Path]
) -> None:
    path = stored_file(ws, food, "r2")
    os.chmod(path, 0o600)
    with path.open("r+b") as handle:  # one byte changed, as tampering or bit rot would
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(IllegalActionError) as refused:
        ws.recordings.check_playable(food, "r2", REVIEWER)
    assert refused.value.message == (
        "执法记录仪 A02（media/执法记录仪A02.mp4）的录像文件与入库时的哈希值不符（文件已被改动），"
        "已拒绝播放；请用 workstation verify 检查证据库"
    )
    [entry] = audit_rows(ws, "recording.playback_refused")
    assert (entry.actor, entry.case_id) == (REVIEWER, 1)
    assert entry.details == {
        "recording": "r2",
        "path": "media/执法记录仪A02.mp4",
        "problem": "altered",
        "sha256": path.name,
    }
    with pytest.raises(IllegalActionError, match="哈希值不符"):
        ws.recordings.check_playable(food, "r2", REVIEWER)  # a refusal is not remembered
    assert hashes == [path, path]


def test_a_file_changed_after_its_check_is_checked_again(
    ws: Any, food: str, hashes: list[Path]
) -> None:
    path = ws.recordings.check_playable(food, "r2", REVIEWER)
    os.chmod(path, 0o600)
    with path.open("ab") as handle:
        handle.write(b"\0" * 16)
    with pytest.raises(IllegalActionError, match="哈希值不符"):
        ws.recordings.check_playable(food, "r2", REVIEWER)
    assert hashes == [path, path]


def test_a_missing_file_is_refused(ws: Any, food: str) -> None:
    path = stored_file(ws, food, "r3")
    os.chmod(path, 0o600)
    path.unlink()
    with pytest.raises(
        IllegalActionError,
        match="听证室录音设备 T01（media/听证室录音.mp3）的录像文件已从证据库中丢失",
    ):
        ws.recordings.check_playable(food, "r3", REVIEWER)
    [entry] = audit_rows(ws, "recording.playback_refused")
    assert entry.details["problem"] == "missing"


def test_a_recording_refused_at_import_cannot_play(
    ws: Any, staff: None, make_bundle: Any, corpus_dir: Path
) -> None:
    document = seizure_case()
    document["case"]["recordings"][0]["sha256"] = "0" * 64
    ref = ws.import_bundle(
        make_bundle(document, {"media/a.wav": corpus_dir / WAV}), actor=CLERK
    ).short_id
    with pytest.raises(
        IllegalActionError, match="执法记录仪 B07（media/a.wav）未入库（hash_mismatch）"
    ):
        ws.recordings.check_playable(ref, "r1", REVIEWER)
    [entry] = audit_rows(ws, "recording.playback_refused")
    assert (entry.details["problem"], entry.details["sha256"]) == ("not_stored", None)


def test_the_check_can_be_cancelled_and_is_not_remembered(
    ws: Any, food: str, hashes: list[Path]
) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        ws.recordings.check_playable(food, "r1", REVIEWER, cancel=cancel)
    assert audit_rows(ws, "recording.playback_refused") == []  # cancelled is not refused
    ws.recordings.check_playable(food, "r1", REVIEWER)
    assert len(hashes) == 2


def test_an_unknown_recording_or_user_is_refused(ws: Any, food: str) -> None:
    with pytest.raises(IllegalActionError, match="本案没有编号为 r8 的录音录像"):
        ws.recordings.check_playable(food, "r8", REVIEWER)
    with pytest.raises(IllegalActionError, match="未登记"):
        ws.recordings.check_playable(food, "r1", "nobody")
