"""L2: ID and mobile numbers, and a password typed into the login field, stay out of the
log, error reports and import messages."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case
from sqlalchemy import select

from workstation import crash_report
from workstation.errors import BundleError, IllegalActionError
from workstation.logsetup import configure_logging
from workstation.redact import redact
from workstation.security.login import UNKNOWN_LOGIN, LoginDelayed, prove
from workstation.security.users import add_user
from workstation.store.models import AuditEntry

ID_NUMBER = "11010119900307123X"
MOBILE = "13912345678"
PASSWORD = "Cor-rect-horse-9"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    target = configure_logging(tmp_path / "logs" / "workstation.log")
    assert target is not None
    yield target
    for handler in list(root.handlers):
        if getattr(handler, "_workstation", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_numbers_standing_alone_are_masked_and_nothing_else() -> None:
    text = f"当事人 {ID_NUMBER}，旧证 110101900307123，电话:{MOBILE}。"
    assert redact(text) == "当事人 110**************X，旧证 110***********3，电话:139*******8。"
    untouched = (
        "sha256 a110101199003071234b7e01 " + "0" * 64,  # digits inside a hash
        "京市监罚〔2026〕12号 1101011990030712345",  # a longer run is no ID number
        "统一社会信用代码 91110108MA01ABCD2X",
    )
    for line in untouched:
        assert redact(line) == line


def test_the_log_masks_messages_and_tracebacks(log_file: Path) -> None:
    log = logging.getLogger("test.redaction")
    log.warning("party %s called from %s", ID_NUMBER, MOBILE)
    try:
        raise ValueError(f"bad id {ID_NUMBER}")
    except ValueError:
        log.exception("import failed")
    written = log_file.read_text("utf-8")
    assert ID_NUMBER not in written
    assert MOBILE not in written
    assert written.count("110**************X") == 2  # the message and the exception
    assert "139*******8" in written


def test_an_error_report_masks_the_error_and_the_log_tail(tmp_path: Path) -> None:
    old_log = tmp_path / "older.log"  # lines an older version wrote unmasked
    old_log.write_text(f"2026-12-01 INFO x: party {ID_NUMBER}\n", "utf-8")
    try:
        raise ValueError(f"电话 {MOBILE} 无效")
    except ValueError as exc:
        details = crash_report.format_exception(*sys.exc_info())  # type: ignore[arg-type]
        summary = crash_report.summary_line(ValueError, exc)
    report = crash_report.build_report(details, old_log, moment=_now())
    assert summary == "ValueError: 电话 139*******8 无效"
    for text in (details, report):
        assert MOBILE not in text
        assert ID_NUMBER not in text
    assert "110**************X" in report


def test_a_wrong_id_number_is_masked_in_the_import_refusal(ws: Any, make_bundle: Any) -> None:
    case = minimal_case()
    case["case"]["parties"][0]["id_number"] = 110101199003071234  # a number, not a string
    with pytest.raises(BundleError) as refused:
        ws.import_bundle(make_bundle(case), actor="tester")
    assert "110101199003071234" not in refused.value.message
    assert "id_number：应为字符串，实际为 110**************4（部分字符已隐去）" in (
        refused.value.message
    )


def test_a_password_typed_as_the_login_is_not_logged_or_audited(ws: Any, log_file: Path) -> None:
    with ws.db.write("test") as session:
        add_user(
            session,
            login="zhao",
            display_name="赵敏",
            roles=["administrator"],
            by="zhao",
            at=ws.clock(),
            password=PASSWORD,
        )
    for typed in (PASSWORD, PASSWORD + "!", "qian"):  # three unknown names, in a hurry
        with pytest.raises(IllegalActionError):
            prove(ws.db, ws.clock, typed, "anything-1")
    with pytest.raises(IllegalActionError):
        prove(ws.db, ws.clock, "zhao", "wrong-password-1")  # a registered login is named

    with ws.db.session() as session:
        failed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "user.login_failed")
        ).all()
    assert [(e.actor, e.details["login"]) for e in failed] == [
        (UNKNOWN_LOGIN, UNKNOWN_LOGIN),
        (UNKNOWN_LOGIN, UNKNOWN_LOGIN),
        (UNKNOWN_LOGIN, UNKNOWN_LOGIN),
        ("zhao", "zhao"),
    ]
    written = log_file.read_text("utf-8")
    assert PASSWORD not in written
    assert "qian" not in written
    assert "zhao" in written
    # The unknown names share one pause: the fourth attempt of any of them waits.
    with pytest.raises(LoginDelayed):
        prove(ws.db, ws.clock, "someone-else", "anything-1")


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
