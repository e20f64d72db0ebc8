"""The written opinion: DOCX content and layout from the template, and the PDF through LibreOffice."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pymupdf
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from helpers import require_libreoffice

from workstation.demo.opinion_sample import (
    CITATION,
    COMPANY,
    HEAD,
    PERSON,
    SECTION_NAMES,
    VIDEO,
    sample_opinion,
)
from workstation.documents import libreoffice as pdf
from workstation.errors import ConfigError, StorageError
from workstation.opinion import template as tpl
from workstation.opinion.content import OpinionContent
from workstation.opinion.docx_writer import NUMBER_PENDING, TITLE, chinese_number, render_opinion
from workstation.opinion.draft_mark import HEADER_MARK, WATERMARK

PROJECT = Path(__file__).resolve().parent.parent
# Glyph-name fragments of the fonts a correct PDF may embed for Chinese text.
CJK_FONT = re.compile(
    r"CJK|SourceHan|FangSong|SimSun|SimHei|KaiTi|FZ|STZhong|WenQuanYi|UMing|仿宋|宋|黑|楷", re.I
)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _squash(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines wherever the layout wrapped."""
    return re.sub(r"\s+", "", text)


# --- DOCX content ---------------------------------------------------------------------------


def test_the_docx_holds_every_part_of_the_opinion() -> None:
    content = sample_opinion()
    document = _open(render_opinion(content))
    paragraphs = document.paragraphs
    texts = _texts(document)
    joined = "\n".join(texts)

    assert texts[:3] == [content.agency, TITLE, content.number]
    top_styles = [tpl.STYLE_AGENCY, tpl.STYLE_TITLE, tpl.STYLE_NUMBER]
    assert [p.style.name for p in paragraphs[:3]] == top_styles
    assert texts[3:14] == [
        "案号：薛市监罚〔2026〕12号",
        "案由：销售超过保质期的食品案",
        f"当事人一：{content.parties[0]}",
        f"当事人二：{content.parties[1]}",
        "承办单位：执法稽查科",
        "报送日期：2026年3月10日",
        f"拟作出的决定：{content.proposed_decision}",
        "法律依据：《中华人民共和国食品安全法》第一百二十四条第一款第（五）项；《中华人民共和国行政处罚法》第二十八条第二款。",
        f"审核依据：{content.review_basis}",
        content.texts["opening"],
        "一、执法主体",
    ]
    headings = [p.text for p in paragraphs if p.style.name == tpl.STYLE_HEADING]
    numbered = [f"{chinese_number(i)}、{name}" for i, name in enumerate(SECTION_NAMES, 1)]
    assert headings == [*numbered, "十二、审核结论"]
    for number, section in enumerate(content.sections, start=1):
        start = texts.index(f"{chinese_number(number)}、{section.name}")
        assert texts[start + 1].startswith(f"审核情况：{section.verdict}。经审查")
        for finding in section.findings:
            assert any(t.endswith(finding) and t.startswith("（") for t in texts)
        for citation in section.citations:
            assert citation in joined
    citations = [p.text for p in paragraphs if p.style.name == tpl.STYLE_CITATION]
    assert f"引用材料：{CITATION}；{VIDEO}；《询问笔录》（张某某）第3页。" in citations

    outcome = texts.index("审核结论：退回补正。")
    assert texts[outcome + 1] == "理由：一、陈述、申辩期限未届满即报送审核，程序不完备。"
    assert texts[outcome + 2] == "二、从重处罚的事实依据不足。"
    assert texts[outcome + 3] == content.texts["closing"]

    signature = [p.text for p in paragraphs if p.style.name == tpl.STYLE_SIGNATURE]
    assert signature == ["", "审核人员：王某某", f"法制机构负责人：{HEAD}", "2026年4月15日"]
    assert texts[-1] == "2026年4月15日"


def test_an_unsigned_opinion_leaves_a_blank_for_the_head() -> None:
    unsigned = _texts(_open(render_opinion(sample_opinion(head=None))))
    signed = _texts(_open(render_opinion(sample_opinion(head=HEAD))))
    blank = next(t for t in unsigned if t.startswith("法制机构负责人："))
    assert re.fullmatch(r"法制机构负责人：_{8,}", blank)
    assert not any(HEAD in t for t in unsigned)
    assert f"法制机构负责人：{HEAD}" in signed
    assert len(unsigned) == len(signed)


