"""A stored case is checked exactly like its bundle, and reviewer corrections count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import minimal_case

from workstation.casefile.examine import read_for_check
from workstation.rules.engine import check_case
from workstation.settings import ImportLimits


def _recorded_case() -> dict[str, Any]:
    document = minimal_case(
        recordings=[
            {
                "id": "r1",
                "path": "media/a.wav",
                "device": "执法记录仪 A01",
                "started_at": "2026-03-01T10:00:00+08:00",
                "archived_at": "2026-03-01T11:00:00+08:00",
                "clock_offset_ms": 0,
            }
        ]
    )
    document["case"]["events"] = [
        {
            "id": "e1",
            "type": "seizure",
            "at": "2026-03-01T10:00:01.500+08:00",
            "officers": ["37040001", "37040002"],
            "approved_at": "2026-03-01T09:00:00+08:00",
        },
        {
            "id": "e2",
            "type": "notice_of_intent",
            "at": "2026-03-05T10:00:00+08:00",
            "rights": ["statement", "defence"],
        },
    ]
    return document


def test_stored_case_gives_the_findings_its_bundle_gives(
    ws: Any, make_bundle: Any, corpus_dir: Path
) -> None:
    wav = corpus_dir / "audio_mutagen_pcm_id3v23.wav"  # 2.0 s, no duration_s in the manifest
    bundle = make_bundle(_recorded_case(), {"media/a.wav": wav, "extra.txt": b"x"})
    ws.import_bundle(bundle, actor="t")
    manifest, files = read_for_check(bundle, ImportLimits())
    from_bundle = check_case(manifest, ws.rule_pack(), files)
    from_store = ws.check("C1")
    assert from_store.to_json() == from_bundle.to_json()
    assert "PROC-10" not in [f.rule for f in from_store.findings]  # covered by the 2 s recording


def test_a_corrected_clock_offset_changes_the_findings(
    ws: Any, make_bundle: Any, corpus_dir: Path
) -> None:
    wav = corpus_dir / "audio_mutagen_pcm_id3v23.wav"
    ws.import_bundle(make_bundle(_recorded_case(), {"media/a.wav": wav}), actor="t")
    assert "PROC-10" not in [f.rule for f in ws.check("C1").findings]
    # The reviewer finds the recorder's clock was 3 s slow: true time = device time + 3 s,
    # so the recording really covers 10:00:03–10:00:05 and misses the seizure at 10:00:01.5.
    corrected = ws.check("C1", offsets={"r1": 3000})
    [missing] = [f for f in corrected.findings if f.rule == "PROC-10"]
    assert missing.refs == ("e1",)


def test_probed_duration_is_found_when_the_manifest_spells_the_path_differently(
    ws: Any, make_bundle: Any, corpus_dir: Path
) -> None:
    document = _recorded_case()
    document["case"]["recordings"][0]["path"] = "Media/A.WAV"
    wav = corpus_dir / "audio_mutagen_pcm_id3v23.wav"
    ws.import_bundle(make_bundle(document, {"media/a.wav": wav}), actor="t")
    rules = [f.rule for f in ws.check("C1").findings]
    assert "PROC-10" not in rules  # the 2 s measured at import covers the seizure
    assert "INTEG-01" not in rules
