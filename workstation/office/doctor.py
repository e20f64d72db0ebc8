"""`workstation office doctor`: what is wrong with this PC's way into the office, in Chinese.

Each check answers one question an office's IT person would ask in turn: is the server
there, does it take our login, is its schema ours, is the shared evidence folder mounted
here (the same one: its marker names this database) and writable with room to spare, and
do this PC's clock and the server's agree (deadlines and signatures carry times).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from workstation.errors import WorkstationError
from workstation.store import migrate
from workstation.store.db import Database, error_reason
from workstation.store.evidence import EvidenceStore
from workstation.store.models import EvidenceFile

log = logging.getLogger(__name__)

MARKER_FILE = "office.json"  # in the evidence folder: which database it belongs to
MIN_FREE_BYTES = 5 * 1024**3
MAX_CLOCK_SKEW_S = 60.0
_SAMPLE = 200  # stored files checked for "the same folder as the server's"


@dataclass(frozen=True)
class Finding:
    """One answer: `ok` True for a check that passed, False for a problem to fix."""

    ok: bool
    text: str
    serious: bool = True  # False: a warning that does not stop the office working


def check_server(
    db: Database, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> list[Finding]:
    """Reachable, login accepted, schema at this program's version, clocks agreeing (this
    PC's `now` against the server's)."""
    try:
        with db.engine.connect() as connection:
            server_now = connection.execute(text("SELECT now()")).scalar_one()
            version = connection.execute(text("SHOW server_version")).scalar_one()
    except DBAPIError as exc:
        detail = str(exc.orig) if exc.orig is not None else str(exc)
        return [
            Finding(
                False,
                f"数据库服务器 {db.shown_url}：{error_reason(detail)}（{_first_line(detail)}）",
            )
        ]
    findings = [Finding(True, f"已连接数据库服务器 {db.shown_url}（PostgreSQL {version}）")]
    findings.append(_schema(db))
    skew = (server_now - now()).total_seconds()
    if abs(skew) > MAX_CLOCK_SKEW_S:
        findings.append(
            Finding(
                False,
                f"本机时钟与数据库服务器相差 {abs(skew):.0f} 秒（本机{'慢' if skew > 0 else '快'}）："
                "期限与签名时间会不准确，请校准本机时间",
            )
        )
    else:
        findings.append(Finding(True, f"本机时钟与服务器相差 {abs(skew):.1f} 秒"))
    return findings


def _schema(db: Database) -> Finding:
    head = migrate.shipped_head() or migrate.head_revision(db)
    try:
        stored = migrate.current_revision(db)
    except DBAPIError as exc:
        return Finding(False, f"无法读取数据库结构版本：{_first_line(str(exc))}")
    if stored is None:
        return Finding(False, "办公室数据库尚未初始化：请运行 workstation office init")
    if stored == head:
        return Finding(True, f"数据库结构版本 {stored} 与本程序一致")
    if not migrate.known_revision(db, stored):
        return Finding(False, f"数据库结构版本 {stored} 比本程序新：请在本机安装新版工作站")
    return Finding(False, f"数据库结构版本 {stored} 较旧：请运行 workstation office init 升级")


def check_evidence(root: Path, db: Database | None) -> list[Finding]:
    """The shared folder: there, ours, writable from here, with room."""
    if not root.is_dir():
        return [Finding(False, f"共享证据文件夹 {root} 不存在或未挂载")]
    findings = [_marker(root, db)]
    findings.append(_writable(root))
    free = shutil.disk_usage(root).free
    if free < MIN_FREE_BYTES:
        findings.append(
            Finding(
                False, f"共享证据文件夹 {root} 仅剩 {free / 1024**3:.1f} GB 可用空间", serious=False
            )
        )
    else:
        findings.append(Finding(True, f"共享证据文件夹可用空间 {free / 1024**3:.0f} GB"))
    if db is not None:
        findings.append(_same_files(root, db))
    return findings


def _marker(root: Path, db: Database | None) -> Finding:
    try:
        marker = json.loads((root / MARKER_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Finding(False, f"{root} 中没有 {MARKER_FILE}：请先运行 workstation office init")
    except (OSError, ValueError) as exc:
        return Finding(False, f"{root / MARKER_FILE} 无法读取：{exc}")
    if db is not None and marker.get("database") != _identity_or_none(db):
        return Finding(
            False,
            f"{root} 属于另一个办公室数据库（{marker.get('database')}），"
            "本机挂载的不是本办公室的共享证据文件夹",
        )
    return Finding(True, f"共享证据文件夹 {root} 属于本办公室")


def _identity_or_none(db: Database) -> str | None:
    try:
        return office_identity(db)
    except DBAPIError:  # no schema yet: said by the server's checks
        return None


def _writable(root: Path) -> Finding:
    probe = root / f".doctor-{uuid.uuid4().hex}"
    try:
        with open(probe, "xb") as out:
            out.write(b"workstation")
            out.flush()
            os.fsync(out.fileno())
        readable = probe.read_bytes() == b"workstation"
    except OSError as exc:
        return Finding(False, f"共享证据文件夹 {root} 不可写：{exc.strerror or exc}")
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    if not readable:
        return Finding(False, f"共享证据文件夹 {root} 写入后读回的内容不一致")
    return Finding(True, f"共享证据文件夹 {root} 可写")


def _same_files(root: Path, db: Database) -> Finding:
    store = EvidenceStore(root, shared=True)
    try:
        with db.session() as session:
            rows = session.execute(
                select(EvidenceFile.sha256, EvidenceFile.size)
                .order_by(EvidenceFile.stored_at.desc())
                .limit(_SAMPLE)
            ).all()
    except DBAPIError:
        return Finding(False, "无法读取数据库中登记的证据文件", serious=False)
    missing = [sha for sha, size in rows if not store.is_intact_size(sha, size)]
    if missing:
        return Finding(
            False,
            f"数据库登记的最近 {len(rows)} 个证据文件中有 {len(missing)} 个在 {root} 中找不到"
            f"（如 {missing[0][:12]}…）：本机挂载的可能不是服务器上的那个文件夹",
        )
    return Finding(True, f"数据库登记的最近 {len(rows)} 个证据文件在本机均可见")


def office_identity(db: Database) -> str | None:
    """What names this office's database in its evidence folder's marker: the random id
    `office init` keeps in it (a dump restored elsewhere keeps it too). None before init."""
    from workstation.store import office_identity

    return office_identity.read(db)


def write_marker(root: Path, db: Database) -> None:
    """Record in the evidence folder which database it belongs to (`office init`)."""
    from workstation.durable import write_durably
    from workstation.store import office_identity

    document = {
        "database": office_identity.read_or_create(db),
        "written_at": datetime.now(UTC).isoformat(),
    }
    write_durably(root / MARKER_FILE, json.dumps(document, ensure_ascii=False).encode("utf-8"))


def _first_line(text_: str) -> str:
    return text_.strip().splitlines()[0] if text_.strip() else ""


def raise_for(findings: list[Finding]) -> None:
    """Raise the first serious problem as a WorkstationError (for callers that must stop)."""
    for finding in findings:
        if not finding.ok and finding.serious:
            raise WorkstationError(finding.text)
