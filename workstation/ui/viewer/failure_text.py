"""What the viewer says when a document cannot be shown (the DocumentViewer's messages)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workstation.documents import problems
from workstation.ui.error_dialog import error_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentViewer", text)


def refusal_text(title: str, probe_failure: str) -> str:
    """Why a file the import could not parse is not opened: a file built to hang or crash
    the parser would do the same to the desktop."""
    if probe_failure == "timeout":
        text = _tr(
            "“{0}” timed out when the import parsed it; it may be damaged or built to attack "
            "the viewer. To protect this computer it is not opened in the workstation."
        )
    else:
        text = _tr(
            "“{0}” crashed the parser when the import read it; it may be damaged or built to "
            "attack the viewer. To protect this computer it is not opened in the workstation."
        )
    return text.format(title)


def failure_text(title: str, exc: BaseException) -> str:
    """The message shown in place of a document that could not be opened."""
    if not isinstance(exc, problems.DocumentError):
        return _tr("Cannot open “{0}”: {1}").format(title, error_text(exc))
    texts = {
        problems.MISSING: _tr("Cannot open “{0}”: the file is missing or cannot be read."),
        problems.NOT_A_DOCUMENT: _tr(
            "Cannot open “{0}”: its content is not a PDF, although its type says so."
        ),
        problems.DAMAGED: _tr("Cannot open “{0}”: the file is damaged."),
        problems.ENCRYPTED: _tr(
            "Cannot open “{0}”: the Word document is protected by a password, which the "
            "viewer cannot open."
        ),
        problems.UNSUPPORTED: _tr(
            "Cannot show “{0}”: the viewer does not support this kind of file."
        ),
        problems.STOPPED: _tr(
            "Cannot show “{0}”: reading it took too long or too much memory and was stopped; "
            "the file may be damaged or built to attack the viewer."
        ),
    }
    text = texts.get(exc.problem, _tr("Cannot open “{0}”.")).format(title)
    if exc.details:
        text += "\n" + _tr("Details: {0}").format("; ".join(exc.details))
    return text
