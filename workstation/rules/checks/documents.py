"""The file itself: required documents (REV-01), file integrity (INTEG-01), the agency's powers
(AUTH-01), references that point nowhere (REF-01), the pack's period of validity (PACK-01)."""

from __future__ import annotations

from collections.abc import Iterator

from workstation.labels import ACTION_TYPES
from workstation.rules import wording
from workstation.rules.context import CheckContext
from workstation.rules.findings import Finding, finding


def required(ctx: CheckContext) -> Iterator[Finding]:
    """REV-01: a document kind the pack requires for this action type is absent."""
    wanted = ctx.pack.required_documents.get(ctx.case.action_type, ())
    present = {d.kind for d in ctx.case.documents}
    missing = [kind for kind in wanted if kind not in present]
    if missing:
        yield finding(
            "REV-01",
            "documents",
            "warning",
            f"送审材料缺少：{wording.listing([wording.document(k) for k in missing])}，建议退回补充。",
        )


def integrity(ctx: CheckContext) -> Iterator[Finding]:
    """INTEG-01: a referenced file missing, or not the bytes the manifest names."""
    entries: list[tuple[str, str, str | None, str]] = []
    for doc in ctx.case.documents:
        entries.append(
            (doc.id, doc.path, doc.sha256, f"《{doc.title or wording.document(doc.kind)}》")
        )
    for rec in ctx.case.recordings:
        entries.append((rec.id, rec.path, rec.sha256, rec.device or "录音录像"))
        if rec.transcript:
            entries.append((rec.id, rec.transcript, None, f"{rec.device or '录音录像'}的字幕"))
    for ref, path, declared, name in entries:
        found = ctx.files.find(path)
        if found is None:
            yield finding(
                "INTEG-01", "evidence", "error", f"{name}引用的文件 {path} 不在案卷中。", (ref,)
            )
        elif declared is not None and declared.lower() != ctx.files.hashes[found]:
            yield finding(
                "INTEG-01",
                "evidence",
                "error",
                f"{name}的文件 {path} 与案卷清单记载的 SHA-256 不符（清单 {declared.lower()[:16]}…，"
                f"实际 {ctx.files.hashes[found][:16]}…），文件可能已被替换或损坏。",
                (ref,),
            )


def authority(ctx: CheckContext) -> Iterator[Finding]:
    """AUTH-01: the agency's listed powers do not include this kind of action."""
    powers = ctx.case.agency.authorities
    if powers is not None and ctx.case.action_type not in powers:
        listed = wording.listing([ACTION_TYPES.get(p, p) for p in powers]) or "无"
        yield finding(
            "AUTH-01",
            "authority",
            "error",
            f"执法主体{ctx.case.agency.name}的职权（{listed}）不包括"
            f"{ACTION_TYPES[ctx.case.action_type]}，拟作出的决定可能超越职权。",
        )


def references(ctx: CheckContext) -> Iterator[Finding]:
    """REF-01: an event names an officer, document or recording the case does not list."""
    documents = {d.id for d in ctx.case.documents}
    recordings = {r.id for r in ctx.case.recordings}
    for event in sorted(ctx.case.events, key=lambda e: e.at):
        unknown = [f"执法证{n}" for n in event.officers if n not in ctx.officers]
        unknown += [f"文书 {d}" for d in event.documents if d not in documents]
        unknown += [f"录像 {r}" for r in event.recordings if r not in recordings]
        if unknown:
            yield finding(
                "REF-01",
                "documents",
                "error",
                f"{wording.event(event.type)}（{wording.moment(ctx.local(event.at))}）引用了案卷中"
                f"不存在的{wording.listing(unknown)}。",
                (event.id,),
            )


def pack_validity(ctx: CheckContext) -> Iterator[Finding]:
    """PACK-01 (new): the case was submitted outside the local rules' period of validity."""
    pack, on = ctx.pack, ctx.submitted_on
    early = pack.valid_from is not None and on < pack.valid_from
    late = pack.valid_until is not None and on > pack.valid_until
    if early or late:
        span = (
            f"{wording.day(pack.valid_from) if pack.valid_from else '…'}至"
            f"{wording.day(pack.valid_until) if pack.valid_until else '…'}"
        )
        yield finding(
            "PACK-01",
            "procedure",
            "warning",
            f"本案送审日期{wording.day(on)}不在规则包《{pack.name}》的有效期（{span}）内，"
            f"其中的本地标准可能不适用，请核对本机关现行规定。",
        )
