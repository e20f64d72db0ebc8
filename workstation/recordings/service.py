"""RecordingService (`Workstation.recordings`): what the player, the timeline and the
transcript panel ask of the domain, each call taking the acting user's login.

Edits (clock corrections, bookmarks) are review edits: one transaction with its audit
entry, by the reviewer on the case while the review is open, refused in Chinese otherwise.
Figures change with the opinion until it is signed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workstation.casefile.stored_case import clock_corrections, reviewer_offsets
from workstation.clock import Clock
from workstation.errors import IllegalActionError, StorageError
from workstation.os_errors import os_error_text
from workstation.progress import Progress
from workstation.recordings import bookmarks as marks
from workstation.recordings import corrections as rec_clock
from workstation.recordings import figures as figs
from workstation.recordings import playback
from workstation.recordings.figures import FigureView
from workstation.recordings.timeline import BookmarkView, CaseTimeline, build_timeline
from workstation.recordings.transcripts import Transcript, parse_transcript
from workstation.review.checklist import ChecklistService, CitationSpec, may_change
from workstation.review.desk import Desk, Unit
from workstation.rules.rulepack import RulePack
from workstation.security import audit
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.filing import filing
from workstation.store.models import EvidenceFile

_REFUSALS = {
    "missing": "的录像文件已从证据库中丢失",
    "unreadable": "的录像文件无法读取",
    "altered": "的录像文件与入库时的哈希值不符（文件已被改动）",
}


class RecordingService(Desk):
    """Recordings of the case under review: timeline, clock, transcripts, marks, figures."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        pack: Callable[[], RulePack],
        *,
        store: EvidenceStore,
        data_dir: Path,
        checklist: ChecklistService,
    ) -> None:
        super().__init__(db, clock, pack)
        self.store, self.data_dir, self.checklist = store, data_dir, checklist

    # --- reading ------------------------------------------------------------------------

    def timeline(self, reference: str, login: str) -> CaseTimeline:
        """The version under review on the case's wall clock, corrections applied."""
        with self.reading(reference, login) as unit:
            corrections = clock_corrections(unit.session, unit.case.id)
            offsets = reviewer_offsets(unit.session, unit.version)
            marked = marks.bookmark_views(unit.session, unit.version, offsets)
            return build_timeline(unit.version, self.pack(), corrections, self.store, marked)

    def transcript(self, reference: str, recording_key: str, login: str) -> Transcript:
        """The cues of the recording's stored transcript (SRT or WebVTT)."""
        with self.reading(reference, login) as unit:
            row = rec_clock.recording_row(unit.version, recording_key)
            stored = row.transcript
            device = row.device or row.key
            if stored is None:
                raise IllegalActionError(f"{device}没有随案卷提交转写文本")
            if stored.evidence_sha256 is None:
                raise IllegalActionError(
                    f"{device}的转写文本 {stored.path} 未入库（{stored.status}）"
                )
            path, name = self.store.path_for(stored.evidence_sha256), stored.path
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StorageError(
                f"转写文本 {name} 无法读取（{os_error_text(exc)}）；请用 workstation verify 检查证据库"
            ) from exc
        return parse_transcript(data, name)

    def bookmarks(self, reference: str, login: str) -> list[BookmarkView]:
        """The bookmarks of the version under review, oldest first."""
        with self.reading(reference, login) as unit:
            offsets = reviewer_offsets(unit.session, unit.version)
            return marks.bookmark_views(unit.session, unit.version, offsets)

    def figures(self, reference: str, login: str) -> list[FigureView]:
        """The figures the opinion of the version under review prints now, numbered."""
        with self.reading(reference, login) as unit:
            offsets = reviewer_offsets(unit.session, unit.version)
            return figs.figure_views(unit.session, unit.version, offsets)

    def figure_png(self, reference: str, figure_id: int, login: str) -> bytes:
        """A figure's PNG, as filed (for a thumbnail)."""
        with self.reading(reference, login) as unit:
            rows = figs.figure_rows(unit.session, unit.version.id)
            row = next((f for f in rows if f.id == figure_id), None)
            if row is None:
                raise IllegalActionError(f"意见书中没有编号为 {figure_id} 的附图")
            return figs.read_png(self.store, row.png_sha256, unit.case.number)

    # --- clock corrections --------------------------------------------------------------

    def set_correction(
        self, reference: str, recording_key: str, correction_ms: int, login: str
    ) -> int:
        """Set the recording's correction (ms on top of the bundle's offset; 0 removes it)."""
        with self._editing(reference, login, "校正录像时钟") as unit:
            return rec_clock.apply_correction(unit, recording_key, correction_ms, "set")

    def nudge_correction(
        self, reference: str, recording_key: str, delta_ms: int, login: str
    ) -> int:
        """Move the recording's correction by `delta_ms` (a frame, 100 ms …); returns it."""
        with self._editing(reference, login, "校正录像时钟") as unit:
            new = rec_clock.current_correction(unit, recording_key) + delta_ms
            return rec_clock.apply_correction(unit, recording_key, new, "nudge", delta_ms=delta_ms)

    def align_recordings(
        self,
        reference: str,
        key_a: str,
        media_a_ms: int,
        key_b: str,
        media_b_ms: int,
        login: str,
    ) -> int:
        """Media time `media_a_ms` of A and `media_b_ms` of B show the same instant: set B's
        correction so (A stays as it is); returns B's new correction."""
        with self._editing(reference, login, "对齐录像时钟") as unit:
            new = rec_clock.aligned_correction(unit, key_a, media_a_ms, key_b, media_b_ms)
            return rec_clock.apply_correction(
                unit, key_b, new, "align", anchor=key_a, anchor_ms=media_a_ms, mark_ms=media_b_ms
            )

    def reset_correction(self, reference: str, recording_key: str, login: str) -> None:
        """Drop the reviewer's correction: the bundle's own offset applies again."""
        with self._editing(reference, login, "撤销录像时钟校正") as unit:
            rec_clock.apply_correction(unit, recording_key, 0, "reset")

    # --- bookmarks ----------------------------------------------------------------------

    def add_bookmark(
        self,
        reference: str,
        recording_key: str,
        start_ms: int,
        end_ms: int,
        note: str,
        login: str,
    ) -> int:
        """Mark a time range of a recording with a note; returns the bookmark's id."""
        with self._editing(reference, login, "添加录像书签") as unit:
            return marks.add_bookmark(unit, recording_key, start_ms, end_ms, note)

    def remove_bookmark(self, reference: str, bookmark_id: int, login: str) -> None:
        """Delete a bookmark."""
        with self._editing(reference, login, "删除录像书签") as unit:
            marks.remove_bookmark(unit, bookmark_id)

    def cite_bookmark(self, reference: str, bookmark_id: int, section: str, login: str) -> int:
        """Attach a bookmark to a checklist section as a recording citation; returns the
        citation's id (ChecklistService.add_citation: its checks, its audit entry)."""
        with self.reading(reference, login) as unit:
            mark = marks.bookmark_row(unit.session, unit.version, bookmark_id)
            spec = CitationSpec(
                "recording",
                mark.recording_key,
                start_ms=mark.start_ms,
                end_ms=mark.end_ms,
                note=mark.note,
            )
        return self.checklist.add_citation(reference, section, spec, login)

    # --- figures ------------------------------------------------------------------------

    def add_figure(
        self,
        reference: str,
        recording_key: str,
        media_ms: int,
        png: bytes,
        login: str,
        caption: str = "",
    ) -> int:
        """File a frame snapshot (PNG bytes) as a figure of the opinion; returns its id."""
        with (
            filing(self.data_dir, self.store, self._is_committed, self.db) as filer,
            self.unit(reference, login, "opinion.draft", "添加意见书附图") as unit,
        ):
            figs.may_change_figures(unit)
            return figs.add_figure(unit, filer, recording_key, media_ms, png, caption)

    def remove_figure(self, reference: str, figure_id: int, login: str) -> None:
        """Take a figure out of the opinion (a signed revision keeps its figures)."""
        with self.unit(reference, login, "opinion.draft", "删除意见书附图") as unit:
            figs.may_change_figures(unit)
            figs.remove_figure(unit, figure_id)

    # --- playback -----------------------------------------------------------------------

    def check_playable(
        self,
        reference: str,
        recording_key: str,
        login: str,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:
        """The evidence file to play, after re-hashing it against the store (once per process
        while it stays unchanged). A missing or altered file is refused in Chinese and the
        refusal audited. Long on a large file: run it off the UI thread (job style)."""
        with self.reading(reference, login) as unit:
            row = rec_clock.recording_row(unit.version, recording_key)
            label = f"{row.device or '录音录像'}（{row.path}）"
            case_id, evidence = unit.case.id, row.evidence
            status, bundle_path = row.status, row.path
        problem: str | None = "not_stored"
        message = f"{label}未入库（{status}），无法播放"
        if evidence is not None:
            path = self.store.path_for(evidence.sha256)
            if playback.already_verified(path):
                return path
            problem = playback.hash_problem(
                path, evidence.sha256, evidence.size, label, progress=progress, cancel=cancel
            )
            if problem is None:
                return path
            message = f"{label}{_REFUSALS[problem]}，已拒绝播放；请用 workstation verify 检查证据库"
        with self.db.write("记录拒绝播放") as session:
            audit.append(
                session,
                at=self.clock(),
                actor=login,
                action="recording.playback_refused",
                case_id=case_id,
                details={
                    "recording": recording_key,
                    "path": bundle_path,
                    "problem": problem,
                    "sha256": evidence.sha256 if evidence is not None else None,
                },
            )
        raise IllegalActionError(message)

    # --- helpers ------------------------------------------------------------------------

    @contextmanager
    def _editing(self, reference: str, login: str, what: str) -> Iterator[Unit]:
        """A review edit: the review is open and the actor may edit it."""
        with self.unit(reference, login, "review.edit", what) as unit:
            may_change(unit)
            yield unit

    def _is_committed(self, sha256: str) -> bool:
        with self.db.session() as session:
            return session.get(EvidenceFile, sha256) is not None
