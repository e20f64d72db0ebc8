"""Runs `probe_file` in a child process with a time and memory limit.

A file crafted to hang or crash a parser costs one child process: it is killed (or found
dead), the file is marked damaged with the reason, and a fresh child takes the next file.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import Any

from workstation.casefile.probe import DAMAGED, ProbeResult, probe_file
from workstation.errors import CancelledError, StorageError

log = logging.getLogger(__name__)

# Generous for real files, fatal for a decompression bomb.
MEMORY_LIMIT_BYTES = 4 * 1024**3
_POLL_S = 0.1


ProbeFunction = Callable[[str, str], ProbeResult]


def _serve(connection: Connection, memory_limit: int, probe: ProbeFunction) -> None:
    """Child process: answer probe requests until the pipe closes."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform; the time limit still applies
    while True:
        try:
            path, name = connection.recv()
        except EOFError:
            return
        try:
            reply: dict[str, Any] = asdict(probe(path, name))
        except MemoryError:
            reply = asdict(ProbeResult("unknown", DAMAGED, "解析时内存超出限制，文件可能构造异常"))
        except Exception as exc:  # a parser bug must not end the worker
            reply = asdict(
                ProbeResult("unknown", DAMAGED, f"解析失败：{type(exc).__name__}: {exc}")
            )
        connection.send(reply)


class ProbeRunner:
    """Probes files one at a time in a child process; use as a context manager."""

    def __init__(
        self,
        timeout_s: float,
        memory_limit: int = MEMORY_LIMIT_BYTES,
        probe: ProbeFunction = probe_file,
    ) -> None:
        self.timeout_s = timeout_s
        self.memory_limit = memory_limit
        self._probe = probe  # a module-level function: the child imports it by name
        self._context = multiprocessing.get_context("spawn")  # never fork a Qt process
        self._process: Any = None
        self._connection: Connection | None = None

    def __enter__(self) -> ProbeRunner:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the child now (it loads its parsers while the caller does other work)."""
        self._ensure_started()

    def probe(self, path: str, name: str, cancel: threading.Event | None = None) -> ProbeResult:
        """What the file at `path` is; `name` is its name in the bundle.

        A crash is tried once more in a fresh child before the file is called damaged: the
        child may have died of something else. A result that only says the probe failed
        carries `details["probe_failure"]`, so a later import probes the file again.
        """
        result = self._probe_once(path, name, cancel)
        if result.details.get("probe_failure") == "crash":
            log.warning("probe worker died on %s; trying once more in a fresh one", name)
            result = self._probe_once(path, name, cancel)
        return result

    def _probe_once(self, path: str, name: str, cancel: threading.Event | None) -> ProbeResult:
        connection = self._ensure_started()
        deadline = time.monotonic() + self.timeout_s
        try:
            connection.send((path, name))
            while not connection.poll(_POLL_S):
                if cancel is not None and cancel.is_set():
                    self._kill()
                    raise CancelledError("已取消")
                if not self._process.is_alive():
                    return self._failed("crash", "解析时解析程序崩溃，文件可能已损坏或构造异常")
                if time.monotonic() > deadline:
                    log.warning("probe of %s timed out after %.0f s", name, self.timeout_s)
                    return self._failed(
                        "timeout",
                        f"解析超时（超过 {self.timeout_s:.0f} 秒），文件可能已损坏或构造异常",
                    )
            reply = connection.recv()
        except (EOFError, OSError):  # the child died while we talked to it
            return self._failed("crash", "解析时解析程序崩溃，文件可能已损坏或构造异常")
        return ProbeResult(**reply)

    def _failed(self, why: str, reason: str) -> ProbeResult:
        self._kill()
        return ProbeResult("unknown", DAMAGED, reason, {"probe_failure": why})

    def _ensure_started(self) -> Connection:
        if self._process is not None and not self._process.is_alive():
            self._kill()  # died while idle: start afresh rather than blame the next file
        if self._connection is None:
            parent, child = self._context.Pipe()
            process = self._context.Process(
                target=_serve,
                args=(child, self.memory_limit, self._probe),
                daemon=True,
                name="probe",
            )
            try:
                process.start()
            except OSError as exc:
                parent.close()
                raise StorageError(f"无法启动文件解析进程：{exc.strerror or exc}") from exc
            finally:
                child.close()
            self._process = process
            self._connection = parent
        return self._connection

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process = None
        self._connection = None

    def close(self) -> None:
        """Stop the child process."""
        if self._connection is not None:
            self._connection.close()  # the child sees EOF and returns
            self._connection = None
        if self._process is not None:
            self._process.join(5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
            self._process = None
