"""The demo office's people, so that `make run` can log in as each role.

Names are not among the demo cases' officers or hearing hosts, so no one is recused by
accident. The password and the head's signing passphrase are the same well-known demo
word: this is a demo data folder, never an office's.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.security.users import add_user, users_exist
from workstation.services import Workstation

DEMO_PASSWORD = "demo-2026"
DEMO_OFFICE = "演示法制机构"


@dataclass(frozen=True)
class DemoAccount:
    login: str
    name: str
    roles: tuple[str, ...]


DEMO_ACCOUNTS = (
    DemoAccount("admin", "系统管理员", ("administrator",)),
    DemoAccount("zhaomin", "赵敏", ("reviewer",)),
    DemoAccount("chenjian", "陈健", ("division_head",)),
    DemoAccount("liuyang", "刘洋", ("division_head",)),
    DemoAccount("sunli", "孙丽", ("clerk",)),
    DemoAccount("zhoujing", "周静", ("trainer",)),
    DemoAccount("wuxue", "吴学", ("trainee",)),
)
SIGNING_HEADS = ("chenjian", "liuyang")


def add_demo_accounts(ws: Workstation) -> bool:
    """Register the demo office (its root key, and signing keys for its heads certified by
    it); False if users exist."""
    with ws.db.session() as session:
        if users_exist(session):
            return False
    with ws.db.write("演示用户") as session:
        for account in DEMO_ACCOUNTS:
            add_user(
                session,
                login=account.login,
                display_name=account.name,
                roles=list(account.roles),
                by="admin",
                at=ws.clock(),
                password=DEMO_PASSWORD,
            )
    # The root's passphrase is the demo word too: a demo office's root, never a real one's.
    ws.create_office_root(DEMO_PASSWORD, DEMO_OFFICE, "admin")
    for head in SIGNING_HEADS:
        ws.enrol_key(head, DEMO_PASSWORD, "admin", DEMO_PASSWORD)
    return True
