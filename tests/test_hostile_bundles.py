"""Hostile or broken bundles are refused with a clear Chinese message and nothing written."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import minimal_case, row_counts, staging_leftovers, store_files

from workstation.casefile.bundle import open_bundle
from workstation.errors import BundleError, HostileBundleError
from workstation.settings import ImportLimits

CASE_JSON = json.dumps(minimal_case(), ensure_ascii=False).encode("utf-8")


class _RawNameInfo(zipfile.ZipInfo):
    """A ZIP entry whose name is written as given bytes, without the UTF-8 flag —
    what Windows archivers on a Chinese system produce."""

    def __init__(self, raw_name: bytes) -> None:
        super().__init__(raw_name.decode("cp437"))
        self._raw_name = raw_name

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - zipfile's name
        return self._raw_name, self.flag_bits & ~0x800


def write_zip(
    path: Path,
    entries: list[tuple[str | zipfile.ZipInfo, bytes]],
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


def assert_nothing_written(ws: Any, before: dict[str, int]) -> None:
    counts = row_counts(ws)
    # Only the record of the refused attempt (import row + audit entry) may be added.
    assert counts["cases"] == before["cases"] == 0
    assert counts["case_versions"] == 0
    assert counts["evidence_files"] == 0
    assert counts["bundle_files"] == 0
    assert store_files(ws.paths.data_dir) == set()
    assert staging_leftovers(ws.paths.data_dir) == []


def refuse(ws: Any, bundle: Path, expected: str) -> str:
    before = row_counts(ws)
    with pytest.raises(BundleError) as caught:
        ws.import_bundle(bundle, actor="tester")
    message = caught.value.message
    assert expected in message, message
    assert bundle.name in message  # the user learns which file was refused
    assert english_words(message, bundle) == set(), message
    assert_nothing_written(ws, before)
    return message


# Words a Chinese message may keep: formats, systems and units.
KEPT_WORDS = {"ZIP", "ZIP64", "CRC", "UTF", "JSON", "deflate", "Windows", "GiB", "case", "json"}


def english_words(message: str, bundle: Path) -> set[str]:
    """Latin words in `message` apart from the bundle's path, entry names and KEPT_WORDS:
    what Python's own English (zipfile, zlib, json, the OS) would leave there."""
    text = message.replace(str(bundle), "")
    text = re.sub(r"(中的|条目) \S+", "", text)  # entry names
    text = re.sub(r"\S*[./\\]\S*", "", text)  # file names
    return set(re.findall(r"[A-Za-z]{2,}", text)) - KEPT_WORDS


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("../evil.txt", "含 .."),
        ("docs/../../evil.txt", "含 .."),
        ("/etc/passwd", "绝对路径"),
        ("C:/Windows/evil.txt", "绝对路径"),
        ("c:evil.txt", "绝对路径"),
        ("docs\\..\\..\\evil.txt", "反斜杠"),
        ("docs\\evil.txt", "反斜杠"),
    ],
)
def test_zip_entries_escaping_the_root_are_refused(
    ws: Any, tmp_path: Path, entry: str, expected: str
) -> None:
    bundle = write_zip(tmp_path / "evil.zip", [("case.json", CASE_JSON), (entry, b"x")])
    message = refuse(ws, bundle, expected)
    assert "evil.zip" in message


def test_symlink_inside_zip_is_refused(ws: Any, tmp_path: Path) -> None:
    link = zipfile.ZipInfo("docs/passwd")
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    bundle = write_zip(tmp_path / "link.zip", [("case.json", CASE_JSON), (link, b"/etc/passwd")])
    refuse(ws, bundle, "符号链接")


def test_symlink_in_bundle_folder_is_refused(ws: Any, make_bundle: Any) -> None:
    bundle = make_bundle()
    (bundle / "docs").mkdir()
    os.symlink("/etc/passwd", bundle / "docs" / "passwd.pdf")
    refuse(ws, bundle, "符号链接")


def test_symlinked_subfolder_in_bundle_folder_is_refused(
    ws: Any, make_bundle: Any, tmp_path: Path
) -> None:
    bundle = make_bundle()
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", bundle / "docs")
    refuse(ws, bundle, "符号链接")


def test_fifo_in_bundle_folder_is_refused_without_hanging(ws: Any, make_bundle: Any) -> None:
    bundle = make_bundle()
    os.mkfifo(bundle / "pipe.pdf")
    refuse(ws, bundle, "不是普通文件")


