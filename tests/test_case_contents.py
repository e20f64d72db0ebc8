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
