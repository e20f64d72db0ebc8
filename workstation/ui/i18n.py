"""Loads the UI translation: Chinese by default, English (the source strings) as fallback."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workstation.resource_paths import resource_path

log = logging.getLogger(__name__)

LANGUAGE_ENV = "WORKSTATION_LANG"
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []  # translators must outlive their installation


def ui_language() -> str:
    """The UI language: WORKSTATION_LANG (e.g. zh_CN, en), else Chinese."""
    return os.environ.get(LANGUAGE_ENV, "").strip() or DEFAULT_LANGUAGE


def install_translations(app: QCoreApplication, language: str | None = None) -> bool:
    """Install Qt's own and the workstation's translators; False when ours is missing.

    English needs nothing: the source strings are English.
    """
    language = language or ui_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language.startswith("en"):
        QLocale.setDefault(QLocale("en_US"))
        return True
    # Dates, numbers and sizes in the UI's language, whatever the system's locale is.
    QLocale.setDefault(QLocale(language))
    # Qt's own words (standard buttons, its file dialog): the PySide6 wheel ships qtbase_*.qm.
    qt_own = QTranslator()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    else:
        log.warning("Qt's own translation qtbase_%s not found in %s", language, qt_folder)
    ours = QTranslator()
    compiled = resource_path("i18n", f"workstation_{language}.qm")
    if not ours.load(str(compiled)):
        log.warning("translation %s not found (run make): the UI falls back to English", compiled)
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True
