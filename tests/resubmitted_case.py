"""A case returned with a signed opinion and resubmitted as version 2, the way an office does
it: the clerk imports, the reviewer fills the checklist and returns it, the division head
signs, the clerk imports the corrected bundle (which resubmits it)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from review_desk import CLERK, HEAD, PASSPHRASE, RECORD, REVIEWER, Office

from workstation.rules.findings import SECTIONS

RETURN_REASONS = "未告知听证权利，请补充听证告知材料"
SIGNED_AT = datetime(2026, 3, 13, 2, 0, tzinfo=UTC)  # 2026-03-13 10:00 in Beijing


def returned_and_resubmitted(office: Office, folder: Path, keypair: tuple[bytes, bytes]) -> str:
    """The minimal case, returned (opinion revision 1, signed) and back as version 2."""
    ws = office.ws
    ref = office.bring(folder / "v1", documents=[RECORD])
    office.act(ref, "accept", REVIEWER)
    for section, _name in SECTIONS:
        ws.review.set_verdict(ref, section, "issue", REVIEWER.login)
    for section in ws.review.checklist(ref, REVIEWER.login).sections:
        for view in section.findings:
            ws.review.decide(ref, view.fingerprint, "accepted", "", REVIEWER.login)
    ws.review.set_outcome(ref, "return", RETURN_REASONS, REVIEWER.login)
    office.act(ref, "issue_opinion", REVIEWER)
    office.clock.now = SIGNED_AT
    office.give_key(HEAD, keypair)
    ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    office.clock.advance(days=2)
    again = office.bring(
        folder / "v2",
        title="销售过期食品案（补正）",
        submitted_at="2026-03-15T09:00:00+08:00",
        documents=[RECORD],
    )
    assert again == ref
    assert office.ws.workflow.state(ref, CLERK.login) == "submitted"  # resubmitted by the import
    return ref