def test_the_signatures_never_stand_alone_on_a_page() -> None:
    """The block keeps together and takes the text's last paragraph with it."""
    paragraphs = _open(render_opinion(sample_opinion())).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("审核人员："))
    assert paragraphs[start - 1].text == ""  # the empty line above the block
    kept = [p.paragraph_format.keep_with_next for p in paragraphs[start - 2 : start + 2]]
    assert kept == [True, True, True, True]  # last text paragraph, blank, reviewer, head
    assert paragraphs[start - 2].text  # a paragraph of the opinion's own text


def test_rendering_is_deterministic() -> None:
    content = sample_opinion()
    first = render_opinion(content)
    assert render_opinion(content) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {tpl.ZIP_EPOCH}
    properties = _open(first).core_properties
    assert properties.author == "王某某"
    assert properties.created is not None
    assert properties.created.date() == date(2026, 4, 15)


def test_free_text_is_cleaned_into_paragraphs_and_unknown_keys_are_refused() -> None:
    reasons = "第一段\x0b第二段\x00。\r\n\r\n第三段"  # Word's \v line break, a NUL, CRLFs
    messy = dataclasses.replace(sample_opinion(), reasons=reasons, texts={})
    texts = _texts(_open(render_opinion(messy)))
    outcome = texts.index("审核结论：退回补正。")
    assert texts[outcome + 1 : outcome + 4] == ["理由：第一段", "第二段。", "第三段"]
    with pytest.raises(ValueError, match="preface"):
        render_opinion(dataclasses.replace(messy, texts={"preface": "x"}))


# --- the template ---------------------------------------------------------------------------


def test_the_page_is_a4_with_gbt_9704_margins() -> None:
    section = _open(render_opinion(sample_opinion())).sections[0]
    tolerance = Mm(0.1)
    for actual, expected in (
        (section.page_width, Mm(210)),
        (section.page_height, Mm(297)),
        (section.top_margin, Mm(37)),
        (section.bottom_margin, Mm(35)),
        (section.left_margin, Mm(28)),
        (section.right_margin, Mm(26)),
    ):
        assert actual is not None
        assert abs(actual - expected) <= tolerance, (actual, expected)


