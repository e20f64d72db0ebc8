"""Frame snapshots as figures of the written opinion: 图1 执法记录仪 A02 00:00:05（…）.

The PNG the player captured is filed in the evidence store (like a signed opinion) and
described by an OpinionFigure row. Removing a figure keeps its row with `removed_at`, so a
signed revision is still shown with the figures it was signed with.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError, StorageError
from workstation.os_errors import os_error_text
from workstation.recordings.corrections import check_media_time, recording_row
from workstation.review.checklist import EDITABLE
from workstation.review.citing import recording_moment_text, recording_of, wall_time
from workstation.review.desk import Unit, may_edit
from workstation.store import models
from workstation.store.evidence import EvidenceStore
from workstation.store.filing import Filer
from workstation.store.recording_models import OpinionFigure
from workstation.store.review_models import User

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PNG_BYTES = 32 * 1024 * 1024
MAX_SIDE_PX = 8192
# Where the opinion may still change: the same states as opinion.editing.DRAFTABLE (a test
# keeps them equal; importing it would load python-docx with the timeline). Issuing locks
# the figures with the wording: the head signs what was issued.
FIGURE_STATES = EDITABLE


@dataclass(frozen=True)
class FigureView:
    """A figure as the opinion editor lists it."""

    id: int
    number: int  # 图n: its place among the figures of the opinion
    recording_key: str
    media_ms: int
    caption: str  # the reviewer's own words, may be empty
    text: str  # the whole caption as printed: 图1 执法记录仪 A02 00:00:05（…）：caption
    wall: datetime | None  # the true time of the frame; None when the recording is gone
    width_px: int
    height_px: int
    sha256: str  # the filed PNG
    created_by: str
    created_at: datetime


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a whole, valid PNG; refused in Chinese otherwise."""
    if len(data) > MAX_PNG_BYTES:
        raise IllegalActionError(f"截图过大（{len(data) // 1024 // 1024} MB），最多 32 MB")
    if not data.startswith(PNG_SIGNATURE):
        raise IllegalActionError("截图不是 PNG 图片")
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            size = image.size
            image.verify()  # chunk CRCs and the end of the stream: a cut-off file is refused
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise IllegalActionError(f"截图不是完整有效的 PNG 图片（{exc}）") from exc
    width, height = size
    if not (0 < width <= MAX_SIDE_PX and 0 < height <= MAX_SIDE_PX):
        raise IllegalActionError(f"截图尺寸 {width}×{height} 无效（每边最多 {MAX_SIDE_PX} 像素）")
    return width, height


def may_change_figures(unit: Unit) -> None:
    """Figures change with the opinion's wording: until it is issued, by who may edit the
    review."""
    if unit.case.review_state not in FIGURE_STATES:
        raise IllegalActionError(
            "出具审核意见后不能再修改意见书附图（已签发的意见书不能再改动）；"
            "只有审核中的案件可以修改"
        )
    may_edit(unit)


def add_figure(unit: Unit, filer: Filer, key: str, media_ms: int, png: bytes, caption: str) -> int:
    """File the PNG and add the figure; returns its id."""
    row = recording_row(unit.version, key)
    check_media_time(row, media_ms, "截图时间")
    width, height = png_size(png)
    sha256 = filer.file(unit.session, png, media_kind="image", suffix=".png", at=unit.now)
    figure = OpinionFigure(
        case_id=unit.case.id,
        version_id=unit.version.id,
        recording_key=key,
        media_ms=media_ms,
        caption=caption.strip(),
        png_sha256=sha256,
        width_px=width,
        height_px=height,
        created_at=unit.now,
        created_by=unit.user.id,
    )
    unit.session.add(figure)
    unit.session.flush()
    unit.log(
        "opinion.figure_add",
        figure=figure.id,
        recording=key,
        media_ms=media_ms,
        caption=figure.caption,
        png_sha256=sha256,
    )
    return figure.id


def remove_figure(unit: Unit, figure_id: int) -> None:
    """Take a figure out of the opinion (its row and PNG stay, for signed revisions)."""
    figure = unit.session.get(OpinionFigure, figure_id)
    if figure is None or figure.version_id != unit.version.id or figure.removed_at is not None:
        raise IllegalActionError(f"意见书中没有编号为 {figure_id} 的附图")
    figure.removed_at, figure.removed_by = unit.now, unit.user.id
    unit.log("opinion.figure_remove", figure=figure_id, recording=figure.recording_key)


def figure_rows(
    session: Session, version_id: int, as_of: datetime | None = None
) -> list[OpinionFigure]:
    """The figures of a version's opinion now, or (`as_of` a signing time) as signed."""
    query = select(OpinionFigure).where(OpinionFigure.version_id == version_id)
    if as_of is None:
        query = query.where(OpinionFigure.removed_at.is_(None))
    else:
        query = query.where(
            OpinionFigure.created_at <= as_of,
            or_(OpinionFigure.removed_at.is_(None), OpinionFigure.removed_at > as_of),
        )
    return list(session.scalars(query.order_by(OpinionFigure.id)))


def figure_views(
    session: Session, version: models.CaseVersion, offsets: Mapping[str, int]
) -> list[FigureView]:
    """The figures of the version's opinion as they stand, numbered."""
    views = []
    for number, row in enumerate(figure_rows(session, version.id), start=1):
        rec = recording_of(version, row.recording_key)
        author = session.get(User, row.created_by)
        views.append(
            FigureView(
                id=row.id,
                number=number,
                recording_key=row.recording_key,
                media_ms=row.media_ms,
                caption=row.caption,
                text=f"图{number} {figure_caption(version, row, offsets)}",
                wall=wall_time(rec, row.media_ms, offsets) if rec is not None else None,
                width_px=row.width_px,
                height_px=row.height_px,
                sha256=row.png_sha256,
                created_by=author.display_name if author else "",
                created_at=row.created_at,
            )
        )
    return views


def read_png(store: EvidenceStore, sha256: str, case_number: str) -> bytes:
    """A filed snapshot's bytes; a Chinese error if the evidence store lost it."""
    try:
        return store.path_for(sha256).read_bytes()
    except OSError as exc:
        raise StorageError(
            f"{case_number} 的意见书附图 {sha256[:12]}… 无法读取（{os_error_text(exc)}）；"
            f"请用 workstation verify 检查证据库"
        ) from exc


def figure_caption(
    version: models.CaseVersion, row: OpinionFigure, offsets: Mapping[str, int]
) -> str:
    """The caption an opinion prints under a figure, without its 图n."""
    text = recording_moment_text(version, row.recording_key, row.media_ms, offsets)
    return f"{text}：{row.caption}" if row.caption else text
