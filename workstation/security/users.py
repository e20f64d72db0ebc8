"""Users, their roles, and what each role may do.

Every service call that changes a review names its actor; `require` refuses what the actor's
roles do not allow, in Chinese. Foundation commands (import, export, verify, cases) run for
anyone while no user is registered, so a fresh installation can be set up; once the first
administrator exists, every actor must be a registered, active user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError
from workstation.security import audit
from workstation.store.review_models import User

ROLES = {
    "reviewer": "审核人员",
    "division_head": "法制机构负责人",
    "agency_head": "机关负责人",
    "clerk": "承办人员",
    "trainer": "培训教员",
    "trainee": "学员",
    "administrator": "系统管理员",
}

# permission → (roles that have it, what it is in words)
PERMISSIONS: dict[str, tuple[frozenset[str], str]] = {
    "users.manage": (frozenset({"administrator"}), "管理用户"),
    "keys.manage": (frozenset({"administrator", "division_head"}), "登记签名密钥"),
    "case.import": (
        frozenset({"clerk", "reviewer", "division_head", "administrator", "trainer"}),
        "导入案卷",
    ),
    "case.export": (
        frozenset({"reviewer", "division_head", "agency_head", "administrator", "trainer"}),
        "导出案卷",
    ),
    "case.read": (frozenset(ROLES), "查看案件"),
    # A trainee acts like a reviewer, but only on exercise cases (review/desk.py).
    "review.accept": (frozenset({"reviewer", "division_head", "trainee"}), "受理审核"),
    "review.edit": (frozenset({"reviewer", "division_head", "trainee"}), "填写审核意见"),
    "review.issue": (frozenset({"reviewer", "division_head", "trainee"}), "出具审核意见"),
    "review.extension": (frozenset({"reviewer", "division_head"}), "申请延长审核期限"),
    "review.approve_extension": (frozenset({"division_head"}), "批准延长审核期限"),
    "opinion.draft": (frozenset({"reviewer", "division_head", "trainee"}), "起草审核意见书"),
    "opinion.sign": (frozenset({"division_head"}), "签发审核意见书"),
    "workflow.dispute": (frozenset({"clerk"}), "对审核意见提出复审或协商"),
    "workflow.resubmit": (frozenset({"clerk"}), "补正后重新送审"),
    "workflow.refer": (frozenset({"reviewer", "division_head"}), "提请集体讨论"),
    "workflow.minutes": (frozenset({"agency_head", "division_head"}), "记录集体讨论结果"),
    "audit.read": (frozenset({"administrator", "division_head", "agency_head"}), "查看审计记录"),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a registered user, or anyone during first-run set-up."""

    login: str
    user: User | None

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user else None

    @property
    def name(self) -> str:
        return self.user.display_name if self.user else self.login


def users_exist(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def find_user(session: Session, login: str) -> User | None:
    return session.scalar(select(User).where(User.login == login))


def actor_for(session: Session, login: str, permission: str) -> Actor:
    """The registered user `login`, allowed `permission`; anyone while nobody is registered
    and the permission is a foundation one."""
    user = find_user(session, login)
    if user is None:
        if not users_exist(session) and permission in _OPEN_BEFORE_SETUP:
            return Actor(login, None)
        raise IllegalActionError(
            f"用户 {login} 未登记或已停用，请管理员用 workstation users add 登记"
        )
    require(user, permission)
    return Actor(login, user)


def require(user: User, permission: str) -> None:
    """Refuse unless one of the user's roles has the permission."""
    allowed, words = PERMISSIONS[permission]
    if not user.active:
        raise IllegalActionError(f"用户 {user.login} 已停用，不能{words}")
    if not allowed & set(user.roles):
        held = "、".join(ROLES.get(r, r) for r in user.roles) or "无角色"
        needed = "、".join(ROLES[r] for r in sorted(allowed))
        raise IllegalActionError(f"用户 {user.login}（{held}）无权{words}，需要角色：{needed}")


def add_user(
    session: Session, *, login: str, display_name: str, roles: list[str], by: str, at: datetime
) -> User:
    """Register a user; the very first one must be an administrator and may add itself."""
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        choices = "、".join(f"{k}（{v}）" for k, v in ROLES.items())
        raise IllegalActionError(f"未知角色 {'、'.join(unknown) or '（未指定）'}，可选：{choices}")
    if not login.strip() or not display_name.strip():
        raise IllegalActionError("登录名和姓名不能为空")
    if users_exist(session):
        actor = find_user(session, by)
        if actor is None:
            raise IllegalActionError(f"用户 {by} 未登记，不能添加用户")
        require(actor, "users.manage")
    elif "administrator" not in roles:
        raise IllegalActionError("第一个用户必须是系统管理员（角色 administrator）")
    if find_user(session, login) is not None:
        raise IllegalActionError(f"用户 {login} 已存在")
    user = User(
        login=login, display_name=display_name, roles=list(dict.fromkeys(roles)), created_at=at
    )
    session.add(user)
    session.flush()
    audit.append(
        session,
        at=at,
        actor=by,
        action="user.add",
        details={"login": login, "name": display_name, "roles": user.roles},
    )
    return user


def deactivate_user(session: Session, *, login: str, by: str, at: datetime) -> User:
    """Stop a user from acting (someone who left or changed post); the history keeps them."""
    actor = find_user(session, by)
    if actor is None:
        raise IllegalActionError(f"用户 {by} 未登记，不能停用用户")
    require(actor, "users.manage")
    user = find_user(session, login)
    if user is None:
        raise IllegalActionError(f"用户 {login} 未登记")
    if not user.active:
        raise IllegalActionError(f"用户 {login} 已经停用")
    if user.id == actor.id:
        raise IllegalActionError("不能停用自己：请由另一位系统管理员办理")
    user.active = False
    audit.append(session, at=at, actor=by, action="user.deactivate", details={"login": login})
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.login)))


_OPEN_BEFORE_SETUP = frozenset({"case.import", "case.export", "case.read"})
