"""Probing runs in a child process: a hanging, crashing or memory-hungry parser costs that
child, never the import."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import probe_targets
import pytest

from workstation.casefile.probe_worker import ProbeRunner
from workstation.errors import CancelledError


@pytest.fixture
def pdf(corpus_dir: Path) -> Path:
    return corpus_dir / "pdf_pypdf_annotated_pdf.pdf"


def test_a_hanging_probe_is_killed_and_the_next_file_still_probed(pdf: Path) -> None:
    with ProbeRunner(timeout_s=2, probe=probe_targets.hang_on_hang_files) as runner:
        started = time.monotonic()
        hung = runner.probe(str(pdf), "docs/hang.pdf")
        assert time.monotonic() - started < 10
        assert hung.condition == "damaged"
        assert "解析超时" in hung.reason
        after = runner.probe(str(pdf), "docs/fine.pdf")
    assert (after.media_kind, after.condition) == ("pdf", "ok")


def test_a_crashing_probe_marks_the_file_damaged(pdf: Path) -> None:
    with ProbeRunner(timeout_s=30, probe=probe_targets.crash_on_crash_files) as runner:
        crashed = runner.probe(str(pdf), "docs/crash.pdf")
        assert crashed.condition == "damaged"
        assert "崩溃" in crashed.reason
        assert runner.probe(str(pdf), "docs/fine.pdf").condition == "ok"


def test_memory_is_limited_in_the_child(pdf: Path) -> None:
    with ProbeRunner(
        timeout_s=30, memory_limit=2 * 1024**3, probe=probe_targets.allocate_without_limit
    ) as runner:
        result = runner.probe(str(pdf), "docs/bomb.pdf")
    assert result.condition == "damaged"
    assert "内存" in result.reason


def test_cancel_stops_a_long_probe(pdf: Path) -> None:
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    with (
        ProbeRunner(timeout_s=60, probe=probe_targets.hang_on_hang_files) as runner,
        pytest.raises(CancelledError),
    ):
        runner.probe(str(pdf), "docs/hang.pdf", cancel)


def test_a_child_that_died_while_idle_is_replaced(pdf: Path) -> None:
    with ProbeRunner(timeout_s=30) as runner:
        runner.start()
        runner._process.kill()
        runner._process.wait(5)
        result = runner.probe(str(pdf), "docs/fine.pdf")
    assert (result.media_kind, result.condition) == ("pdf", "ok")


def test_a_crash_is_retried_once_and_marked_for_a_later_probe(pdf: Path) -> None:
    with ProbeRunner(timeout_s=30, probe=probe_targets.crash_on_crash_files) as runner:
        result = runner.probe(str(pdf), "docs/crash.pdf")
    assert result.details == {"probe_failure": "crash"}
