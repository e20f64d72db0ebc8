"""Frame snapshots as figures of the written opinion: filed, audited, printed with 图n and the
recording's device and time, locked with the signed revision."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from checklist_steps import finish_checklist
from docx.enum.text import WD_ALIGN_PARAGRAPH
from helpers import FixedClock, row_counts, store_files
from opinion_office import register_signing_key
from PIL import Image
from recording_office import CLERK, HEAD, REVIEWER, audit_rows

from workstation.errors import IllegalActionError
from workstation.opinion.editing import DRAFTABLE
from workstation.recordings.figures import FIGURE_STATES, figure_rows

PASSPHRASE = "王负责的签名口令2026"
A02_AT_5S = "执法记录仪 A02 00:00:05（2026年3月2日10时15分07秒）"
TEXT_WIDTH = 5616575  # EMU: A4 less the template's margins


def png(width: int = 160, height: int = 90, colour: str = "#3060a0") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def draft(ws: Any, ref: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(ws.opinions.document(ref, REVIEWER)))


def texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def with_outcome(ws: Any, ref: str) -> str:
    ws.review.set_outcome(ref, "return", "录像与笔录时间不一致，请补正。", REVIEWER)
    return ref


def test_a_figure_is_filed_listed_and_audited(ws: Any, food: str) -> None:
    image = png()
    figure = ws.recordings.add_figure(food, "r2", 5000, image, REVIEWER, caption="货架上的牛奶")
    [view] = ws.recordings.figures(food, REVIEWER)
    assert (view.id, view.number, view.recording_key, view.media_ms) == (figure, 1, "r2", 5000)
    assert view.text == f"图1 {A02_AT_5S}：货架上的牛奶"
    assert (view.width_px, view.height_px, view.created_by) == (160, 90, "李审核")
    assert ws.store.path_for(view.sha256).read_bytes() == image
    assert ws.recordings.figure_png(food, figure, REVIEWER) == image
    [entry] = audit_rows(ws, "opinion.figure")
    assert (entry.action, entry.actor, entry.case_id) == ("opinion.figure_add", REVIEWER, 1)
    assert entry.details == {
        "figure": figure,
        "recording": "r2",
        "media_ms": 5000,
        "caption": "货架上的牛奶",
        "png_sha256": view.sha256,
    }


def test_the_opinion_prints_each_figure_with_its_caption_before_the_signatures(
    ws: Any, food: str
) -> None:
    with_outcome(ws, food)
    ws.recordings.add_figure(food, "r2", 5000, png(), REVIEWER)
    ws.recordings.add_figure(food, "r1", 12_000, png(90, 160), REVIEWER, caption="抽样单")
    document = draft(ws, food)
    lines = texts(document)
    first = lines.index(f"图1 {A02_AT_5S}")
    second = lines.index("图2 执法记录仪 A01 00:00:12（2026年3月2日10时15分12秒）：抽样单")
    assert first < second < lines.index("审核人员：李审核")
    assert lines.index("理由：录像与笔录时间不一致，请补正。") < first
    landscape, portrait = document.inline_shapes
    # As wide as the text area; a tall picture is kept to 60 % of the text height.
    assert (landscape.width, landscape.height) == (TEXT_WIDTH, TEXT_WIDTH * 90 // 160)
    assert portrait.height <= 0.6 * 8100060
    assert portrait.width == int(8100060 * 0.6 * 90 / 160)
    picture = document.paragraphs[first - 1]
    assert picture.text == ""
    assert picture.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert document.paragraphs[first].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_figure_captions_follow_the_clock_correction(ws: Any, food: str) -> None:
    ws.recordings.add_figure(food, "r2", 5000, png(), REVIEWER)
    ws.recordings.nudge_correction(food, "r2", -2000, REVIEWER)
    [view] = ws.recordings.figures(food, REVIEWER)
    assert view.text == "图1 执法记录仪 A02 00:00:05（2026年3月2日10时15分05秒）"


def test_the_opinion_with_figures_stays_deterministic(ws: Any, food: str) -> None:
    with_outcome(ws, food)
    ws.recordings.add_figure(food, "r2", 5000, png(), REVIEWER)
    assert ws.opinions.document(food, REVIEWER) == ws.opinions.document(food, REVIEWER)


def test_a_removed_figure_leaves_the_opinion_and_renumbers_the_rest(ws: Any, food: str) -> None:
    with_outcome(ws, food)
    first = ws.recordings.add_figure(food, "r2", 5000, png(), REVIEWER)
    ws.recordings.add_figure(food, "r1", 1000, png(colour="#a03030"), REVIEWER)
    ws.recordings.remove_figure(food, first, REVIEWER)
    [left] = ws.recordings.figures(food, REVIEWER)
    assert left.text.startswith("图1 执法记录仪 A01 00:00:01")
    assert len(draft(ws, food).inline_shapes) == 1
    assert [e.details["figure"] for e in audit_rows(ws, "opinion.figure_remove")] == [first]
    with pytest.raises(IllegalActionError, match=f"意见书中没有编号为 {first} 的附图"):
        ws.recordings.remove_figure(food, first, REVIEWER)
    with pytest.raises(IllegalActionError, match=f"意见书中没有编号为 {first} 的附图"):
        ws.recordings.figure_png(food, first, REVIEWER)


@pytest.mark.parametrize(
    ("key", "media_ms", "data", "message"),
    [
        ("r2", 5000, b"GIF89a" + b"\0" * 40, "截图不是 PNG 图片"),
        ("r2", 5000, png()[:-20], "截图不是完整有效的 PNG 图片"),
        ("r2", 16_500, png(), "截图时间 16500 毫秒超出录像 r2 的范围"),
        ("r7", 0, png(), "本案没有编号为 r7 的录音录像"),
    ],
)
def test_bad_snapshots_are_refused_and_leave_nothing(
    ws: Any, food: str, key: str, media_ms: int, data: bytes, message: str
) -> None:
    before, files = row_counts(ws), store_files(ws.paths.data_dir)
    with pytest.raises(IllegalActionError, match=message):
        ws.recordings.add_figure(food, key, media_ms, data, REVIEWER)
    assert row_counts(ws) == before
    assert store_files(ws.paths.data_dir) == files


def test_figures_change_only_with_the_opinion(ws: Any, food: str) -> None:
    assert FIGURE_STATES == DRAFTABLE
    with pytest.raises(IllegalActionError, match="无权起草审核意见书"):
        ws.recordings.add_figure(food, "r2", 5000, png(), CLERK)
    with_outcome(ws, food)
    finish_checklist(ws, food, REVIEWER)
    ws.recordings.add_figure(food, "r2", 5000, png(), REVIEWER)
    ws.workflow.act(food, "issue_opinion", REVIEWER)
    # Issued, not yet signed: locked with the wording, the head signs what was issued.
    with pytest.raises(IllegalActionError, match="出具审核意见后不能再修改意见书附图"):
        ws.recordings.add_figure(food, "r2", 6000, png(), REVIEWER)


def test_a_signed_revision_keeps_its_figures_and_refuses_changes(
    ws: Any, food: str, clock: FixedClock, tmp_path: Path
) -> None:
    register_signing_key(ws, HEAD, PASSPHRASE)
    with_outcome(ws, food)
    figure = ws.recordings.add_figure(food, "r2", 5000, png(), REVIEWER)
    finish_checklist(ws, food, REVIEWER)
    ws.workflow.act(food, "issue_opinion", REVIEWER)
    clock.advance(minutes=5)
    signed = ws.opinions.sign(food, HEAD, PASSPHRASE)
    filed = docx.Document(ws.store.path_for(signed.docx_sha256))
    assert f"图1 {A02_AT_5S}" in texts(filed)
    assert len(filed.inline_shapes) == 1

    for change in (
        lambda: ws.recordings.add_figure(food, "r1", 0, png(), REVIEWER),
        lambda: ws.recordings.remove_figure(food, figure, REVIEWER),
    ):
        with pytest.raises(IllegalActionError, match="已签发的意见书不能再改动"):
            change()

    # A re-review may take the figure out of the next revision; revision 1 keeps it.
    clock.advance(days=1)
    ws.workflow.act(food, "request_re_review", CLERK, reason="当事人已补充说明")
    ws.recordings.remove_figure(food, figure, REVIEWER)
    assert ws.recordings.figures(food, REVIEWER) == []
    version_id = ws.resolve(food).id
    with ws.db.session() as session:
        assert [f.id for f in figure_rows(session, version_id, as_of=signed.signed_at)] == [figure]
        assert figure_rows(session, version_id) == []
    assert len(draft(ws, food).inline_shapes) == 0


def test_verify_rehashes_the_figures_filed_with_the_case(ws: Any, food: str) -> None:
    ws.recordings.add_figure(food, "r2", 5000, png(), REVIEWER)
    [view] = ws.recordings.figures(food, REVIEWER)
    assert ws.verify(food, actor=REVIEWER).intact
    stored = ws.store.path_for(view.sha256)
    stored.chmod(0o600)
    stored.write_bytes(png(colour="#000000"))
    [damaged] = ws.verify(food, actor=REVIEWER).damaged
    assert damaged.sha256 == view.sha256
    assert damaged.used_as == [f"C1 薛市监罚〔2026〕12号 意见书附图（编号 {view.id}）"]