def test_too_many_entries_is_refused(ws: Any, tmp_path: Path) -> None:
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [("case.json", CASE_JSON)]
    entries += [(f"f/{i}.txt", b"") for i in range(10_000)]
    bundle = write_zip(tmp_path / "many.zip", entries, zipfile.ZIP_STORED)
    refuse(ws, bundle, "超过上限 10000")


def test_compression_bomb_is_refused(ws: Any, tmp_path: Path) -> None:
    bundle = write_zip(
        tmp_path / "bomb.zip", [("case.json", CASE_JSON), ("docs/zeros.pdf", bytes(50 * 1024**2))]
    )
    refuse(ws, bundle, "疑似压缩炸弹")


def test_total_size_limit_is_enforced_before_reading(tmp_path: Path) -> None:
    bundle = write_zip(
        tmp_path / "big.zip", [("case.json", CASE_JSON), ("media/a.mp4", os.urandom(3 * 1024**2))]
    )
    with pytest.raises(HostileBundleError, match="超过上限"):
        open_bundle(bundle, ImportLimits(max_total_bytes=2 * 1024**2))


def test_default_limits_are_the_documented_ones() -> None:
    limits = ImportLimits()
    assert limits.max_entries == 10_000
    assert limits.max_total_bytes == 20 * 1024**3
    assert limits.max_compression_ratio == 200


def test_limits_come_from_settings_file(data_dir: Path, tmp_path: Path, clock: Any) -> None:
    from workstation.app import open_workstation

    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text("[import]\nmax_entries = 3\n", encoding="utf-8")
    ws = open_workstation(data_dir, clock=clock)
    try:
        bundle = write_zip(
            tmp_path / "four.zip",
            [("case.json", CASE_JSON)] + [(f"{i}.txt", b"a") for i in range(3)],
        )
        refuse(ws, bundle, "超过上限 3")
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "文件是空的"),
        (b"not a zip at all\n", "内容不是 ZIP 格式，只是扩展名为 .zip"),
        (b"PK\x03\x04garbage", "结尾的 ZIP 目录缺失"),
    ],
)
def test_not_a_zip_is_refused(ws: Any, tmp_path: Path, content: bytes, reason: str) -> None:
    bundle = tmp_path / "case.zip"
    bundle.write_bytes(content)
    message = refuse(ws, bundle, "不是有效的 ZIP 文件")
    assert reason in message
    assert "File is not a zip file" not in message


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_a_truncated_zip_is_refused_in_chinese(ws: Any, tmp_path: Path, keep: float) -> None:
    whole = write_zip(
        tmp_path / "whole.zip", [("case.json", CASE_JSON), ("docs/a.bin", os.urandom(50_000))]
    ).read_bytes()
    bundle = tmp_path / "下载中断.zip"
    bundle.write_bytes(whole[: int(len(whole) * keep)])
    refuse(ws, bundle, "文件不完整，结尾的 ZIP 目录缺失")


def test_damaged_compressed_data_is_refused_in_chinese(ws: Any, tmp_path: Path) -> None:
    text = "现场检查笔录".encode() * 5_000
    bundle = write_zip(tmp_path / "damaged.zip", [("case.json", CASE_JSON), ("docs/a.txt", text)])
    data = bytearray(bundle.read_bytes())
    at = data.find(b"docs/a.txt") + 200  # inside the deflated data after the local header
    data[at : at + 40] = b"\xff" * 40
    bundle.write_bytes(bytes(data))
    message = refuse(ws, bundle, "docs/a.txt 已损坏")
    assert "压缩数据" in message or "校验值" in message


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        (b'{"format": }', "JSON 格式错误（此处应为一个值）"),
        (b'{"format" "x"}', "JSON 格式错误（缺少冒号）"),
        (b'{"format": "x"} trailing', "JSON 格式错误（JSON 结束后还有多余的内容）"),
    ],
)
def test_case_json_syntax_errors_are_said_in_chinese(
    ws: Any, make_bundle: Any, manifest: bytes, reason: str
) -> None:
    bundle = make_bundle(raw_manifest=manifest)
    message = refuse(ws, bundle, reason)
    assert "case.json 第 1 行" in message


def test_encrypted_zip_entry_is_refused(ws: Any, tmp_path: Path) -> None:
    buffer = io.BytesIO(write_zip(tmp_path / "plain.zip", [("case.json", CASE_JSON)]).read_bytes())
    data = bytearray(buffer.getvalue())
    # Set the "encrypted" flag in the local and central headers of the only entry.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x01
    bundle = tmp_path / "locked.zip"
    bundle.write_bytes(bytes(data))
    refuse(ws, bundle, "已加密")


