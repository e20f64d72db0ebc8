"""What a failed file operation means, in Chinese: the OS's own words (`strerror`) are
English ("No space left on device") and would otherwise reach the user's message as is."""

from __future__ import annotations

import errno

_MEANINGS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "操作不被允许（权限不足）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EIO: "读写出错（磁盘或网络驱动器故障）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EEXIST: "文件已存在",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "系统同时打开的文件过多",
    errno.ELOOP: "符号链接层数过多",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.ETIMEDOUT: "操作超时（网络驱动器无响应）",
    errno.EFBIG: "文件过大",
    errno.EXDEV: "不能跨磁盘移动",
}
for _name, _meaning in (
    ("EDQUOT", "超出磁盘配额"),
    ("ESTALE", "网络驱动器上的文件已失效"),
    ("EHOSTDOWN", "网络驱动器无响应"),
):
    if hasattr(errno, _name):
        _MEANINGS[getattr(errno, _name)] = _meaning


def os_error_text(exc: OSError) -> str:
    """The problem in Chinese; an error without a known meaning keeps the OS's own words
    and code (for support staff: the log has the whole exception)."""
    meaning = _MEANINGS.get(exc.errno) if exc.errno is not None else None
    if meaning is not None:
        return meaning
    code = f"，errno {exc.errno}" if exc.errno is not None else ""
    return f"系统错误（{exc.strerror or exc}{code}）"
