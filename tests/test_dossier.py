"""Issue 13: a case's review dossier, exported on one office and checked on another.

The demo food case is taken through review (verdicts, comments, citations, decisions on
findings, a bookmark, a figure), signed twice (a return, then after re-review a rejection),
discussed collectively, and exported as a dossier. The dossier holds all of it with a SHA-256
manifest; a changed byte, a removed file and an added file are each named; the signed
opinion inside verifies on a fresh office given only the root's fingerprint.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from checklist_steps import finish_checklist
from helpers import FixedClock, demo_morning, proven
from office_roots import office_root
from PIL import Image
from raw_sql import another_office_database
from review_desk import AGENCY_HEAD, CLERK, HEAD, MINUTES, PASSPHRASE, REVIEWER, Office
from sqlalchemy import select

from workstation.cli import main
from workstation.errors import BundleError, IllegalActionError, StorageError
from workstation.opinion.dossier_check import MANIFEST, verify_dossier
from workstation.review.checklist import CitationSpec
from workstation.security import signing
from workstation.store.models import AuditEntry
from workstation.store.review_models import Opinion

pytestmark = pytest.mark.both_engines

FOOD = "demo-01-食品"
DEMO_PACK = "demo-zaozhuang-2026"
COMMENT = "执法记录仪录像与现场检查笔录记载的时间需要核对。"
DISMISS_REASON = "听证程序已另行审查"
NOTE = "店长核对数量"
CAPTION = "现场货架"


@pytest.fixture
def clock() -> FixedClock:
    return demo_morning()


@pytest.fixture
def office(tmp_path: Path, clock: FixedClock) -> Iterator[Office]:
    office = Office(tmp_path / "office", clock, pack=DEMO_PACK)
    office.give_key(HEAD, signing.generate_keypair(PASSPHRASE))
    yield office
    office.close()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 18), "#3060a0").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def case(office: Office, demo_root: Path) -> str:
    """The food case reviewed, signed twice and decided in collective discussion."""
    ws, who = office.ws, REVIEWER.login
    ref = ws.import_bundle(demo_root / FOOD, actor=CLERK.login).short_id
    office.act(ref, "accept", REVIEWER)
    ws.review.set_verdict(ref, "evidence", "issue", who)
    ws.review.set_comment(ref, "evidence", COMMENT, who)
    ws.review.add_citation(ref, "evidence", CitationSpec("document", "d05", page=1), who)
    ws.review.add_citation(
        ref, "evidence", CitationSpec("recording", "r2", start_ms=5000, end_ms=12000), who
    )
    ws.review.decide(ref, "SCOPE-02", "dismissed", DISMISS_REASON, who)
    ws.recordings.add_bookmark(ref, "r2", 5000, 12000, NOTE, who)
    ws.recordings.add_figure(ref, "r2", 5000, _png(), who, CAPTION)
    ws.review.set_outcome(ref, "return", "请补正录像时间", who)
    finish_checklist(ws, ref, who)
    office.act(ref, "issue_opinion", REVIEWER)
    office.clock.advance(hours=1)
    ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    office.act(ref, "request_re_review", CLERK, "录像时间已另行说明")
    ws.review.set_outcome(ref, "reject", "证据不足", who)
    office.act(ref, "issue_opinion", REVIEWER)
    ws.opinions.sign(ref, HEAD.login, PASSPHRASE)
    office.act(ref, "refer", REVIEWER, "复审后仍有分歧")
    office.act(ref, "record_minutes", AGENCY_HEAD)
    return str(ref)


@pytest.fixture
def dossier(office: Office, case: str, tmp_path: Path) -> Path:
    out = tmp_path / "档案"
    office.ws.export_dossier(case, out, actor=HEAD.login)
    return out


def _json(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text("utf-8"))


def _cli(data_dir: Path, user: str, *args: str | Path) -> int:
    return main(proven(["--data-dir", data_dir, "--user", user, *args]))


# --- what the dossier holds ----------------------------------------------------------------


def test_the_checklist_carries_verdicts_comments_citations_and_decisions(dossier: Path) -> None:
    sections = {s["section"]: s for s in _json(dossier, "审核要点.json")["sections"]}
    evidence = sections["evidence"]
    assert (evidence["verdict_label"], evidence["comment"]) == ("存在问题", COMMENT)
    assert [c["text"] for c in evidence["citations"]] == [
        "《现场检查笔录》第1页",
        "执法记录仪 A02 00:00:05–00:00:12（2026年3月2日10时15分07秒起）",
    ]
    findings = [f for s in sections.values() for f in s["findings"]]
    dismissed = [f for f in findings if f["rule"] == "SCOPE-02"]
    assert [(f["decision_label"], f["reason"]) for f in dismissed] == [("不予采纳", DISMISS_REASON)]
    assert all(f["decision"] is not None for f in findings)  # issuing needed each decided
    text = (dossier / "审核要点.txt").read_text("utf-8")
    assert COMMENT in text
    assert f"SCOPE-02 {dismissed[0]['message']} — 不予采纳（理由：{DISMISS_REASON}）" in text


def test_every_signed_revision_is_there_with_its_signature_as_filed(
    office: Office, case: str, dossier: Path, tmp_path: Path
) -> None:
    revisions = _json(dossier, "意见书/意见书.json")
    assert [(r["revision"], r["outcome_label"], r["signed"]) for r in revisions] == [
        (1, "退回补正", True),
        (2, "不同意", True),
    ]
    for revision in (1, 2):
        exported = office.ws.opinions.export(
            case, HEAD.login, tmp_path / f"r{revision}.docx", revision
        )
        docx = dossier / f"意见书/第{revision}稿.docx"
        assert docx.read_bytes() == exported.read_bytes()
        sidecar = Path(f"{docx}.sig.json")
        assert sidecar.read_bytes() == Path(f"{exported}.sig.json").read_bytes()
    assert {r["root_fingerprint"] for r in revisions} == {office_root(office.ws)}


def test_minutes_bookmarks_figures_and_history_are_there(dossier: Path) -> None:
    minutes = _json(dossier, "集体讨论纪要.json")
    assert [(m["decision"], m["attendees"]) for m in minutes] == [
        (MINUTES.decision, MINUTES.attendees)
    ]
    assert [m["note"] for m in _json(dossier, "录像/书签.json")] == [NOTE]
    figures = _json(dossier, "录像/附图.json")
    assert [(f["file"], f["caption"]) for f in figures] == [("录像/附图/图1.png", CAPTION)]
    assert (dossier / "录像/附图/图1.png").read_bytes() == _png()
    steps = [t["action"] for t in _json(dossier, "流转记录.json")]
    assert steps[-2:] == ["refer", "record_minutes"]


def test_the_audit_extract_is_the_cases_whole_trail(
    office: Office, case: str, dossier: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO((dossier / "审计记录.csv").read_text("utf-8-sig"))))
    case_id = office.ws.resolve(case).case_id
    with office.ws.db.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.seq)
        ).all()
    # Everything before the export itself, hashes included.
    assert [(r["seq"], r["hash"]) for r in rows] == [(str(e.seq), e.hash) for e in entries[:-1]]
    assert entries[-1].action == "case.export"
    assert [r["action"] for r in rows].count("opinion.sign") == 2


def test_the_manifest_lists_every_file_with_its_sha256(dossier: Path) -> None:
    listed = {}
    for line in (dossier / MANIFEST).read_text("utf-8").splitlines():
        digest, path = line.split("  ", 1)
        listed[path] = digest
    on_disk = {
        p.relative_to(dossier).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in dossier.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    assert listed == on_disk
    assert {"案件.json", "说明.txt", "审计记录.csv", "意见书/第2稿.docx.sig.json"} <= set(listed)
    report = verify_dossier(dossier)
    assert (report.intact, report.checked) == (True, len(listed))


def test_the_export_is_audited_with_the_manifests_sha256(
    office: Office, case: str, dossier: Path
) -> None:
    with office.ws.db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry is not None
    assert (entry.actor, entry.action) == (HEAD.login, "case.export")
    manifest = hashlib.sha256((dossier / MANIFEST).read_bytes()).hexdigest()
    assert entry.details["manifest_sha256"] == manifest
    assert entry.details["dossier"] is True


# --- the recipient's check ---------------------------------------------------------------------


def test_a_changed_byte_a_removed_file_and_an_added_file_are_each_named(
    dossier: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docx = dossier / "意见书/第1稿.docx"
    data = bytearray(docx.read_bytes())
    data[len(data) // 2] ^= 0x01
    docx.write_bytes(bytes(data))
    (dossier / "录像/附图/图1.png").unlink()
    (dossier / "意见书/第3稿.docx").write_bytes(b"forged")

    report = verify_dossier(dossier)
    assert (report.changed, report.missing, report.extra) == (
        ["意见书/第1稿.docx"],
        ["录像/附图/图1.png"],
        ["意见书/第3稿.docx"],
    )
    capsys.readouterr()
    assert main(["verify-dossier", str(dossier)]) == 1
    out = capsys.readouterr().out
    for line in (
        "已改动：意见书/第1稿.docx",
        "缺少：录像/附图/图1.png",
        "多出：意见书/第3稿.docx",
    ):
        assert line in out


@pytest.mark.parametrize("attack", ["change", "remove", "add", "link"])
def test_each_kind_of_tampering_alone_fails_the_check(dossier: Path, attack: str) -> None:
    target = dossier / "审核要点.txt"
    if attack == "change":
        target.write_text(target.read_text("utf-8").replace("存在问题", "无问题"), "utf-8")
    elif attack == "remove":
        target.unlink()
    elif attack == "add":
        (dossier / "录像/附图/图2.png").write_bytes(_png())
    else:  # the file swapped for a link to a copy of itself
        copy = dossier.parent / "copy.txt"
        copy.write_bytes(target.read_bytes())
        target.unlink()
        target.symlink_to(copy)
    assert not verify_dossier(dossier).intact


def test_an_intact_dossier_exits_0(dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify-dossier", str(dossier)]) == 0
    assert "审核档案完好" in capsys.readouterr().out


def test_a_folder_that_is_no_dossier_exits_2(
    dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (dossier / MANIFEST).write_text("not a manifest\n", encoding="utf-8")
    assert main(["verify-dossier", str(dossier)]) == 2
    assert f"{MANIFEST} 第 1 行无法识别" in capsys.readouterr().err
    with pytest.raises(BundleError, match="没有清单文件"):
        verify_dossier(tmp_path)
    assert main(["verify-dossier", str(tmp_path / "nowhere")]) == 2
    assert "不是文件夹" in capsys.readouterr().err


def test_a_manifest_naming_a_path_outside_the_folder_is_refused(dossier: Path) -> None:
    (dossier / MANIFEST).write_text(f"{'0' * 64}  ../secret.txt\n", encoding="utf-8")
    with pytest.raises(BundleError, match="无法识别"):
        verify_dossier(dossier)


def test_the_signed_opinion_inside_verifies_on_a_fresh_office(
    office: Office,
    dossier: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    root = office_root(office.ws)
    fresh = tmp_path / "fresh"
    url = another_office_database(request)
    given = ["--data-dir", str(fresh), *(["--db", url] if url else [])]
    capsys.readouterr()
    opinion = dossier / "意见书/第2稿.docx"
    assert main([*given, "opinion", "verify", str(opinion), "--root", root]) == 0
    assert "签名有效" in capsys.readouterr().out
    assert main([*given, "opinion", "verify", str(dossier / "意见书/第1稿.docx")]) == 1
    assert "本机尚未创建办公室根密钥" in capsys.readouterr().out


# --- the export command -----------------------------------------------------------------------


def test_export_dossier_on_the_command_line(
    office: Office, case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "命令行档案"
    capsys.readouterr()
    assert _cli(office.data_dir, HEAD.login, "export", case, out, "--dossier") == 0
    printed = capsys.readouterr().out
    assert f"已导出审核档案到 {out}" in printed
    assert hashlib.sha256((out / MANIFEST).read_bytes()).hexdigest() in printed
    assert verify_dossier(out).intact
    # An existing folder that is not empty is refused, and left as it was.
    assert _cli(office.data_dir, HEAD.login, "export", case, out, "--dossier") == 2
    assert "已存在" in capsys.readouterr().err
    assert verify_dossier(out).intact


def test_an_empty_folder_is_filled_and_nothing_is_left_beside_it(
    office: Office, case: str, tmp_path: Path
) -> None:
    out = tmp_path / "空文件夹"
    out.mkdir()
    office.ws.export_dossier(case, out, actor=HEAD.login)
    assert verify_dossier(out).intact
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("person", [REVIEWER, CLERK])
def test_who_may_not_read_the_audit_trail_may_not_export_a_dossier(
    office: Office, case: str, tmp_path: Path, person: Any
) -> None:
    before = _audit_count(office)
    out = tmp_path / "refused"
    with pytest.raises(IllegalActionError, match=f"用户 {person.login}"):
        office.ws.export_dossier(case, out, actor=person.login)
    assert not out.exists()
    assert _audit_count(office) == before


def test_a_zip_target_is_refused(office: Office, case: str, tmp_path: Path) -> None:
    with pytest.raises(IllegalActionError, match="文件夹"):
        office.ws.export_dossier(case, tmp_path / "档案.zip", actor=HEAD.login)


def _audit_count(office: Office) -> int:
    with office.ws.db.session() as session:
        return len(session.scalars(select(AuditEntry.seq)).all())


def test_an_altered_filed_opinion_stops_the_export(
    office: Office, case: str, tmp_path: Path
) -> None:
    with office.ws.db.session() as session:
        sha = session.scalars(select(Opinion.docx_sha256).order_by(Opinion.revision)).first()
    assert sha is not None
    filed = office.ws.store.path_for(sha)
    filed.chmod(0o600)
    data = bytearray(filed.read_bytes())
    data[-100] ^= 0x01
    filed.write_bytes(bytes(data))
    before = _audit_count(office)
    out = tmp_path / "档案"
    with pytest.raises(IllegalActionError, match="已被改动，审核档案未导出"):
        office.ws.export_dossier(case, out, actor=HEAD.login)
    assert (list(tmp_path.glob("*档案*")), _audit_count(office)) == ([], before)


def test_a_dossier_the_audit_trail_does_not_show_is_not_left_behind(
    office: Office, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workstation.opinion import dossier as writer

    def refused(*_args: Any, **_kwargs: Any) -> None:
        raise StorageError("数据库只读")

    monkeypatch.setattr(writer.audit, "append", refused)
    with pytest.raises(StorageError, match="数据库只读"):
        office.ws.export_dossier(case, tmp_path / "档案", actor=HEAD.login)
    assert list(tmp_path.glob("*档案*")) == []


def test_exporting_a_dossier_needs_the_users_password(
    office: Office,
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("WORKSTATION_PASSWORD_FILE", raising=False)
    out = tmp_path / "档案"
    argv = ["--data-dir", str(office.data_dir), "--user", HEAD.login]
    assert main([*argv, "export", case, str(out), "--dossier"]) == 2
    assert "密码" in capsys.readouterr().err
    assert not out.exists()
