"""What the workspace's navigator shows of a stored case (no Qt)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from workstation.errors import WorkstationError


@pytest.fixture
def food(ws: Any, demo_root: Path, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    """The demo food case with one document's file removed from the bundle."""
    bundle = tmp_path / "food"
    shutil.copytree(next(demo_root.glob("demo-01-*")), bundle)
    manifest = json.loads((bundle / "case.json").read_text(encoding="utf-8"))
    (bundle / manifest["case"]["documents"][3]["path"]).unlink()
    ws.import_bundle(bundle, actor="admin")
    return "C1", manifest["case"]


@pytest.fixture
def admin(ws: Any) -> str:
    from workstation.security.users import add_user

    with ws.db.write("users") as session:
        add_user(
            session,
            login="admin",
            display_name="管理员",
            roles=["administrator"],
            by="admin",
            at=ws.clock(),
        )
        add_user(
            session,
            login="wang",
            display_name="王审核",
            roles=["reviewer"],
            by="admin",
            at=ws.clock(),
        )
    return "wang"


def test_documents_are_grouped_by_kind_in_manifest_order(ws: Any, admin: str, food: Any) -> None:
    ref, manifest = food
    contents = ws.contents(ref, admin)
    assert contents.number == manifest["number"]
    listed = [d.key for g in contents.document_groups for d in g.documents]
    assert sorted(listed) == sorted(d["id"] for d in manifest["documents"])
    first = contents.document_groups[0]
    assert (first.kind, first.label) == ("review_request", "法制审核送审表")
    report = contents.document("d01")
    assert report is not None
    assert report.media_kind == "pdf"
    assert report.pages == 1
    assert report.file is not None
    assert report.file.is_file()
    assert report.problem is None


def test_a_missing_file_is_listed_with_its_problem_and_no_path(
    ws: Any, admin: str, food: Any
) -> None:
    ref, manifest = food
    missing = manifest["documents"][3]
    entry = ws.contents(ref, admin).document(missing["id"])
    assert entry is not None
    assert entry.file is None
    assert not entry.viewable
    assert missing["path"] in (entry.problem or "")
    assert "缺少" in (entry.problem or "")
    notes = ws.contents(ref, admin).import_notes
    assert any(missing["path"] == n.path for n in notes)


def test_events_are_in_date_order_with_labels_and_recordings_listed(
    ws: Any, admin: str, food: Any
) -> None:
    ref, manifest = food
    contents = ws.contents(ref, admin)
    times = [e.at for e in contents.events]
    assert times == sorted(times)
    assert len(times) == len(manifest["events"])
    assert all(e.label and e.label != e.type for e in contents.events if e.type != "other")
    assert [r.key for r in contents.recordings] == [r["id"] for r in manifest["recordings"]]
    assert all(r.duration_s and r.started_at for r in contents.recordings)


def test_reading_contents_needs_a_registered_user(ws: Any, admin: str, food: Any) -> None:
    with pytest.raises(WorkstationError, match="登记"):
        ws.contents(food[0], "stranger")


# --- a resubmitted case: its version and the opinion its earlier version was returned with ---


@pytest.fixture(scope="module")
def keypair() -> tuple[bytes, bytes]:
    from review_desk import PASSPHRASE

    from workstation.security import signing

    return signing.generate_keypair(PASSPHRASE)


def test_a_resubmitted_case_shows_its_version_and_the_opinion_it_was_returned_with(
    tmp_path: Path, clock: Any, keypair: tuple[bytes, bytes]
) -> None:
    import hashlib

    from resubmitted_case import RETURN_REASONS, SIGNED_AT, returned_and_resubmitted
    from review_desk import HEAD, REVIEWER, Office

    from workstation.store.review_models import Opinion

    office = Office(tmp_path / "data", clock)
    try:
        ref = returned_and_resubmitted(office, tmp_path, keypair)
        contents = office.ws.contents(ref, REVIEWER.login)
        assert (contents.version, contents.latest_version) == (2, 2)
        assert contents.title == "销售过期食品案（补正）"
        [earlier] = contents.earlier_opinions
        assert (earlier.revision, earlier.version, earlier.outcome) == (1, 1, "return")
        assert earlier.reasons == RETURN_REASONS
        assert (earlier.signer, earlier.signed_at) == (HEAD.name, SIGNED_AT)
        assert earlier.number.startswith("法审〔2026〕")
        # It opens like a document: the DOCX filed when it was signed.
        entry = contents.document(earlier.key)
        assert entry is not None
        assert (entry.media_kind, entry.problem) == ("docx", None)
        assert entry.file is not None
        with office.ws.db.session() as session:
            filed = session.query(Opinion).filter_by(revision=1).one().docx_sha256
        assert hashlib.sha256(entry.file.read_bytes()).hexdigest() == filed
        assert contents.document("opinion:2") is None
        assert earlier.key not in [d.key for g in contents.document_groups for d in g.documents]

        # The store lost the filed file: listed all the same, saying why it cannot open.
        entry.file.parent.chmod(0o755)
        entry.file.unlink()
        [lost] = office.ws.contents(ref, REVIEWER.login).earlier_opinions
        assert (lost.revision, lost.reasons, lost.file) == (1, RETURN_REASONS, None)
        gone = office.ws.contents(ref, REVIEWER.login).document(lost.key)
        assert gone is not None
        assert gone.file is None
        assert "不在证据库中" in (gone.problem or "")
    finally:
        office.close()


def test_the_first_version_has_no_earlier_opinion_and_a_newer_unsent_version_is_said(
    tmp_path: Path, clock: Any
) -> None:
    from review_desk import CLERK, REVIEWER, Office

    office = Office(tmp_path / "data", clock)
    try:
        ref = office.bring(tmp_path / "v1")
        office.act(ref, "accept", REVIEWER)
        contents = office.ws.contents(ref, REVIEWER.login)
        assert (contents.version, contents.latest_version, contents.earlier_opinions) == (1, 1, [])
        # A new version while version 1 is under review is not a resubmission.
        result = office.ws.import_bundle(_copy_with_title(tmp_path), actor=CLERK.login)
        assert result.version == 2
        contents = office.ws.contents(ref, REVIEWER.login)
        assert (contents.version, contents.latest_version) == (1, 2)
    finally:
        office.close()


def _copy_with_title(tmp_path: Path) -> Path:
    bundle = tmp_path / "v2"
    shutil.copytree(tmp_path / "v1", bundle)
    manifest = json.loads((bundle / "case.json").read_text(encoding="utf-8"))
    manifest["case"]["title"] = "销售过期食品案（改）"
    (bundle / "case.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return bundle


def test_an_event_opens_its_document_and_a_delivery_its_receipt() -> None:
    from datetime import UTC, datetime

    from workstation.store.case_contents import EventEntry

    def event(kind: str, documents: list[str]) -> EventEntry:
        return EventEntry("e1", kind, kind, datetime(2026, 3, 1, tzinfo=UTC), None, documents, [])

    kinds = {"d5": "decision", "d6": "delivery_receipt", "d7": "other"}
    # The delivered decision is listed first; the receipt says who signed and when.
    assert event("delivery", ["d5", "d6"]).opens(kinds) == "d6"
    assert event("delivery", ["d5"]).opens(kinds) == "d5"  # no receipt: what was delivered
    assert event("inspection", ["d7", "d6"]).opens(kinds) == "d7"
    assert event("delivery", []).opens(kinds) is None
