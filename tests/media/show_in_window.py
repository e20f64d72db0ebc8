"""Child of test_real_window: a PlayerWidget in a real window (xcb under Xvfb, or with libVLC
missing); prints what the screen shows. Run as a script with the clip and the engine."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from child_support import spin
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workstation.demo.barcode_clip import read_number
from workstation.media.engines import vlc_missing_message
from workstation.ui.recordings.player_widget import PlayerWidget


def main() -> None:
    clip, engine = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    widget = PlayerWidget(engine=engine)
    widget.resize(480, 360)
    widget.show()
    widget.open_file(clip)
    spin(widget.is_ready, 15)
    number = None
    if widget.player is not None:
        widget.seek(5_000)
        spin(lambda: False, 0.8)
        # what the screen shows: grab the window system's pixels, not our QImage
        screen = app.primaryScreen()
        view = widget.view
        shot = screen.grabWindow(view.winId()).toImage() if view.winId() else None
        if shot is not None and not shot.isNull():
            image = view.image()
            assert image is not None
            # the picture sits fitted and centred in the view, as VideoView paints it
            size = image.size().scaled(shot.size(), Qt.AspectRatioMode.KeepAspectRatio)
            left = (shot.width() - size.width()) // 2
            top = (shot.height() - size.height()) // 2
            number = read_number(
                lambda x, y: shot.pixelColor(left + x, top + y).value(),
                size.width(),
                size.height(),
            )
    sys.stdout.write(
        json.dumps(
            {
                "platform": app.platformName(),
                "engine": widget.player.engine_name if widget.player is not None else None,
                "number": number,
                "message": widget.view.message(),
                "vlc_missing": vlc_missing_message(),
            },
            ensure_ascii=False,
        )
        + "\n"
    )
    widget.close_file()


if __name__ == "__main__":
    main()
