"""The reviewer's clock corrections: set, nudge, align two recordings on one instant, reset.

A correction is stored per case and recording id beside the evidence (ClockCorrection), in
ms on top of the bundle's own `clock_offset_ms`, which is never changed. Each change is one
transaction of the caller's unit with an audit entry holding the old and new values.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from workstation.casefile.stored_case import clock_corrections
from workstation.errors import IllegalActionError
from workstation.review.desk import Unit
from workstation.store import models
from workstation.store.recording_models import ClockCorrection

# A recorder set to the wrong day is plausible, a wrong month is a wrong file.
MAX_CORRECTION_MS = 7 * 24 * 3600 * 1000


def recording_row(version: models.CaseVersion, key: str) -> models.Recording:
    """The version's recording `key`; refused in Chinese when the case has none."""
    row = next((r for r in version.recordings if r.key == key), None)
    if row is None:
        raise IllegalActionError(f"本案没有编号为 {key} 的录音录像")
    return row


def media_limit_ms(row: models.Recording) -> int | None:
    """The recording's length in ms (manifest, else probed), None when unknown."""
    duration = row.duration_s or (row.evidence.details.get("duration_s") if row.evidence else None)
    return round(duration * 1000) if isinstance(duration, int | float) and duration else None


def check_media_time(row: models.Recording, media_ms: int, what: str = "时间") -> None:
    """Refuse a media time before the start or past the end of the recording."""
    limit = media_limit_ms(row)
    if media_ms < 0 or (limit is not None and media_ms > limit + 1):
        length = f"（时长 {limit / 1000:.1f} 秒）" if limit is not None else ""
        raise IllegalActionError(f"{what} {media_ms} 毫秒超出录像 {row.key} 的范围{length}")


def current_correction(unit: Unit, key: str) -> int:
    """The stored correction of recording `key` (0: none)."""
    return clock_corrections(unit.session, unit.case.id).get(key, 0)


def aligned_correction(unit: Unit, key_a: str, media_a_ms: int, key_b: str, media_b_ms: int) -> int:
    """B's correction so that media time `media_b_ms` of B shows the same true time as
    `media_a_ms` of A (with A's offset as it now stands)."""
    if key_a == key_b:
        raise IllegalActionError("对齐须选择两个不同的录像")
    row_a, row_b = recording_row(unit.version, key_a), recording_row(unit.version, key_b)
    check_media_time(row_a, media_a_ms, "标记时间")
    check_media_time(row_b, media_b_ms, "标记时间")
    offset_a = (row_a.clock_offset_ms or 0) + current_correction(unit, key_a)
    wall_a = row_a.started_at + timedelta(milliseconds=offset_a + media_a_ms)
    base_b = row_b.started_at + timedelta(milliseconds=(row_b.clock_offset_ms or 0) + media_b_ms)
    micros = (wall_a - base_b) // timedelta(microseconds=1)
    return (micros + 500) // 1000


def apply_correction(unit: Unit, key: str, new_ms: int, how: str, **details: Any) -> int:
    """Store `new_ms` as recording `key`'s correction (0 removes it) and log the change;
    returns the correction now in force."""
    row = recording_row(unit.version, key)
    if abs(new_ms) > MAX_CORRECTION_MS:
        raise IllegalActionError(
            f"时钟校正 {new_ms / 1000:+.3f} 秒过大（最多 ±7 天），请核对录像 {key} 的时间"
        )
    stored = unit.session.scalar(
        select(ClockCorrection).where(
            ClockCorrection.case_id == unit.case.id, ClockCorrection.recording_key == key
        )
    )
    old = stored.correction_ms if stored is not None else 0
    if old == new_ms:
        return new_ms  # nothing changes: nothing to log
    if new_ms == 0 and stored is not None:
        unit.session.delete(stored)
    elif stored is None:
        unit.session.add(
            ClockCorrection(
                case_id=unit.case.id,
                recording_key=key,
                correction_ms=new_ms,
                set_at=unit.now,
                set_by=unit.user.id,
            )
        )
    else:
        stored.correction_ms, stored.set_at, stored.set_by = new_ms, unit.now, unit.user.id
    unit.log(
        "recording.clock_correction",
        recording=key,
        device=row.device,
        how=how,
        old_ms=old,
        new_ms=new_ms,
        bundle_offset_ms=row.clock_offset_ms or 0,
        **details,
    )
    return new_ms
