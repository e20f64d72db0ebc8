"""The figures an opinion prints: the reviewer's frame snapshots (recordings/figures.py) as
the opinion's content, with their PNG bytes from the evidence store."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from workstation.opinion.content import FigureContent
from workstation.recordings.figures import figure_caption, figure_rows, read_png
from workstation.store import models
from workstation.store.evidence import EvidenceStore


def opinion_figures(
    session: Session,
    store: EvidenceStore,
    version: models.CaseVersion,
    offsets: Mapping[str, int],
    as_of: datetime | None = None,
) -> tuple[FigureContent, ...]:
    """The figures an opinion of `version` prints (`as_of`: a signed revision's signing
    time), with their PNG bytes from the evidence store."""
    return tuple(
        FigureContent(
            caption=figure_caption(version, row, offsets),
            png=read_png(store, row.png_sha256, version.case.number),
            width_px=row.width_px,
            height_px=row.height_px,
        )
        for row in figure_rows(session, version.id, as_of)
    )
