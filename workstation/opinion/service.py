"""Drafting, signing, exporting and verifying the written opinion.

A draft is rendered on demand from the review as it stands. Signing — by a division head,
with the passphrase of a registered key — renders the final DOCX, signs its hash with the
case number, outcome and time, files the DOCX and the signature into the evidence store
(入卷), locks that revision and moves the case to the outcome's state, in one transaction.
A signed revision is never changed: editing again makes the next revision.

A signature is checked through the office root alone: the signature file carries the head's
key certificate, and the verifier trusts one root fingerprint (given, or this office's).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from workstation.clock import Clock
from workstation.documents import libreoffice as pdf
from workstation.documents.libreoffice import docx_to_pdf
from workstation.durable import replace_durably
from workstation.errors import IllegalActionError, StorageError
from workstation.opinion.editing import OpinionDesk, check_text_keys
from workstation.opinion.verifying import Verification, verify_signed_file
from workstation.os_errors import os_error_text
from workstation.review.checklist import ChecklistService
from workstation.review.workflow_rules import OUTCOME_STATES
from workstation.review.workflow_service import WorkflowService
from workstation.rules.rulepack import RulePack
from workstation.security import audit, signing
from workstation.security.key_registry import active_key, signing_certificate
from workstation.security.keystore import KeyStore
from workstation.security.signed_heads import audit_head_now
from workstation.security.throttle import Throttles, whole_seconds
from workstation.store.cases import resolve_case
from workstation.store.db import Database
from workstation.store.evidence import EvidenceStore
from workstation.store.filing import filing
from workstation.store.models import EvidenceFile
from workstation.store.review_models import Opinion
from workstation.timefmt import office_time

WRONG_PASSPHRASE = "opinion.wrong_passphrase"  # the audit entry of a failed signing


def passphrase_wait(seconds: float) -> str:
    """How long to wait before the next signing attempt, in whole seconds (rounded up)."""
    return f"签名口令多次输入错误，请 {whole_seconds(seconds)} 秒后再试"


def passphrase_throttles(clock: Callable[[], float] = time.monotonic) -> Throttles:
    """The pause after repeated wrong passphrases, one per signer (the login's settings)."""
    return Throttles(clock=clock, wait=passphrase_wait)


class OpinionService(OpinionDesk):
    """The opinion of the case under review."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        pack: Callable[[], RulePack],
        *,
        data_dir: Path,
        store: EvidenceStore,
        keys: KeyStore,
        checklist: ChecklistService,
        workflow: WorkflowService,
        template: Path | None = None,
    ) -> None:
        super().__init__(db, clock, pack)
        self.data_dir, self.store, self.keys = data_dir, store, keys
        # Per signer, like the login's; tests give one with their own clock.
        self.passphrase_throttles = passphrase_throttles()
        self.checklist, self.workflow, self.template = checklist, workflow, template

    def draft(
        self, reference: str, login: str, out: Path, texts: dict[str, str] | None = None
    ) -> Path:
        """Write the current draft to `out` (.docx, or .pdf through LibreOffice), marked 草稿
        and without a number until issued; `texts` are saved first (only while editable)."""
        check_text_keys(texts or {})
        with self.unit(reference, login, "opinion.draft", "起草审核意见书") as unit:
            problem = self._draft_refusal(unit, export=not texts)
            if problem:
                raise IllegalActionError(problem)
            opinion = self.workflow.ensure_opinion(unit)
            if texts:
                opinion.texts = {**opinion.texts, **texts}
            # The edited wording itself, like comments: the log shows what the text said.
            unit.log("opinion.draft", revision=opinion.revision, texts=texts or {})
            data = self._render(unit, opinion, head=None)
        # A working copy, not evidence: written after the draft is saved, whole or not at all.
        return _place(_stage(data, out), out)

    def sign(self, reference: str, login: str, passphrase: str) -> Opinion:
        """Sign the issued opinion as division head; returns the locked revision.

        Every wrong passphrase is audited; after a few in a row the signer's next attempt
        pauses (`passphrase_pause`), refused without the passphrase being tried."""
        throttle = self.passphrase_throttles[login]
        try:
            return throttle.check(
                lambda: self._sign(reference, login, passphrase), counts=signing.WrongPassphrase
            )
        except signing.WrongPassphrase:
            self._record_wrong_passphrase(reference, login, throttle.failures)
            raise

    def passphrase_pause(self, login: str) -> float:
        """Seconds before `login` may try a passphrase again; 0 when they may now."""
        return self.passphrase_throttles[login].remaining()

    def _record_wrong_passphrase(self, reference: str, login: str, failures: int) -> None:
        """Audit a passphrase that did not open `login`'s key (the attempt itself rolled
        back); `failures`: how many in a row so far."""
        with self.db.write("记录签名口令错误") as session:
            case_id = resolve_case(session, reference).case_id
            audit.append(
                session,
                at=self.clock(),
                actor=login,
                action=WRONG_PASSPHRASE,
                case_id=case_id,
                details={"failures": failures},
            )

    def _sign(self, reference: str, login: str, passphrase: str) -> Opinion:
        with (
            filing(self.data_dir, self.store, self._is_committed, self.db) as filer,
            self.unit(reference, login, "opinion.sign", "签发审核意见书") as unit,
        ):
            problem = self.workflow.obstacle(unit, "sign")
            if problem:
                raise IllegalActionError(problem)
            opinion = self._unsigned(unit)
            key = active_key(unit.session, unit.user)
            now = office_time(unit.now)
            signed_at = now.replace(microsecond=0)
            certificate = signing_certificate(unit.session, key, signed_at)
            private = self.keys.load(unit.user.login)  # the sealed key; the passphrase opens it
            data = self._render(unit, opinion, head=unit.user.display_name, root=certificate.root)
            docx_sha = filer.file(unit.session, data, media_kind="docx", suffix=".docx", at=now)
            payload = signing.signing_payload(
                docx_sha256=docx_sha,
                case_number=unit.case.number,
                outcome=opinion.outcome,
                signed_at=signed_at,
                signer=unit.user.login,
                key_fingerprint=key.fingerprint,
                root_fingerprint=certificate.root,
                audit_head=audit_head_now(unit.session),
            )
            signature = signing.sign(payload, private, passphrase)
            document = signing.signature_document(payload, signature, certificate.document())
            sig_sha = filer.file(unit.session, document, media_kind="json", suffix=".json", at=now)
            opinion.docx_sha256, opinion.signature_sha256 = docx_sha, sig_sha
            opinion.signature, opinion.key_fingerprint = signature, key.fingerprint
            opinion.signed_at, opinion.signed_by = unit.now, unit.user.id
            unit.log(
                "opinion.sign",
                revision=opinion.revision,
                docx_sha256=docx_sha,
                key=key.fingerprint,
                root=certificate.root,
                outcome=opinion.outcome,
            )
            self.workflow.transition(
                unit,
                "sign",
                OUTCOME_STATES[opinion.outcome],
                revision=opinion.revision,
                outcome=opinion.outcome,
            )
            return opinion

    def export(self, reference: str, login: str, out: Path, revision: int | None = None) -> Path:
        """Write a signed revision (the latest by default) to `out`, with its .sig.json.

        The files are prepared first and put in place inside the transaction that logs the
        export, so an export the audit log shows exists, and one it does not show does not."""
        with self.reading(reference, login) as unit:
            query = select(Opinion).where(
                Opinion.case_id == unit.case.id, Opinion.signed_at.is_not(None)
            )
            if revision is not None:
                query = query.where(Opinion.revision == revision)
            opinion = unit.session.scalars(query.order_by(Opinion.revision.desc())).first()
            if opinion is None or opinion.docx_sha256 is None or opinion.signature_sha256 is None:
                raise IllegalActionError(f"{unit.case.number} 没有已签发的审核意见书")
            data = self._stored(opinion.docx_sha256, unit.case.number)
            document = self._stored(opinion.signature_sha256, unit.case.number)
            number = opinion.revision
        files: list[tuple[Path, Path]] = []
        placed: list[Path] = []
        try:
            if out.suffix.lower() != ".pdf":
                sidecar = out.with_name(out.name + ".sig.json")
                files.append((_stage(document, sidecar), sidecar))  # in place before the DOCX
            files.append((_stage(data, out), out))
            with self.unit(reference, login, "case.read", "导出审核意见书") as unit:
                unit.log("opinion.export", revision=number, out=str(out))
                for part, target in files:
                    placed.append(_place(part, target))
        except BaseException:
            for path in placed + [part for part, _target in files]:
                path.unlink(missing_ok=True)
            raise
        return out

    def export_current(self, reference: str, login: str, out: Path) -> Path:
        """Write the opinion the editor shows to `out` (.docx or .pdf), logged: a signed
        revision is exported (`export`), a draft is drafted (`draft`) from its saved texts."""
        view = self.view(reference, login)
        if view.export_refusal:
            raise IllegalActionError(view.export_refusal)
        if view.signature is not None:
            return self.export(reference, login, out)
        return self.draft(reference, login, out)

    def preview(
        self,
        reference: str,
        login: str,
        out: Path,
        texts: dict[str, str] | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> Path:
        """Write what the editor shows, with unsaved `texts`, to `out` for a preview: .docx,
        or .pdf through LibreOffice (`cancel` stops it). Nothing is stored or logged."""
        data = self.document(reference, login, texts)
        if out.suffix.lower() != ".pdf":
            out.write_bytes(data)
            return out
        with tempfile.TemporaryDirectory(prefix="opinion-preview-") as scratch:
            source = Path(scratch) / "意见书.docx"
            source.write_bytes(data)
            return docx_to_pdf(source, out, cancel=cancel)

    def pdf_problem(self) -> str | None:
        """Why PDF cannot be made on this PC (LibreOffice missing, in Chinese); None: it can."""
        return None if pdf.find_libreoffice() is not None else pdf.INSTALL_HINT

    def verify_file(self, path: Path, trusted_root: str | None = None) -> Verification:
        """Check a signed opinion file through the office root `trusted_root` (a
        fingerprint), or else this office's own root (`verifying.verify_signed_file`)."""
        return verify_signed_file(self.db, path, trusted_root, self._stored)

    # --- helpers ---------------------------------------------------------------------

    def _is_committed(self, sha256: str) -> bool:
        with self.db.session() as session:
            return session.get(EvidenceFile, sha256) is not None


def _stage(data: bytes, out: Path) -> Path:
    """Write `data` (a .pdf target: converted by LibreOffice) beside `out` under a temporary
    name; returns that file. Nothing is left behind when it fails."""
    part = out.with_name(f".{out.name}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".pdf" and data[:2] == b"PK":
            with tempfile.TemporaryDirectory(prefix="opinion-") as scratch:
                docx = Path(scratch) / "意见书.docx"
                docx.write_bytes(data)
                return docx_to_pdf(docx, part)
        with part.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StorageError(f"写入 {out} 失败：{os_error_text(exc)}") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part


def _place(part: Path, out: Path) -> Path:
    """Rename a staged file over `out`: a reader sees the old file or the new one, whole."""
    try:
        replace_durably(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StorageError(f"写入 {out} 失败：{os_error_text(exc)}") from exc
    return out
