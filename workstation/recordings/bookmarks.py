"""Time-range bookmarks on a recording: the reviewer's mark in/out with a note.

A bookmark belongs to the case version under review (recording ids are a version's). Citing
one makes an ordinary recording citation (ChecklistService.add_citation), so the opinion
prints it as every recording citation: 执法记录仪 A01 00:00:05–00:00:12（…起）.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError
from workstation.recordings.corrections import check_media_time, recording_row
from workstation.recordings.timeline import BookmarkView
from workstation.review.citing import device_name, recording_of, recording_span_text, wall_time
from workstation.review.desk import Unit
from workstation.store import models
from workstation.store.recording_models import Bookmark
from workstation.store.review_models import User

MAX_NOTE = 2000


def add_bookmark(unit: Unit, key: str, start_ms: int, end_ms: int, note: str) -> int:
    """Mark `start_ms`–`end_ms` of recording `key`; returns the bookmark's id."""
    row = recording_row(unit.version, key)
    if not 0 <= start_ms < end_ms:
        raise IllegalActionError("书签须给出开始和结束时间，且开始早于结束")
    check_media_time(row, end_ms, "书签结束时间")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise IllegalActionError(f"书签备注过长（{len(note)} 字），最多 {MAX_NOTE} 字")
    mark = Bookmark(
        case_id=unit.case.id,
        version_id=unit.version.id,
        recording_key=key,
        start_ms=start_ms,
        end_ms=end_ms,
        note=note,
        created_at=unit.now,
        created_by=unit.user.id,
    )
    unit.session.add(mark)
    unit.session.flush()
    unit.log(
        "recording.bookmark_add",
        bookmark=mark.id,
        recording=key,
        start_ms=start_ms,
        end_ms=end_ms,
        note=note,
    )
    return mark.id


def bookmark_row(session: Session, version: models.CaseVersion, bookmark_id: int) -> Bookmark:
    """A bookmark of the version; refused when the version has no such bookmark."""
    mark = session.get(Bookmark, bookmark_id)
    if mark is None or mark.version_id != version.id:
        raise IllegalActionError(f"本案没有编号为 {bookmark_id} 的书签")
    return mark


def remove_bookmark(unit: Unit, bookmark_id: int) -> None:
    """Delete a bookmark (citations made from it stay: they are the checklist's)."""
    mark = bookmark_row(unit.session, unit.version, bookmark_id)
    unit.session.delete(mark)
    unit.log(
        "recording.bookmark_remove",
        bookmark=bookmark_id,
        recording=mark.recording_key,
        start_ms=mark.start_ms,
        end_ms=mark.end_ms,
        note=mark.note,
    )


def bookmark_views(
    session: Session, version: models.CaseVersion, offsets: Mapping[str, int]
) -> list[BookmarkView]:
    """The version's bookmarks in the order they were made, with their wall-clock times."""
    marks = session.scalars(
        select(Bookmark).where(Bookmark.version_id == version.id).order_by(Bookmark.id)
    )
    views = []
    for mark in marks:
        rec = recording_of(version, mark.recording_key)
        author = session.get(User, mark.created_by)
        key = mark.recording_key
        views.append(
            BookmarkView(
                id=mark.id,
                recording_key=key,
                device=device_name(rec, key),
                start_ms=mark.start_ms,
                end_ms=mark.end_ms,
                note=mark.note,
                start=wall_time(rec, mark.start_ms, offsets) if rec is not None else None,
                end=wall_time(rec, mark.end_ms, offsets) if rec is not None else None,
                text=recording_span_text(
                    version, key, mark.start_ms, mark.end_ms, mark.note, offsets
                ),
                created_by=author.display_name if author else "",
                created_at=mark.created_at,
            )
        )
    return views
