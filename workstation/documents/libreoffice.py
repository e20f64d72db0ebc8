"""DOCX → PDF through LibreOffice in headless mode, with a private profile and no network.

Each conversion starts its own `soffice` with a fresh user profile in a temporary folder
(`-env:UserInstallation=…`), so it never touches the user's LibreOffice settings and
concurrent conversions do not wait on each other's profile lock. The profile is seeded with
settings that keep LibreOffice offline and inert: no update check, no crash reports, no
macros, no loading of linked content from outside the document.

Fonts on Linux: LibreOffice asks fontconfig for the template's font names (仿宋_GB2312,
方正小标宋简体, 黑体, 宋体). Where they are not installed, fontconfig's own choice is a
Japanese sans-serif face for everything; `resources/templates/opinion-fonts.conf` names
Chinese Song (serif) and Hei (sans) faces to use instead, e.g. Noto Serif CJK SC for
仿宋/宋体/小标宋 and Noto Sans CJK SC for 黑体. The fragment only *adds* candidates after the
requested name (`<accept>`), so an installed 仿宋_GB2312 still wins.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from workstation.errors import CancelledError, ConfigError, StorageError
from workstation.os_errors import os_error_text
from workstation.resource_paths import resource_path

INSTALL_HINT = (
    "未找到 LibreOffice，无法导出 PDF；请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install "
    "libreoffice-writer-nogui；Windows：安装到默认位置 C:\\Program Files\\LibreOffice）后重试。"
)
WINDOWS_PATHS = (
    Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
    Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
)
MACOS_PATH = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
DOCX_FILTER = "MS Word 2007 XML"  # forced: otherwise a damaged file is "converted" as plain text
SYSTEM_FONTCONFIG = Path("/etc/fonts/fonts.conf")
CANCEL_POLL_S = 0.1  # how often a running conversion looks at its cancel event

# registrymodifications.xcu of the private profile; unknown paths are ignored by LibreOffice.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="CrashReport" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
"""


def find_libreoffice() -> Path | None:
    """The `soffice` program: on PATH, else in the usual install folders; None if absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates: list[Path] = []
    if sys.platform == "win32":
        for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
            if os.environ.get(variable):
                candidates.append(Path(os.environ[variable]) / "LibreOffice/program/soffice.exe")
        candidates.extend(WINDOWS_PATHS)
    elif sys.platform == "darwin":
        candidates.append(MACOS_PATH)
    return next((path for path in candidates if path.is_file()), None)


def docx_to_pdf(
    docx: Path, out_pdf: Path, *, timeout_s: float = 120, cancel: threading.Event | None = None
) -> Path:
    """Convert `docx` to `out_pdf` (replaced atomically); ConfigError/StorageError on failure.

    Setting `cancel` stops the conversion (LibreOffice is killed): CancelledError."""
    soffice = find_libreoffice()
    if soffice is None:
        raise ConfigError(INSTALL_HINT)
    if not docx.is_file():
        raise StorageError(f"找不到要转换为 PDF 的文件：{docx}")
    if not zipfile.is_zipfile(docx):
        raise StorageError(f"文件 {docx} 不是有效的 DOCX 文档（可能已损坏），无法转换为 PDF。")
    with tempfile.TemporaryDirectory(prefix="opinion-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        source = _prepare(work, docx)
        outdir = work / "out"
        command = [
            str(soffice),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            f"--infilter={DOCX_FILTER}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(source),
        ]
        env = {**os.environ, **_fontconfig_env(work)}
        output = _run(command, env, timeout_s, docx, cancel)
        produced = outdir / "opinion.pdf"
        if not _is_pdf(produced):
            raise StorageError(
                f"LibreOffice 未能把 {docx} 转换为 PDF（文件可能已损坏或不是 Word 文档）。",
                details=_last_lines(output),
            )
        _replace(produced, out_pdf)
    return out_pdf


def _prepare(work: Path, docx: Path) -> Path:
    """Copy the input under a fixed ASCII name and seed the private profile; the copy's path."""
    # LibreOffice names its output after the input: a fixed name makes it predictable.
    source = work / "in" / "opinion.docx"
    settings = work / "profile" / "user" / "registrymodifications.xcu"
    try:
        source.parent.mkdir()
        shutil.copyfile(docx, source)
        settings.parent.mkdir(parents=True)
        settings.write_text(PROFILE_SETTINGS, "utf-8")
    except OSError as exc:
        raise StorageError(f"无法为转换 PDF 准备临时文件（{docx}）：{os_error_text(exc)}") from exc
    return source


