"""Test helpers shared by several test modules (not fixtures: plain functions)."""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The shared/ folder: $WORKSTATION_SHARED, else ../shared beside the project."""
    return Path(os.environ.get("WORKSTATION_SHARED", PROJECT_ROOT.parent / "shared")).resolve()


class FixedClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


MINIMAL_CASE: dict[str, Any] = {
    "format": "legal-review-case/1",
    "case": {
        "number": "薛市监罚〔2026〕12号",
        "title": "销售过期食品案",
        "agency": {"name": "枣庄市薛城区市场监督管理局", "code": "12370403MB2850447X"},
        "action_type": "penalty",
        "submitted_at": "2026-03-10T09:00:00+08:00",
        "parties": [
            {
                "kind": "organisation",
                "name": "枣庄市某某超市有限公司",
                "id_number": "91350100M000100Y43",
            }
        ],
        "officers": [
            {"name": "张明", "certificate_no": "37040001", "certificate_valid_until": "2027-12-31"},
            {"name": "李华", "certificate_no": "37040002", "certificate_valid_until": "2027-12-31"},
        ],
        "proposed_decision": {"measures": [{"type": "fine", "amount": 80000}]},
        "events": [
            {
                "id": "e1",
                "type": "inspection",
                "at": "2026-03-01T10:00:00+08:00",
                "officers": ["37040001", "37040002"],
                "documents": ["d1"],
                "recordings": ["r1"],
            }
        ],
        "documents": [],
        "recordings": [],
    },
}


def minimal_case(**case_fields: Any) -> dict[str, Any]:
    """A valid case.json document, with `case` fields overridden."""
    document = copy.deepcopy(MINIMAL_CASE)
    document["case"].update(case_fields)
    return document


def store_files(data_dir: Path) -> set[str]:
    """Names of every file in the evidence store."""
    evidence = data_dir / "evidence"
    return {p.name for p in evidence.glob("??/??/*")} if evidence.is_dir() else set()


def staging_leftovers(data_dir: Path) -> list[Path]:
    staging = data_dir / "staging"
    return list(staging.iterdir()) if staging.is_dir() else []


def assert_store_consistent(ws: Any) -> None:
    """Every stored file has its database row and the right hash, and vice versa."""
    from sqlalchemy import select

    from workstation.store import models
    from workstation.store.hashing import hash_file

    on_disk = store_files(ws.paths.data_dir)
    with ws.db.session() as session:
        rows = set(session.scalars(select(models.EvidenceFile.sha256)))
        referenced = set(session.scalars(select(models.BundleFile.sha256)))
    assert on_disk == rows, f"orphans {on_disk - rows}, missing {rows - on_disk}"
    assert referenced <= rows
    for sha256 in on_disk:
        assert hash_file(ws.store.path_for(sha256)) == sha256


def row_counts(ws: Any) -> dict[str, int]:
    """How many rows each table holds."""
    from sqlalchemy import func, select

    from workstation.store import models

    counts = {}
    with ws.db.session() as session:
        for table in models.Base.metadata.sorted_tables:
            counts[table.name] = session.scalar(select(func.count()).select_from(table))
    return counts


@dataclass(frozen=True)
class Ran:
    """One `workstation …` command line run in-process."""

    code: int
    out: str
    err: str


Cli = Callable[..., Ran]


def require_libreoffice() -> None:
    """Fail, not skip: the test set-up installs LibreOffice, so its absence is a broken set-up."""
    import pytest

    from workstation.documents import libreoffice as pdf

    if pdf.find_libreoffice() is None:
        pytest.fail(
            "LibreOffice is missing: run scripts/system-packages.sh (libreoffice-writer-nogui)"
        )


DEMO_PACK_SETTINGS = '[review]\nrule_pack = "demo-zaozhuang-2026"\n'


def demo_morning() -> FixedClock:
    """The morning after the demo food case was submitted (2026-04-15 09:30 in Beijing)."""
    from datetime import UTC, datetime

    return FixedClock(datetime(2026, 4, 15, 1, 30, tzinfo=UTC))


def demo_office_folder(tmp_path: Path) -> Path:
    """A data folder whose office uses the demo rule pack."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "settings.toml").write_text(DEMO_PACK_SETTINGS, encoding="utf-8")
    return folder


def seizure_case(at: str = "2026-03-01T10:00:01.500+08:00") -> dict[str, Any]:
    """A case whose seizure (by default at 10:00:01.5) must be recorded; r1 runs 2 s from
    10:00:00, so it covers the default time and not, say, 10:00:04."""
    document = minimal_case(
        recordings=[
            {
                "id": "r1",
                "path": "media/a.wav",
                "device": "执法记录仪 B07",
                "started_at": "2026-03-01T10:00:00+08:00",
                "archived_at": "2026-03-01T11:00:00+08:00",
            }
        ]
    )
    document["case"]["events"] = [
        {
            "id": "e1",
            "type": "seizure",
            "at": at,
            "officers": ["37040001", "37040002"],
            "approved_at": "2026-03-01T09:00:00+08:00",
            "recordings": ["r1"],
        }
    ]
    return copy.deepcopy(document)


# --- proving who runs a command (cli_identity) ---------------------------------------------

TEST_PASSWORD = "test-pass-2026"


def password_file(folder: Path, password: str = TEST_PASSWORD, *, mode: int = 0o600) -> Path:
    """A file holding `password` on its first line, with `mode` (0600: only its owner)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"password-{mode:o}"
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


def proven(argv: Sequence[str | Path]) -> list[str]:
    """`argv` of a `workstation` command with the proof a changing command needs: the
    `--user` given TEST_PASSWORD if registered without a password, and `--password-file`
    naming a private file that holds it. Users with a password of their own keep it (a test
    about them passes its own file)."""
    args = [str(a) for a in argv]
    data_dir, user = _option(args, "--data-dir"), _option(args, "--user")
    if data_dir is None:
        return args
    if user is not None:
        _give_test_password(Path(data_dir), user)
    return ["--password-file", str(password_file(Path(data_dir).parent / "cli-proof")), *args]


def register_users(
    ws: Any, *people: tuple[str, str, str | Sequence[str]], by: str = "admin"
) -> None:
    """Register (login, name, role or roles) as set-up, in one transaction, as `by` (the
    first user of a data folder must be an administrator registering itself)."""
    from workstation.security.users import add_user

    with ws.db.write("登记用户") as session:
        for login, name, roles in people:
            wanted = [roles] if isinstance(roles, str) else list(roles)
            add_user(session, login=login, display_name=name, roles=wanted, by=by, at=ws.clock())


def _option(args: list[str], name: str) -> str | None:
    for i, arg in enumerate(args[:-1]):
        if arg == name:
            return args[i + 1]
    return None


def _give_test_password(data_dir: Path, login: str) -> None:
    """Straight into the row, without an audit entry: test set-up, not an action, on the
    database the command will open (`raw_sql.database_url`)."""
    from raw_sql import RawSql
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from workstation.paths import resolve_paths

    if "WORKSTATION_DB" not in os.environ and not resolve_paths(data_dir).database_file.exists():
        return  # nothing opened yet: the command creates it
    with contextlib.suppress(OperationalError, ProgrammingError):  # no users table yet
        RawSql(data_dir).run(
            "UPDATE users SET password_hash = :hash WHERE login = :login AND password_hash IS NULL",
            hash=_test_password_hash(),
            login=login,
        )


@cache
def _test_password_hash() -> str:
    from workstation.security.passwords import hash_password

    return hash_password(TEST_PASSWORD)
