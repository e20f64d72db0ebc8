"""`workstation import`: a bundle in, a case version out — all of it or nothing.

1. Open and check the bundle (hostile ZIPs and folders refused before anything is written).
2. Parse and validate case.json (every problem reported with its JSON path).
3. Clean up after interrupted imports (never a live one's), then stream every file into
   this import's own staging folder, hashing while copying.
4. Same content as a stored version: nothing changes. Otherwise probe what is new (in a
   child process, each file and the whole import with a time limit), assemble the version
   and its findings, and, under the store lock only now, move the new files into the
   evidence store and commit the database in one transaction. A long copy or a hostile
   file's probe thus blocks no other import and no signing (issue 17, M1).
A crash, kill or cancel at any point leaves either the whole new version or nothing, and
whatever it left in staging is cleaned by the next import.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.casefile.assemble import Finding, assemble
from workstation.casefile.bundle import BundleSource, open_bundle
from workstation.casefile.import_io import write_errors
from workstation.casefile.import_log import Attempt, log_import, record_failure, record_unchanged
from workstation.casefile.intake import Staged, content_digest, copy_bundle, read_manifest
from workstation.casefile.manifest import EXERCISE_NAME, MANIFEST_NAME
from workstation.casefile.model import CaseManifest
from workstation.casefile.probe import ProbeResult
from workstation.casefile.probe_worker import ProbeRunner
from workstation.casefile.probing import probe_new, store_probe_rows
from workstation.clock import Clock
from workstation.errors import (
    BundleError,
    HostileBundleError,
    IllegalActionError,
    WorkstationError,
)
from workstation.progress import Progress
from workstation.security.version_rows import ROWS_KEY, version_digests
from workstation.settings import ImportLimits
from workstation.store import models
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.staging import Staging, import_lock, recover

log = logging.getLogger(__name__)


# Share of the progress bar per phase: copying dominates, probing next, the commit last.
_COPY, _PROBE = 0.75, 0.20


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    outcome: str  # "imported" or "unchanged"
    case_id: int
    number: str
    version: int
    import_id: int
    findings: list[Finding] = field(default_factory=list)
    review_note: str = ""  # what the new version means for the case's review (service layer)

    @property
    def short_id(self) -> str:
        return f"C{self.case_id}"


class BundleImporter:
    """Imports case bundles into one data folder's database and evidence store."""

    def __init__(
        self, db: Database, store: EvidenceStore, data_dir: Path, limits: ImportLimits, clock: Clock
    ) -> None:
        self.db = db
        self.store = store
        self.data_dir = data_dir
        self.staging_root = data_dir / "staging"
        self.limits = limits
        self.clock = clock
        self._runner: ProbeRunner | None = None
        self._runner_free = threading.Lock()

    def close(self) -> None:
        """Stop the probe child process, if one is running."""
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    @contextmanager
    def _runner_for_this_import(self) -> Iterator[ProbeRunner]:
        """The importer's probe child (restarted after a kill), one import at a time; an
        import that finds it busy (another import of this process) gets one of its own."""
        if not self._runner_free.acquire(blocking=False):
            with ProbeRunner(self.limits.probe_timeout_s) as own:
                yield own
            return
        try:
            if self._runner is None:
                self._runner = ProbeRunner(self.limits.probe_timeout_s)
            yield self._runner
        finally:
            self._runner_free.release()

    def import_bundle(
        self,
        location: Path,
        *,
        actor: str,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        exercises_only: str | None = None,
    ) -> ImportResult:
        """Import the bundle folder or ZIP at `location`; raises a WorkstationError if refused.
        `exercises_only`: the refusal to give unless the bundle is an exercise."""
        report = progress or (lambda _f, _m: None)
        started = self.clock()
        report(0.0, f"正在检查案卷包 {location.name}")
        try:
            source = open_bundle(location, self.limits)
            if exercises_only and all(e.path != EXERCISE_NAME for e in source.entries):
                source.close()
                raise IllegalActionError(exercises_only)
        except (BundleError, IllegalActionError) as exc:
            record_failure(self.db, Attempt(location, actor, started, self.clock()), "refused", exc)
            raise
        try:
            manifest, manifest_sha = read_manifest(source, location, self.limits)
            self._recover_abandoned(cancel)
            return self._import(
                source,
                manifest,
                manifest_sha,
                Attempt(location, actor, started, started),
                report,
                cancel,
            )
        except BundleError as exc:
            record_failure(self.db, Attempt(location, actor, started, self.clock()), "refused", exc)
            raise
        except WorkstationError as exc:
            record_failure(self.db, Attempt(location, actor, started, self.clock()), "aborted", exc)
            raise
        finally:
            source.close()

    # --- steps ------------------------------------------------------------------------

    def _recover_abandoned(self, cancel: threading.Event | None) -> None:
        """Clean what killed imports and filings left (never a live one's folder)."""
        if self.staging_root.is_dir() and any(self.staging_root.iterdir()):
            with import_lock(self.data_dir, cancel=cancel, db=self.db):
                recover(self.staging_root, self.store, self.is_committed)

    def _import(
        self,
        source: BundleSource,
        manifest: CaseManifest,
        manifest_sha: str,
        attempt: Attempt,
        report: Progress,
        cancel: threading.Event | None,
    ) -> ImportResult:
        staging = _make_staging(self.staging_root)
        try:
            with self._runner_for_this_import() as runner:
                result = self._copy_probe_commit(
                    source, manifest_sha, manifest, attempt, report, cancel, staging, runner
                )
        except BaseException:
            self._clean_up(staging)
            raise
        staging.remove()
        report(1.0, f"{manifest.number} 第 {result.version} 版")
        return result

    def _copy_probe_commit(
        self,
        source: BundleSource,
        manifest_sha: str,
        manifest: CaseManifest,
        attempt: Attempt,
        report: Progress,
        cancel: threading.Event | None,
        staging: Staging,
        runner: ProbeRunner,
    ) -> ImportResult:
        runner.start()  # loads its parsers while the files are copied
        staged = copy_bundle(
            source, staging, attempt.location, lambda f, m: report(_COPY * f, m), cancel
        )
        if staged[MANIFEST_NAME][0].sha256 != manifest_sha:
            raise HostileBundleError(
                f"{attempt.location} 中的 case.json 在导入过程中被修改，已撤销导入"
            )
        with import_lock(self.data_dir, cancel=cancel, db=self.db):
            restored = self._restore_from(staged)
        digest = content_digest(item for item, _ in staged.values())
        latest = self._latest_version(manifest)
        if latest is not None and latest.content_digest == digest:
            done = replace(attempt, finished=self.clock())
            import_id = record_unchanged(self.db, done, latest.id, restored)
            result = ImportResult(
                "unchanged",
                latest.case_id,
                manifest.number,
                latest.version,
                import_id,
                restored,
            )
        else:
            probes = self._probe_all(runner, staged, report, cancel)
            report(_COPY + _PROBE, "正在写入数据库")
            # The store lock only now: copying and probing above block nobody.
            with import_lock(self.data_dir, cancel=cancel, db=self.db):
                result = self._commit(manifest, staged, staging, probes, digest, attempt, restored)
        return result

    def _clean_up(self, staging: Staging) -> None:
        """After a failure: take back what entered the store uncommitted. That needs the
        store lock; if it cannot be had, the folder is left to the next import's recovery."""
        if not staging.adopted_any:
            staging.remove()  # nothing entered the store: no lock needed
            return
        try:
            with import_lock(self.data_dir, db=self.db):
                staging.recover(self.store, self.is_committed)
        except (WorkstationError, OSError) as exc:
            log.warning("left staging folder %s for later recovery: %s", staging.folder, exc)
            staging.release()

    def _restore_from(self, staged: Staged) -> list[Finding]:
        """Put back stored files that went missing or changed size, from this bundle's copy."""
        known = self._known_evidence({item.sha256 for item, _ in staged.values()})
        restored = []
        for item, path in staged.values():
            row = known.get(item.sha256)
            if row is None or not path.exists() or self.store.is_intact_size(item.sha256, row.size):
                continue
            with write_errors("到证据库"):
                self.store.restore(path, item.sha256)
            restored.append(
                Finding(
                    "warning",
                    "EVIDENCE_RESTORED",
                    item.path,
                    f"证据库中 {item.path} 的存档（{item.sha256[:12]}…）丢失或已被改动，"
                    f"已用本次导入的文件恢复；请运行 workstation verify 检查其余文件",
                )
            )
        return restored

    def _probe_all(
        self,
        runner: ProbeRunner,
        staged: Staged,
        report: Progress,
        cancel: threading.Event | None,
    ) -> dict[str, ProbeResult]:
        known = self._known_evidence({f.sha256 for f, _ in staged.values()})
        # A file whose earlier probe failed (crash, timeout) is probed again.
        probes = {
            sha: _from_row(row) for sha, row in known.items() if "probe_failure" not in row.details
        }
        todo = [(f, p) for f, p in staged.values() if f.sha256 not in probes]
        progress = lambda f, m: report(_COPY + _PROBE * f, m)  # noqa: E731
        probes.update(probe_new(runner, self.store, todo, self.limits, progress, cancel))
        return probes

    def _commit(
        self,
        manifest: CaseManifest,
        staged: Staged,
        staging: Staging,
        probes: dict[str, ProbeResult],
        digest: str,
        attempt: Attempt,
        restored: list[Finding],
    ) -> ImportResult:
        now = self.clock()
        files = {path: item for path, (item, _) in staged.items()}
        assembly = assemble(manifest, files, probes, content_digest=digest, imported_at=now)
        findings = restored + assembly.findings
        with self.db.write("导入案卷") as session:
            known = self._known_evidence(set(probes), session)
            store_probe_rows(session, probes, known, files, now)
            case = self._case_for(session, manifest, now)
            last = session.scalar(
                select(func.max(models.CaseVersion.version)).where(
                    models.CaseVersion.case_id == case.id
                )
            )
            assembly.version.version = (last or 0) + 1
            case.versions.append(assembly.version)
            session.flush()  # the version's rows, read back for their digests
            rows = version_digests(session, assembly.version.id)
            record = log_import(
                session,
                replace(attempt, finished=now),
                "imported",
                f"第 {assembly.version.version} 版，{len(files)} 个文件",
                version=assembly.version,
                case_id=case.id,
                findings=[models.ImportFinding(**vars(f)) for f in findings],
                details={
                    "version": assembly.version.version,
                    "content_digest": digest,
                    "files": len(files),
                    "findings": len(findings),
                    ROWS_KEY: rows,  # what verify compares the version's rows with
                },
            )
            # Files enter the store only now, journalled, just before the commit.
            in_store = set(known)
            with write_errors("到证据库"):
                for item, path in staged.values():
                    if item.sha256 not in in_store and path.exists():
                        staging.adopt(self.store, path, item.sha256)
                        in_store.add(item.sha256)
            return ImportResult(
                "imported", case.id, case.number, assembly.version.version, record.id, findings
            )

    # --- database look-ups ------------------------------------------------------------

    def _case_for(self, session: Session, manifest: CaseManifest, now: datetime) -> models.Case:
        case = session.scalar(
            select(models.Case).where(
                models.Case.agency_key == manifest.agency.key, models.Case.number == manifest.number
            )
        )
        if case is None:
            case = models.Case(
                agency_key=manifest.agency.key, number=manifest.number, created_at=now
            )
            session.add(case)
            session.flush()
        return case

    def _latest_version(self, manifest: CaseManifest) -> models.CaseVersion | None:
        """The newest stored version of this case: identical content changes nothing."""
        with self.db.session() as session:
            return session.scalars(
                select(models.CaseVersion)
                .join(models.Case)
                .where(
                    models.Case.agency_key == manifest.agency.key,
                    models.Case.number == manifest.number,
                )
                .order_by(models.CaseVersion.version.desc())
                .limit(1)
            ).first()

    def _known_evidence(
        self, hashes: set[str], session: Session | None = None
    ) -> dict[str, models.EvidenceFile]:
        if session is None:
            with self.db.session() as own:
                return self._known_evidence(hashes, own)
        rows = session.scalars(
            select(models.EvidenceFile).where(models.EvidenceFile.sha256.in_(hashes))
        )
        return {row.sha256: row for row in rows}

    def is_committed(self, sha256: str) -> bool:
        return bool(self._known_evidence({sha256}))


def _from_row(row: models.EvidenceFile) -> ProbeResult:
    return ProbeResult(row.media_kind, row.condition, row.reason, dict(row.details))


def _make_staging(root: Path) -> Staging:
    with write_errors("到暂存文件夹"):
        return Staging(root)