def test_corrupt_entry_data_is_refused(ws: Any, tmp_path: Path) -> None:
    payload = os.urandom(200_000)
    bundle = write_zip(
        tmp_path / "crc.zip",
        [("case.json", CASE_JSON), ("docs/a.bin", payload)],
        zipfile.ZIP_STORED,
    )
    data = bytearray(bundle.read_bytes())
    at = data.find(payload[:64])
    data[at + 1000] ^= 0xFF  # flip bits inside the stored data: the CRC no longer matches
    bundle.write_bytes(bytes(data))
    refuse(ws, bundle, "docs/a.bin 已损坏")


def test_duplicate_names_are_refused(ws: Any, tmp_path: Path) -> None:
    bundle = tmp_path / "dup.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("case.json", CASE_JSON)
        archive.writestr("docs/a.pdf", b"1")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("docs/a.pdf", b"2")
    refuse(ws, bundle, "重名")


def test_missing_bundle_and_missing_manifest(ws: Any, tmp_path: Path) -> None:
    refuse(ws, tmp_path / "nowhere", "找不到案卷包")
    bundle = write_zip(tmp_path / "nomanifest.zip", [("docs/a.pdf", b"%PDF-1.4")])
    refuse(ws, bundle, "没有 case.json")


# --- names from Windows archivers -------------------------------------------------------

# GBK encodes 乗 as 0x81 0x5C: read as CP437 (zipfile's default) the second byte is "\".
GBK_TRAIL_5C = "乗"


def test_gbk_names_are_decoded_before_path_checks(ws: Any, tmp_path: Path) -> None:
    name = f"证据/{GBK_TRAIL_5C}车现场照片.txt"
    assert name.encode("gbk")[4:].find(b"\\") >= 0
    case = minimal_case(documents=[{"id": "d1", "path": name, "kind": "evidence"}])
    bundle = write_zip(
        tmp_path / "gbk.zip",
        [
            ("case.json", json.dumps(case, ensure_ascii=False).encode("utf-8")),
            (_RawNameInfo(name.encode("gbk")), "现场照片说明".encode()),
        ],
    )
    result = ws.import_bundle(bundle, actor="tester")
    assert not [f for f in result.findings if f.code in ("FILE_MISSING", "UNREFERENCED")]
    version = ws.resolve(result.short_id)
    with ws.db.session() as session:
        from sqlalchemy import select

        from workstation.store import models

        paths = set(
            session.scalars(
                select(models.BundleFile.path).where(models.BundleFile.version_id == version.id)
            )
        )
    assert paths == {"case.json", name}


def test_zip_with_a_wrapping_folder_is_accepted(ws: Any, tmp_path: Path) -> None:
    bundle = write_zip(tmp_path / "wrapped.zip", [("薛市监罚12号/case.json", CASE_JSON)])
    result = ws.import_bundle(bundle, actor="tester")
    assert result.outcome == "imported"


# --- found in review: bombs and broken archives that zipfile itself lets through ---------


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_bzip2_and_lzma_entries_are_refused_before_inflating(
    ws: Any, tmp_path: Path, method: int
) -> None:
    # zipfile inflates these without a bound, whatever size the directory declares.
    bundle = write_zip(tmp_path / "bomb.zip", [("case.json", CASE_JSON), ("a.bin", b"x")], method)
    refuse(ws, bundle, "不支持的压缩方式")


def test_local_header_that_disagrees_with_the_directory_is_refused(ws: Any, tmp_path: Path) -> None:
    bundle = write_zip(tmp_path / "mismatch.zip", [("case.json", CASE_JSON), ("docs/a.pdf", b"1")])
    data = bytearray(bundle.read_bytes())
    at = data.find(b"docs/a.pdf")  # the first occurrence is the local header's copy
    data[at : at + 10] = b"docs/b.pdf"
    bundle.write_bytes(bytes(data))
    refuse(ws, bundle, "已损坏")


def test_invalid_utf8_name_with_the_utf8_flag_is_refused(ws: Any, tmp_path: Path) -> None:
    bundle = write_zip(tmp_path / "badname.zip", [("case.json", CASE_JSON), ("docs/é.pdf", b"1")])
    data = bytearray(bundle.read_bytes())
    for at in [i for i in range(len(data)) if data.startswith("é".encode(), i)]:
        data[at : at + 2] = b"\xff\xfe"  # not UTF-8, though the entry says it is
    bundle.write_bytes(bytes(data))
    refuse(ws, bundle, "不是有效的 ZIP 文件")


