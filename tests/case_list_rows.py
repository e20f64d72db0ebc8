"""Many realistic cases written straight into the database, for the case list's tests and its
benchmark (importing 50,000 bundles would take hours; the list reads only these rows).

Each case gets what an import would leave for the list to read: the case, one version with
its manifest's evidence row, one or two parties, two officers, a few events, and, once
accepted, a review row with a reviewer (and an extension now and then) and a transition.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

from workstation.app import open_workstation
from workstation.clock import Clock
from workstation.security.users import add_user
from workstation.services import Workstation
from workstation.store import models
from workstation.store.db import Database
from workstation.store.review_models import CaseReview, Transition

TITLES = (
    "销售过期食品案",
    "无证经营案",
    "未按规定公示营业执照案",
    "生产销售不符合安全标准的食品案",
    "违法发布广告案",
    "超范围经营案",
    "擅自占用城市道路案",
    "违法建设案",
    "露天焚烧垃圾案",
    "超标排放大气污染物案",
    "未批先建案",
    "非法采砂案",
    "销售假冒注册商标商品案",
    "使用未经检验的特种设备案",
    "价格欺诈案",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超")
FIRMS = ("超市", "餐饮", "建材", "商贸", "物流", "化工", "食品", "药房", "汽修", "印刷")
PLACES = ("薛城区", "市中区", "峄城区", "台儿庄区", "山亭区", "滕州市")
AGENCIES = (
    ("枣庄市薛城区市场监督管理局", "12370403MB2850447X", "薛市监罚"),
    ("枣庄市薛城区综合行政执法局", "11370403MB2850111A", "薛综执罚"),
    ("枣庄市生态环境局薛城分局", "11370403MB2850222B", "枣环薛罚"),
)
ACTION_TYPES = ("penalty",) * 7 + ("coercion", "licensing", "inspection")
# Mostly finished reviews, as in an office that has used the workstation for years.
STATES = (
    ("approved", 60),
    ("returned", 8),
    ("rejected", 3),
    ("opinion_issued", 4),
    ("submitted", 10),
    ("under_review", 10),
    ("re_review", 2),
    ("negotiation", 1),
    ("collective_discussion", 2),
)
ACCEPTED = {s for s, _ in STATES} - {"submitted"}
RESTARTS = {"re_review": "request_re_review", "negotiation": "negotiate"}
PENDING = {"submitted", "under_review", "re_review", "negotiation"}


def add_cases(
    db: Database,
    count: int,
    *,
    now: datetime,
    reviewer_ids: Sequence[int] = (),
    seed: int = 0,
    days_back: int = 730,
    pending_days: int = 12,
    exercise_every: int = 0,
    states: Sequence[tuple[str, int]] = STATES,
) -> list[int]:
    """Write `count` cases submitted over the `days_back` days before `now` (those still
    pending over the last `pending_days`); their ids.

    `exercise_every` > 0 makes every n-th case a training exercise.
    """
    rng = random.Random(seed)
    names, weights = zip(*states, strict=True)
    with db.write("生成案件") as session:
        case_id = (session.scalar(select(func.max(models.Case.id))) or 0) + 1
        version_id = (session.scalar(select(func.max(models.CaseVersion.id))) or 0) + 1
        first = case_id
        rows: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("evidence", "cases", "versions", "parties", "officers", "events")
        }
        rows.update(reviews=[], transitions=[])
        exercise_sha = _evidence(rows, "exercise", now) if exercise_every else None
        for n in range(count):
            agency, code, prefix = rng.choice(AGENCIES)
            state = rng.choices(names, weights)[0]
            # Cases still under review arrived lately; finished ones over the years.
            back = pending_days if state in PENDING else days_back
            submitted = now - timedelta(minutes=rng.randrange(back * 24 * 60))
            manifest = _evidence(rows, f"{seed}-{case_id}", submitted)
            rows["cases"].append(
                {
                    "id": case_id,
                    "agency_key": code,
                    "number": f"{prefix}〔{submitted.year}〕{case_id}号",
                    "created_at": submitted,
                    "review_state": state,
                }
            )
            fine = rng.choice((2000, 5000, 20000, 50000, 80000, 200000, 500000))
            action_type = rng.choice(ACTION_TYPES)
            rows["versions"].append(
                {
                    "id": version_id,
                    "case_id": case_id,
                    "version": 1,
                    "content_digest": manifest,
                    "imported_at": submitted + timedelta(minutes=5),
                    "manifest_sha256": manifest,
                    "exercise_sha256": (
                        exercise_sha if exercise_every and n % exercise_every == 0 else None
                    ),
                    "title": rng.choice(TITLES),
                    "agency_name": agency,
                    "agency_code": code,
                    "action_type": action_type,
                    "procedure": "ordinary",
                    "place": rng.choice(PLACES),
                    "flags": ["complex"] if rng.random() < 0.05 else [],
                    "submitted_at": submitted,
                    "proposed_decision": {"measures": [{"type": "fine", "amount": fine}]},
                }
            )
            _people(rows, rng, version_id, submitted)
            if state in ACCEPTED:
                reviewer = rng.choice(reviewer_ids) if reviewer_ids else None
                extended = state == "under_review" and rng.random() < 0.2
                rows["reviews"].append(
                    {
                        "case_id": case_id,
                        "version_id": version_id,
                        "reviewer_id": reviewer,
                        "extensions": 1 if extended else 0,
                        "updated_at": submitted + timedelta(days=1),
                    }
                )
                rows["transitions"].append(
                    {
                        "case_id": case_id,
                        "at": submitted + timedelta(hours=2),
                        "actor_id": reviewer,
                        "actor": "synthetic",
                        "action": "accept",
                        "from_state": "submitted",
                        "to_state": "under_review",
                    }
                )
                restart = RESTARTS.get(state)
                if restart:
                    rows["transitions"].append(
                        {
                            "case_id": case_id,
                            "at": submitted + (now - submitted) / 2,
                            "actor_id": None,
                            "actor": "synthetic",
                            "action": restart,
                            "from_state": "returned",
                            "to_state": state,
                        }
                    )
            case_id += 1
            version_id += 1
        for model, key in (
            (models.EvidenceFile, "evidence"),
            (models.Case, "cases"),
            (models.CaseVersion, "versions"),
            (models.Party, "parties"),
            (models.Officer, "officers"),
            (models.Event, "events"),
            (CaseReview, "reviews"),
            (Transition, "transitions"),
        ):
            if rows[key]:
                session.execute(insert(model), rows[key])
        if session.get_bind().dialect.name == "postgresql":
            # Rows given their ids leave PostgreSQL's sequences behind: move them on, or the
            # next case imported would be given an id already taken.
            for table in (models.Case.__tablename__, models.CaseVersion.__tablename__):
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id))"
                        f" FROM {table}"
                    )
                )
    return list(range(first, case_id))


def _evidence(rows: dict[str, list[dict[str, Any]]], name: str, at: datetime) -> str:
    sha = hashlib.sha256(name.encode()).hexdigest()
    rows["evidence"].append(
        {
            "sha256": sha,
            "size": 2048,
            "media_kind": "json",
            "condition": "ok",
            "details": {},
            "stored_at": at,
        }
    )
    return sha


def _people(
    rows: dict[str, list[dict[str, Any]]], rng: random.Random, version_id: int, at: datetime
) -> None:
    person = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN))
    firm = f"枣庄市{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(FIRMS)}有限公司"
    parties = [("organisation", firm)] if rng.random() < 0.6 else [("citizen", person)]
    if rng.random() < 0.1:
        parties.append(("citizen", rng.choice(SURNAMES) + rng.choice(GIVEN)))
    for position, (kind, name) in enumerate(parties):
        rows["parties"].append(
            {
                "version_id": version_id,
                "position": position,
                "kind": kind,
                "name": name,
                "id_number": f"{rng.randrange(10**17, 10**18)}",
            }
        )
    for position, name in enumerate(("张明", "李华")):
        rows["officers"].append(
            {
                "version_id": version_id,
                "position": position,
                "name": name,
                "certificate_no": f"3704000{position + 1}",
                "certificate_valid_until": date(2030, 12, 31),
            }
        )
    for position, (kind, days) in enumerate(
        (("filing", 30), ("inspection", 28), ("notice_of_intent", 10))
    ):
        rows["events"].append(
            {
                "version_id": version_id,
                "position": position,
                "key": f"e{position + 1}",
                "type": kind,
                "at": at - timedelta(days=days),
                "officers": ["37040001", "37040002"],
                "documents": [],
                "recordings": [],
            }
        )


STAFF = (
    ("admin", "管理员", ["administrator"]),
    ("wang", "王审核", ["reviewer"]),
    ("zhao", "赵复核", ["reviewer"]),
    ("feng", "冯学员", ["trainee"]),
)


def open_office(
    data_dir: Path, pack: str | None, clock: Clock, db_url: str | None = None
) -> Workstation:
    """A workstation on a fresh data folder under `pack` (None: the national baseline), with
    the users of STAFF registered; on `db_url`, else the database the folder would open."""
    data_dir.mkdir(parents=True)
    if pack:
        (data_dir / "settings.toml").write_text(
            f'[review]\nrule_pack = "{pack}"\n', encoding="utf-8"
        )
    ws = open_workstation(data_dir, db_url=db_url, clock=clock)
    with ws.db.write("登记用户") as session:
        for login, name, roles in STAFF:
            add_user(session, login=login, display_name=name, roles=roles, by="admin", at=clock())
    return ws


def staff_ids(ws: Workstation) -> dict[str, int]:
    """The STAFF's user ids by login."""
    from workstation.store.review_models import User

    with ws.db.session() as session:
        return {u.login: u.id for u in session.scalars(select(User))}


def set_case(ws: Workstation, case_id: int, **values: Any) -> None:
    """Change one synthetic case: `submitted_at`, `state`, `reviewer_id`, `extensions`."""
    from sqlalchemy import update

    with ws.db.write("改测试案件") as session:
        if "submitted_at" in values:
            session.execute(
                update(models.CaseVersion)
                .where(models.CaseVersion.case_id == case_id)
                .values(submitted_at=values["submitted_at"])
            )
        if "state" in values:
            session.execute(
                update(models.Case)
                .where(models.Case.id == case_id)
                .values(review_state=values["state"])
            )
        review = {k: values[k] for k in ("extensions", "reviewer_id") if k in values}
        if review:
            session.execute(
                update(CaseReview).where(CaseReview.case_id == case_id).values(**review)
            )
