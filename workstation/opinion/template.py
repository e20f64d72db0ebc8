"""The contract between the opinion template file and `render_opinion`: style names, lookup.

The template (`resources/templates/opinion.docx`, made by `scripts/make_opinion_template.py`)
carries the page setup, the footers with page numbers and the named paragraph styles below;
`render_opinion` only adds paragraphs in those styles. An office may restyle them freely in
Word or WPS (fonts, sizes, spacing), but the style *names* must stay.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError

from workstation.errors import ConfigError
from workstation.resource_paths import resource_path

# Paragraph styles, by the name Word and WPS show in their style lists.
STYLE_AGENCY = "意见书机关"  # the reviewing agency, above the title
STYLE_TITLE = "意见书标题"  # 重大行政执法决定法制审核意见书
STYLE_NUMBER = "意见书文号"  # the opinion's document number
STYLE_BODY = "意见书正文"  # every body paragraph
STYLE_HEADING = "意见书小标题"  # 一、执法主体 …
STYLE_CITATION = "意见书引证"  # 引用材料：《现场检查笔录》第2页…
STYLE_SIGNATURE = "意见书署名"  # 审核人员 / 法制机构负责人 / date
STYLE_PAGE_ODD = "意见书页码（单页）"  # footer "— 1 —", right
STYLE_PAGE_EVEN = "意见书页码（双页）"  # footer "— 2 —", left

# The styles render_opinion looks up; a template missing one is refused.
REQUIRED_STYLES = (
    STYLE_AGENCY,
    STYLE_TITLE,
    STYLE_NUMBER,
    STYLE_BODY,
    STYLE_HEADING,
    STYLE_CITATION,
    STYLE_SIGNATURE,
)

# The default East Asian fonts (GB/T 9704-2012 names as Chinese offices install them).
FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEADING = "黑体"
FONT_PAGE_NUMBER = "宋体"

# Every ZIP entry gets this timestamp, the earliest a ZIP can hold, so equal content
# gives equal bytes (the template is committed; rendered opinions may be signed).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def default_template() -> Path:
    """The shipped template, `resources/templates/opinion.docx`."""
    return resource_path("templates", "opinion.docx")


def open_template(path: Path | None = None) -> DocxDocument:
    """Open a template and check it has every required paragraph style; ConfigError if not."""
    path = default_template() if path is None else path
    try:
        document = docx.Document(str(path))
    except (OSError, PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ConfigError(
            f"意见书模板 {path} 无法打开（{exc}），请检查文件或重新生成默认模板。"
        ) from exc
    names = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise ConfigError(
            f"意见书模板 {path} 缺少段落样式：{'、'.join(missing)}；请在模板中恢复这些样式名称。",
            details=list(missing),
        )
    return document


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a DOCX (a ZIP) with fixed timestamps and attributes, entries in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes whether written on Windows or Linux
            info.external_attr = 0
            target.writestr(info, source.read(entry), compresslevel=6)
    return out.getvalue()
