"""Noticing that the last session ended without closing, and saying what was kept.

Every review edit is committed with its audit entry before the service call returns, so a
crash loses nothing already made; what a reviewer needs after a crash is to be told so. Each
running session keeps a marker in `data/sessions/`: `<id>.json` (pid, login, start, the
audit log's last entry at the start) and `<id>.lock`, locked for as long as the process
lives. The operating system drops the lock when the process dies however it dies, so at the
next start a marker whose lock can be taken belonged to a session that crashed (a pid alone
could have been reused); a clean exit removes the marker. The audit entries that login wrote
after the marker's start are what the crashed session saved.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from workstation.clock import Clock
from workstation.durable import make_private_dirs, private_opener
from workstation.review.workflow_rules import STEPS
from workstation.rules.findings import SECTION_NAMES
from workstation.security import audit
from workstation.store import models
from workstation.store.db import Database
from workstation.store.staging import _try_lock  # the import lock's: dropped when we die
from workstation.timefmt import format_minute

log = logging.getLogger(__name__)

SESSIONS_DIR = "sessions"

# What each recorded action is, as the summary counts it. Actions not listed here (log-ins,
# exports, verifications, refused import attempts) change nothing and are not counted.
EDIT_LABELS = {
    "review.verdict": "分项结论",
    "review.comment": "核查意见",
    "review.citation_add": "新增引用",
    "review.citation_remove": "删除引用",
    "review.finding_accepted": "采纳自动检查发现",
    "review.finding_dismissed": "不予采纳自动检查发现",
    "review.outcome": "审核结论",
    "opinion.draft": "起草审核意见书",
    "opinion.sign": "签发审核意见书",
    "opinion.figure_add": "新增意见书附图",
    "opinion.figure_remove": "删除意见书附图",
    "recording.clock_correction": "校正录像时钟",
    "recording.bookmark_add": "新增录像书签",
    "recording.bookmark_remove": "删除录像书签",
    "case.import": "导入案卷",
    "user.add": "登记用户",
    "user.deactivate": "停用用户",
    "user.password_set": "设置密码",
    "keys.add": "登记签名密钥",
    "keys.remove": "停用签名密钥",
    **{f"workflow.{a}": step.label for a, step in STEPS.items() if a != "sign"},
}  # workflow.sign is written beside opinion.sign: one signature, counted once


@dataclass(frozen=True)
class RecoveredEdit:
    """One saved edit of the crashed session."""

    at: datetime
    action: str
    label: str
    case_number: str | None
    section: str | None

    def describe(self) -> str:
        """e.g. 薛市监罚〔2026〕12号 核查意见（执法主体）"""
        where = f"{self.case_number} " if self.case_number else ""
        section = f"（{SECTION_NAMES.get(self.section, self.section)}）" if self.section else ""
        return f"{where}{self.label}{section}"


@dataclass(frozen=True)
class RecoveryReport:
    """What a session that did not close had saved."""

    login: str
    pid: int
    started_at: datetime
    edits: tuple[RecoveredEdit, ...]

    def counts(self) -> list[tuple[str, int]]:
        """(label, how many) in order of first appearance."""
        return list(Counter(e.label for e in self.edits).items())

    def lines(self) -> list[str]:
        """Each saved edit on a line: 2026-03-12 09:41 薛市监罚〔2026〕12号 核查意见（执法主体）"""
        return [f"{format_minute(e.at)} {e.describe()}" for e in self.edits]

    def message(self, for_login: str | None = None) -> str:
        """The Chinese summary the reviewer reads after logging in."""
        whose = f"（用户 {self.login} 于 {format_minute(self.started_at)} 开始的会话）"
        head = "上次工作站未正常关闭" + (whose if for_login != self.login else "") + "。"
        if not self.edits:
            return head + "那次登录后没有作出修改，没有需要恢复的内容。"
        parts = "、".join(f"{label} {n} 项" for label, n in self.counts())
        last = self.edits[-1]
        return (
            f"{head}已保存的 {len(self.edits)} 项修改均已恢复：{parts}。"
            f"最后一项：{last.describe()}，于 {format_minute(last.at)}。"
        )


class SessionMarker:
    """This process's marker; `close()` on a clean exit removes it."""

    def __init__(self, json_path: Path, lock: IO[bytes]) -> None:
        self.path = json_path
        self._lock: IO[bytes] | None = lock

    def close(self) -> None:
        """The session ended cleanly: nothing to report at the next start."""
        if self._lock is None:
            return
        self.path.unlink(missing_ok=True)
        self._lock.close()  # releases the lock; then the lock file can go too (Windows)
        self._lock = None
        self.path.with_suffix(".lock").unlink(missing_ok=True)


