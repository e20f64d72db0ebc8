"""What a finding's refs name, as the checklist hands them to the findings panel (issue 21):
names, titles and dates instead of the bundle's ids."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import demo_office_folder

from workstation.security.users import add_user

REVIEWER = "wang"
STAFF = (("admin", "管理员", ["administrator"]), (REVIEWER, "王审核", ["reviewer"]))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The demo office's rule pack: the demo cases' findings are the testers' ones."""
    return demo_office_folder(tmp_path)


@pytest.fixture
def reviewer(ws: Any) -> str:
    with ws.db.write("登记用户") as session:
        for login, name, roles in STAFF:
            add_user(
                session, login=login, display_name=name, roles=roles, by="admin", at=ws.clock()
            )
    return REVIEWER


def _import(ws: Any, demo_root: Path, tmp_path: Path, name: str, **changes: Any) -> str:
    """A demo bundle (its case.json's `case` fields changed), imported; its reference."""
    bundle = tmp_path / name
    shutil.copytree(next(demo_root.glob(f"demo-0*-{name}")), bundle)
    manifest_file = bundle / "case.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest["case"].update(changes)
    manifest_file.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = ws.import_bundle(bundle, actor="admin")
    assert result.outcome == "imported"
    return str(result.short_id)


def _labels_by_rule(ws: Any, ref: str) -> dict[str, list[str]]:
    checklist = ws.review.checklist(ref, REVIEWER)
    return {
        f.finding.rule: [checklist.labels.get(r, r) for r in f.finding.refs]
        for s in checklist.sections
        for f in s.findings
    }


def test_officers_events_documents_and_recordings_are_named(
    ws: Any, reviewer: str, demo_root: Path, tmp_path: Path
) -> None:
    ref = _import(ws, demo_root, tmp_path, "生态环境")
    shown = _labels_by_rule(ws, ref)
    # OFF-01 refs e2, officer:3704002019088 and d04; PROC-11 the recording r1.
    assert shown["OFF-01"] == [
        "2026-02-26 现场检查",
        "执法人员 田文博",
        "文书《现场检查（勘察）笔录》",
    ]
    assert shown["PROC-11"] == ["录像 执法记录仪 C07"]
    assert shown["SCOPE-01"] == ["当事人 枣庄恒通新材料科技有限公司"]
    assert shown["PROC-05"] == ["2026-03-20 陈述申辩", "文书《陈述申辩书》"]
    # The workspace still opens what the id names.
    targets = ws.review.checklist(ref, reviewer).targets
    assert (targets["e2"], targets["d04"], targets["r1"]) == ("event", "document", "recording")


def test_a_party_and_the_violation_are_named_with_its_dates(
    ws: Any, reviewer: str, demo_root: Path, tmp_path: Path
) -> None:
    ref = _import(ws, demo_root, tmp_path, "露天烧烤")
    assert _labels_by_rule(ws, ref)["PARTY-01"] == [
        "当事人 韩晓宇",
        "违法行为（2026-12-27至2026-12-29）",
    ]


def test_ids_the_case_does_not_list_keep_their_id_and_officers_their_number(
    ws: Any, reviewer: str, demo_root: Path, tmp_path: Path
) -> None:
    """An event naming a document, recording and officer the case does not list: REF-01 and
    OFF-01 point at them; there is no name to show, only the id (or certificate number)."""
    manifest = json.loads(
        (next(demo_root.glob("demo-03-*")) / "case.json").read_text(encoding="utf-8")
    )["case"]
    events = manifest["events"]
    inspection = next(e for e in events if e["id"] == "e2")
    inspection["documents"] = [*inspection["documents"], "d99"]
    inspection["officers"] = ["3704002019088", "9999"]
    ref = _import(ws, demo_root, tmp_path, "生态环境", events=events)
    checklist = ws.review.checklist(ref, reviewer)
    off_01 = next(f for s in checklist.sections for f in s.findings if f.finding.rule == "OFF-01")
    shown = [checklist.labels.get(r, r) for r in off_01.finding.refs]
    assert "执法人员（执法证号 9999，本案未列明）" in shown
    assert "d99" in shown
    assert "d99" not in checklist.labels
    assert "d99" not in checklist.targets


def test_two_recordings_of_one_device_are_told_apart_by_their_start(
    ws: Any, reviewer: str, demo_root: Path, tmp_path: Path
) -> None:
    from datetime import timedelta

    from workstation.review.ref_labels import ref_labels
    from workstation.store import models
    from workstation.store.cases import resolve_case

    ref = _import(ws, demo_root, tmp_path, "生态环境")
    with ws.db.session() as session:
        assert ref_labels(resolve_case(session, ref), ["r1"]) == {"r1": "录像 执法记录仪 C07"}
    with ws.db.write("测试：同一设备的第二段录像") as session:
        version = resolve_case(session, ref)
        first = version.recordings[0]
        session.add(
            models.Recording(
                version_id=version.id,
                position=first.position + 1,
                key="r9",
                path="media/second.mp4",
                device=first.device,
                started_at=first.started_at + timedelta(hours=1),
                archived_at=first.archived_at,
                status="missing",
            )
        )
    with ws.db.session() as session:
        labels = ref_labels(resolve_case(session, ref), ["r1", "r9"])
    assert labels["r1"] == "录像 执法记录仪 C07 2026-02-26 10:20"
    assert labels["r9"] == "录像 执法记录仪 C07 2026-02-26 11:20"