def test_the_footers_number_pages_gbt_style() -> None:
    document = _open(render_opinion(sample_opinion()))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, style, align in (
        (section.footer, tpl.STYLE_PAGE_ODD, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, tpl.STYLE_PAGE_EVEN, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.style.name == style
        assert paragraph.style.paragraph_format.alignment == align
        assert paragraph.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert paragraph.style.font.size == Pt(14)


def _east_asian_font(style: docx.styles.style.ParagraphStyle) -> str | None:
    rpr = style.element.rPr
    return None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(qn("w:eastAsia"))


def test_the_styles_carry_the_gbt_9704_fonts_and_spacing() -> None:
    styles = _open(render_opinion(sample_opinion())).styles
    body = styles[tpl.STYLE_BODY]
    assert _east_asian_font(body) == "仿宋_GB2312"
    assert body.font.size == Pt(16)
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.paragraph_format.line_spacing == Pt(28)
    assert body.paragraph_format.first_line_indent == Pt(32)  # two 16 pt characters
    assert body.element.pPr.ind.get(qn("w:firstLineChars")) == "200"

    title = styles[tpl.STYLE_TITLE]
    assert _east_asian_font(title) == "方正小标宋简体"
    assert title.font.size == Pt(22)
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER

    heading = styles[tpl.STYLE_HEADING]
    assert _east_asian_font(heading) == "黑体"
    assert heading.base_style is not None
    assert heading.base_style.name == tpl.STYLE_BODY
    assert heading.font.size is None  # inherits 3号 from the body
    assert styles[tpl.STYLE_AGENCY].base_style.name == tpl.STYLE_TITLE


def test_the_committed_template_is_what_the_script_generates() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_opinion_template", PROJECT / "scripts" / "make_opinion_template.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert tpl.default_template().read_bytes() == script.build_template(), (
        "resources/templates/opinion.docx is stale: run scripts/make_opinion_template.py"
    )


def test_a_broken_template_is_a_config_error_naming_it(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a docx")
    with pytest.raises(ConfigError, match="junk.docx"):
        render_opinion(sample_opinion(), template=junk)
    broken = tmp_path / "broken.docx"
    with (
        zipfile.ZipFile(tpl.default_template()) as source,
        zipfile.ZipFile(broken, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(tpl.STYLE_SIGNATURE.encode(), "改名的样式".encode())
            target.writestr(info, data)
    with pytest.raises(ConfigError, match=tpl.STYLE_SIGNATURE) as caught:
        render_opinion(sample_opinion(), template=broken)
    assert str(broken) in caught.value.message


# --- PDF through LibreOffice ----------------------------------------------------------------


@pytest.fixture(scope="module")
def opinion_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample opinion converted once for every PDF test."""
    require_libreoffice()
    folder = tmp_path_factory.mktemp("opinion")
    source = folder / "意见书.docx"
    source.write_bytes(render_opinion(sample_opinion()))
    return pdf.docx_to_pdf(source, folder / "out" / "意见书.pdf")


def test_the_pdf_has_a4_pages_with_the_chinese_text_and_page_numbers(opinion_pdf: Path) -> None:
    with pymupdf.open(opinion_pdf) as document:
        assert document.page_count >= 2  # so the even-page footer is exercised too
        sizes = {(round(p.rect.width), round(p.rect.height)) for p in document}
        text = _squash("".join(page.get_text() for page in document))
        # The footer band: below the type area (297 − 35 mm ≈ 742.7 pt) to the page edge.
        band = pymupdf.Rect(0, 745, 596, 842)
        footers = [
            (_squash(p.get_text(clip=band)), p.get_text("blocks", clip=band)) for p in document
        ]
    assert sizes == {(595, 842)}  # A4 in points
    expected = [TITLE, COMPANY, PERSON, CITATION, VIDEO, "审核结论：退回补正。", "2026年4月15日"]
    assert [e for e in expected if _squash(e) not in text] == []
    for number, (footer, blocks) in enumerate(footers, start=1):
        assert footer == f"—{number}—"
        # GB/T 9704: odd pages number on the right, even pages on the left.
        assert (blocks[0][0] > 595 / 2) == (number % 2 == 1), blocks


def test_the_pdf_embeds_cjk_fonts_and_has_no_missing_glyphs(opinion_pdf: Path) -> None:
    fonts_of: dict[str, set[str]] = {"body": set(), "heading": set()}
    with pymupdf.open(opinion_pdf) as document:
        for page in document:
            for _xref, ext, _type, name, *_ in page.get_fonts(full=True):
                assert ext != "n/a", f"font {name} is not embedded"
            for span in page.get_texttrace():
                chars = [chr(c[0]) for c in span["chars"]]
                cjk = any("\u4e00" <= ch <= "\u9fff" for ch in chars)
                if not cjk:
                    continue
                assert CJK_FONT.search(span["font"]), f"Chinese text in non-CJK font {span['font']}"
                tofu = [ch for ch, c in zip(chars, span["chars"], strict=True) if c[1] == 0]
                assert tofu == [], f"missing glyphs (.notdef) for {tofu} in {span['font']}"
                text = "".join(chars)
                if text.startswith("一、执法主体"):
                    fonts_of["heading"].add(span["font"])
                elif text.startswith("案号："):
                    fonts_of["body"].add(span["font"])
    # 黑体 headings and 仿宋 body must not collapse into one substitute face.
    assert fonts_of["body"]
    assert fonts_of["heading"]
    assert fonts_of["body"].isdisjoint(fonts_of["heading"]), fonts_of


def test_without_libreoffice_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: None)
    source = tmp_path / "a.docx"
    source.write_bytes(render_opinion(sample_opinion()))
    with pytest.raises(ConfigError, match="sudo apt-get install libreoffice-writer-nogui"):
        pdf.docx_to_pdf(source, tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()


@pytest.mark.parametrize("zipped", [False, True], ids=["not-a-zip", "zip-but-not-word"])
def test_a_corrupt_docx_is_a_storage_error_naming_the_file(tmp_path: Path, zipped: bool) -> None:
    source = tmp_path / "损坏的意见书.docx"
    if zipped:  # passes the ZIP check, so LibreOffice itself has to refuse it
        with zipfile.ZipFile(source, "w") as archive:
            archive.writestr("word/document.xml", "<w:document>broken")
    else:
        source.write_bytes(b"\x00garbage, not a zip" * 50)
    with pytest.raises(StorageError) as caught:
        pdf.docx_to_pdf(source, tmp_path / "out.pdf")
    assert str(source) in caught.value.message
    assert not (tmp_path / "out.pdf").exists()


def test_a_conversion_that_takes_too_long_is_stopped(tmp_path: Path) -> None:
    require_libreoffice()
    source = tmp_path / "slow.docx"
    source.write_bytes(render_opinion(sample_opinion()))
    with pytest.raises(StorageError, match="超过"):
        pdf.docx_to_pdf(source, tmp_path / "slow.pdf", timeout_s=0.05)
    assert not (tmp_path / "slow.pdf").exists()


def test_find_libreoffice_looks_in_program_files_on_windows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    soffice = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf.sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    assert pdf.find_libreoffice() == soffice


# --- wording and the draft mark (issue 21) ---------------------------------------------------

# Parties whose ID number cannot follow on the first line: justified, that line spread out.
LONG_ID_PARTIES = (
    "张某某（公民，居民身份证号码 370403198501011234）",
    "王某（个体工商户，证件号码 370403198501011234）",
)
VERDICT_LINES = [
    ("无问题", "", ["审核情况：无问题。"]),
    ("不适用", "   \n ", ["审核情况：不适用。"]),
    ("未审核", "", ["审核情况：未审核。"]),
    ("无问题", "执法主体适格。", ["审核情况：无问题。执法主体适格。"]),
    ("存在问题", "录像时间需要核对", ["审核情况：存在问题。录像时间需要核对。"]),
    ("存在问题", "录像时间需要核对，", ["审核情况：存在问题。录像时间需要核对。"]),
    ("无问题", "。执法主体适格", ["审核情况：无问题。执法主体适格。"]),
    ("无问题", "，材料齐全；", ["审核情况：无问题。材料齐全。"]),
    ("不适用", "本案不涉及移送！", ["审核情况：不适用。本案不涉及移送！"]),
    ("无问题", "当事人称“不知情。”", ["审核情况：无问题。当事人称“不知情。”"]),
    (
        "存在问题",
        "存在以下问题：\n录像时间需要核对\n",
        ["审核情况：存在问题。存在以下问题：", "录像时间需要核对。"],
    ),
]


def _section_lines(content: OpinionContent, heading: str) -> list[str]:
    """The paragraphs under `heading` up to the next heading."""
    document = _open(render_opinion(content))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == heading) + 1
    end = next(
        i for i in range(start, len(paragraphs)) if paragraphs[i].style.name == tpl.STYLE_HEADING
    )
    return [p.text for p in paragraphs[start:end]]


@pytest.mark.parametrize(("verdict", "comment", "expected"), VERDICT_LINES)
def test_verdict_and_comment_read_as_one_punctuated_sentence(
    verdict: str, comment: str, expected: list[str]
) -> None:
    first = dataclasses.replace(
        sample_opinion().sections[0], verdict=verdict, text=comment, citations=()
    )
    content = dataclasses.replace(
        sample_opinion(), sections=(first, *sample_opinion().sections[1:])
    )
    assert _section_lines(content, "一、执法主体") == expected


def test_no_reasons_print_no_empty_reasons_line() -> None:
    content = dataclasses.replace(sample_opinion(), outcome="同意", reasons=" \n")
    texts = _texts(_open(render_opinion(content)))
    outcome = texts.index("审核结论：同意。")
    assert texts[outcome + 1] == content.texts["closing"]
    assert not any(t.startswith("理由：") for t in texts)


def test_an_opinion_without_a_number_says_its_number_is_pending() -> None:
    document = _open(render_opinion(dataclasses.replace(sample_opinion(), number="")))
    assert _texts(document)[2] == NUMBER_PENDING == "（文号待定）"
    assert document.core_properties.title == f"{TITLE}（文号待定）"
    numbered = _open(render_opinion(sample_opinion())).core_properties.title
    assert numbered == f"{TITLE}（薛市监法审〔2026〕12号）"


def test_party_lines_are_left_aligned_and_nothing_else_is() -> None:
    document = _open(render_opinion(sample_opinion()))
    aligned = [p.text for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.LEFT]
    assert aligned == [p.text for p in document.paragraphs if p.text.startswith("当事人")]
    assert len(aligned) == 2


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_draft_carries_the_watermark_and_header_line_in_both_headers() -> None:
    content = sample_opinion(head=None)
    final = _parts(render_opinion(content))
    draft_bytes = render_opinion(dataclasses.replace(content, draft=True))
    draft = _parts(draft_bytes)
    # The text is the same; the final opinion has no header and says nothing of a draft.
    assert _texts(_open(draft_bytes)) == _texts(_open(render_opinion(content)))
    assert not any(name.startswith("word/header") for name in final)
    assert not any("草稿".encode() in data for data in final.values())
    assert {"word/header1.xml", "word/header2.xml"} <= set(draft)

    section = _open(draft_bytes).sections[0]
    for header in (section.header, section.even_page_header):
        assert not header.is_linked_to_previous
        assert [p.text for p in header.paragraphs] == [HEADER_MARK]
        shapes = header._element.findall(".//{urn:schemas-microsoft-com:vml}shape")
        assert len(shapes) == 1
        shape = shapes[0]
        assert shape.get("id").startswith("PowerPlusWaterMarkObject")
        assert "rotation:315" in shape.get("style")  # diagonal
        assert shape.get("fillcolor") == "silver"
        textpath = shape.find("{urn:schemas-microsoft-com:vml}textpath")
        assert textpath.get("string") == WATERMARK == "草稿"
    assert render_opinion(dataclasses.replace(content, draft=True)) == draft_bytes


def test_a_templates_own_header_keeps_its_content_above_the_draft_line(tmp_path: Path) -> None:
    """An office's letterhead in the header, and a first page of its own: both kept, marked."""
    template = docx.Document(str(tpl.default_template()))
    section = template.sections[0]
    section.different_first_page_header_footer = True
    for header in (section.header, section.first_page_header):
        header.paragraphs[0].text = "枣庄市薛城区市场监督管理局"
        header.paragraphs[0].runs[0].font.size = Pt(22)
    letterhead = tmp_path / "红头.docx"
    template.save(str(letterhead))
    content = dataclasses.replace(sample_opinion(), draft=True)
    section = _open(render_opinion(content, template=letterhead)).sections[0]
    for header in (section.header, section.first_page_header):
        assert [p.text for p in header.paragraphs] == ["枣庄市薛城区市场监督管理局", HEADER_MARK]
        assert header.paragraphs[0].runs[0].font.size == Pt(22)
        assert len(header._element.findall(".//{urn:schemas-microsoft-com:vml}shape")) == 1
    assert [p.text for p in section.even_page_header.paragraphs] == [HEADER_MARK]


@pytest.fixture(scope="module")
def draft_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A draft with parties whose ID numbers wrap, converted once."""
    require_libreoffice()
    folder = tmp_path_factory.mktemp("draft")
    content = dataclasses.replace(sample_opinion(), parties=LONG_ID_PARTIES, draft=True)
    source = folder / "草稿.docx"
    source.write_bytes(render_opinion(content))
    return pdf.docx_to_pdf(source, folder / "out" / "草稿.pdf")


def _watermarks(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Light grey filled shapes over the middle of the page, as large as a watermark."""
    found = []
    middle = (page.rect.tl + page.rect.br) / 2
    for drawing in page.get_drawings():
        fill = drawing.get("fill")
        rect = drawing["rect"]
        grey = fill is not None and all(0.6 < c < 0.95 for c in fill) and len(set(fill)) == 1
        if grey and rect.width > 200 and rect.height > 200 and rect.contains(middle):
            found.append(rect)
    return found


def test_every_page_of_a_draft_pdf_shows_the_watermark_and_the_header_line(
    draft_pdf: Path, opinion_pdf: Path
) -> None:
    with pymupdf.open(draft_pdf) as document:
        assert document.page_count >= 2  # the even-page header too
        for page in document:
            assert _squash(HEADER_MARK) in _squash(page.get_text()), page.number
            assert len(_watermarks(page)) == 1, page.number
    with pymupdf.open(opinion_pdf) as document:
        for page in document:
            assert "草稿" not in page.get_text()
            assert _watermarks(page) == []


def _line_starting(document: pymupdf.Document, start: str) -> list[tuple[str, float]]:
    """The characters and x origins of the PDF line whose text starts with `start`."""
    for page in document:
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                chars = [(c["c"], c["origin"][0]) for s in line["spans"] for c in s["chars"]]
                if "".join(c for c, _ in chars).startswith(start):
                    return chars
    raise AssertionError(f"no line starts with {start}")


def test_party_lines_before_a_long_id_number_are_not_spread_out(draft_pdf: Path) -> None:
    with pymupdf.open(draft_pdf) as document:
        for lead in ("当事人一：", "当事人二："):
            chars = _line_starting(document, lead)
            steps = [b[1] - a[1] for a, b in zip(chars, chars[1:], strict=False)]
            # Body text is 16 pt condensed by 0.25 pt: every character a 15.75 pt step.
            assert steps
            assert max(steps) < 16.5, (lead, steps)
