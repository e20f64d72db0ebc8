"""Runs `probe_file` in a child process with a time and memory limit.

A file crafted to hang or crash a parser costs one child process: it is killed (or found
dead), the file is marked damaged with the reason, and a fresh child takes the next file.

The child is a fresh interpreter (`python -m workstation.casefile.probe_worker`) talking
JSON lines over its standard input and output: it never re-runs the caller's main module
(as multiprocessing's spawn would, failing for scripts read from stdin) and never inherits a
Qt process's state (as fork would).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import IO, Any

from workstation.casefile.probe import DAMAGED, ProbeResult, probe_file
from workstation.errors import CancelledError, StorageError
from workstation.os_errors import os_error_text

log = logging.getLogger(__name__)

# Generous for real files, fatal for a decompression bomb.
MEMORY_LIMIT_BYTES = 4 * 1024**3
_POLL_S = 0.1

ProbeFunction = Callable[[str, str], ProbeResult]


def serve(probe: ProbeFunction, memory_limit: int, requests: IO[str], replies: IO[str]) -> None:
    """The child's loop: one JSON request per line in, one JSON reply per line out."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform; the time limit still applies
    for line in requests:
        request = json.loads(line)
        try:
            reply: dict[str, Any] = asdict(probe(request["path"], request["name"]))
        except MemoryError:
            reply = asdict(ProbeResult("unknown", DAMAGED, "解析时内存超出限制，文件可能构造异常"))
        except Exception as exc:  # a parser bug must not end the worker
            reply = asdict(
                ProbeResult("unknown", DAMAGED, f"解析失败：{type(exc).__name__}: {exc}")
            )
        replies.write(json.dumps(reply, ensure_ascii=False) + "\n")
        replies.flush()


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
        # A module-level function: the child imports it by name.
        self._target = f"{probe.__module__}:{probe.__qualname__}"
        self._process: subprocess.Popen[str] | None = None
        self._replies: queue.Queue[str | None] = queue.Queue()

    def __enter__(self) -> ProbeRunner:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the child now (it loads its parsers while the caller does other work)."""
        self._ensure_started()

    def probe(
        self,
        path: str,
        name: str,
        cancel: threading.Event | None = None,
        timeout_s: float | None = None,
    ) -> ProbeResult:
        """What the file at `path` is; `name` is its name in the bundle; `timeout_s`, if
        given, shortens this file's time limit.

        A crash is tried once more in a fresh child before the file is called damaged: the
        child may have died of something else. A result that only says the probe failed
        carries `details["probe_failure"]`, so a later import probes the file again.
        """
        limit = self.timeout_s if timeout_s is None else min(timeout_s, self.timeout_s)
        result = self._probe_once(path, name, cancel, limit)
        if result.details.get("probe_failure") == "crash":
            log.warning("probe worker died on %s; trying once more in a fresh one", name)
            result = self._probe_once(path, name, cancel, limit)
        return result

    def _probe_once(
        self, path: str, name: str, cancel: threading.Event | None, limit: float
    ) -> ProbeResult:
        process = self._ensure_started()
        assert process.stdin is not None
        deadline = time.monotonic() + limit
        try:
            process.stdin.write(json.dumps({"path": path, "name": name}) + "\n")
            process.stdin.flush()
        except OSError:
            return self._failed("crash", "解析时解析程序崩溃，文件可能已损坏或构造异常")
        while True:
            try:
                line = self._replies.get(timeout=_POLL_S)
                break
            except queue.Empty:
                pass
            if cancel is not None and cancel.is_set():
                self._kill()
                raise CancelledError("已取消")
            if time.monotonic() > deadline:
                log.warning("probe of %s timed out after %.0f s", name, limit)
                return self._failed(
                    "timeout", f"解析超时（超过 {limit:.0f} 秒），文件可能已损坏或构造异常"
                )
        if line is None:  # the child's output ended: it died
            return self._failed("crash", "解析时解析程序崩溃，文件可能已损坏或构造异常")
        return ProbeResult(**json.loads(line))

    def _failed(self, why: str, reason: str) -> ProbeResult:
        self._kill()
        return ProbeResult("unknown", DAMAGED, reason, {"probe_failure": why})

    def _ensure_started(self) -> subprocess.Popen[str]:
        if self._process is not None and self._process.poll() is not None:
            self._kill()  # died while idle: start afresh rather than blame the next file
        if self._process is None:
            env = dict(
                os.environ,
                PYTHONPATH=os.pathsep.join(p for p in sys.path if p),
                PYTHONIOENCODING="utf-8",
            )
            try:
                process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "workstation.casefile.probe_worker",
                        self._target,
                        str(self.memory_limit),
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                    encoding="utf-8",
                    env=env,
                )
            except OSError as exc:
                raise StorageError(f"无法启动文件解析进程：{os_error_text(exc)}") from exc
            self._replies = queue.Queue()
            threading.Thread(
                target=_pump,
                args=(process.stdout, self._replies),
                daemon=True,
                name="probe-replies",
            ).start()
            self._process = process
        return self._process

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(5)
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
        self._process = None

    def close(self) -> None:
        """Stop the child process."""
        if self._process is None:
            return
        if self._process.stdin is not None:
            self._process.stdin.close()  # the child sees the end of its input and returns
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5)
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._process = None


def _pump(stream: IO[str] | None, replies: queue.Queue[str | None]) -> None:
    """Hand the child's reply lines to the waiting parent; None when the child is gone."""
    if stream is not None:
        try:
            for line in stream:
                replies.put(line)
        except (OSError, ValueError):
            pass
    replies.put(None)


def _main(argv: list[str]) -> None:
    module, _, name = argv[0].partition(":")
    probe = getattr(importlib.import_module(module), name)
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    serve(probe, int(argv[1]), sys.stdin, sys.stdout)


if __name__ == "__main__":
    _main(sys.argv[1:])
