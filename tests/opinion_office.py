"""The opinion tests' office: its staff, the head's registered signing key, and the demo food
case imported and accepted for review. Shared by the opinion service and editor tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from office_roots import register_certified

from workstation.security import signing
from workstation.security.users import add_user

FOOD = "demo-01-食品"
ADMIN, REVIEWER, HEAD, KEYLESS_HEAD, CLERK = "admin", "li", "wang", "chen", "zhao"
HEAD_NAME = "王负责"
PASSPHRASE = "王负责的签名口令2026"
CASE_NUMBER = "薛市监罚〔2026〕12号"
STAFF = (
    (ADMIN, "管理员", "administrator"),
    (REVIEWER, "李审核", "reviewer"),
    (HEAD, HEAD_NAME, "division_head"),
    (KEYLESS_HEAD, "陈负责", "division_head"),  # a head with no signing key
    (CLERK, "赵承办", "clerk"),
)


def register_signing_key(ws: Any, login: str, passphrase: str) -> None:
    """A new key pair for `login`: the public key registered, the private one stored."""
    private, public = signing.generate_keypair(passphrase)
    register_certified(ws, login, public, admin=ADMIN)
    ws.keys.store(login, private)


def accepted_food_case(ws: Any, demo_root: Path) -> str:
    """Register the staff and the head's key, import the food case, accept it: its ref."""
    with ws.db.write("登记用户") as session:
        for login, name, role in STAFF:
            add_user(session, login=login, display_name=name, roles=[role], by=ADMIN, at=ws.clock())
    register_signing_key(ws, HEAD, PASSPHRASE)
    ref = str(ws.import_bundle(demo_root / FOOD, actor=CLERK).short_id)
    ws.workflow.act(ref, "accept", REVIEWER)
    return ref
