"""Delivery (送达): public notice only after other methods failed (DELIV-01), who may sign for
the party (DELIV-02). PPL Art. 61 sends delivery to the Civil Procedure Law."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workstation.casefile.model import Event
from workstation.labels import PARTY_KINDS, RECIPIENT_ROLES
from workstation.rules import wording
from workstation.rules.checks.recordings import delivery_method
from workstation.rules.context import CheckContext, refs
from workstation.rules.findings import Finding, finding

# The attempts whose failure opens the way to 公告送达 (民事诉讼法第九十五条).
ATTEMPT_METHODS = ("direct", "post", "left")
# 民事诉讼法第八十八条: who may sign for each kind of party.
ORGANISATION_SIGNERS = frozenset(
    {"legal_representative", "principal", "receiving_office", "authorised_recipient"}
)
PERSON_SIGNERS = frozenset({"party", "relative", "authorised_recipient"})
PERSON_KINDS = frozenset({"person", "individual_business"})


def papers(ctx: CheckContext, document_ids: Iterable[str]) -> str:
    """《行政处罚决定书》、《送达回证》: the documents by title, else by kind."""
    by_id = {d.id: d for d in ctx.case.documents}
    names = []
    for doc_id in document_ids:
        doc = by_id.get(doc_id)
        names.append(f"《{doc.title or wording.document(doc.kind)}》" if doc else f"文书{doc_id}")
    return wording.listing(names)


def _what(ctx: CheckContext, event: Event) -> str:
    """2026年3月5日10时00分直接送达《行政处罚决定书》 (the receipt listed with a delivery is
    its proof, not what was delivered)."""
    receipts = {d.id for d in ctx.case.documents if d.kind == "delivery_receipt"}
    listed = papers(ctx, [d for d in event.documents if d not in receipts])
    return (
        f"{wording.moment(ctx.local(event.at))}{delivery_method(event.method)}{listed or '的文书'}"
    )


def public_notice(ctx: CheckContext) -> Iterator[Finding]:
    """DELIV-01: 公告送达 with no strictly earlier failed direct/post/left attempt at the same
    documents (either listing none counts as the same)."""
    deliveries = ctx.events("delivery")
    for notice in deliveries:
        if notice.method != "public":
            continue
        if any(_opens_public_notice(attempt, notice) for attempt in deliveries):
            continue
        same = "该文书" if notice.documents else ""
        yield finding(
            "DELIV-01",
            "procedure",
            "error",
            f"{_what(ctx, notice)}，此前未见以直接送达、邮寄送达或留置送达方式送达{same}未能送达的"
            f"记录。公告送达仅适用于受送达人下落不明或者以其他方式无法送达的情形（民事诉讼法"
            f"第九十五条，依行政处罚法第六十一条适用）。",
            refs(notice.id, notice.documents),
        )


def _opens_public_notice(attempt: Event, notice: Event) -> bool:
    return (
        attempt.at < notice.at
        and attempt.result == "failed"
        and attempt.method in ATTEMPT_METHODS
        and (
            not attempt.documents
            or not notice.documents
            or bool(set(attempt.documents) & set(notice.documents))
        )
    )


def recipient(ctx: CheckContext) -> Iterator[Finding]:
    """DELIV-02: a served delivery signed by someone who may not sign for this kind of party
    (mixed parties: no check)."""
    kinds = {p.kind for p in ctx.case.parties}
    if kinds == {"organisation"}:
        allowed, should = ORGANISATION_SIGNERS, "其法定代表人、主要负责人、负责收件的人或者代收人"
    elif kinds and kinds <= PERSON_KINDS:
        allowed, should = PERSON_SIGNERS, "其本人、同住成年家属或者代收人"
    else:
        return
    parties = wording.listing([p.name for p in ctx.case.parties])
    kind_names = wording.listing([PARTY_KINDS.get(k, k) for k in sorted(kinds)])
    for delivery in ctx.events("delivery"):
        signer = delivery.recipient
        if delivery.result not in (None, "served") or signer is None or signer.role in allowed:
            continue
        role = RECIPIENT_ROLES.get(signer.role, signer.role)
        who = f"{signer.name}（{role}）" if signer.name else role
        yield finding(
            "DELIV-02",
            "procedure",
            "error",
            f"{_what(ctx, delivery)}，由{who}签收；受送达人{parties}为{kind_names}，应当由{should}"
            f"签收（民事诉讼法第八十八条、第八十九条，依行政处罚法第六十一条适用）。",
            refs(delivery.id, delivery.documents),
        )
