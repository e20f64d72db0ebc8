"""Where a division head's signing key lives: the OS keyring, or a passphrase-protected file.

The private key is always the passphrase-sealed text from `signing.generate_keypair`;
this module never sees the passphrase. The OS keyring (service "legal-review-workstation",
username = login) is preferred. When no usable keyring exists the key goes to
`<data>/keys/<login>.pem` (folder 0700, file 0600) and the returned sentence says so. A
keyring backend that keeps secrets in plain text is refused unless the administrator allowed
it, and an existing key is never replaced silently.

The office root's sealed key is kept the same way under the reserved name `OFFICE_ROOT`,
which no login can take: `key_file` refuses "<" and ">" in a login.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import unicodedata
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.backends.chainer import ChainerBackend

from workstation.durable import fsync_dir
from workstation.errors import ConfigError, IllegalActionError, StorageError
from workstation.os_errors import os_error_text
from workstation.security.signing import KEY_HEADER

SERVICE = "legal-review-workstation"
OFFICE_ROOT = "<office-root>"  # the keyring username of the office root's sealed key
_ROOT_FILE = "office-root.key"  # not "<login>.pem": no login's file can have this name
KEYS_FOLDER = "keys"
PEM_HEADER = KEY_HEADER
MAX_KEY_BYTES = 16 * 1024  # an encrypted Ed25519 PEM is about 300 bytes

# What a backend raises when the keyring is locked, gone or misconfigured: KeyringError,
# RuntimeError (NoKeyringError is one), OSError, but also unwrapped D-Bus/SecretStorage
# errors. Any of them means "this keyring cannot be used now", never a crash.
_KEYRING_FAILURES: tuple[type[Exception], ...] = (Exception,)
# Characters Windows, macOS or Linux refuse in a file name, or that would leave keys/.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)]
)


class KeyStore:
    """The encrypted signing keys of the division heads on this PC."""

    def __init__(self, data_dir: Path, *, allow_plaintext_keyring: bool = False) -> None:
        self._keys_dir = Path(data_dir) / KEYS_FOLDER
        self._allow_plaintext = allow_plaintext_keyring

    def key_file(self, login: str) -> Path:
        """The fallback key file of `login` (which need not exist)."""
        if login == OFFICE_ROOT:
            return self._keys_dir / _ROOT_FILE
        if (
            not login.strip()
            or login != login.strip()
            or login.startswith(".")
            or login.endswith(".")
            or len(login) > 100
            or _UNSAFE_NAME.search(login)
            or login.split(".")[0].upper() in _WINDOWS_DEVICES
        ):
            raise IllegalActionError(
                f"登录名 {login!r} 含有不能用于私钥文件名的字符，无法保存签名私钥"
            )
        return self._keys_dir / f"{login}.pem"

    def store(self, login: str, private_pem: bytes) -> str:
        """Keep `login`'s encrypted key; returns a Chinese sentence saying where."""
        text = _pem_text(private_pem)
        path = self.key_file(login)
        backend, name = self._keyring()
        reason = name
        if backend is not None:
            try:
                existing = backend.get_password(SERVICE, login)
            except _KEYRING_FAILURES as exc:
                reason = f"{name} 出错：{exc}"
            else:
                self._refuse_existing(login, existing, path)
                try:
                    backend.set_password(SERVICE, login, text)
                    stored = backend.get_password(SERVICE, login)
                except _KEYRING_FAILURES as exc:
                    reason = f"{name} 出错：{exc}"
                else:
                    # strip(): a backend may drop the PEM's final newline, which is harmless.
                    if stored is not None and stored.strip() == text.strip():
                        return (
                            f"私钥已用口令加密保存在系统密钥环（{name}）中："
                            f"服务 {SERVICE}，用户 {login}。"
                        )
                    reason = f"{name} 写入后读回的内容不一致"
                    with contextlib.suppress(*_KEYRING_FAILURES):
                        backend.delete_password(SERVICE, login)  # no half-stored key left
        self._refuse_existing(login, None, path)
        _write_new_file(path, private_pem)
        return f"系统密钥环不可用（{reason}），私钥已用口令加密保存在 {path}。"

    def load(self, login: str) -> bytes:
        """`login`'s encrypted key: from the keyring if there, else from the key file."""
        path = self.key_file(login)
        backend, name = self._keyring()
        keyring_trouble = ""
        if backend is not None:
            try:
                value = backend.get_password(SERVICE, login)
            except _KEYRING_FAILURES as exc:
                keyring_trouble = f"{name} 出错：{exc}"
            else:
                if value is not None:
                    return value.encode("utf-8")
        data = _read_file(path) if _exists_exactly(path) else None
        if data is not None:
            return data
        if keyring_trouble:
            # The key may well be in a locked keyring: "register one" would be bad advice.
            raise IllegalActionError(
                f"读取{_owner(login)} 的签名私钥时系统密钥环出错（{keyring_trouble}），{path} 也不存在；"
                "如私钥保存在密钥环中，请解锁密钥环后重试"
            )
        if login == OFFICE_ROOT:
            raise IllegalActionError(
                "本机没有办公室根私钥；请管理员用 workstation office-root create 创建"
            )
        raise IllegalActionError(
            f"{_owner(login)} 没有登记签名私钥；请用 workstation keys add 登记"
        )

    def has(self, login: str) -> bool:
        """Whether `login` has a key in the keyring or in the key file."""
        path = self.key_file(login)
        backend, _name = self._keyring()
        if backend is not None:
            with contextlib.suppress(*_KEYRING_FAILURES):
                if backend.get_password(SERVICE, login) is not None:
                    return True
        return _exists_exactly(path)

    def remove(self, login: str) -> str:
        """Forget `login`'s key (keyring entry and key file); returns what was removed."""
        path = self.key_file(login)
        backend, name = self._keyring()
        removed = []
        if backend is not None:
            try:
                if backend.get_password(SERVICE, login) is not None:
                    backend.delete_password(SERVICE, login)
                    removed.append(f"系统密钥环（{name}）中的条目")
            except _KEYRING_FAILURES as exc:
                raise StorageError(
                    f"无法从系统密钥环删除{_owner(login)} 的签名私钥：{exc}"
                ) from None
        if _exists_exactly(path):
            try:
                path.unlink()
            except OSError as exc:
                raise StorageError(f"无法删除私钥文件 {path}：{os_error_text(exc)}") from None
            removed.append(f"文件 {path}")
        if not removed:
            raise IllegalActionError(f"{_owner(login)} 没有登记签名私钥，无需删除")
        return f"已删除{_owner(login)} 的签名私钥：{'、'.join(removed)}。"

    def usable_keyring(self) -> tuple[KeyringBackend | None, str]:
        """(the backend secrets may be kept in, its name), or (None, why there is none); a
        plain-text backend only when the administrator allowed it."""
        return self._keyring()

    def _keyring(self) -> tuple[KeyringBackend | None, str]:
        """(the backend to use, its name), or (None, why there is none)."""
        try:
            active = keyring.get_keyring()
        except Exception as exc:  # a bad keyringrc.cfg or backend name fails in many ways
            return None, f"密钥环初始化失败：{exc}"
        target = _write_target(active)
        if target is None:
            return None, "没有可用的系统密钥环后端"
        name = _backend_name(target)
        if _is_plaintext(target):
            if not self._allow_plaintext:
                raise ConfigError(
                    f"系统密钥环后端 {name} 以明文保存内容，工作站不会擅自用它保存签名私钥；"
                    "如确需使用，请管理员在 settings.toml 的 [signing] 下设置 "
                    "allow_plaintext_keyring = true，或改用操作系统自带的密钥环"
                )
            return target, f"{name}，明文后端，已按 allow_plaintext_keyring 设置使用"
        if isinstance(target, fail.Keyring):
            return None, f"没有可用的系统密钥环后端（{name}）"
        try:
            priority = float(type(target).priority)
        except Exception as exc:  # backends signal "not here" by raising from priority
            return None, f"{name} 不可用：{exc}"
        if priority < 1:
            # keyring's own rule: below 1 is not recommended (null keyring drops everything).
            return None, f"{name} 的优先级 {priority:g} 低于 1，不可靠"
        return target, name

    def _refuse_existing(self, login: str, in_keyring: str | None, path: Path) -> None:
        if in_keyring is not None:
            raise IllegalActionError(
                f"{_owner(login)} 已有签名私钥（保存在系统密钥环中），未覆盖；"
                "如需更换，请先删除原私钥再登记"
            )
        if _exists_exactly(path):
            raise IllegalActionError(
                f"{_owner(login)} 已有签名私钥（{path}），未覆盖；如需更换，请先删除原私钥再登记"
            )


