"""SQLAlchemy models of what the reviewer adds to a case's recordings: clock corrections,
time-range bookmarks and frame snapshots for the opinion.

Stored beside the evidence, never in it: the bundle's own `clock_offset_ms` and the media
files stay as imported; a correction is laid over them when the case is checked or shown.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workstation.store.models import Base


class ClockCorrection(Base):
    """The reviewer's correction of one recording's clock, in ms on top of the bundle's
    `clock_offset_ms` (true time = device time + bundle offset + correction)."""

    __tablename__ = "clock_corrections"
    __table_args__ = (UniqueConstraint("case_id", "recording_key", name="case_recording"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    recording_key: Mapped[str] = mapped_column(String(64))  # the bundle's recording id
    correction_ms: Mapped[int]
    set_at: Mapped[datetime]
    set_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Bookmark(Base):
    """A time range of one recording the reviewer marked, in media time, with a note."""

    __tablename__ = "bookmarks"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # Recording ids belong to a version: a resubmitted version is marked afresh.
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"))
    recording_key: Mapped[str] = mapped_column(String(64))
    start_ms: Mapped[int]
    end_ms: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class OpinionFigure(Base):
    """A frame snapshot (PNG, filed in the evidence store) printed in the opinion as a figure.

    Removing one keeps the row (`removed_at`), so a signed revision still shows the figures
    it was signed with."""

    __tablename__ = "opinion_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_versions.id"))
    recording_key: Mapped[str] = mapped_column(String(64))
    media_ms: Mapped[int]
    caption: Mapped[str] = mapped_column(Text, default="")
    png_sha256: Mapped[str] = mapped_column(ForeignKey("evidence_files.sha256"))
    width_px: Mapped[int]
    height_px: Mapped[int]
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    removed_at: Mapped[datetime | None]
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
