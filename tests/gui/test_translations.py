"""The UI's zh_CN translation is complete and is what users see by default."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message.find("translation")
    return found


def _finished(translation: ET.Element | None) -> bool:
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return False
    forms = translation.findall("numerusform")
    texts = [f.text for f in forms] if forms else [translation.text]
    return all(t and t.strip() for t in texts)


def test_every_ui_string_has_a_finished_chinese_translation(tmp_path: Path) -> None:
    sources = sorted(
        str(p) for folder in ("ui", "media") for p in (ROOT / "workstation" / folder).rglob("*.py")
    )
    extracted = tmp_path / "all.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(extracted)], check=True, capture_output=True)
    wanted = _messages(extracted)
    assert len(wanted) > 50, "lupdate found almost no tr() strings: extraction is broken"
    committed: dict[tuple[str, str], ET.Element] = {}
    for ts in I18N.glob("*.zh_CN.ts"):
        committed.update(_messages(ts))
    missing = [
        f"{ctx}: {src!r}" for (ctx, src) in wanted if not _finished(committed.get((ctx, src)))
    ]
    assert not missing, "untranslated UI strings:\n" + "\n".join(missing)


def test_no_committed_translation_is_left_unfinished() -> None:
    for ts in I18N.glob("*.ts"):
        unfinished = [src for (_, src), tr in _messages(ts).items() if not _finished(tr)]
        assert not unfinished, f"{ts.name}: {unfinished}"


def test_the_window_speaks_chinese_by_default_and_english_on_request(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication

    from workstation.ui.i18n import install_translations

    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True)
    try:
        monkeypatch.delenv("WORKSTATION_LANG", raising=False)
        assert install_translations(qapp)
        assert QCoreApplication.translate("MainWindow", "Cases") == "案件列表"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own
        monkeypatch.setenv("WORKSTATION_LANG", "en")
        assert install_translations(qapp)
        assert QCoreApplication.translate("MainWindow", "Cases") == "Cases"
    finally:
        install_translations(qapp, "zh_CN")