def test_entry_count_is_read_before_the_directory_is_loaded(tmp_path: Path) -> None:
    from workstation.casefile.bundle_zip import declared_entry_count

    bundle = write_zip(
        tmp_path / "zip64.zip", [(f"{i}", b"") for i in range(66_000)], zipfile.ZIP_STORED
    )
    assert declared_entry_count(bundle) == 66_000  # past 65,535: read from the ZIP64 record
    assert declared_entry_count(write_zip(tmp_path / "small.zip", [("a", b"")])) == 1


@pytest.mark.parametrize(
    "entry", ["docs/a.pdf:hidden", "docs/CON.txt", "docs/nul", "docs/a.pdf.", "docs/a?.pdf"]
)
def test_names_windows_cannot_hold_are_refused(ws: Any, tmp_path: Path, entry: str) -> None:
    bundle = write_zip(tmp_path / "win.zip", [("case.json", CASE_JSON), (entry, b"x")])
    refuse(ws, bundle, "在 Windows 上无法保存")


def test_an_entry_that_is_both_file_and_folder_is_refused(ws: Any, tmp_path: Path) -> None:
    bundle = write_zip(
        tmp_path / "clash.zip", [("case.json", CASE_JSON), ("docs", b"1"), ("docs/a.txt", b"2")]
    )
    refuse(ws, bundle, "既是文件又是文件夹")


def test_macos_metadata_folder_is_ignored(ws: Any, tmp_path: Path) -> None:
    bundle = write_zip(
        tmp_path / "mac.zip",
        [("案卷/case.json", CASE_JSON), ("__MACOSX/案卷/._case.json", b"\x00\x05\x16\x07")],
    )
    assert ws.import_bundle(bundle, actor="tester").outcome == "imported"


# --- folders that change under the import ---------------------------------------------


def _change_during_copy(ws: Any, bundle: Path, change: Any, when: str = "docs/a.txt") -> str:
    done: list[bool] = []

    def progress(_fraction: float, message: str) -> None:
        if message == f"正在复制并计算哈希：{when}" and not done:
            done.append(True)
            change()

    before = row_counts(ws)
    with pytest.raises(BundleError) as caught:
        ws.import_bundle(bundle, actor="tester", progress=progress)
    assert_nothing_written(ws, before)
    return caught.value.message


@pytest.fixture
def folder_bundle(make_bundle: Any) -> Path:
    case = minimal_case(documents=[{"id": "d1", "path": "docs/a.txt", "kind": "evidence"}])
    return make_bundle(case, {"docs/a.txt": b"original", "docs/b.txt": b"second"})


def test_a_folder_swapped_for_a_link_during_import_is_refused(
    ws: Any, folder_bundle: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_bytes(b"SECRET OUTSIDE THE BUNDLE")

    def swap() -> None:
        (folder_bundle / "docs").rename(tmp_path / "moved")
        os.symlink(outside, folder_bundle / "docs")

    assert "被替换" in _change_during_copy(ws, folder_bundle, swap)


def test_a_file_that_grows_during_import_is_refused(ws: Any, folder_bundle: Path) -> None:
    def grow() -> None:
        with open(folder_bundle / "docs" / "a.txt", "ab") as handle:
            handle.write(os.urandom(5 * 1024**2))

    assert "变大了" in _change_during_copy(ws, folder_bundle, grow)


def test_a_file_removed_during_import_is_refused(ws: Any, folder_bundle: Path) -> None:
    message = _change_during_copy(ws, folder_bundle, (folder_bundle / "docs" / "b.txt").unlink)
    assert "无法读取" in message
    assert "docs/b.txt" in message


def test_case_json_changed_after_it_was_checked_is_refused(ws: Any, folder_bundle: Path) -> None:
    def rewrite() -> None:  # same size, other content: only the hash can tell
        manifest = folder_bundle / "case.json"
        manifest.write_bytes(manifest.read_bytes().replace("食品".encode(), "药品".encode()))

    message = _change_during_copy(ws, folder_bundle, rewrite, when="case.json")
    assert "case.json 在导入过程中被修改" in message


def test_decomposed_unicode_names_in_a_folder_import(ws: Any, make_bundle: Any) -> None:
    import unicodedata

    composed = "docs/café-现场照片.txt"
    case = minimal_case(documents=[{"id": "d1", "path": composed, "kind": "evidence"}])
    bundle = make_bundle(case)
    (bundle / "docs").mkdir()
    (bundle / unicodedata.normalize("NFD", composed)).write_bytes(b"photo notes")
    result = ws.import_bundle(bundle, actor="tester")
    assert result.findings == []
    assert ws.resolve("C1").documents[0].status == "stored"