def _is_pdf(path: Path) -> bool:
    """True if `path` exists and starts like a PDF."""
    try:
        with path.open("rb") as file:
            return file.read(5) == b"%PDF-"
    except OSError:
        return False


def _run(
    command: list[str],
    env: dict[str, str],
    timeout_s: float,
    docx: Path,
    cancel: threading.Event | None = None,
) -> str:
    """Run soffice; kill its whole process tree on timeout or cancel. Returns its output."""
    # A new process group or session: on timeout the launcher and soffice.bin die together.
    isolation: dict[str, Any] = {"start_new_session": True}
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
        isolation = {"creationflags": flags}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            **isolation,
        )
    except OSError as exc:
        raise StorageError(f"无法启动 LibreOffice（{command[0]}）转换 {docx}：{exc}") from exc
    deadline = time.monotonic() + timeout_s
    while True:
        # Short waits so that a cancelled preview frees the CPU within a fraction of a second.
        wait = max(0.0, min(CANCEL_POLL_S, deadline - time.monotonic()))
        try:
            raw, _ = process.communicate(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            cancelled = cancel is not None and cancel.is_set()
            if not cancelled and time.monotonic() < deadline:
                continue
            _kill_tree(process)
            process.communicate()
            if cancelled:
                raise CancelledError(f"已取消把 {docx} 转换为 PDF") from None
            raise StorageError(
                f"LibreOffice 转换 {docx} 超过 {timeout_s:g} 秒仍未完成，已中止；请重试或检查该文件。"
            ) from None
    output = raw.decode("utf-8", "replace")
    if process.returncode != 0:
        raise StorageError(
            f"LibreOffice 转换 {docx} 失败（退出码 {process.returncode}）。",
            details=_last_lines(output),
        )
    return output


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Kill the soffice launcher and the office process it started (only those)."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            capture_output=True,
            check=False,
            creationflags=subprocess.CREATE_NO_WINDOW,
        )
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()


def _fontconfig_env(work: Path) -> dict[str, str]:
    """FONTCONFIG_FILE = the system configuration plus our Chinese substitutes (Linux only)."""
    if sys.platform in ("win32", "darwin"):
        return {}  # LibreOffice does not use fontconfig there
    base = Path(os.environ.get("FONTCONFIG_FILE") or SYSTEM_FONTCONFIG)
    fragment = resource_path("templates", "opinion-fonts.conf")
    if not base.is_absolute() or not base.is_file() or not fragment.is_file():
        return {}  # leave an unusual setup alone rather than lose its fonts
    config = work / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <include>{escape(str(base))}</include>\n"
        f'  <include ignore_missing="yes">{escape(str(fragment))}</include>\n</fontconfig>\n',
        "utf-8",
    )
    return {"FONTCONFIG_FILE": str(config)}


def _replace(produced: Path, out_pdf: Path) -> None:
    """Copy the PDF next to `out_pdf`, then rename it over: readers never see half a file."""
    partial = out_pdf.with_name(out_pdf.name + ".part")
    try:
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, partial)
        os.replace(partial, out_pdf)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StorageError(f"无法写入 PDF 文件 {out_pdf}：{os_error_text(exc)}") from exc


def _last_lines(output: str, count: int = 5) -> list[str]:
    """The last lines LibreOffice printed, minus its harmless Java warning."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return [line for line in lines if "javaldx" not in line][-count:]