def _owner(login: str) -> str:
    """Whose key an entry holds, for messages."""
    return "办公室根密钥" if login == OFFICE_ROOT else f"用户 {login}"


def _write_target(active: KeyringBackend) -> KeyringBackend | None:
    """The backend a write really lands in: a chainer writes to its first backend."""
    if isinstance(active, ChainerBackend):
        chained: list[KeyringBackend] = list(type(active).backends)
        return chained[0] if chained else None
    return active


def _is_plaintext(backend: KeyringBackend) -> bool:
    # By name, so keyrings.alt.file.PlaintextKeyring (and subclasses) are caught without
    # importing keyrings.alt, which is not a dependency.
    return any("plaintext" in cls.__name__.lower() for cls in type(backend).__mro__)


def _backend_name(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _pem_text(private_pem: bytes) -> str:
    # Only encrypted keys: the key file and a plaintext keyring rely on the passphrase.
    try:
        text = private_pem.decode("ascii")
    except UnicodeDecodeError:
        text = ""
    if not text.lstrip().startswith(PEM_HEADER) or len(private_pem) > MAX_KEY_BYTES:
        raise IllegalActionError("只能保存以口令加密的签名私钥，未保存")
    return text


def _exists_exactly(path: Path) -> bool:
    # Compare names ourselves: on Windows and macOS "Zhang.pem" would otherwise answer for
    # login "zhang".
    try:
        names = os.listdir(path.parent)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(f"无法读取私钥文件夹 {path.parent}：{os_error_text(exc)}") from None
    wanted = unicodedata.normalize("NFC", path.name)
    return any(unicodedata.normalize("NFC", name) == wanted for name in names)


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_BYTES + 1)
    except OSError as exc:
        raise StorageError(f"无法读取私钥文件 {path}：{os_error_text(exc)}") from None
    if len(data) > MAX_KEY_BYTES:
        raise IllegalActionError(f"私钥文件 {path} 过大，不是签名私钥")
    return data


def _write_new_file(path: Path, private_pem: bytes) -> None:
    """Create `path` with mode 0600, refusing if it exists; its folder gets mode 0700."""
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, stat.S_IRWXU)  # mkdir's mode is cut by the umask; an old folder too
        # O_EXCL: the check in store() and the creation are one step, so a key that appeared
        # meanwhile is refused, not overwritten. O_NOFOLLOW: no writing through a planted link.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise IllegalActionError(
            f"私钥文件 {path} 已存在，未覆盖；如需更换，请先删除原私钥再登记"
        ) from None
    except OSError as exc:
        raise StorageError(f"无法创建私钥文件 {path}：{os_error_text(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), stat.S_IRUSR | stat.S_IWUSR)
            handle.write(private_pem)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        # Our own half-written file: left behind it would block every later attempt.
        path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StorageError(f"无法写入私钥文件 {path}：{os_error_text(exc)}") from None
        raise
    try:
        fsync_dir(folder)  # the new entry must survive a power cut with the file's bytes
    except OSError as exc:
        raise StorageError(f"无法写入私钥文件 {path}：{os_error_text(exc)}") from None