def begin_session(
    data_dir: Path, db: Database, login: str, clock: Clock
) -> tuple[SessionMarker | None, list[RecoveryReport]]:
    """Report the sessions that crashed, then mark this one as running.

    Never stops the app: a marker that cannot be written means only that a crash of this
    session will go unreported (logged); None is returned as the marker then.
    """
    folder = data_dir / SESSIONS_DIR
    try:
        make_private_dirs(folder)
        reports = _claim_abandoned(folder, db)
    except OSError as exc:
        log.warning("could not look for crashed sessions in %s: %s", folder, exc)
        reports = []
    try:
        marker = _write_marker(folder, db, login, clock)
    except OSError as exc:
        log.warning("could not write the session marker in %s: %s", folder, exc)
        marker = None
    return marker, reports


def _write_marker(folder: Path, db: Database, login: str, clock: Clock) -> SessionMarker:
    name = f"{os.getpid()}-{secrets.token_hex(4)}"
    # Held for the session.
    lock = open(folder / f"{name}.lock", "a+b", opener=private_opener)  # noqa: SIM115
    try:
        if not _try_lock(lock):  # a fresh random name: nobody else can hold it
            raise OSError(f"cannot lock {lock.name}")
        with db.session() as session:
            last = audit.last_entry(session)
        body = {
            "pid": os.getpid(),
            "login": login,
            "started_at": clock().isoformat(),
            "audit_seq": last.seq if last else 0,
        }
        path = folder / f"{name}.json"
        partial = path.with_suffix(".tmp")
        with open(partial, "w", encoding="utf-8", opener=private_opener) as out:
            out.write(json.dumps(body, ensure_ascii=False))
        partial.replace(path)
    except BaseException:
        lock.close()
        raise
    log.info("session %s started for %s", name, login)
    return SessionMarker(path, lock)


def _claim_abandoned(folder: Path, db: Database) -> list[RecoveryReport]:
    reports = []
    for path in sorted(folder.glob("*.json")):
        # Closed below.
        lock = open(path.with_suffix(".lock"), "a+b", opener=private_opener)  # noqa: SIM115
        try:
            if not _try_lock(lock):
                continue  # that session is still running (another window, another user)
            try:
                report = _report(db, json.loads(path.read_text(encoding="utf-8")))
            except FileNotFoundError:
                continue  # another start claimed it a moment ago
            except (ValueError, KeyError, TypeError) as exc:
                log.warning("unreadable session marker %s dropped: %r", path, exc)
            else:
                log.warning(
                    "session of %s (pid %s) did not close: %d saved edits",
                    report.login,
                    report.pid,
                    len(report.edits),
                )
                reports.append(report)
            path.unlink(missing_ok=True)
        finally:
            lock.close()
        path.with_suffix(".lock").unlink(missing_ok=True)
    for stray in folder.glob("*.tmp"):
        stray.unlink(missing_ok=True)  # a marker whose writer died before renaming it
    return reports


def _report(db: Database, body: dict[str, Any]) -> RecoveryReport:
    login = str(body["login"])
    with db.session() as session:
        rows = session.execute(
            select(models.AuditEntry, models.Case.number)
            .outerjoin(models.Case, models.Case.id == models.AuditEntry.case_id)
            .where(models.AuditEntry.seq > int(body["audit_seq"]))
            .where(models.AuditEntry.actor == login)
            .order_by(models.AuditEntry.seq)
        ).all()
        edits = tuple(
            RecoveredEdit(
                at=entry.at,
                action=entry.action,
                label=EDIT_LABELS[entry.action],
                case_number=number,
                section=entry.details.get("section"),
            )
            for entry, number in rows
            if entry.action in EDIT_LABELS
        )
    return RecoveryReport(
        login=login,
        pid=int(body["pid"]),
        started_at=datetime.fromisoformat(body["started_at"]),
        edits=edits,
    )
