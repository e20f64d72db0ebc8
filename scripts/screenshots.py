"""`make screenshots`: the app on the demo data under Xvfb, saved as PNGs in docs/screenshots/.

Run through `xvfb-run` (the Makefile does): a real X server, real fonts, the real window.
Each picture is taken once its content is on screen (pages rendered, dialogs shown).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
REVIEWER = "zhaomin"


def wait_until(app: Any, condition: Any, timeout: float = 30.0) -> None:
    """Run the event loop until `condition()` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {condition}")
        app.processEvents()
        time.sleep(0.02)


def settle(app: Any, seconds: float = 0.5) -> None:
    """Let pending paints and queued signals land."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def save(widget: Any, name: str) -> None:
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(f"saved {path.relative_to(ROOT)}")


def prepare(data: Path) -> Any:
    """A demo data folder with the demo office, the food case accepted and partly reviewed."""
    from workstation.app import open_workstation
    from workstation.cli import DEMO_PACK
    from workstation.demo import generate_demo_bundles
    from workstation.demo.accounts import add_demo_accounts

    data.mkdir(parents=True)
    (data / "settings.toml").write_text(f'[review]\nrule_pack = "{DEMO_PACK}"\n', encoding="utf-8")
    ws = open_workstation(data)
    add_demo_accounts(ws)
    bundles = generate_demo_bundles(data / "demo-bundles")
    for bundle in bundles[:-1]:  # the last one is imported on screen, for its picture
        ws.import_bundle(bundle, actor="sunli")
    ws.workflow.act("C1", "accept", REVIEWER)
    for section in ("subject", "qualification", "party"):
        ws.review.set_verdict("C1", section, "ok", REVIEWER)
    ws.review.set_comment("C1", "party", "当事人主体资格证明齐全，营业执照在有效期内。", REVIEWER)
    ws.review.set_outcome(
        "C1", "return", "抽样检验报告仅有复印件，请补充原件后重新送审。", REVIEWER
    )
    return ws, bundles


def main() -> int:
    os.environ.setdefault("WORKSTATION_LANG", "zh_CN")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    from PySide6.QtWidgets import QApplication

    from workstation.ui.i18n import install_translations
    from workstation.ui.shell.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setOrganizationName("legal-review-workstation-screenshots")
    if not install_translations(app):
        raise SystemExit("the Chinese translation is missing: run make translations")
    with tempfile.TemporaryDirectory() as tmp:
        ws, bundles = prepare(Path(tmp) / "data")
        try:
            window = MainWindow(ws, REVIEWER)
            window.resize(1440, 900)
            window.show()
            wait_until(app, lambda: window.case_table.model().rowCount() > 0)
            settle(app)
            save(window, "case-list.png")

            workspace = window.open_case("C1")
            assert workspace is not None
            wait_until(app, lambda: workspace.contents is not None)
            workspace.open_document("d03")
            view = workspace.viewer.pdf_pane.view
            wait_until(app, lambda: workspace.viewer.page_count > 0 and bool(view._displayed))
            wait_until(app, lambda: workspace.checklist.checklist is not None)
            settle(app, 1.0)
            save(window, "workspace.png")

            workspace.centre.setCurrentWidget(workspace.opinion_holder)
            editor = workspace.opinion
            wait_until(app, lambda: editor.view is not None, timeout=60)
            # The preview converts through LibreOffice when present: wait for its pages.
            wait_until(app, lambda: not editor.preview.busy() and editor.preview.mode, timeout=120)
            settle(app, 1.0)
            save(window, "opinion-editor.png")

            workspace.centre.setCurrentWidget(workspace.documents_holder)
            recordings(app, window, workspace, ws)

            release = threading.Event()
            import_progress(app, window, ws, bundles[-1], release)
        finally:
            ws.close()
    return 0


def recordings(app: Any, window: Any, workspace: Any, ws: Any) -> None:
    """The recordings dock under the document: the cameras in step at one moment, with a
    bookmark cited into the checklist."""
    timeline = ws.recordings.timeline("C1", REVIEWER)
    first = next(r for r in timeline.recordings if r.playable)
    mark = ws.recordings.add_bookmark("C1", first.key, 4_000, 9_000, "出示执法证件", REVIEWER)
    ws.recordings.cite_bookmark("C1", mark, "procedure", REVIEWER)
    workspace.refresh()
    workspace.show_recording(first.key, 6_000)
    panel = workspace.media.panel
    wait_until(app, lambda: panel.group is not None, timeout=60)
    wait_until(app, lambda: panel.master_image() is not None, timeout=30)
    wait_until(app, lambda: panel.tools.bookmarks.count() == 1)
    settle(app, 1.5)
    save(window, "recordings.png")


def import_progress(app: Any, window: Any, ws: Any, bundle: Path, release: threading.Event) -> None:
    """The import dialog caught mid-way: the import waits at 40 % until the picture is taken."""
    real = ws.import_bundle

    def held(location: Path, **kwargs: Any) -> Any:
        progress = kwargs.pop("progress")

        def report(fraction: float, message: str) -> None:
            progress(fraction, message)
            if fraction >= 0.4:
                release.wait(30)

        return real(location, progress=report, **kwargs)

    ws.import_bundle = held
    dialog = window.import_bundle(bundle)
    wait_until(app, lambda: dialog.progress.value() >= 400)
    settle(app)
    save(dialog, "import-progress.png")
    release.set()
    wait_until(app, lambda: not dialog.running)
    dialog.close()


if __name__ == "__main__":
    raise SystemExit(main())
