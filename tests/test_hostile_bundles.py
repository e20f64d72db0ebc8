"""Hostile or broken bundles are refused with a clear Chinese message and nothing written."""

from __future__ import annotations

import io
import json
import os
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
    assert_nothing_written(ws, before)
    return message


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


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04garbage"])
def test_not_a_zip_is_refused(ws: Any, tmp_path: Path, content: bytes) -> None:
    bundle = tmp_path / "case.zip"
    bundle.write_bytes(content)
    refuse(ws, bundle, "不是有效的 ZIP 文件")


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
