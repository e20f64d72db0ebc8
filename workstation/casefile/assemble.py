"""Turning a checked manifest and the files that arrived into a case version and findings.

Pure: no I/O, no database session. The importer hands over what it staged and probed; this
module decides each entry's status (stored / missing / hash mismatch) and the import
findings a reviewer sees, and builds the rows to store.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workstation.casefile.manifest import EXERCISE_NAME, MANIFEST_NAME
from workstation.casefile.model import CaseManifest
from workstation.casefile.probe import OK, PASSWORD, REPAIRED, ProbeResult
from workstation.labels import DOCUMENT_KINDS
from workstation.store import models

ERROR, WARNING, INFO = "error", "warning", "info"
# A declared duration this far from the probed one is worth the reviewer's attention.
DURATION_TOLERANCE_S = 2.0


@dataclass(frozen=True)
class StagedFile:
    """A file copied into staging: its path in the bundle, hash and size."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Finding:
    """A problem with one file or entry, found on import."""

    severity: str
    code: str
    path: str | None
    message: str


@dataclass
class Assembly:
    """Everything one import will store."""

    version: models.CaseVersion
    findings: list[Finding]
    roles: dict[str, str]  # bundle path → role


def normalise(path: str) -> str:
    """Manifest paths compare with bundle paths after NFC and without `.` segments."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    return unicodedata.normalize("NFC", "/".join(parts))


class _Files:
    """Looks up staged files by manifest path, forgiving letter case with a warning."""

    def __init__(self, staged: dict[str, StagedFile], findings: list[Finding]) -> None:
        self._staged = staged
        self._folded = {path.casefold(): f for path, f in staged.items()}
        self._findings = findings

    def find(self, path: str, where: str) -> StagedFile | None:
        exact = self._staged.get(normalise(path))
        if exact is not None:
            return exact
        folded = self._folded.get(normalise(path).casefold())
        if folded is not None:
            self._findings.append(
                Finding(
                    WARNING,
                    "PATH_CASE",
                    path,
                    f"{where}写作 {path}，案卷包中的文件名是 {folded.path}"
                    f"（大小写不同），已按同一文件处理",
                )
            )
        return folded


def assemble(
    manifest: CaseManifest,
    staged: dict[str, StagedFile],
    probes: dict[str, ProbeResult],
    *,
    content_digest: str,
    imported_at: datetime,
) -> Assembly:
    """Build the version rows and import findings for one bundle."""
    findings: list[Finding] = []
    files = _Files(staged, findings)
    roles: dict[str, str] = {}
    version = _version_row(manifest, staged, content_digest, imported_at)
    version.parties = [models.Party(position=i, **vars(p)) for i, p in enumerate(manifest.parties)]
    version.officers = [
        models.Officer(position=i, **vars(o)) for i, o in enumerate(manifest.officers)
    ]
    version.events = [_event_row(i, e) for i, e in enumerate(manifest.events)]

    for index, doc in enumerate(manifest.documents):
        where = f"case.documents[{index}]（{doc.id} {doc.title or DOCUMENT_KINDS[doc.kind]}）"
        found, status = _resolve(files, doc.path, doc.sha256, where, findings, roles, "document")
        version.documents.append(
            models.Document(
                position=index,
                key=doc.id,
                path=doc.path,
                kind=doc.kind,
                title=doc.title,
                declared_sha256=doc.sha256,
                declared_pages=doc.pages,
                status=status,
                evidence_sha256=found.sha256 if status == "stored" and found else None,
            )
        )
        if status == "stored" and found is not None:
            pages = probes[found.sha256].details.get("pages")
            if doc.pages is not None and pages is not None and pages != doc.pages:
                findings.append(
                    Finding(
                        WARNING,
                        "PAGES_MISMATCH",
                        doc.path,
                        f"{where}申报 {doc.pages} 页，文件 {doc.path} 实为 {pages} 页",
                    )
                )

    for index, rec in enumerate(manifest.recordings):
        where = f"case.recordings[{index}]（{rec.id} {rec.device or '录音录像'}）"
        found, status = _resolve(files, rec.path, rec.sha256, where, findings, roles, "recording")
        row = models.Recording(
            position=index,
            key=rec.id,
            path=rec.path,
            device=rec.device,
            operator=rec.operator,
            activity=rec.activity,
            started_at=rec.started_at,
            duration_s=rec.duration_s,
            archived_at=rec.archived_at,
            declared_sha256=rec.sha256,
            clock_offset_ms=rec.clock_offset_ms,
            transcript_path=rec.transcript,
            status=status,
            evidence_sha256=found.sha256 if status == "stored" and found else None,
        )
        if status == "stored" and found is not None:
            _check_recording(probes[found.sha256], rec.duration_s, rec.path, where, findings)
        if rec.transcript:
            t_found, t_status = _resolve(
                files, rec.transcript, None, f"{where}的字幕", findings, roles, "transcript"
            )
            row.transcript = models.Transcript(
                path=rec.transcript,
                status=t_status,
                evidence_sha256=t_found.sha256 if t_found else None,
            )
            version.transcripts.append(row.transcript)
            if t_found is not None and probes[t_found.sha256].media_kind != "subtitle":
                findings.append(
                    Finding(
                        WARNING,
                        "KIND_MISMATCH",
                        rec.transcript,
                        f"{where}的字幕 {rec.transcript} 不是 SRT/WebVTT 字幕文件",
                    )
                )
        version.recordings.append(row)

    for path, item in sorted(staged.items()):
        role = roles.get(path) or _unlisted_role(path)
        roles[path] = role
        if role == "unreferenced":
            findings.append(
                Finding(
                    INFO,
                    "UNREFERENCED",
                    path,
                    f"文件 {path} 未在 case.json 中列出，已保存但不作为送审材料",
                )
            )
        version.files.append(
            models.BundleFile(path=path, sha256=item.sha256, size=item.size, role=role)
        )
        findings.extend(_condition_findings(path, role, probes.get(item.sha256)))
    return Assembly(version, findings, roles)


def _version_row(
    manifest: CaseManifest, staged: dict[str, StagedFile], digest: str, imported_at: datetime
) -> models.CaseVersion:
    violation = manifest.violation
    exercise = staged.get(EXERCISE_NAME)
    return models.CaseVersion(
        content_digest=digest,
        imported_at=imported_at,
        manifest_sha256=staged[MANIFEST_NAME].sha256,
        exercise_sha256=exercise.sha256 if exercise else None,
        title=manifest.title,
        agency_name=manifest.agency.name,
        agency_code=manifest.agency.code,
        agency_authorities=list(manifest.agency.authorities)
        if manifest.agency.authorities is not None
        else None,
        unit=manifest.unit,
        action_type=manifest.action_type,
        procedure=manifest.procedure,
        place=manifest.place,
        domain=manifest.domain,
        flags=list(manifest.flags),
        violation_began_on=violation.began_on,
        violation_ended_on=violation.ended_on,
        violation_discovered_on=violation.discovered_on,
        violation_description=violation.description,
        filed_on=manifest.filed_on,
        submitted_at=manifest.submitted_at,
        proposed_decision=manifest.proposed_decision,
    )


def _event_row(position: int, event: Any) -> models.Event:
    fields = vars(event).copy()
    key = fields.pop("id")
    for name in ("officers", "documents", "recordings"):
        fields[name] = list(fields[name])
    if fields["rights"] is not None:
        fields["rights"] = list(fields["rights"])
    if fields["recipient"] is not None:
        fields["recipient"] = {k: v for k, v in vars(fields["recipient"]).items() if v is not None}
    if fields["proposed_measures"] is not None:
        fields["proposed_measures"] = list(fields["proposed_measures"])
    return models.Event(position=position, key=key, **fields)


_RESERVED = {MANIFEST_NAME, EXERCISE_NAME}


def _resolve(
    files: _Files,
    path: str,
    declared: str | None,
    where: str,
    findings: list[Finding],
    roles: dict[str, str],
    role: str,
) -> tuple[StagedFile | None, str]:
    if normalise(path).casefold() in _RESERVED:
        findings.append(
            Finding(
                ERROR,
                "RESERVED_PATH",
                path,
                f"{where}引用了 {path}：这是案卷包自身的清单或训练答案，不能作为案卷材料，该项未导入",
            )
        )
        return None, "refused"
    found = files.find(path, where)
    if found is None:
        findings.append(
            Finding(
                ERROR, "FILE_MISSING", path, f"{where}引用的文件 {path} 不在案卷包中，该项未导入"
            )
        )
        return None, "missing"
    if declared is not None and declared.lower() != found.sha256:
        findings.append(
            Finding(
                ERROR,
                "HASH_MISMATCH",
                found.path,
                f"{where}的文件 {found.path} 与 case.json 中的 SHA-256 不符（申报 {declared.lower()}，"
                f"实际 {found.sha256}），该项未采用；文件原样另存备查",
            )
        )
        roles.setdefault(found.path, "refused")
        return found, "hash_mismatch"
    if roles.get(found.path) == "refused":
        roles[found.path] = role  # another entry accepts the same bytes
    roles.setdefault(found.path, role)
    return found, "stored"


def _check_recording(
    probe: ProbeResult, declared: float | None, path: str, where: str, findings: list[Finding]
) -> None:
    if probe.media_kind not in ("video", "audio"):
        findings.append(
            Finding(WARNING, "KIND_MISMATCH", path, f"{where}的文件 {path} 不是音视频文件")
        )
        return
    probed = probe.details.get("duration_s")
    if (
        declared is not None
        and probed is not None
        and probe.condition == OK
        and abs(probed - declared) > DURATION_TOLERANCE_S
    ):
        findings.append(
            Finding(
                WARNING,
                "DURATION_MISMATCH",
                path,
                f"{where}申报时长 {declared:g} 秒，文件 {path} 实为 {probed:.1f} 秒",
            )
        )


def _unlisted_role(path: str) -> str:
    if path == MANIFEST_NAME:
        return "manifest"
    if path == EXERCISE_NAME:
        return "exercise"
    return "unreferenced"


_CONDITION_FINDINGS = {
    REPAIRED: (WARNING, "FILE_REPAIRED", "文件 {path} 已损坏但可部分显示：{reason}"),
    PASSWORD: (WARNING, "FILE_PASSWORD", "文件 {path} 已加密：{reason}"),
    "damaged": (
        ERROR,
        "FILE_DAMAGED",
        "文件 {path} 已损坏，无法显示：{reason}；原始文件已保存备查",
    ),
    "unsupported": (
        ERROR,
        "FILE_UNSUPPORTED",
        "文件 {path} 格式不受支持：{reason}；原始文件已保存备查",
    ),
}


def _condition_findings(path: str, role: str, probe: ProbeResult | None) -> list[Finding]:
    if probe is None or probe.condition == OK or role in ("manifest", "exercise"):
        return []
    severity, code, template = _CONDITION_FINDINGS[probe.condition]
    return [Finding(severity, code, path, template.format(path=path, reason=probe.reason))]
