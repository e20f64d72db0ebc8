"""After a crash the next start says what the crashed session had saved; after a clean exit
it says nothing (workstation/session_marker.py; kill_session.py is the crashing child)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import FixedClock, minimal_case

from workstation.app import open_workstation
from workstation.security.users import add_user
from workstation.services import Workstation
from workstation.session_marker import SESSIONS_DIR, begin_session

HERE = Path(__file__).resolve().parent
NUMBER = "薛市监罚〔2026〕12号"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the crash is a SIGKILL")


@pytest.fixture
def office(data_dir: Path, clock: FixedClock, make_bundle: Any) -> str:
    """admin and the reviewer li; a case li has accepted. Returns its short id."""
    ws = open_workstation(data_dir, clock=clock)
    try:
        with ws.db.write("登记用户") as session:
            for login, name, role in (
                ("admin", "管理员", "administrator"),
                ("li", "李审", "reviewer"),
            ):
                add_user(
                    session, login=login, display_name=name, roles=[role], by="admin", at=clock()
                )
        ref = ws.import_bundle(make_bundle(minimal_case()), actor="li").short_id
        ws.workflow.act(ref, "accept", "li")
        return str(ref)
    finally:
        ws.close()


def crash_child(data_dir: Path, ref: str, login: str, edits: int) -> None:
    """A session of `login` makes `edits` edits and is killed."""
    child = subprocess.run(
        [sys.executable, str(HERE / "kill_session.py"), str(data_dir), ref, login, str(edits)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert child.stdout.split() == [w for n in range(1, edits + 1) for w in ("done", str(n))]


def start(ws: Workstation, login: str) -> Any:
    marker, reports = begin_session(ws.paths.data_dir, ws.db, login, ws.clock)
    assert marker is not None
    return marker, reports


def test_a_killed_session_is_reported_with_exactly_its_saved_edits(
    data_dir: Path, clock: FixedClock, office: str
) -> None:
    crash_child(data_dir, office, "li", 4)
    ws = open_workstation(data_dir, clock=clock)
    try:
        with ws.db.write("他人的操作") as session:  # not li's: not counted
            add_user(
                session, login="wang", display_name="王", roles=["reviewer"], by="admin", at=clock()
            )
        marker, reports = start(ws, "li")
        assert len(reports) == 1
        report = reports[0]
        assert [(e.action, e.section) for e in report.edits] == [
            ("review.verdict", "subject"),
            ("review.comment", "subject"),
            ("review.comment", "evidence"),
            ("review.outcome", None),
        ]
        assert report.message("li") == (
            "上次工作站未正常关闭。已保存的 4 项修改均已恢复："
            "分项结论 1 项、核查意见 2 项、审核结论 1 项。"
            f"最后一项：{NUMBER} 审核结论，于 2026-03-12 09:42。"
        )
        assert report.lines()[0] == f"2026-03-12 09:39 {NUMBER} 分项结论（执法主体）"
        # The edits really are in the store: the review shows them.
        checklist = ws.review.checklist(office, "li")
        sections = {s.section: (s.verdict, s.comment) for s in checklist.sections}
        assert sections["subject"] == ("ok", "执法主体适格。")
        assert sections["evidence"][1] == "证据链完整。"
        assert checklist.outcome == "return"
        marker.close()
        # Told once: the next start has nothing to report.
        again, reports = start(ws, "li")
        assert reports == []
        again.close()
    finally:
        ws.close()


def test_a_clean_exit_leaves_nothing_to_report(ws: Workstation) -> None:
    marker, reports = start(ws, "t")
    assert reports == []
    assert len(list((ws.paths.data_dir / SESSIONS_DIR).glob("*.json"))) == 1
    marker.close()
    marker.close()  # twice is harmless
    assert list((ws.paths.data_dir / SESSIONS_DIR).iterdir()) == []
    marker, reports = start(ws, "t")
    assert reports == []
    marker.close()


def test_a_session_still_running_is_not_taken_for_a_crash(ws: Workstation) -> None:
    first, _ = start(ws, "li")  # another window on the same data folder, still open
    second, reports = start(ws, "wang")
    assert reports == []
    second.close()
    first.close()


def test_another_user_is_told_whose_session_it_was_and_an_empty_one_says_so(
    data_dir: Path, clock: FixedClock, office: str
) -> None:
    crash_child(data_dir, office, "li", 0)
    ws = open_workstation(data_dir, clock=clock)
    try:
        marker, reports = start(ws, "admin")
        assert [r.message("admin") for r in reports] == [
            "上次工作站未正常关闭（用户 li 于 2026-03-12 09:38 开始的会话）。"
            "那次登录后没有作出修改，没有需要恢复的内容。"
        ]
        marker.close()
    finally:
        ws.close()


def test_an_unreadable_marker_is_dropped(ws: Workstation) -> None:
    folder = ws.paths.data_dir / SESSIONS_DIR
    folder.mkdir(parents=True)
    (folder / "1-dead.json").write_text("{half", encoding="utf-8")
    (folder / "2-dead.json").write_text(json.dumps({"pid": 2}), encoding="utf-8")
    marker, reports = start(ws, "t")
    assert reports == []
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".lock"]  # ours only
    marker.close()
