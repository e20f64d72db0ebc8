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

from workstation.errors import ConfigError, StorageError
from workstation.opinion import pdf
from workstation.opinion import template as tpl
from workstation.opinion.content import OpinionContent, SectionOpinion
from workstation.opinion.docx_writer import TITLE, chinese_number, render_opinion

PROJECT = Path(__file__).resolve().parent.parent
COMPANY = "枣庄某某商贸有限公司"
PERSON = "张某某"
CITATION = "《现场检查笔录》第2页"
VIDEO = "执法记录仪 A01 00:12:31–00:13:05（货架上的过期面包）"
HEAD = "李某某"
FIRST_SECTIONS = ("执法主体", "执法人员资格", "管辖与权限", "案件事实", "证据", "执法程序")
SECTION_NAMES = (*FIRST_SECTIONS, "法律适用", "裁量基准", "执法文书", "涉嫌犯罪移送", "其他事项")
NO_ISSUES = "经审查，本案{}方面的材料齐全，承办单位已按照规定履行了相应职责，相关事实与证据能够相互印证，未发现影响决定合法性的问题。"
ISSUES = (
    "经审查，本案{}方面存在以下问题，需由承办单位补正或作出说明。\n补正后请将相关材料一并报送。"
)
# Glyph-name fragments of the fonts a correct PDF may embed for Chinese text.
CJK_FONT = re.compile(
    r"CJK|SourceHan|FangSong|SimSun|SimHei|KaiTi|FZ|STZhong|WenQuanYi|UMing|仿宋|宋|黑|楷", re.I
)


def sample_opinion(head: str | None = HEAD) -> OpinionContent:
    """A realistic opinion: 11 sections, findings, citations, two parties, several pages."""
    findings = {
        "执法程序": (
            "《行政处罚告知书》于2026年3月6日送达，报送审核时当事人陈述、申辩期限尚未届满。",
            "询问笔录未载明执法人员出示执法证件的情况。",
        ),
        "裁量基准": ("罚款数额接近法定幅度上限，但案卷未说明从重情节的事实依据。",),
    }
    citations = {
        "执法主体": ("《营业执照》（市场监督管理局）",),
        "执法人员资格": ("《行政执法证》复印件第1页",),
        "案件事实": (CITATION, VIDEO, "《询问笔录》（张某某）第3页"),
        "证据": (CITATION, "《抽样检验报告》第1—4页", VIDEO),
        "执法程序": ("《行政处罚告知书》送达回证", "《询问笔录》（张某某）第1页"),
        "裁量基准": ("《山东省市场监督管理行政处罚裁量基准》第十二条",),
    }
    verdicts = {"执法程序": "存在问题", "裁量基准": "存在问题", "涉嫌犯罪移送": "不适用"}
    sections = tuple(
        SectionOpinion(
            name=name,
            verdict=verdicts.get(name, "无问题"),
            text=ISSUES.format(name) if name in verdicts else NO_ISSUES.format(name),
            findings=findings.get(name, ()),
            citations=citations.get(name, ()),
        )
        for name in SECTION_NAMES
    )
    return OpinionContent(
        agency="枣庄市薛城区市场监督管理局",
        number="薛市监法审〔2026〕12号",
        case_number="薛市监罚〔2026〕12号",
        case_title="销售超过保质期的食品案",
        parties=(
            f"{COMPANY}（统一社会信用代码 91370403MA3C8XYZ1K）",
            f"{PERSON}（公民身份号码 370403198501011234）",
        ),
        unit="执法稽查科",
        submitted_on=date(2026, 3, 10),
        proposed_decision="没收超过保质期的食品12袋，没收违法所得人民币360元，并处罚款人民币50000元。",
        review_basis="《中华人民共和国行政处罚法》《山东省行政执法监督条例》《枣庄市薛城区重大行政执法决定法制审核办法》",
        sections=sections,
        outcome="退回补正",
        reasons="一、陈述、申辩期限未届满即报送审核，程序不完备。\n二、从重处罚的事实依据不足。",
        legal_provisions=(
            "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
            "《中华人民共和国行政处罚法》第二十八条第二款",
        ),
        reviewer="王某某",
        head=head,
        opinion_date=date(2026, 4, 15),
        texts={
            "opening": "本机构于2026年3月10日收到你单位报送的案件材料，依照有关规定进行了法制审核，现提出审核意见如下：",
            "closing": "请你单位按照上述意见补正后，重新报送法制审核。",
        },
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
