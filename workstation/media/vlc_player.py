"""libVLC behind the `Player` protocol: the engine that plays almost anything.

Frames come through libVLC's memory callbacks (`video_set_callbacks`): VLC decodes on its
own threads into one RGB32 buffer; the display callback copies it and nudges the UI thread,
which wraps it in a QImage. So the picture shows in a real window and offscreen alike.

What libVLC does not give: the time of the frame on screen. `get_time()` is the input clock
(right after a seek it echoes the request), and measured here a paused seek shows a frame
2–3 frames early after ~180 ms. `exact_frames` is therefore False; docs/media.md has the
numbers and why QtMultimedia steps and jumps when it can decode the file.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaDevices

from workstation.media.engines import load_vlc
from workstation.media.player import DEFAULT_FRAME_MS, clamp_rate

log = logging.getLogger(__name__)

MAX_WIDTH = 960  # VLC scales larger video down before the copy: a review pane needs no more
_POLL_MS = 40
# libvlc_video_orient_t values whose picture is turned a quarter: VLC turns it upright
# itself, so the buffer it draws into must be portrait for a portrait phone video.
_QUARTER_TURNS = {4, 5, 6, 7}

_instance_lock = threading.Lock()
_instance: Any = None


def _shared_instance() -> Any:
    """One libVLC instance per process; it is costly and thread-safe."""
    global _instance
    with _instance_lock:
        if _instance is None:
            vlc = load_vlc()
            # No art or metadata look-ups on the network, no Lua scripts (they may fetch),
            # no window of VLC's own.
            options = [
                "--quiet",
                "--no-xlib",
                "--no-video-title-show",
                "--no-metadata-network-access",
                "--no-lua",
                "--no-stats",
            ]
            if not QMediaDevices.audioOutputs():
                # With no sound device VLC retries ALSA for every audio block, flooding the
                # log; Qt's device list says there is nothing to retry for.
                options.append("--aout=dummy")
            _instance = vlc.Instance(options)
        return _instance


class _FrameBridge:
    """What VLC's threads share with the player: never the QObject itself.

    The player's QObject may be deleted (its window closed) while VLC is still drawing; the
    callbacks then find `alive` False under the lock and stop there, and the player's
    `destroyed` handler stops VLC, so no callback ever touches a deleted object.
    """

    def __init__(self, notify: Any) -> None:
        self.lock = threading.Lock()
        self.alive = True
        self.buffer: ctypes.Array[ctypes.c_ubyte] | None = None
        self.latest: bytes | None = None
        self.notify = notify

    def callbacks(self, decorators: Any) -> tuple[Any, Any, Any]:
        """The lock/unlock/display functions libVLC calls on its own threads."""

        @decorators.VideoLockCb
        def lock(_opaque: Any, planes: Any) -> None:
            buffer = self.buffer
            planes[0] = ctypes.addressof(buffer) if buffer is not None else None

        @decorators.VideoUnlockCb
        def unlock(_opaque: Any, _picture: Any, _planes: Any) -> None:
            return None

        @decorators.VideoDisplayCb
        def display(_opaque: Any, _picture: Any) -> None:
            with self.lock:
                buffer = self.buffer
                if buffer is None or not self.alive:
                    return
                self.latest = bytes(buffer)
                self.notify()

        return lock, unlock, display

    def take(self) -> bytes | None:
        """The newest frame's bytes, once."""
        with self.lock:
            data, self.latest = self.latest, None
        return data

    def retire(self) -> None:
        """No callback may reach the player any more."""
        with self.lock:
            self.alive = False


