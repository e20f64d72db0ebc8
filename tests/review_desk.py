"""A review office for the checklist, findings and workflow-action tests: staff registered,
the minimal case imported, helpers to move it along the workflow."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checklist_steps import finish_checklist, finish_what_one_may
from helpers import FixedClock, minimal_case
from office_roots import register_certified

from workstation.app import open_workstation
from workstation.review.workflow_service import Minutes
from workstation.security.users import add_user
from workstation.services import Workstation

XUECHENG = "cn-xuecheng-2017"  # disputes: re-review, then collective discussion
NINGXIA = "cn-ningxia-zjt-2022"  # disputes: negotiation, then collective discussion
PASSPHRASE = "口令口令口令口令"
MINUTES = Minutes(date(2026, 3, 20), ["孙机关", "钱法制"], "维持审核意见", "reject", True)


@dataclass(frozen=True)
class Person:
    """A member of staff."""

    login: str
    name: str
    roles: tuple[str, ...]


ADMIN = Person("admin", "系统管理员甲", ("administrator",))
REVIEWER = Person("wang", "王审核", ("reviewer",))
HEAD = Person("qian", "钱法制", ("division_head",))
HEAD2 = Person("zheng", "郑法制", ("division_head",))
AGENCY_HEAD = Person("sun", "孙机关", ("agency_head",))
CLERK = Person("zhou", "周承办", ("clerk",))
OFFICER = Person("zhangming", "张明", ("reviewer",))  # an officer of the minimal case: recused
STAFF = (ADMIN, REVIEWER, HEAD, HEAD2, AGENCY_HEAD, CLERK, OFFICER)
# A document the minimal case's inspection (e1) refers to; its file is not in the bundle.
RECORD = {
    "id": "d1",
    "path": "documents/inspection.pdf",
    "kind": "inspection_record",
    "title": "现场检查笔录",
    "pages": 3,
}


class Office:
    """A workstation on its own data folder under one rule pack, with the staff registered."""

    def __init__(
        self, data_dir: Path, clock: FixedClock, pack: str = XUECHENG, db_url: str | None = None
    ) -> None:
        """`db_url` None: the database the folder's workstation would open by itself."""
        data_dir.mkdir(parents=True)
        (data_dir / "settings.toml").write_text(
            f'[review]\nrule_pack = "{pack}"\n', encoding="utf-8"
        )
        self.data_dir, self.clock = data_dir, clock
        self.ws: Workstation = open_workstation(data_dir, db_url=db_url, clock=clock)
        with self.ws.db.write("登记用户") as session:
            for person in STAFF:
                add_user(
                    session,
                    login=person.login,
                    display_name=person.name,
                    roles=list(person.roles),
                    by=ADMIN.login,
                    at=clock(),
                )

    def bring(self, bundle_root: Path, **fields: Any) -> str:
        """Import the minimal case (with `fields` replaced) as the clerk; its short id."""
        bundle_root.mkdir(parents=True)
        (bundle_root / "case.json").write_text(
            json.dumps(minimal_case(**fields), ensure_ascii=False), encoding="utf-8"
        )
        result = self.ws.import_bundle(bundle_root, actor=CLERK.login)
        assert result.outcome == "imported"
        return result.short_id

    def act(
        self, ref: str, action: str, person: Person, reason: str = "理由", *, finish: bool = True
    ) -> str:
        """Take `action`; before issuing, `finish` first completes what `person` may of the
        checklist (tests of what comes after issuing; tests of the guards pass False)."""
        if action == "issue_opinion" and finish:
            finish_what_one_may(self.ws, ref, person.login)
        return self.ws.workflow.act(ref, action, person.login, reason=reason, minutes=MINUTES)

    def give_key(self, person: Person, keypair: tuple[bytes, bytes]) -> None:
        """Register `person`'s signing key (sealed with PASSPHRASE), certified by the office
        root (created by the administrator on first use)."""
        private, public = keypair
        register_certified(self.ws, person.login, public, admin=ADMIN.login)
        self.ws.keys.store(person.login, private)

    def finish(self, ref: str, person: Person = REVIEWER) -> None:
        """Every point given a verdict and every finding decided, as issuing needs."""
        finish_checklist(self.ws, ref, person.login)

    def dismiss_errors(self, ref: str, person: Person = REVIEWER) -> None:
        """Dismiss every error finding with a reason, so that approval is possible."""
        for section in self.ws.review.checklist(ref, person.login).sections:
            for view in section.findings:
                if view.open_error:
                    self.ws.review.decide(
                        ref, view.fingerprint, "dismissed", "已核实", person.login
                    )

    def issued(self, ref: str, outcome: str = "reject", reasons: str = "证据不足") -> None:
        """Accepted by the reviewer, outcome set, opinion issued."""
        self.act(ref, "accept", REVIEWER)
        self.ws.review.set_outcome(ref, outcome, reasons, REVIEWER.login)
        self.act(ref, "issue_opinion", REVIEWER)

    def close(self) -> None:
        self.ws.close()
