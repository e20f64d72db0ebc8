"""PDFs rendered in a worker process: the same answers as in-process, hostile files stopped."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from hostile_pdf import nested_forms_pdf

from workstation.documents import problems
from workstation.documents.pdf_document import open_pdf
from workstation.documents.remote_pdf import RemotePdfDocument, open_remote_pdf
from workstation.documents.worker_process import WorkerProcess
from workstation.errors import CancelledError

CHINESE = "pdf_pdfjs_issue12823_zh.pdf"
LIMIT_S = 3.0


def test_render_search_and_text_match_the_in_process_document(corpus_dir: Path) -> None:
    local, remote = open_pdf(corpus_dir / CHINESE), open_remote_pdf(corpus_dir / CHINESE)
    try:
        assert remote.pages == local.pages
        assert remote.repaired == local.repaired
        for rotation in (0, 90):
            assert remote.render(0, 1.5, rotation) == local.render(0, 1.5, rotation)
        word = local.text_in_rect(0, (0, 0, 600, 800))[0].split()[0][:2]
        assert remote.search_page(0, word) == local.search_page(0, word) != []
        area = (50.0, 50.0, 400.0, 300.0)
        assert remote.text_in_rect(0, area) == local.text_in_rect(0, area)
    finally:
        local.close()
        remote.close()


def test_passwords_and_bad_files_behave_as_in_process(corpus_dir: Path) -> None:
    document = open_remote_pdf(corpus_dir / "pdf_pdfjs_issue3371_pw.pdf")
    try:
        assert document.needs_password
        assert document.page_count == 0
        assert not document.authenticate("wrong")
        assert document.authenticate("ELXRTQWS")
        assert not document.needs_password
        assert document.page_count == 1
    finally:
        document.close()
    for name, problem in [
        ("pdf_pdfjs_poppler-67295-0.pdf", problems.DAMAGED),
        ("pdf_qpdf_bad1.pdf", problems.NOT_A_DOCUMENT),
        ("absent.pdf", problems.MISSING),
    ]:
        with pytest.raises(problems.DocumentError) as caught:
            open_remote_pdf(corpus_dir / name, "询问笔录")
        assert caught.value.problem == problem
        assert "询问笔录" in caught.value.message


def test_a_hostile_pdf_is_stopped_in_time_while_the_caller_keeps_running(
    tmp_path: Path,
) -> None:
    hostile = tmp_path / "hostile.pdf"
    hostile.write_bytes(nested_forms_pdf())  # hours of drawing for MuPDF, ~2.8 KB
    assert hostile.stat().st_size < 5000
    document = open_remote_pdf(hostile, "现场检查笔录")
    document.call_timeout_s = LIMIT_S
    ticks: list[float] = []
    rendering = threading.Event()

    def tick() -> None:  # stalls if the render holds this process's GIL
        while rendering.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    rendering.set()
    ticker = threading.Thread(target=tick)
    ticker.start()
    start = time.monotonic()
    try:
        with pytest.raises(problems.DocumentError) as caught:
            document.render(0, 1.0)
        elapsed = time.monotonic() - start
    finally:
        rendering.clear()
        ticker.join()
    assert LIMIT_S <= elapsed < LIMIT_S + 30  # stopped at the limit, not when MuPDF gave up
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 50
    assert max(gaps) < LIMIT_S / 2
    error = caught.value
    assert error.problem == problems.STOPPED
    assert "现场检查笔录" in error.message
    assert "超过 3 秒仍未完成，已停止" in error.message
    assert "恶意构造" in error.message
    process = document._worker.process
    assert process.returncode is not None  # killed and reaped
    with pytest.raises(problems.DocumentError) as again:  # failed for good: no new worker
        document.search_page(0, "x")
    assert again.value is error
    document.close()


def test_a_killed_worker_leaves_no_zombie(corpus_dir: Path) -> None:
    document = open_remote_pdf(corpus_dir / CHINESE)
    pid = document._worker.process.pid
    document.close()
    assert not _process_exists(pid)
    with pytest.raises(CancelledError):
        document.render(0, 1.0)


def test_a_worker_that_dies_mid_request_fails_the_document(corpus_dir: Path) -> None:
    document = open_remote_pdf(corpus_dir / CHINESE, "询问笔录")
    os.kill(document._worker.process.pid, 9)
    with pytest.raises(problems.DocumentError) as caught:
        document.render(0, 1.0)
    assert caught.value.problem == problems.STOPPED
    assert "询问笔录" in caught.value.message
    assert not _process_exists(document._worker.process.pid)
    document.close()


def test_replies_outside_the_protocol_are_refused(corpus_dir: Path) -> None:
    """A worker taken over by a hostile file may lie about sizes; nothing it says is
    believed without a check."""
    document = RemotePdfDocument(corpus_dir / CHINESE, "询问笔录", WorkerProcess())
    document.open()
    real_ask = document._worker.ask

    def lying(request: dict[str, object], timeout_s: float) -> tuple[dict[str, object], bytes]:
        reply, payload = real_ask(request, timeout_s)
        if request["op"] == "render":
            reply = {**reply, "height": int(str(reply["height"])) + 1}  # more rows than bytes
        return reply, payload

    document._worker.ask = lying  # type: ignore[method-assign]
    with pytest.raises(problems.DocumentError) as caught:
        document.render(0, 1.0)
    assert caught.value.problem == problems.STOPPED
    assert document._worker.process.returncode is not None
    document.close()


def _process_exists(pid: int) -> bool:
    """True while `pid` is running or a zombie nobody reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "X"
    except FileNotFoundError:
        return False
