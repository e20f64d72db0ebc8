"""Users, their roles, and what each role may do.

Every service call that changes a review names its actor; `require` refuses what the actor's
roles do not allow, in Chinese. Foundation commands (import, export, verify, cases) run for
anyone while no user is registered, so a fresh installation can be set up; once the first
administrator exists, every actor must be a registered, active user.

The desktop asks for a login and password (`authenticate`), and so does every command that
changes anything (security/login.py `prove`); passwords are scrypt hashes
(security/passwords.py), set by an administrator (`set_password`, `workstation users passwd`)
and then changed by their user before anything else (`password_change_due`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.errors import IllegalActionError
from workstation.security import audit, passwords
from workstation.security.training import TRAINEE
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
    "case.assign": (frozenset({"division_head"}), "分配审核人员"),
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


def actor_for(session: Session, login: str, permission: str, *, real_case: bool = False) -> Actor:
    """The registered user `login`, allowed `permission`; anyone while nobody is registered
    and the permission is a foundation one. `real_case`: the action is on a real case, where
    a refusal does not name 学员 among the roles that may act (trainees practise only)."""
    user = find_user(session, login)
    if user is None:
        if not users_exist(session) and permission in _OPEN_BEFORE_SETUP:
            return Actor(login, None)
        raise IllegalActionError(
            f"用户 {login} 未登记或已停用，请管理员用 workstation users add 登记"
        )
    require(user, permission, real_case=real_case)
    return Actor(login, user)


def require(user: User, permission: str, *, real_case: bool = False) -> None:
    """Refuse unless one of the user's roles has the permission (see `actor_for`)."""
    words = PERMISSIONS[permission][1]
    if not user.active:
        raise IllegalActionError(f"用户 {user.login} 已停用，不能{words}")
    problem = missing_role(f"用户 {user.login}", user.roles, permission, real_case=real_case)
    if problem:
        raise IllegalActionError(problem)


def missing_role(
    who: str, roles: Iterable[str], permission: str, *, real_case: bool = False
) -> str | None:
    """Why someone (`who`, as the message names them) holding `roles` may not do
    `permission`, in the words every refusal uses; None when a role allows it."""
    allowed, words = PERMISSIONS[permission]
    held = set(roles)
    if allowed & held:
        return None
    names = "、".join(ROLES.get(r, r) for r in roles) or "无角色"
    named = allowed - {TRAINEE} if real_case else allowed
    needed = "、".join(ROLES[r] for r in sorted(named))
    return f"{who}（{names}）无权{words}，需要角色：{needed}"


def add_user(
    session: Session,
    *,
    login: str,
    display_name: str,
    roles: list[str],
    by: str,
    at: datetime,
    password: str | None = None,
) -> User:
    """Register a user, with a password if given; the very first one must be an
    administrator and may add itself."""
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
    if password is not None:
        passwords.check_new_password(password, login)
    user = User(
        login=login,
        display_name=display_name,
        roles=list(dict.fromkeys(roles)),
        created_at=at,
        password_hash=passwords.hash_password(password) if password is not None else None,
        password_set_at=at if password is not None else None,
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
    if password is not None:
        audit.append(session, at=at, actor=by, action="user.password_set", details={"login": login})
    return user


WRONG_CREDENTIALS = "登录名或密码不正确"


def authenticate(session: Session, login: str, password: str) -> User:
    """The active user `login` whose password is `password`, else a Chinese refusal.

    An unknown login and a wrong password get the same words and take the same time, so
    the dialog does not tell which logins exist. Whether an account is deactivated is only
    said to someone who gave its right password.
    """
    login = login.strip()
    if not login:
        raise IllegalActionError("请输入登录名")
    if not password:
        raise IllegalActionError("请输入密码")
    user = find_user(session, login)
    if user is None:
        passwords.burn_time(password)
        raise IllegalActionError(WRONG_CREDENTIALS)
    if user.password_hash is None:
        raise IllegalActionError(
            f"用户 {login} 尚未设置密码，请系统管理员用 workstation users passwd {login} 设置"
        )
    if not passwords.verify_password(password, user.password_hash):
        raise IllegalActionError(WRONG_CREDENTIALS)
    if not user.active:
        raise IllegalActionError(f"用户 {login} 已停用，不能登录；如有疑问请联系系统管理员")
    return user


def needs_current_password(session: Session, *, login: str, by: str) -> bool:
    """Whether `by` setting `login`'s password must give the current one: users changing
    their own, unless they are an administrator (who may set anyone's)."""
    actor = find_user(session, by)
    return actor is not None and actor.login == login and "administrator" not in actor.roles


def set_password(
    session: Session,
    *,
    login: str,
    password: str,
    by: str,
    at: datetime,
    current: str | None = None,
) -> User:
    """Set `login`'s password: an administrator for anyone, a user for themselves with
    their current password. A password set for someone else (a reset) is theirs to change
    before they do anything else (`password_change_due`); their own new one ends that, and
    may not be the one it replaces."""
    user = find_user(session, login)
    actor = find_user(session, by)
    if actor is None:
        raise IllegalActionError(f"用户 {by} 未登记，不能设置密码")
    if user is None:
        raise IllegalActionError(f"用户 {login} 未登记")
    if needs_current_password(session, login=login, by=by):
        if not actor.active:
            raise IllegalActionError(f"用户 {by} 已停用，不能修改密码")
        if not passwords.verify_password(current or "", actor.password_hash):
            raise IllegalActionError("当前密码不正确，密码未修改")
    else:
        require(actor, "users.manage")
    if not user.active:
        raise IllegalActionError(f"用户 {login} 已停用，不能设置密码")
    passwords.check_new_password(password, login)
    own = user.id == actor.id
    if own and user.password_change_due and passwords.verify_password(password, user.password_hash):
        raise IllegalActionError("新密码不能与系统管理员设置的密码相同，密码未修改")
    user.password_hash = passwords.hash_password(password)
    user.password_set_at = at
    user.password_change_due = not own
    audit.append(session, at=at, actor=by, action="user.password_set", details={"login": login})
    return user


def password_change_refusal(login: str) -> str:
    """What a user whose password someone else set is told when they try anything but
    choosing a new one."""
    return (
        f"用户 {login} 的登录密码由系统管理员设置，须先改为只有本人知道的新密码："
        f"workstation --user {login} users passwd {login}"
    )


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