class VlcPlayer(QObject):
    """A recording played by libVLC, its frames copied out of VLC as QImages."""

    frame_shown = Signal(QImage, int)
    position_changed = Signal(int)
    duration_changed = Signal(int)
    playing_changed = Signal(bool)
    failed = Signal(str)
    warned = Signal(str)
    _frame_ready = Signal()  # emitted on VLC's thread, delivered queued on the UI thread

    engine_name = "libVLC"
    exact_frames = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vlc = load_vlc()
        self._mp = _shared_instance().media_player_new()
        self._media: Any = None
        self._name = ""
        self._size = (0, 0)
        self._frame_ms = DEFAULT_FRAME_MS
        self._phase = "closed"  # closed, parsing, priming, ready, failed
        self._early_seek: int | None = None  # a seek asked while the file was being read
        # play() asked while a seek waits for its first frame (a group seeks, then plays)
        self._play_when_shown = False
        self._playing = False
        self._duration = -1
        self._volume = 100
        self._muted = False
        self._bridge = _FrameBridge(self._frame_ready.emit)
        # the ctypes callbacks must live as long as the libVLC player that calls them
        self._callbacks = self._bridge.callbacks(self._vlc.CallbackDecorators)
        self._mp.video_set_callbacks(*self._callbacks, None)
        self._frame_ready.connect(self._deliver_frame)
        self.destroyed.connect(_stopper(self._mp, self._bridge, self._callbacks))
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._tick)

    def open(self, path: str) -> None:
        """Load a file: parse it, then show its first frame, paused."""
        self.close()
        self._name = Path(path).name
        self._media = _shared_instance().media_new_path(path)
        self._media.parse_with_options(self._vlc.MediaParseFlag.local, 3000)
        self._phase = "parsing"
        self._poll.start()

    def close(self) -> None:
        """Stop and drop the file."""
        self._poll.stop()
        if self._phase != "closed":
            self._mp.stop()
        self._phase, self._playing, self._duration = "closed", False, -1
        self._early_seek, self._play_when_shown = None, False
        self._bridge.take()
        if self._media is not None:
            self._media.release()
            self._media = None

    def play(self) -> None:
        """Start or resume playback (from the start again once the end was reached)."""
        if self._phase == "ready":
            self._mp.set_pause(0)
            self._mp.play()
        elif self._phase in ("parsing", "priming"):
            self._play_when_shown = True  # dropped before: a group's seek-then-play never ran

    def pause(self) -> None:
        """Pause on the frame now shown."""
        self._play_when_shown = False
        if self._phase == "ready":
            self._mp.set_pause(1)

    def is_playing(self) -> bool:
        """Whether playback is running."""
        return self._playing

    def seek(self, ms: int) -> None:
        """Ask VLC for media time `ms`; it shows a frame near it (see the module note).
        Asked while the file is still being read, the seek waits for its first frame."""
        if self._phase == "parsing":
            self._early_seek = ms
            return
        if self._phase not in ("ready", "priming"):
            return
        last = self._duration - 1 if self._duration > 0 else ms
        target = int(min(max(ms, 0), last))
        if self._playing or self._size == (0, 0):  # sound alone has no frame to wait for
            self._mp.set_time(target)
            return
        # Paused, VLC does not always show the frame it seeked to (near the end of a file it
        # shows nothing at all): play silently from the target and hold its first frame.
        if self._mp.get_state() in (self._vlc.State.Ended, self._vlc.State.Stopped):
            self._mp.stop()
            self._mp.play()
        self._mp.audio_set_mute(True)
        self._phase = "priming"
        self._mp.set_time(target)
        self._mp.set_pause(0)

    def step(self, frames: int) -> None:
        """Pause and move by frames: VLC's own next-frame forward, a seek backward."""
        if self._phase != "ready":
            return
        self.pause()
        if frames == 1:
            self._mp.next_frame()
        else:
            self.seek(round(self.position_ms() + frames * self._frame_ms))

    def position_ms(self) -> int:
        """VLC's clock: an estimate of what is shown."""
        return max(int(self._mp.get_time()), 0)

    def duration_ms(self) -> int:
        """The duration VLC found, -1 when unknown."""
        return self._duration

    def frame_ms(self) -> float:
        """One frame's length from the file's frame rate (25 fps when it has none)."""
        return self._frame_ms

    def set_rate(self, rate: float) -> None:
        """Playback speed, 0.25–4."""
        self._mp.set_rate(clamp_rate(rate))

    def rate(self) -> float:
        """The playback speed now."""
        return float(self._mp.get_rate())

    def set_volume(self, volume: int) -> None:
        """Volume 0–100."""
        self._volume = min(max(volume, 0), 100)
        self._mp.audio_set_volume(self._volume)

    def set_muted(self, muted: bool) -> None:
        """Silence the sound without losing the volume."""
        self._muted = muted
        self._mp.audio_set_mute(muted)

    # -- UI thread ----------------------------------------------------------------------

    def _deliver_frame(self) -> None:
        data = self._bridge.take()
        if data is None or self._phase == "closed":
            return
        width, height = self._size
        image = QImage(data, width, height, width * 4, QImage.Format.Format_RGB32).copy()
        if self._phase == "priming":
            # the first picture is on screen: hold it there, paused, sound back on — or play
            # on from it when play() was asked meanwhile
            if self._play_when_shown:
                self._play_when_shown = False
            else:
                self._mp.set_pause(1)
            self._mp.audio_set_mute(self._muted)
            self._phase = "ready"
        position = self.position_ms()
        self.frame_shown.emit(image, position)
        self.position_changed.emit(position)

    def _tick(self) -> None:
        if self._phase == "parsing":
            self._after_parse()
            return
        state = self._mp.get_state()
        if state == self._vlc.State.Error and self._phase != "failed":
            self._fail("VLC 无法解码此文件")
            return
        playing = state == self._vlc.State.Playing and self._phase == "ready"
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)
        duration = int(self._mp.get_length())
        if duration > 0 and duration != self._duration:
            self._duration = duration
            self.duration_changed.emit(duration)
        if playing and self._size == (0, 0):
            self.position_changed.emit(self.position_ms())  # sound only: no frames to follow
        if state == self._vlc.State.Ended and self._phase == "priming":
            self._phase = "ready"  # a file with sound only primes by reaching the end
        if state == self._vlc.State.Paused and self._phase == "ready":
            self._seek_asked_early()  # VLC drops a seek made while it is still starting

    def _after_parse(self) -> None:
        status = self._media.get_parsed_status()
        if status == 0:  # not parsed yet
            return
        tracks = list(self._media.tracks_get() or [])
        if not tracks or status != self._vlc.MediaParsedStatus.done:
            self._fail("文件格式无法识别或文件已损坏")
            return
        video = next((t for t in tracks if t.type == self._vlc.TrackType.video), None)
        self._configure_video(self._video_track(video) if video is not None else None)
        duration = int(self._media.get_duration())
        if duration > 0:
            self._duration = duration
            self.duration_changed.emit(duration)
        self._mp.set_media(self._media)
        self._mp.audio_set_mute(True)  # priming plays a moment: keep it silent
        self._phase = "priming" if video is not None else "ready"
        self._mp.play()
        if video is None:
            self._mp.audio_set_mute(self._muted)
            self._mp.set_pause(1)
            self._seek_asked_early()
            if self._play_when_shown:
                self._play_when_shown = False
                self.play()

    def _seek_asked_early(self) -> None:
        if self._early_seek is not None:
            early, self._early_seek = self._early_seek, None
            self.seek(early)

    def _video_track(self, track: Any) -> Any:
        # python-vlc declares libvlc_media_track_t's union {audio, video, subtitle} as three
        # fields; the union's one pointer sits where it puts `audio`.
        return ctypes.cast(track.audio, ctypes.POINTER(self._vlc.VideoTrack)).contents

    def _configure_video(self, track: Any) -> None:
        if track is None or not track.width or not track.height:
            self._size, self._bridge.buffer = (0, 0), None
            return
        width, height = int(track.width), int(track.height)
        if int(track.orientation.value) in _QUARTER_TURNS:
            width, height = height, width
        if width > MAX_WIDTH:
            height, width = round(height * MAX_WIDTH / width), MAX_WIDTH
        width, height = width - width % 2, height - height % 2
        if track.frame_rate_num and track.frame_rate_den:
            self._frame_ms = 1000 * track.frame_rate_den / track.frame_rate_num
        self._size = (width, height)
        self._bridge.buffer = (ctypes.c_ubyte * (width * height * 4))()
        self._mp.video_set_format("RV32", width, height, width * 4)

    def _fail(self, reason: str) -> None:
        self._phase = "failed"
        self._poll.stop()
        self.failed.emit(f"无法播放录音录像文件 {self._name}：{reason}")


def _stopper(player: Any, bridge: _FrameBridge, callbacks: tuple[Any, ...]) -> Any:
    """A `destroyed` handler holding no reference to the dying QObject."""

    def stop() -> None:
        bridge.retire()
        player.stop()  # joins VLC's threads: no callback runs after this
        player.release()
        del callbacks_kept[:]

    callbacks_kept = list(callbacks)  # alive until VLC has stopped calling them
    return stop
